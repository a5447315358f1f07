"""``hazedesk proposal FORECAST``: write the warning proposal letter (区域预警建议函) as Word and/or PDF.

    hazedesk proposal FORECAST [--episode N|all ...] [--met TEXT] [--issued-at ISO8601] --docx OUT [--pdf OUT]
                      [--doc-number TEXT] [--signer TEXT] [--date YYYY-MM-DD] [--copy-to TEXT]
                      [--word-fonts auto|office|bundled] [--scheme PATH] [--mode calendar|rolling]
                      [--briefing OUT.pdf] [--consultation RECORD.json]

Episodes are numbered 1… in the order ``hazedesk evaluate`` lists them; the default is all of them.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("proposal", help="write the warning proposal letter (.docx and/or .pdf)")
    p.add_argument("forecast", metavar="FORECAST", help="forecast file")
    p.add_argument("--episode", action="append", default=None, metavar="N|all",
                   help="regional episode number (1…, as `hazedesk evaluate` lists them) or all; repeatable")
    p.add_argument("--met", default=None, metavar="TEXT", help="meteorological conditions (default: prefilled)")
    p.add_argument("--issued-at", default=None, help="forecast issue time (ISO 8601, Beijing time if naive)")
    p.add_argument("--docx", default=None, metavar="OUT", help="write the Word letter here")
    p.add_argument("--pdf", default=None, metavar="OUT", help="write the PDF letter here")
    p.add_argument("--briefing", default=None, metavar="OUT",
                   help="also write the briefing pack (cover, summary, daily maps, timelines, the letter) as PDF")
    p.add_argument("--doc-number", default="", help="文号, e.g. 川渝联防办〔2026〕3号")
    p.add_argument("--signer", default=None, help="署名 (default: the working group's office)")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="成文日期 (default: today)")
    p.add_argument("--copy-to", default="", help="抄送 (抄报 生态环境部 is always there)")
    p.add_argument("--word-fonts", choices=("auto", "office", "bundled"), default="auto",
                   help="name the office fonts (仿宋_GB2312…) or the bundled OFL fonts in the .docx "
                        "(auto: office fonts if this machine has them)")
    p.add_argument("--scheme", default=None, help="scheme TOML (default: the bundled 2025–26 scheme)")
    p.add_argument("--mode", choices=("calendar", "rolling"), default=None, help="daily AQI mode")
    p.add_argument("--consultation", default=None, metavar="JSON",
                   help="the 会商 record `hazedesk consult --json` wrote: 预测依据 names the sources and the consensus "
                        "method, the 会商纪要 is written beside each letter and put in the briefing pack")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from datetime import date

    from app.domain.proposal import DEFAULT_SIGNER, OfficerFields, build_proposal, select_episodes
    from app.errors import InputError, Problem
    from app.export.inputs import load_and_evaluate, parse_time
    from app.export.letters import export_proposal

    if not args.docx and not args.pdf and not args.briefing:
        raise InputError(Problem("no output given", column="--docx/--pdf",
                                 expected="--docx OUT, --pdf OUT and/or --briefing OUT"))
    if args.briefing and not args.briefing.lower().endswith(".pdf"):
        raise InputError(Problem("wrong file type", file=args.briefing, column="--briefing", expected="a .pdf file"))
    letter_date = None
    if args.date:
        try:
            letter_date = date.fromisoformat(args.date)
        except ValueError as exc:
            raise InputError(Problem("not a date", column="--date", value=args.date, expected="YYYY-MM-DD")) from exc
    inputs = load_and_evaluate(args.forecast, issued_at=parse_time(args.issued_at, "--issued-at"),
                               scheme_path=args.scheme, mode=args.mode)
    evaluation = inputs.evaluation
    if not evaluation.episodes:
        raise InputError(Problem("the forecast reaches no regional warning: there is nothing to propose",
                                 file=args.forecast))
    choice = args.episode or ["all"]
    selection = "all" if "all" in choice else [_number(n) for n in choice]
    consultation = _consultation(args.consultation) if args.consultation else None
    consulted = ""
    if consultation is not None:
        from app.consultation.text import basis_sentence

        consulted = basis_sentence(consultation)
    officer = OfficerFields(doc_number=args.doc_number, signer=args.signer or DEFAULT_SIGNER, date=letter_date,
                            met_text=args.met, copy_to=args.copy_to, consultation_text=consulted)
    proposal = build_proposal(evaluation, inputs.forecast.meta, inputs.scheme,
                              episodes=select_episodes(evaluation, selection), officer=officer,
                              met=inputs.forecast.met)
    written = []
    if args.docx or args.pdf:
        written += export_proposal(proposal, docx=args.docx, pdf=args.pdf, scheme=inputs.scheme,
                                   meta=inputs.forecast.meta, word_fonts=args.word_fonts)
        if consultation is not None:
            from app.export.minutes import minutes_path, write_minutes

            written += [write_minutes(consultation, minutes_path(p)) for p in (args.docx, args.pdf) if p]
    if args.briefing:
        from app.export.briefing import export_briefing

        written.append(export_briefing(evaluation, inputs.forecast.meta, inputs.scheme, args.briefing,
                                       proposal=proposal, consultation=consultation))
    for missing in proposal.missing_fields():
        print(f"warning: {missing} is empty (--doc-number / --signer)", file=sys.stderr)
    for path in written:
        print(path)
    return 0


def _consultation(path: str):
    """The recorded 会商 decision (``hazedesk consult --json``)."""
    import json

    from app.consultation import ConsultationRecord
    from app.errors import InputError, Problem

    try:
        return ConsultationRecord.from_json(json.loads(open(path, encoding="utf-8").read()))
    except FileNotFoundError:
        raise InputError(Problem("the file does not exist", file=path, column="--consultation",
                                 expected="the JSON file `hazedesk consult --json PATH` wrote")) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(Problem("not a consultation record", file=path, column="--consultation",
                                 value=f"{type(exc).__name__}: {str(exc)[:60]}",
                                 expected="the JSON file `hazedesk consult --json PATH` wrote")) from None


def _number(text: str) -> int:
    from app.errors import InputError, Problem

    try:
        return int(text)
    except ValueError:
        raise InputError(Problem("not an episode number", column="--episode", value=text,
                                 expected="a number (1…) or all")) from None
