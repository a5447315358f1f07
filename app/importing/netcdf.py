"""WRF-Chem and CMAQ files read through netCDF4 alone, with the values xarray would give.

xarray costs every ``consult`` and ``evaluate`` of a model file about 0.13 s to import (and asyncio with it) and
more to open a file, for what the native readers (:mod:`app.importing.native`) need of it: attributes, dimension
sizes, and a variable's values by index. :class:`Dataset` offers that much of xarray's interface over a
``netCDF4.Dataset`` read raw (no automatic masking, scaling or character conversion), decoded as xarray's CF
decoding does for the variables model files hold: floating-point variables, their ``_FillValue`` and
``missing_value`` masked as NaN in the same dtype; integers as they are; character arrays joined into strings
along their last dimension; variables named in a ``coordinates`` attribute, and dimension variables, are
coordinates, not data variables.

Anything else — packed values (``scale_factor``, ``add_offset``, ``_Unsigned``), integers with a fill value,
times or durations in CF units, encoded strings, a variable named like a dimension it does not run along —
raises :class:`NeedsXarray` when it is read (or, for the structure, when the file is opened): the caller then
reads the file with xarray as before, so that such a file is read exactly as it always was.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

PACKING = ("scale_factor", "add_offset", "_Unsigned")
FILLS = ("_FillValue", "missing_value")
DURATION_UNITS = ("days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds")


# netCDF4 releases the GIL in its C calls and HDF5 is not built to be used from two threads at once: the window
# loads forecasts in a thread pool, so a NetCDF file is read by one thread at a time (xarray took its own lock
# around each access; this one is held for a whole load, and by xarray's reads too).
LOCK = threading.RLock()


class NeedsXarray(Exception):
    """This file, or the variable being read, needs xarray's decoding."""


def open_file(path: Path):
    """The file opened by netCDF4: a :class:`Dataset` when it is a WRF-Chem or CMAQ IOAPI file (by its attributes,
    as :func:`app.importing.native.native_kind` tells them), else the open ``netCDF4.Dataset`` itself — xarray then
    reads it without opening the file a second time (:func:`app.importing.grid.open_dataset`); None when netCDF4
    does not open it (xarray's engines, and their message, decide)."""
    try:
        import netCDF4
    except ImportError:  # pragma: no cover - a dependency; xarray then tries its engines
        return None
    try:
        raw = netCDF4.Dataset(str(path), "r")
    except Exception:  # noqa: BLE001 - not a file netCDF4 reads: xarray's engines, and their message, decide
        return None
    try:
        attrs = {k: raw.getncattr(k) for k in raw.ncattrs()}
        native = ("TFLAG" in raw.variables and "GDTYP" in attrs) or \
            ("XLAT" in raw.variables and "XLONG" in raw.variables and "MAP_PROJ" in attrs)
        return Dataset(raw, attrs) if native else raw
    except Exception:  # noqa: BLE001 - NeedsXarray, or a structure netCDF4 cannot describe: xarray reports it
        raw.close()
        return None


