"""``hazedesk case status | report-form | reports | daily | leads | lead | step | push-sheet``: the response half
of the cycle (issue 23) from the command line. See :mod:`app.cli.case` for the synopsis."""

from __future__ import annotations

import argparse


def add_options(p: argparse.ArgumentParser) -> None:
    # --all takes the output as its value: after it argparse would not give a positional to ``args`` again
    p.add_argument("--all", nargs="?", const="", default=None, metavar="OUT.hzcase",
                   help="export: the whole library (every case) in one file")
    p.add_argument("--scheme", default=None, metavar="PATH", help="the scheme file (default: the bundled one)")
    p.add_argument("--json", default=None, metavar="PATH|-", help="status, leads: write JSON here")
    p.add_argument("--day", default=None, metavar="YYYY-MM-DD", help="report-form, daily: the day")
    p.add_argument("--out", default=None, metavar="DIR", help="report-form: the folder for the forms")
    p.add_argument("--deadline", default=None, metavar="HH:MM",
                   help="the daily reports' deadline (default: the scheme's, 18:00)")
    p.add_argument("--at", default=None, metavar="ISO8601", help="when (default now): a lead's step; the moment "
                                                                 "status and daily judge missing and overdue by")
    p.add_argument("--take-good", action="store_true", help="reports: record the good forms when some are refused")
    p.add_argument("--docx", default=None, metavar="OUT", help="daily, push-sheet: Word output")
    p.add_argument("--pdf", default=None, metavar="OUT", help="daily, push-sheet: PDF output")
    p.add_argument("--source", default=None, help="lead: 工业源 / 扬尘源 / 移动源 / 面源")
    p.add_argument("--origin", default="检查发现", help="lead: 检查发现 / 督察交办 / 监督帮扶 / 媒体曝光 / 群众投诉")
    p.add_argument("--unit", default=None, help="lead: the unit (city or district) where it was found")
    p.add_argument("--place", default="", help="lead: the place (site, road, company)")
    p.add_argument("--lon", type=float, default=None, help="lead: longitude (WGS-84)")
    p.add_argument("--lat", type=float, default=None, help="lead: latitude (WGS-84)")
    p.add_argument("--description", default=None, help="lead: what was found")
    p.add_argument("--found-by", default=None, help="lead: the side that found it (四川 / 重庆)")
    p.add_argument("--to", default=None, help="lead: the side it is pushed to; push-sheet: the receiving side")
    p.add_argument("--side", default=None, help="step: the side recording it (四川 / 重庆)")
    p.add_argument("--by", default="", help="lead, step: who")
    p.add_argument("--note", default="", help="step: a note")
    p.add_argument("--reason", default="", help="step: why the lead goes back a step")


def _need(args, count: int, usage: str) -> None:
    from app.errors import InputError, Problem

    if len(args.args) < count:
        raise InputError(Problem("missing arguments", column=f"case {args.action}", value=" ".join(args.args),
                                 expected=usage))


def _required(value, option: str, usage: str):
    from app.errors import InputError, Problem

    if value in (None, ""):
        raise InputError(Problem("a required option is missing", column=option, expected=usage))
    return value


def _scheme(args):
    from app.domain.scheme import load_scheme

    return load_scheme(args.scheme)


