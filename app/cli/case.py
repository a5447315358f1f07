"""``hazedesk case``: the case library (案例库) from the command line.

    hazedesk case list [--db PATH]
    hazedesk case new TITLE [--db PATH]                       prints the new case's id
    hazedesk case letter ID FILE [FILE …] [--issued-at T]     records an issued letter (.docx/.pdf) and its warnings
    hazedesk case notices ID TABLE                            imports cities' 启动预警情况通报 (city,time,level)
    hazedesk case export ID OUT.hzcase | import FILE.hzcase   exchange one case between offices
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("case", help="the case library: list, new, letter, notices, export, import")
    p.add_argument("--db", default=None, metavar="PATH", help="the case library (default: in the state folder)")
    p.add_argument("action", choices=("list", "new", "letter", "notices", "export", "import"))
    p.add_argument("args", nargs="*", metavar="ARG")
    p.add_argument("--issued-at", default=None, help="when the letter was issued (ISO 8601; default now)")
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
    if args.action == "list":
        rows = [{"id": c.id, "title": c.title, "status": c.status, "regions": list(c.regions), "level": c.top_level,
                 "first": c.first_day.isoformat() if c.first_day else None,
                 "last": c.last_day.isoformat() if c.last_day else None, "letters": c.letters,
                 "in_force": c.in_force} for c in lib.list_cases()]
        write_output(dump_json(rows), None)
    elif args.action == "new":
        _need(args, 1, "case new TITLE")
        print(lib.create_case(" ".join(args.args)))
    elif args.action == "letter":
        _need(args, 2, "case letter ID FILE [FILE …]")
        from app.export.case_letters import record_letter

        issued = datetime.fromisoformat(args.issued_at) if args.issued_at else None
        record_letter(lib, args.args[0], args.args[1:], issued_at=issued)
        in_force = [{"region": w.region, "level": w.level, "start": w.start.isoformat()}
                    for w in lib.warnings_in_force(args.args[0])]
        write_output(json.dumps({"in_force": in_force}, ensure_ascii=False, indent=2), None)
    elif args.action == "notices":
        _need(args, 2, "case notices ID TABLE")
        from app.cases.notices import import_city_notices

        print(import_city_notices(lib, args.args[0], args.args[1]))
    elif args.action == "export":
        _need(args, 2, "case export ID OUT.hzcase")
        from app.export.case_letters import export_case_file

        out = export_case_file(lib, args.args[0], args.args[1])
        if str(out) != "-":  # written to stdout: the case itself is the output
            print(out)
    else:
        _need(args, 1, "case import FILE.hzcase")
        from app.cases.exchange import import_case

        print(import_case(lib, args.args[0]))
    return 0