class Dataset:
    """``attrs``, ``variables``, ``data_vars``, ``sizes`` and ``ds[name]`` of an open ``netCDF4.Dataset``."""

    def __init__(self, raw, attrs: dict):
        raw.set_auto_maskandscale(False)
        raw.set_auto_chartostring(False)
        self._raw = raw
        self.attrs = attrs
        variables = {}
        for name, var in raw.variables.items():
            variables[str(name)] = Variable.from_file(str(name), var, raw.variables)
        self.variables = variables
        coordinates = {name for name, var in variables.items() if name in var.dims}
        for holder in [attrs, *(v.attrs for v in variables.values())]:
            listed = holder.get("coordinates")
            if isinstance(listed, str):
                coordinates.update(n for n in listed.split() if n in variables)
        self.data_vars = {name: var for name, var in variables.items() if name not in coordinates}
        sizes: dict[str, int] = {}
        for var in variables.values():
            sizes.update(var.sizes)
        self.sizes = sizes

    def __getitem__(self, name: str) -> Variable:
        return self.variables[name]

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Variable:
    """A variable, or a selection of it, read when ``values`` is asked for.

    ``_pick`` holds, for each of the source's dimensions, the index kept (an int: the dimension is gone) or the
    positions kept (a ``range``); ``_order`` the remaining source dimensions in this view's order."""

    def __init__(self, name: str, source, source_dims: tuple[str, ...], attrs: dict, pick: tuple, order: tuple,
                 chars: bool = False, decode: bool = True):
        self.name = name
        self._source = source
        self._source_dims = source_dims
        self.attrs = attrs
        self._pick = pick
        self._order = order
        self._chars = chars  # a character array: its last source dimension is joined into strings
        self._decode = decode
        self.encoding: dict = {}
        self.coords: dict = {}

    @classmethod
    def from_file(cls, name: str, var, variables) -> Variable:
        dims = tuple(map(str, var.dimensions))
        if name in dims and dims != (name,):
            raise NeedsXarray(f"{name} is named like one of its dimensions {dims}")
        attrs = {k: var.getncattr(k) for k in var.ncattrs()}
        dtype = var.dtype
        chars = isinstance(dtype, np.dtype) and dtype.kind == "S" and dtype.itemsize == 1 and len(dims) >= 1 \
            and dims[-1] not in variables
        shape = tuple(int(n) for n in var.shape)
        kept = dims[:-1] if chars else dims
        pick = tuple(range(n) for n in (shape[:-1] if chars else shape))
        return cls(name, var, kept, attrs, pick, tuple(range(len(kept))), chars=chars)

    # ---------------------------------------------------------------- shape

    @property
    def dims(self) -> tuple[str, ...]:
        return tuple(self._source_dims[k] for k in self._order)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(self._pick[k]) for k in self._order)

    @property
    def sizes(self) -> dict[str, int]:
        return dict(zip(self.dims, self.shape))

    @property
    def ndim(self) -> int:
        return len(self._order)

    @property
    def dtype(self) -> np.dtype:
        return self._decoded_dtype()

    # ---------------------------------------------------------------- selection

    def isel(self, indexers: dict | None = None, **more) -> Variable:
        """Positional selection by dimension name: an int drops the dimension, a slice keeps it."""
        pick = list(self._pick)
        order = list(self._order)
        for dim, index in {**(indexers or {}), **more}.items():
            at = self.dims.index(dim)
            source = order[at]
            pick[source] = _narrow(pick[source], index, dim)
            if isinstance(index, (int, np.integer)):
                order.pop(at)
        return self._view(tuple(pick), tuple(order))

    def __getitem__(self, key) -> Variable:
        key = key if isinstance(key, tuple) else (key,)
        return self.isel({dim: index for dim, index in zip(self.dims, key)})

    def transpose(self, *dims: str) -> Variable:
        if sorted(dims) != sorted(self.dims):
            raise ValueError(f"transpose: {dims} are not the dimensions {self.dims}")
        return self._view(self._pick, tuple(self._order[self.dims.index(d)] for d in dims))

    def _view(self, pick: tuple, order: tuple) -> Variable:
        return Variable(self.name, self._source, self._source_dims, self.attrs, pick, order, self._chars,
                        self._decode)

    # ---------------------------------------------------------------- values

    @property
    def values(self) -> np.ndarray:
        key = tuple(index if isinstance(index, int) else slice(index.start, index.stop, index.step) if index
                    else slice(0, 0) for index in self._pick)
        if self._chars:
            key = (*key, slice(None))
        data = np.asarray(self._source[key] if key else self._source[...])
        if self._chars:
            data = _join_chars(data)
        kept = [k for k, index in enumerate(self._pick) if not isinstance(index, int)]
        data = data.transpose([kept.index(k) for k in self._order]) if data.ndim > 1 else data
        if data.dtype.byteorder not in ("=", "|"):
            data = data.astype(data.dtype.newbyteorder("="))
        return self._decoded(data) if self._decode else data

    def _decoded_dtype(self) -> np.dtype:
        if self._chars:
            return np.dtype(f"S{self._source.shape[-1]}")
        return np.dtype(self._source.dtype) if not self._decode else self._decoded(
            np.empty(0, dtype=self._source.dtype)).dtype

    def _decoded(self, data: np.ndarray) -> np.ndarray:
        """As xarray's CF decoding gives the values of the variables model files hold (see the module)."""
        attrs = self.attrs
        if any(k in attrs for k in PACKING):
            raise NeedsXarray(f"{self.name} is packed")
        if "_Encoding" in attrs:
            raise NeedsXarray(f"{self.name} holds encoded strings")
        units = attrs.get("units")
        if isinstance(units, str) and data.dtype.kind in "iuf" and (
                "since" in units or units in DURATION_UNITS):
            raise NeedsXarray(f"{self.name} holds times or durations")
        fills = [v for k in FILLS if k in attrs for v in np.ravel(attrs[k])]
        if data.dtype.kind == "S":
            if fills:
                raise NeedsXarray(f"{self.name}: characters with a fill value")
            return data
        if data.dtype.kind in "iu":
            if fills:
                raise NeedsXarray(f"{self.name}: integers with a fill value")
            return data
        if data.dtype.kind != "f" or data.dtype.itemsize not in (4, 8):
            raise NeedsXarray(f"{self.name} is of type {data.dtype}")
        fills = [v for v in fills if not _is_nan(v)]
        if not fills:
            return data
        masked = np.zeros(data.shape, dtype=bool)
        for value in fills:
            masked |= data == value
        return np.where(masked, np.nan, data).astype(data.dtype, copy=False)

    # ---------------------------------------------------------------- arithmetic (CMAQ's species sums)

    def __mul__(self, factor: float) -> Variable:
        return _in_memory(self, self.values * factor)

    def __add__(self, other: Variable) -> Variable:
        if other.dims != self.dims:
            raise ValueError(f"cannot add {other.dims} to {self.dims}")
        return _in_memory(self, self.values + other.values, _merged_attrs(self.attrs, other.attrs))


