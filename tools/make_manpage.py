"""The manual pages of the Linux package, written from the command line's own parser (so they never drift):
``hazedesk-cli.1`` (every subcommand with its options, exit status, environment, files) and ``hazedesk.1`` (the
window program). Roff (man(7) macros), UTF-8. Run: ``python -m tools.make_manpage --out DIR``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import __version__  # noqa: E402
from app.cli import build_parser  # noqa: E402


def _roff(text: str) -> str:
    """Text safe in a roff line: backslashes doubled, a leading dot or quote escaped, hyphens as minus signs."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line[:1] in (".", "'") else line for line in text.splitlines())


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
    return [(name, helps.get(name, ""), sub) for name, sub in sorted(action.choices.items())]


def _options(sub: argparse.ArgumentParser) -> list[str]:
    lines = []
    for act in sub._actions:
        if act.help == argparse.SUPPRESS or isinstance(act, argparse._HelpAction):
            continue
        if act.option_strings:
            metavar = "" if act.nargs == 0 else " " + (act.metavar or act.dest.upper())
            name = ", ".join(f"{o}{metavar}" for o in act.option_strings)
        else:
            name = act.metavar or act.dest.upper()
        text = (act.help or "") % {"default": act.default} if "%(" in (act.help or "") else (act.help or "")
        if act.choices and not act.option_strings and not isinstance(act.choices, dict):
            text += f" ({' | '.join(map(str, act.choices))})"
        lines += [".TP", f"\\fB{_roff(name)}\\fR", _roff(text) or "\\&"]
    return lines


COMMON_TAIL = """.SH EXIT STATUS
.TP
.B 0
success
.TP
.B 1
an internal error: details in the state folder's \\fIerror.log\\fR, never a traceback on the terminal
.TP
.B 2
bad input: one message on standard error naming the file, row and column and what was expected
.SH ENVIRONMENT
.TP
.B HAZEDESK_LANG
\\fBzh\\fR or \\fBen\\fR: the language of messages (default: Chinese when the locale is Chinese)
.TP
.B HAZEDESK_HOME
the state folder (default \\fI~/.local/state/hazedesk\\fR)
.SH FILES
.TP
.I ~/.local/state/hazedesk/
settings, autosave, drafts, the audit log \\fIaudit.jsonl\\fR, the case library \\fIcases.sqlite\\fR; left in place
when the package is removed or purged
.TP
.I /opt/hazedesk/
the program, its data (boundaries, scheme, AQI tables, samples) and resources
.SH NOTES
Runs offline: nothing is downloaded at run time. All times are Beijing time.
"""


def cli_page(today: date) -> str:
    parser = build_parser()
    out = [f'.TH HAZEDESK\\-CLI 1 "{today:%Y-%m-%d}" "hazedesk {__version__}" "HazeDesk"',
           ".SH NAME", "hazedesk\\-cli \\- the command line of HazeDesk (川渝重污染天气预警会商台)",
           ".SH SYNOPSIS", ".B hazedesk\\-cli", "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIFILES\\fR]", ".br",
           ".B hazedesk\\-cli", "\\-\\-version",
           ".SH DESCRIPTION",
           _roff("HazeDesk is the offline desk of the Sichuan-Chongqing regional heavy-air-pollution warning "
                 "mechanism: it evaluates PM2.5/AQI forecasts against the linkage scheme, derives the adjacency "
                 "of the 59 units from their shared borders, writes the warning proposal and follow-up letters, "
                 "meeting maps, consultation minutes and reviews, and keeps every episode in a case library. "
                 "hazedesk-cli runs one command and exits; the window is hazedesk(1)."),
           ".SH COMMANDS"]
    for name, help_text, sub in _subcommands(parser):
        out += [".SS " + _roff(name), _roff(help_text), ".PP", ".nf",
                _roff(sub.format_usage().replace("usage: ", "").strip()), ".fi"]
        out += _options(sub)
    out.append(COMMON_TAIL)
    out += [".SH SEE ALSO", "hazedesk(1)"]
    return "\n".join(out) + "\n"


def window_page(today: date) -> str:
    return "\n".join([
        f'.TH HAZEDESK 1 "{today:%Y-%m-%d}" "hazedesk {__version__}" "HazeDesk"',
        ".SH NAME", "hazedesk \\- HazeDesk, 川渝重污染天气预警会商台 (the window)",
        ".SH SYNOPSIS", ".B hazedesk", "[\\fIFILE\\fR]", ".br", ".B hazedesk", "\\fICOMMAND\\fR ...",
        ".SH DESCRIPTION",
        _roff("Opens the main window on FILE: a forecast table or grid, a .hazedesk session, or a .hzcase case "
              "(imported into the case library and shown in the 案例 dock); without FILE on the bundled sample "
              "forecast, or on the last working state. Given a command, it runs it as hazedesk-cli(1) does."),
        COMMON_TAIL, ".SH SEE ALSO", "hazedesk\\-cli(1)"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for hazedesk-cli.1 and hazedesk.1")
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="the pages' date (default: today; the package passes its build date)")
    args = parser.parse_args(argv)
    today = args.date or date.today()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "hazedesk-cli.1").write_text(cli_page(today), encoding="utf-8")
    (args.out / "hazedesk.1").write_text(window_page(today), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
