"""The ``hazedesk`` command.

Each subcommand lives in its own module in this package and exposes ``register(subparsers)`` (which adds its
parser and sets ``func``). Modules import their heavy dependencies inside the command function, so that
``hazedesk --help`` and the start of the GUI stay fast.

Exit codes for every subcommand: 0 success, 2 bad input (one clear message on stderr naming the file and what
is wrong), 1 internal error (a short message; the traceback goes to the log file, not the terminal).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys
import traceback
from datetime import datetime

from app import __version__
from app.errors import InputError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep its message short and on stderr."""


def command_names() -> list[str]:
    """The subcommands, one module each (found without importing them)."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with ``only`` (a subcommand's name) just that subcommand's: ``hazedesk gui`` then
    imports one command module, not all ten (their argparse set-up is a few tens of ms at every start)."""
    parser = _Parser(prog="hazedesk", description="HazeDesk 川渝重污染天气预警会商台")
    parser.add_argument("--version", action="version", version=f"hazedesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_names() if only is None else [only]:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def _log_internal_error() -> str:
    """Where the traceback went; when the state folder cannot take it, says so (the error is still shown)."""
    from app.paths import state_dir_path, user_state_dir

    try:
        path = user_state_dir() / "error.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat()} hazedesk {__version__} {' '.join(sys.argv)}\n")
            handle.write(traceback.format_exc())
    except OSError as exc:
        return f"{state_dir_path() / 'error.log'} could not be written: {exc.strerror or exc}"
    return str(path)


def _report_state_faults(command: str) -> None:
    """One line per thing the state folder could not take (audit log, …): the command's own output stands."""
    from app import state_faults

    lang = message_language()
    for fault in state_faults.take():
        sep = "：" if lang == "zh" else ": "
        print(f"hazedesk {command}{sep}{fault.line(lang)}", file=sys.stderr)


def _terminate_as_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # so that a kill during an export runs the clean-up (no partial files left)


def message_language(environ=os.environ) -> str:
    """"zh" when HAZEDESK_LANG says so, else when the locale for messages (LC_ALL, LC_MESSAGES, LANG: the first
    that is set, as POSIX reads them) is Chinese; "en" otherwise."""
    chosen = environ.get("HAZEDESK_LANG", "").strip().lower()
    if not chosen:
        chosen = next((environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v)), "").lower()
    return "zh" if chosen.startswith("zh") else "en"


def opens_a_file(first: str) -> bool:
    """Whether the first argument names a file to open in the window rather than a subcommand: not a command or
    an option, and a file that exists (a typo of a command still gets argparse's "invalid choice")."""
    return first not in command_names() and not first.startswith("-") and os.path.isfile(first)


def leave_at_once(code: int) -> None:
    """End the process now, once its work is written and closed: what was registered to run at exit runs
    (``atexit``: logging's flush, the bench's peak memory, weakref finalizers), the standard streams are flushed,
    and the interpreter's own tear-down — every object and module freed one by one, Qt's widgets and the
    QApplication destroyed — is skipped (0.17 s of ``hazedesk gui --screenshot``'s 1.5 s). Only for a command
    that set ``args.leave_at_once`` after writing its files, in a process it owns (see :func:`main`)."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say on it
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run one command. ``argv`` None: this is the program (the console script, ``python -m app``, the
    bundle), and the command may tune the process for its one run (``app.cli._common.loading``); with
    ``argv`` given (tests, other code calling in) the process is the caller's and is left as it is."""
    owns_process = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]  # the default command: `hazedesk --screenshot x.png` is `hazedesk gui --screenshot …`
    elif opens_a_file(argv[0]):  # hazedesk FILE: a double-click on a session, case or forecast (desktop entry)
        argv = ["gui", *argv]
    parser = build_parser(argv[0] if argv[0] in command_names() else None)  # help, --version, typos: all
    args = parser.parse_args(argv)
    args.owns_process = owns_process
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    import signal

    if args.command != "gui":  # the window has its own event loop and quits through it
        with contextlib.suppress(ValueError, AttributeError):  # not the main thread, or no SIGTERM (Windows)
            signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    try:
        code = int(args.func(args) or EXIT_OK)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not in the interpreter's exit
        _report_state_faults(args.command)
        if owns_process and getattr(args, "leave_at_once", False):
            leave_at_once(code)
        return code
    except InputError as exc:
        _report_state_faults(args.command)
        if message_language() == "zh":
            print(f"hazedesk {args.command}：错误：{exc.render('zh')}", file=sys.stderr)
        else:
            print(f"hazedesk {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"hazedesk {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:  # the reader went away (`hazedesk case list | head`): not an error of ours
        with contextlib.suppress(OSError):  # no "Exception ignored … BrokenPipeError" when stdout is flushed at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback on the terminal
        log = _log_internal_error()
        print(f"hazedesk {args.command}: internal error: {type(exc).__name__}: {exc}\n"
              f"(details written to {log})", file=sys.stderr)
        return EXIT_INTERNAL
