"""Internal errors met by the GUI (a bug, not bad input) go to the state folder's error.log, like the CLI's."""

from __future__ import annotations

import traceback
from datetime import datetime

from app import __version__


def log_exception(exc: BaseException, context: str = "") -> str:
    from app.paths import user_state_dir

    try:
        path = user_state_dir() / "error.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat()} hazedesk {__version__} gui {context}\n")
            handle.write("".join(traceback.format_exception(exc)))
    except OSError as write_fault:  # the state folder cannot take it: say so (the banner shows it too)
        from app import state_faults

        fault = state_faults.report("error log", write_fault)
        return fault.path
    return str(path)
