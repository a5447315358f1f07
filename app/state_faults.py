"""When the state folder (audit log, autosave, drafts, error log) cannot be written: never lose the work.

Nothing here stops a command or the window. A failed write of state is *reported* here once per kind
(``report``); the CLI prints each report as one line on stderr and still exits 0 when its real output was
written; the window shows a banner ("无法保存工作状态") and the status bar, and retries. Stdlib only.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import Problem, WriteError

WHAT_ZH = {"audit log": "审计日志", "autosave": "自动保存", "drafts": "建议函草稿", "error log": "错误日志",
           "state folder": "工作状态文件夹"}


class StateFolderError(WriteError, OSError):
    """The state folder itself cannot be created or used (an OSError too, for code that treats it as one)."""

    @classmethod
    def from_os_error(cls, folder: Path, exc: OSError) -> StateFolderError:
        from app.atomic import reason_of

        return cls(Problem(f"the state folder cannot be used: {reason_of(exc)}", file=str(folder)),
                   path=str(folder), errno=exc.errno)


@dataclass(frozen=True)
class StateFault:
    what: str  # "audit log" | "autosave" | "drafts" | "error log" | "state folder"
    path: str
    reason: str  # English, from the Problem's message
    reason_zh: str

    def line(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"{WHAT_ZH.get(self.what, self.what)}未能写入（{self.path}）：{self.reason_zh}"
        return f"the {self.what} could not be written ({self.path}): {self.reason}"


_faults: list[StateFault] = []
_listeners: list[Callable[[StateFault], None]] = []


def report(what: str, exc: BaseException, path: str | os.PathLike = "") -> StateFault:
    """Record that ``what`` could not be written and tell the listeners (the window's banner)."""
    if isinstance(exc, WriteError):
        problem, where = exc.problem, exc.path or str(path)
    elif isinstance(exc, OSError):
        from app.atomic import write_error

        err = write_error(path or exc.filename or "", exc)
        problem, where = err.problem, err.path
    else:
        problem, where = Problem(str(exc)), str(path)
    fault = StateFault(what, where or str(path), problem.message, problem.localized("zh").message)
    _faults.append(fault)
    for listener in list(_listeners):
        with contextlib.suppress(Exception):  # a listener's bug must not turn a reported fault into a crash
            listener(fault)
    return fault


def faults() -> list[StateFault]:
    return list(_faults)


def take() -> list[StateFault]:
    """The faults reported so far, once each (by what and reason), and forget them."""
    seen, out = set(), []
    for fault in _faults:
        key = (fault.what, fault.reason)
        if key not in seen:
            seen.add(key)
            out.append(fault)
    _faults.clear()
    return out


def subscribe(listener: Callable[[StateFault], None]) -> Callable[[], None]:
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def check_state_folder() -> StateFault | None:
    """None when a file can be created in the state folder now; else the fault (not reported)."""
    from app.paths import state_dir_path, user_state_dir

    try:
        folder = user_state_dir()
        fd, probe = tempfile.mkstemp(prefix=".probe.", suffix=".tmp", dir=folder)
        try:
            os.write(fd, b"x")
            os.fsync(fd)
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(probe)
    except (OSError, WriteError) as exc:
        if isinstance(exc, WriteError):
            problem = exc.problem
        else:
            from app.atomic import write_error

            problem = write_error(state_dir_path(), exc).problem
        return StateFault("state folder", str(state_dir_path()), problem.message,
                          problem.localized("zh").message)
    return None
