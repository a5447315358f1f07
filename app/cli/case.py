"""``hazedesk case``: the case library (案例库) from the command line.

    hazedesk case list [--db PATH]
    hazedesk case new TITLE [--db PATH]                       prints the new case's id
    hazedesk case letter ID FILE [FILE …] [--issued-at T]     records the issued letters of the files (.docx/.pdf:
                                                              one letter, or a combined file's every letter, each
                                                              its own entry) and their warnings
    hazedesk case consultation ID RECORD.json                 records a 会商 decision (`hazedesk consult --json`) and
                                                              the forecasts it compared
    hazedesk case notices ID TABLE                            imports cities' 启动预警情况通报 (city,time,level)
    hazedesk case export ID OUT.hzcase | import FILE.hzcase   exchange one case between offices
    hazedesk case export --all OUT.hzcase                     the whole library (the yearly handover); import
                                                              merges it and prints what was added and what conflicted
    hazedesk case status ID [--json PATH|-]                   the case: letters, warnings in force, each city's start
                                                              against each letter, the daily reports, the leads
    hazedesk case report-form ID --day D --out DIR            one fillable .xlsx per city warned on day D
    hazedesk case reports ID FILE|DIR … [--take-good]         imports filled forms (all, or none when one is refused)
    hazedesk case daily ID --day D [--docx OUT] [--pdf OUT]   the 调度日报 of day D
    hazedesk case leads ID [--json PATH|-]                    the problem lead register (overdue ones flagged)
    hazedesk case lead ID --source S --unit U --found-by SIDE --description TEXT [--origin O] [--place P]
                          [--lon X --lat Y] [--at T] [--by NAME]              registers a lead (发现)
    hazedesk case step ID LEAD STEP --side SIDE --by NAME [--at T] [--note T] [--reason T]
                                                              records a lead's next step (or a step back, with reason)
    hazedesk case push-sheet ID [LEAD …] [--to SIDE] [--docx OUT] [--pdf OUT]  the 线索推送单 for the receiving side
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("case", help="the case library: list, new, letter, consultation, notices, export, "
                                          "import")
    p.add_argument("--db", default=None, metavar="PATH", help="the case library (default: in the state folder)")
    p.add_argument("action", choices=("list", "new", "letter", "consultation", "notices", "export", "import", "status",
                                      "report-form", "reports", "daily", "leads", "lead", "step", "push-sheet"))
    p.add_argument("args", nargs="*", metavar="ARG")
    p.add_argument("--issued-at", default=None, help="when the letter was issued (ISO 8601; default now)")
    from app.cli._case_response import add_options

    add_options(p)
    p.set_defaults(func=run)


def _need(args, count: int, usage: str) -> None:
    from app.errors import InputError, Problem

    if len(args.args) < count:
        raise InputError(Problem("missing arguments", column=f"case {args.action}", value=" ".join(args.args),
                                 expected=usage))


def run(args: argparse.Namespace) -> int:
    import json
    from datetime import datetime

    from app.cases.library import open_library
    from app.cli._common import dump_json, write_output

    lib = open_library(args.db)
    from app.cli._case_response import ACTIONS

    if args.action in ACTIONS:
        return ACTIONS[args.action](lib, args)
    if args.action == "list":
        rows = [{"id": c.id, "title": c.title, "status": c.status, "regions": list(c.regions), "level": c.top_level,
                 "first": c.first_day.isoformat() if c.first_day else None,
                 "last": c.last_day.isoformat() if c.last_day else None, "letters": c.letters,
                 "in_force": c.in_force} for c in lib.list_cases()]
        write_output(dump_json(rows), None)
        _say_damaged(lib.damaged)
    elif args.action == "new":
        _need(args, 1, "case new TITLE")
        print(lib.create_case(" ".join(args.args)))
    elif args.action == "letter":
        _need(args, 2, "case letter ID FILE [FILE …]")
        from app.export.case_letters import record_letters

        issued = datetime.fromisoformat(args.issued_at) if args.issued_at else None
        recorded = record_letters(lib, args.args[0], args.args[1:], issued_at=issued)
        _say_already(recorded)
        in_force = [{"region": w.region, "level": w.level, "start": w.start.isoformat()}
                    for w in lib.warnings_in_force(args.args[0])]
        write_output(json.dumps({"letters": [_letter_json(r) for r in recorded], "in_force": in_force},
                                ensure_ascii=False, indent=2), None)
    elif args.action == "consultation":
        _need(args, 2, "case consultation ID RECORD.json")
        write_output(dump_json(record_consultation(lib, args.args[0], args.args[1])), None)
    elif args.action == "notices":
        _need(args, 2, "case notices ID TABLE")
        from app.cases.notices import import_city_notices

        print(import_city_notices(lib, args.args[0], args.args[1]))
    elif args.action == "export" and args.all is not None:
        if not args.all:
            _need(args, 1, "case export --all OUT.hzcase")
        from app.export.case_letters import export_library_file

        print(export_library_file(lib, args.all or args.args[0]))
    elif args.action == "export":
        _need(args, 2, "case export ID OUT.hzcase")
        from app.export.case_letters import export_case_file

        out = export_case_file(lib, args.args[0], args.args[1])
        if str(out) != "-":  # written to stdout: the case itself is the output
            print(out)
    else:
        _need(args, 1, "case import FILE.hzcase")
        from app.cases.handover import import_file

        report = import_file(lib, args.args[0])
        if report is None:  # one case: its id, as before
            from app.cases.exchange import import_case

            print(import_case(lib, args.args[0]))
        else:
            write_output(dump_json(report), None)
    return 0


def _letter_json(recorded) -> dict:
    """One letter of the run as the command prints it: what it is, where it lives, and what became of it."""
    entry = recorded.entry
    return {"id": recorded.letter_id, "status": recorded.status, "kind": entry.kind, "doc_number": entry.number,
            "sender": entry.sender, "title": entry.title,
            "files": [f.row() for f in entry.files]}


def _say_already(recorded) -> None:
    """A letter the case already has is named on stderr (the run still succeeds: nothing was lost)."""
    import sys

    from app.cli import message_language
    from app.errors import Problem

    lang = message_language()
    for r in recorded:
        if r.status == "already":
            problem = Problem("this letter is already in the case: not recorded again",
                              file=r.entry.files[0].path if r.entry.files else None,
                              value=r.entry.number or r.entry.title)
            prefix = "hazedesk case：注意：" if lang == "zh" else "hazedesk case: note: "
            print(prefix + problem.render(lang), file=sys.stderr)


def _say_damaged(problems) -> None:
    """Rows of the library an older HazeDesk imported unchecked: their cases are left out of the list, and each
    bad row is named on stderr (the rest is listed; exit 0)."""
    import sys

    from app.cli import message_language

    lang = message_language()
    prefix = "hazedesk case：案例库中有损坏的记录，所在案例未列出：" if lang == "zh" else \
        "hazedesk case: warning: a damaged row in the case library, its case is not listed: "
    for problem in problems:
        print(prefix + problem.render(lang), file=sys.stderr)


def record_consultation(lib, case_id: str, path: str) -> dict:
    """The decision goes into the case with the forecasts it compared (each copied in when its file is still the
    one compared, else referenced by path and sha256), as the window records an adopted consensus."""
    from pathlib import Path

    from app import untrusted
    from app.cases.library import MAX_STORED_BYTES
    from app.cli.proposal import read_consultation
    from app.domain.forecast import ForecastMeta
    from app.domain.session import file_sha256

    record = read_consultation(path)
    consultation = lib.add_consultation(case_id, record)
    for source in record.sources:
        content = None
        file = Path(source.path) if source.path else None
        if file is not None and untrusted.is_regular_file(file) and file.stat().st_size <= MAX_STORED_BYTES \
                and file_sha256(file) == source.sha256:
            content = untrusted.read_bounded(file, "table")
        if not source.sha256 and content is None:
            continue  # neither the file nor its digest: nothing the case could find again
        meta = ForecastMeta(source_path=source.path, sha256=source.sha256, issued_at=source.issued_at,
                            label=source.name)
        lib.add_forecast(case_id, meta, name=source.name, content=content)
    return {"consultation": consultation, "forecasts": [s.name for s in record.sources]}
