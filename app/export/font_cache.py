"""Parsed bundled fonts, kept in the state folder between runs.

Parsing a TrueType file costs every export: ReportLab's ``TTFont`` walks the whole cmap, hmtx and loca tables
(0.04–0.17 s a face), and the character coverage read with fontTools another 0.03–0.09 s a face, plus fontTools'
import. Both results depend only on the font file's bytes (and on the parser's version), so they are kept in
``<state>/cache/fonts/`` under the SHA-256 of the file: a changed or rebuilt font has another hash and is parsed
afresh. The file's bytes are still read at every run — ReportLab cuts the embedded subset from them — so the
PDF embeds exactly the glyphs a fresh parse would give (tests/export/test_font_cache.py compares the two).

The cache holds plain values only (numbers, strings, bytes, lists, dicts) behind their own SHA-256 and is read
with an unpickler that refuses every class, so a damaged or foreign file in the state folder is a cache miss,
never code run. A state
folder that cannot be written only means the next run parses again.

Hashing the fonts was itself ~30 ms a run (each face's file hashed, the 13 MB GB18030 face only to look up its
coverage), so each file's SHA-256 is also remembered in ``digests.json`` beside the entries, under the file's
path, size and modification time (what ``app.export.font_lookup`` fingerprints system fonts by): a file whose
size or time changed is hashed again. A face's big tables are unpacked when ReportLab first asks for them;
``glyphToChar`` (~30 000 small lists a face, and the full garbage collection their allocation set off) only
serves ReportLab's text shaping, which the letter does not use, so a letter never builds it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
from array import array
from itertools import accumulate
from pathlib import Path

FORMAT = 2  # bump when what is stored changes
# what a parsed face must hold to draw and subset (extractInfo's results)
_NEEDED = {"name", "unitsPerEm", "charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos", "table",
           "defaultWidth", "ascent", "descent", "bbox", "flags"}
_NAME_MARK = "__ttfname__"  # a TTFNameBytes (bytes with its decoded .ustr), stored as its text


_digests: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) → SHA-256, this process's and digests.json's
_DIGESTS_FILE = "digests.json"
_stored_read = False


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = os.stat(path)
    return str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns


def _load_stored() -> None:
    """The digests earlier runs remembered (a missing, unreadable or foreign file: none)."""
    global _stored_read
    if _stored_read:
        return
    _stored_read = True
    folder = _folder()
    try:
        entries = json.loads((folder / _DIGESTS_FILE).read_text("utf-8")) if folder is not None else []
    except (OSError, ValueError):
        return
    for entry in entries if isinstance(entries, list) else []:
        if (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)
                and all(type(x) is int for x in entry[1:3]) and isinstance(entry[3], str) and len(entry[3]) == 64):
            _digests.setdefault((entry[0], entry[1], entry[2]), entry[3])


def _remember(stamp: tuple[str, int, int], sha: str) -> None:
    _digests[stamp] = sha
    folder = _folder()
    if folder is None:
        return
    from app.atomic import write_text_atomic
    from app.errors import InputError

    entries = [[p, size, mtime, known] for (p, size, mtime), known in sorted(_digests.items())]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_text_atomic(folder / _DIGESTS_FILE, json.dumps(entries))
    except (OSError, InputError):
        pass


def file_digest(path: Path) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256 (hex); the file is hashed only when its size or time is new."""
    stamp = _stamp(path)
    data = Path(path).read_bytes()
    _load_stored()
    sha = _digests.get(stamp)
    if sha is None:
        sha = hashlib.sha256(data).hexdigest()
        if len(data) == stamp[1]:  # not written to while read
            _remember(stamp, sha)
    return data, sha


def digest(path: Path) -> str:
    """SHA-256 of the font file, hashed only when its path, size or modification time is new."""
    _load_stored()
    known = _digests.get(_stamp(path))
    return known if known is not None else file_digest(path)[1]


def _folder() -> Path | None:
    try:
        from app.paths import user_state_dir

        return user_state_dir() / "cache" / "fonts"
    except OSError:  # no usable state folder: parse every time
        return None


def _write(path: Path, payload: bytes) -> None:
    """Store ``payload`` behind its own SHA-256, so a truncated or foreign file reads as a miss."""
    from app.atomic import write_bytes_atomic
    from app.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, hashlib.sha256(payload).digest() + payload)
    except (OSError, InputError):
        pass


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[32:]
    return payload if len(data) >= 32 and hashlib.sha256(payload).digest() == data[:32] else None


