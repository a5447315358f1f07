"""Helpers shared by the subcommands: output to a path or stdout, common options."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

from app.atomic import write_text_atomic


def write_output(text: str, target: str | None) -> None:
    """Write text to ``target`` atomically, or to stdout when target is None or '-'."""
    if target in (None, "-"):
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
    else:
        write_text_atomic(Path(target), text)


def dump_json(obj: object) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, character for character, in a third of its time: with an
    indent the json module encodes in Python through nested generators, every piece passed up through each level
    (``hazedesk review`` of a year: 765 KB, ~70 ms; issue 26); here one recursive walk appends the pieces, the
    strings escaped by the json module's own C function. Anything but dicts with text keys, lists, tuples, text,
    numbers, booleans and None is left to ``json.dumps`` whole (its result or its error)."""
    out: list[str] = []
    try:
        _encode(obj, out, "\n")
    except _Other:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


class _Other(Exception):
    """A value :func:`dump_json` leaves to the json module."""


_escape = json.encoder.encode_basestring  # the C function json.dumps uses when ensure_ascii is false


def _number(value) -> str:
    if type(value) is int or (isinstance(value, int) and not isinstance(value, bool)):
        return int.__repr__(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _encode(value, out: list[str], newline: str) -> None:
    """Append ``value`` as json.dumps writes it with ``indent=2``, ``newline`` being its own line's indent."""
    if isinstance(value, str):
        out.append(_escape(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int | float):
        out.append(_number(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Other  # numbers, booleans, None as keys: json.dumps turns them into text its own way
            kind = type(item)
            if kind is str:
                out.append(separator + _escape(key) + ": " + _escape(item))
            elif kind is float and item - item == 0:  # finite
                out.append(separator + _escape(key) + ": " + float.__repr__(item))
            else:
                out.append(separator + _escape(key) + ": ")
                _encode(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            kind = type(item)
            if kind is str:
                out.append(separator + _escape(item))
            elif kind is float and item - item == 0:  # finite
                out.append(separator + float.__repr__(item))
            else:
                out.append(separator)
                _encode(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise _Other


@contextlib.contextmanager
def loading(args):
    """What a one-run command loads (its modules, the forecast, the scheme, the letters) under a paused
    garbage collector, then frozen out of it (``gc.freeze``): while modules load the collector walks every
    object they made up to ~300 times and finds no garbage (~0.1–0.2 s of ``hazedesk proposal``), and later
    collections no longer walk what lives until exit anyway. Frozen objects are freed by their reference
    counts as before; a cycle among them is freed only at exit, so nothing loaded here holds a file open for
    writing. Only when the command owns its process (``args.owns_process``: hazedesk run as a program, not
    ``main(argv)`` called by tests or other code), which is then left with the collector on."""
    with _collector_paused(args, freeze=True):
        yield


@contextlib.contextmanager
def collections_paused(args):
    """Work after loading that makes no cyclic garbage and keeps what it makes until the command's output is
    written (a replay's evaluations: a collection after the season's thirty finds nothing, and the ~30
    collections while they run walked them for ~12 ms, issue 26), with the collector paused; given back as it
    was. Only when the command owns its process, as :func:`loading`."""
    with _collector_paused(args, freeze=False):
        yield


@contextlib.contextmanager
def _collector_paused(args, *, freeze: bool):
    """The collector off while the block runs, then (``freeze``) what the block made frozen out of it, and the
    collector given back as it was — only in a process hazedesk owns."""
    if not getattr(args, "owns_process", False):
        yield
        return
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
