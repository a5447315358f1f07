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
    return json.dumps(obj, ensure_ascii=False, indent=2)


@contextlib.contextmanager
def loading(args):
    """What a one-run command loads (its modules, the forecast, the scheme, the letters) under a paused
    garbage collector, then frozen out of it (``gc.freeze``): while modules load the collector walks every
    object they made up to ~300 times and finds no garbage (~0.1–0.2 s of ``hazedesk proposal``), and later
    collections no longer walk what lives until exit anyway. Frozen objects are freed by their reference
    counts as before; a cycle among them is freed only at exit, so nothing loaded here holds a file open for
    writing. Only when the command owns its process (``args.owns_process``: hazedesk run as a program, not
    ``main(argv)`` called by tests or other code), which is then left with the collector on."""
    if not getattr(args, "owns_process", False):
        yield
        return
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