def _in_memory(like: Variable, data: np.ndarray, attrs: dict | None = None) -> Variable:
    """A result held in memory, with the operand's attributes (as xarray keeps them) and no encoding."""
    return Variable(like.name, data, like.dims, dict(like.attrs if attrs is None else attrs),
                    tuple(range(n) for n in data.shape), tuple(range(data.ndim)), decode=False)


def _merged_attrs(first: dict, second: dict) -> dict:
    """The attributes of a sum as xarray combines them (``drop_conflicts``): those of both operands, except
    a name the two give different values."""
    out = dict(first)
    for key, value in second.items():
        if key not in first:
            out[key] = value
        elif not _same_value(first[key], value):
            out.pop(key, None)
    return out


def _same_value(a, b) -> bool:
    import pandas as pd

    try:
        if a is b:
            return True
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            a, b = np.asarray(a), np.asarray(b)
            return a.shape == b.shape and bool(np.all((a == b) | (pd.isnull(a) & pd.isnull(b))))
        if pd.isnull(a) and pd.isnull(b):
            return True
        result = a == b
        return bool(result) if isinstance(result, (bool, np.bool_)) else False
    except (ValueError, TypeError):
        return False


def _narrow(current, index, dim: str):
    if not isinstance(current, range):
        raise IndexError(f"dimension {dim} is already selected")
    if isinstance(index, (int, np.integer)):
        return current[int(index)]  # IndexError when out of range, as xarray
    if isinstance(index, slice) and (index.step is None or index.step > 0):
        return current[index]
    raise NeedsXarray(f"selection {index!r} along {dim}")


def _join_chars(data: np.ndarray) -> np.ndarray:
    """(…, n) single characters → (…) strings of n characters, as xarray joins them (trailing NULs dropped)."""
    width = data.shape[-1] if data.ndim else 1
    joined = np.ascontiguousarray(data).view(f"S{width}") if width else np.zeros(data.shape[:-1] + (1,), "S1")
    return joined.reshape(data.shape[:-1])


def _is_nan(value) -> bool:
    try:
        return bool(np.isnan(value))
    except TypeError:
        return False
