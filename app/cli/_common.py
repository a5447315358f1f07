"""Helpers shared by the subcommands: output to a path or stdout, common options."""

from __future__ import annotations

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