# --- character coverage (fontTools' best cmap) --------------------------------------------------------------

def coverage(path: Path) -> frozenset[int]:
    """The code points the font at ``path`` draws (fontTools' best Unicode cmap)."""
    folder = _folder()
    key = folder / f"{digest(path)}.cmap{FORMAT}" if folder is not None else None
    payload = _read(key) if key is not None else None
    if payload is not None and len(payload) % 4 == 0:
        points = array("I")
        points.frombytes(payload)
        if sys.byteorder != "little":
            points.byteswap()
        return frozenset(points)
    from fontTools.ttLib import TTFont

    points = frozenset(TTFont(str(path), lazy=True).getBestCmap())
    if key is not None:
        stored = array("I", sorted(points))
        if sys.byteorder != "little":
            stored.byteswap()
        _write(key, stored.tobytes())
    return points


# --- subsets embedded in Word files (app.export.docx_fonts) -------------------------------------------------

KEPT_SUBSETS = 120  # the newest subsets kept; older ones are removed as new ones are stored


def subset(path: Path, text: str, make) -> bytes:
    """The subset of the font at ``path`` for the characters of ``text``: stored from an earlier export of the
    same characters, else ``make()``'s (fontTools, ~0.1–0.2 s a face) and stored — exporting a letter again, or
    its .docx after its .pdf, cuts no font a second time."""
    folder = _folder()
    chars = "".join(sorted(set(text)))
    key = (folder / f"{digest(path)}.{hashlib.sha256(chars.encode('utf-8')).hexdigest()[:24]}.subset{FORMAT}"
           if folder is not None else None)
    payload = _read(key) if key is not None else None
    if payload is not None:
        return payload
    payload = make()
    if key is not None:
        _write(key, payload)
        _prune(folder)
    return payload


def _prune(folder: Path) -> None:
    try:
        stored = sorted(folder.glob(f"*.subset{FORMAT}"), key=lambda p: p.stat().st_mtime_ns)
        for old in stored[:-KEPT_SUBSETS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


# --- ReportLab faces ----------------------------------------------------------------------------------------

class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):  # plain values only: no class is ever looked up
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the font cache")


_PACKED = "__packed__"


def _ints(values) -> bytes:
    return array("q", values).tobytes()


def _unints(data: bytes) -> list[int]:
    values = array("q")
    values.frombytes(data)
    return values.tolist()


def _pack(value):
    """The face's big tables (cmap, widths, metrics, glyph offsets: thousands of numbers) as arrays of machine
    integers or doubles, which load a few times faster than the same dicts and lists pickled item by item."""
    if isinstance(value, dict) and value and all(type(k) is int for k in value):
        values = list(value.values())
        if all(type(v) is int for v in values):
            return (_PACKED, "int-int", _ints(value), _ints(values))
        if all(type(v) is float for v in values):
            return (_PACKED, "int-float", _ints(value), array("d", values).tobytes())
        if all(type(v) is list and all(type(x) is int for x in v) for v in values):
            return (_PACKED, "int-list", _ints(value), _ints(len(v) for v in values),
                    _ints(x for v in values for x in v))
    if isinstance(value, list) and value:
        if all(type(v) is int for v in value):
            return (_PACKED, "ints", _ints(value))
        if all(type(v) is tuple and len(v) == 2 and type(v[0]) is int and type(v[1]) is int for v in value):
            return (_PACKED, "int-pairs", _ints(v[0] for v in value), _ints(v[1] for v in value))
    return value


_PACKED_PARTS = {"int-int": 2, "int-float": 2, "int-list": 3, "ints": 1, "int-pairs": 2}


def _check_packed(value: tuple) -> None:
    """A packed table as _pack writes it (its kind known, its parts bytes); else ValueError: a cache miss."""
    kind = value[1] if len(value) > 1 else None
    if kind not in _PACKED_PARTS or len(value) != 2 + _PACKED_PARTS[kind] or \
            not all(type(part) is bytes and len(part) % 8 == 0 for part in value[2:]):
        raise ValueError(f"not a packed table: {kind!r}")