def _day(args):
    from datetime import date

    from app.errors import InputError, Problem

    text = _required(args.day, "--day", "YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(Problem("not a date", column="--day", value=text, expected="YYYY-MM-DD")) from exc


def _at(args):
    from datetime import datetime

    from app.domain.scheme import BEIJING
    from app.errors import InputError, Problem

    if not args.at:
        return None
    try:
        t = datetime.fromisoformat(args.at)
    except ValueError as exc:
        raise InputError(Problem("not a date-time", column="--at", value=args.at,
                                 expected="ISO 8601, e.g. 2026-01-13T18:00")) from exc
    return t if t.tzinfo else t.replace(tzinfo=BEIJING)


def _deadline(args, scheme):
    from app.cases.reports import parse_deadline

    return parse_deadline(args.deadline or scheme.report_deadline)


def status(lib, args) -> int:
    from app.cases.status import case_status
    from app.cli._common import dump_json, write_output

    _need(args, 1, "case status ID [--json PATH|-]")
    scheme = _scheme(args)
    data = case_status(lib, args.args[0], scheme, at=_at(args), deadline=_deadline(args, scheme))
    write_output(dump_json(data), args.json)
    return 0


def report_form(lib, args) -> int:
    from app.export.report_form import write_forms

    _need(args, 1, "case report-form ID --day YYYY-MM-DD --out DIR")
    out = _required(args.out, "--out", "a folder for the forms")
    for path in write_forms(lib, args.args[0], _scheme(args), _day(args), out):
        print(path)
    return 0


def import_forms(lib, args) -> int:
    import sys

    from app.cases.reports import import_reports
    from app.cli import message_language
    from app.cli._common import dump_json, write_output

    _need(args, 2, "case reports ID FILE|DIR …")
    done = import_reports(lib, args.args[0], args.args[1:], _scheme(args), take_good=args.take_good)
    lang = message_language()
    for problem in done.refused:  # --take-good: the refused ones are named, the good ones recorded
        prefix = "hazedesk case：未导入：" if lang == "zh" else "hazedesk case: not imported: "
        print(prefix + problem.render(lang), file=sys.stderr)
    write_output(dump_json(done.to_json()), None)
    return 2 if done.refused else 0


def daily(lib, args) -> int:
    from app.export.dispatch import write_daily

    _need(args, 1, "case daily ID --day YYYY-MM-DD --docx OUT --pdf OUT")
    scheme = _scheme(args)
    written = write_daily(lib, args.args[0], scheme, _day(args), docx=args.docx, pdf=args.pdf, at=_at(args),
                          deadline=_deadline(args, scheme))
    for path in written:
        print(path)
    return 0


def lead_list(lib, args) -> int:
    from app.cases.leads import leads
    from app.cli._common import dump_json, write_output

    _need(args, 1, "case leads ID")
    write_output(dump_json([x.to_json() for x in leads(lib, args.args[0], _scheme(args), at=_at(args))]), args.json)
    return 0


def lead_add(lib, args) -> int:
    from app.cases.leads import add_lead

    usage = "case lead ID --source S --unit U --found-by SIDE --description TEXT"
    _need(args, 1, usage)
    lead_id = add_lead(lib, args.args[0], source=_required(args.source, "--source", "工业源 / 扬尘源 / 移动源 / 面源"),
                       unit=_required(args.unit, "--unit", "the unit where it was found"),
                       description=_required(args.description, "--description", "what was found"),
                       found_by=_required(args.found_by, "--found-by", "四川 / 重庆"), origin=args.origin,
                       pushed_to=args.to, place=args.place, lon=args.lon, lat=args.lat, at=_at(args), by_name=args.by)
    number = lib.conn.execute("SELECT number FROM leads WHERE id = ?", (lead_id,)).fetchone()[0]
    print(number)
    return 0


def lead_step(lib, args) -> int:
    from app.cases.leads import add_step

    _need(args, 3, "case step ID LEAD STEP --side SIDE --by NAME")
    add_step(lib, args.args[0], args.args[1], args.args[2], side=_required(args.side, "--side", "四川 / 重庆"),
             by_name=args.by, at=_at(args), note=args.note, reason=args.reason)
    return 0


def push_sheet(lib, args) -> int:
    from app.export.push_sheet import write_push_sheet

    _need(args, 1, "case push-sheet ID [LEAD …] --to SIDE --docx OUT --pdf OUT")
    for path in write_push_sheet(lib, args.args[0], _scheme(args), args.args[1:], to=args.to, docx=args.docx,
                                 pdf=args.pdf, at=_at(args)):
        print(path)
    return 0


ACTIONS = {"status": status, "report-form": report_form, "reports": import_forms, "daily": daily,
           "leads": lead_list, "lead": lead_add, "step": lead_step, "push-sheet": push_sheet}