def _unpack(value):
    if not (isinstance(value, tuple) and value and value[0] == _PACKED):
        return value
    kind, parts = value[1], value[2:]
    if kind == "int-int":
        return dict(zip(_unints(parts[0]), _unints(parts[1])))
    if kind == "int-float":
        floats = array("d")
        floats.frombytes(parts[1])
        return dict(zip(_unints(parts[0]), floats.tolist()))
    if kind == "int-list":
        keys, flat, lengths = _unints(parts[0]), _unints(parts[2]), _unints(parts[1])
        if lengths.count(1) == len(lengths):  # one character a glyph, the usual case
            return {key: [char] for key, char in zip(keys, flat)}
        ends = list(accumulate(lengths))
        return {key: flat[end - length:end] for key, length, end in zip(keys, lengths, ends)}
    if kind == "ints":
        return _unints(parts[0])
    if kind == "int-pairs":
        return list(zip(_unints(parts[0]), _unints(parts[1])))
    raise ValueError(f"unknown packed kind {kind!r}")


def _face_state(face) -> dict:
    """The parsed face's attributes as plain values (its file bytes and scale function left out)."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    state = {}
    for name, value in vars(face).items():
        if name in ("_ttf_data", "_pdfScale", "filename"):
            continue
        state[name] = (_NAME_MARK, value.ustr) if isinstance(value, TTFNameBytes) else _pack(value)
    return state


def _scale(units_per_em: int):
    """ReportLab's glyph-unit → 1/1000 em scale, as ``TTFontFile.extractInfo`` makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


_face_class = None


def _cached_face_class():
    """``TTFontFace`` whose packed tables become attributes when first read (``__getattr__`` is asked only
    for an attribute the instance does not have yet; afterwards the plain attribute answers)."""
    global _face_class
    if _face_class is None:
        from reportlab.pdfbase.ttfonts import TTFontFace

        class CachedTTFontFace(TTFontFace):
            def __getattr__(self, name):
                packed = self.__dict__.get("_packed_tables")
                if packed is None or name not in packed:
                    raise AttributeError(name)
                value = _unpack(packed.pop(name))
                setattr(self, name, value)
                return value

        _face_class = CachedTTFontFace
    return _face_class


def _face_from_state(state: dict, data: bytes, filename: str):
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    cls = _cached_face_class()
    face = cls.__new__(cls)
    packed = {}
    for name, value in state.items():
        if isinstance(value, tuple) and len(value) == 2 and value[0] == _NAME_MARK:
            value = TTFNameBytes(value[1].encode("utf-8"))
        elif isinstance(value, tuple) and value and value[0] == _PACKED:
            _check_packed(value)
            packed[name] = value
            continue
        setattr(face, name, value)
    face._packed_tables = packed
    face._ttf_data, face.filename, face._pdfScale = data, filename, _scale(face.unitsPerEm)
    return face


def face_attributes(face) -> dict:
    """Every attribute of a (cached or fresh) face, packed tables unpacked: what a fresh parse holds."""
    names = [n for n in vars(face) if n != "_packed_tables"] + list(vars(face).get("_packed_tables", {}))
    return {name: getattr(face, name) for name in names}


def _font_with_face(name: str, face):
    """A ``TTFont`` around an already parsed face: what ``TTFont.__init__`` sets, minus the parse."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, unShapedFontGlob

    font = TTFont.__new__(TTFont)
    font.fontName, font.face, font.encoding = name, face, TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
    return font


def reportlab_font(name: str, path: Path):
    """ReportLab's ``TTFont(name, path)``, its parse taken from the cache when the file is unchanged."""
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    data, sha = file_digest(path)
    folder = _folder()
    key = (folder / f"{sha}.reportlab-{reportlab.Version}.f{FORMAT}-{sys.byteorder}" if folder is not None
           else None)
    payload = _read(key) if key is not None else None
    if payload is not None:
        try:
            state = _PlainUnpickler(io.BytesIO(payload)).load()
            if isinstance(state, dict) and _NEEDED <= state.keys():
                return _font_with_face(name, _face_from_state(state, data, str(path)))
        except (ValueError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, KeyError, IndexError):
            pass  # not a face this version wrote: parse afresh and replace it
    font = TTFont(name, str(path))
    if key is not None:
        _write(key, pickle.dumps(_face_state(font.face), protocol=pickle.HIGHEST_PROTOCOL))
    return font
