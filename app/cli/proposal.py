"""``hazedesk proposal FORECAST``: write the warning proposal letter (区域预警建议函) as Word and/or PDF.

    hazedesk proposal FORECAST [--episode N|all ...] [--in-force FILE ...] --docx OUT [--pdf OUT] [--split]
                      [--per-route] [--per-side] [--approval-form] [--red-header [TEXT]]
                      [--met TEXT] [--issued-at ISO8601] [--source TEXT] [--doc-number TEXT ...] [--signer TEXT]
                      [--date YYYY-MM-DD] [--copy-to TEXT] [--word-fonts auto|office|bundled]
                      [--scheme PATH] [--mode calendar|rolling] [--briefing OUT.pdf] [--consultation RECORD.json]

Without ``--in-force``: the start letter for the chosen episodes (numbered 1… as ``hazedesk evaluate`` lists
them; default all). With ``--in-force`` (JSON or issued letters, applied in order): the follow-up letter
(upgrade / downgrade / lift) for each warning in force whose advice is not "keep"; exit 2 with the reasons when
there is none. Several letters go into one file in order (each from a new page, numbered from 1) or, with
``--split``, one file each (OUT-1-升级-盆地中部地区.docx …). Each letter has its own 发文字号 (GB/T 9704): one
``--doc-number`` numbers the first letter and the next ones take the following serial numbers (〔2026〕3号, 4号
…); ``--doc-number`` repeated (or ``A；B``) gives one per letter in order. Letters of different senders
(``--per-side``) need one each; anything ambiguous is refused with exit 2 (app.domain.doc_numbers).
``--per-route``: one start letter per approval route (red goes to the provincial governments); ``--per-side``:
also one letter per sending side (四川省生态环境厅 to its cities, 重庆市生态环境局 to its districts and counties). ``--approval-form`` writes the 呈批件 beside each letter.
Warnings (letter date after the proposed start, a stale forecast, empty fields, characters the fonts cannot
draw) are printed in the interface language and do not stop the export.
"""

from __future__ import annotations

import argparse

MAX_FIELD_CHARS = 255  # 署名, 抄送, 预报来源: what a Word document property holds, far more than any name needs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("proposal", help="write the warning proposal letter (.docx and/or .pdf)")
    p.add_argument("forecast", metavar="FORECAST", help="forecast file")
    p.add_argument("--episode", action="append", default=None, metavar="N|all",
                   help="regional episode number (1…, as `hazedesk evaluate` lists them) or all; repeatable")
    p.add_argument("--in-force", action="append", default=None, metavar="FILE",
                   help="warnings in force (JSON {region, level, start} or an issued letter .docx/.pdf; repeat to "
                        "apply in order): write the follow-up letter for each one whose advice is not keep")
    p.add_argument("--observed", action="append", default=None, metavar="OBS",
                   help="what was observed before the forecast (a city table, a national station file or a folder "
                        "of them; repeatable): spliced before the forecast's first hour (spec §7)")
    p.add_argument("--met", default=None, metavar="TEXT", help="meteorological conditions (default: prefilled)")
    p.add_argument("--issued-at", default=None, help="forecast issue time (ISO 8601, Beijing time if naive)")
    p.add_argument("--docx", default=None, metavar="OUT", help="write the Word letter here")
    p.add_argument("--pdf", default=None, metavar="OUT", help="write the PDF letter here")
    p.add_argument("--split", action="store_true", help="one file per letter instead of one file holding all")
    p.add_argument("--per-route", action="store_true", help="one start letter per approval route")
    p.add_argument("--per-side", action="store_true",
                   help="also one letter per sending side (四川省生态环境厅, 重庆市生态环境局) to its own cities")
    p.add_argument("--approval-form", action="store_true", help="write the 呈批件 beside each letter (OUT-呈批件)")
    p.add_argument("--red-header", nargs="?", const="", default=None, metavar="TEXT",
                   help="print the 红头 (red organisation name and rule); TEXT defaults to the signer")
    p.add_argument("--duplex", action=argparse.BooleanOptionalAction, default=True,
                   help="several letters in one file: each starts on an odd page (a blank page after a letter of "
                        "an odd number of pages; in Word an odd-page section break), so printed on both sides no "
                        "letter starts on the back of another (default: on; --no-duplex for single-sided print)")
    p.add_argument("--briefing", default=None, metavar="OUT",
                   help="also write the briefing pack (cover, summary, daily maps, timelines, the letter) as PDF")
    p.add_argument("--source", default=None, metavar="TEXT",
                   help="预报来源 the letter names (default: the file's producer if it is an institution's name, "
                        "else 西南区域空气质量预测预报中心)")
    p.add_argument("--doc-number", action="append", default=None, metavar="TEXT",
                   help="发文字号, e.g. 川渝联防办〔2026〕3号. Several letters: each has its own. Give one number and "
                        "the next letters take the following serial numbers (〔2026〕3号, 4号, 5号 …), or one per "
                        "letter in order (repeat --doc-number, or separate them with ；). One number for letters "
                        "of different senders (--per-side), a number without its serial, or a count that is "
                        "neither one nor the letters' is refused (exit 2)")
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
    from app.cli._common import loading

    with loading(args):  # modules, forecast, letters: loaded with the collector paused, then frozen
        from datetime import date

        from app.cli import message_language
        from app.domain.doc_numbers import numbered, split_numbers
        from app.domain.letter_sets import approval_form, date_problems, route_groups, with_sides
        from app.domain.proposal import (
            DEFAULT_SIGNER,
            OfficerFields,
            build_proposal,
            select_episodes,
        )
        from app.errors import InputError, Problem
        from app.export.inputs import load_and_evaluate, parse_time

        lang = message_language()
        if not args.docx and not args.pdf and not args.briefing:
            raise InputError(Problem("no output given", column="--docx/--pdf",
                                     expected="--docx OUT, --pdf OUT and/or --briefing OUT"))
        if args.briefing and not args.briefing.lower().endswith(".pdf"):
            raise InputError(Problem("wrong file type", file=args.briefing, column="--briefing",
                                     expected="a .pdf file"))
        for option, text in (("--signer", args.signer), ("--copy-to", args.copy_to), ("--source", args.source)):
            if text is not None and len(text) > MAX_FIELD_CHARS:  # a name on the letter, not a paragraph
                raise InputError(Problem("the text is too long for this field of the letter", field=option,
                                         value=f"{len(text)} characters",
                                         expected=f"at most {MAX_FIELD_CHARS} characters"))
        letter_date = None
        if args.date:
            try:
                letter_date = date.fromisoformat(args.date)
            except ValueError as exc:
                raise InputError(Problem("not a date", column="--date", value=args.date,
                                         expected="YYYY-MM-DD")) from exc
        inputs = load_and_evaluate(args.forecast, issued_at=parse_time(args.issued_at, "--issued-at"),
                                   scheme_path=args.scheme, mode=args.mode, in_force_files=args.in_force,
                                   observed_files=args.observed)
        evaluation, meta, scheme = inputs.evaluation, inputs.forecast.meta, inputs.scheme
        consultation = read_consultation(args.consultation) if args.consultation else None
        consulted = ""
        if consultation is not None:
            inputs = _consensus_inputs(consultation, inputs, args)
            evaluation, meta = inputs.evaluation, inputs.forecast.meta
            from app.consultation.text import basis_sentence

            consulted = basis_sentence(consultation)
        officer = OfficerFields(signer=args.signer or DEFAULT_SIGNER, date=letter_date,
                                met_text=args.met, copy_to=args.copy_to, forecast_source=args.source,
                                consultation_text=consulted)
        if args.in_force:
            letters = _life_letters(evaluation, meta, scheme, officer, inputs.forecast.met, lang, args.episode)
        else:
            if not evaluation.episodes:
                raise InputError(Problem("the forecast reaches no regional warning: there is nothing to propose",
                                         file=args.forecast))
            choice = args.episode or ["all"]
            selection = select_episodes(evaluation, "all" if "all" in choice else [_number(n) for n in choice])
            if args.episode is None and evaluation.observed_hours:
                # spliced observations: by default only the episodes that need a start letter (spec §7: those
                # ending at or after the forecast's first hour), not those the observed days saw end
                wanted = {w.episode_index for w in evaluation.new_warnings}
                selection = [i for i in selection if i in wanted]
                if not selection:
                    raise InputError(Problem("every episode ended before the forecast's first hour: there is "
                                             "nothing to propose", file=args.forecast))
            groups = route_groups(evaluation, selection) if args.per_route else [selection]
            letters = [build_proposal(evaluation, meta, scheme, episodes=g, officer=officer, met=inputs.forecast.met)
                       for g in groups]
        if args.per_side:
            letters = with_sides(letters, evaluation, meta, scheme, officer, met=inputs.forecast.met)
        letters = _with_findings(numbered(letters, split_numbers(args.doc_number)), inputs)
        for problem in _warnings(letters, date_problems):
            _warn(problem.render(lang), lang)
    written = _write(letters, args, inputs, approval_form)
    if consultation is not None:
        from app.export.minutes import minutes_path, write_minutes

        written += [write_minutes(consultation, minutes_path(p)) for p in (args.docx, args.pdf) if p]
    if args.briefing:
        from app.domain.letter_sets import letterheads
        from app.export.briefing import export_briefing

        written.append(export_briefing(evaluation, meta, scheme, args.briefing, proposal=letters,
                                       red_header="" if args.red_header is None else
                                       letterheads(letters, scheme, args.red_header),
                                       consultation=consultation))
    for path in written:
        print(path)
    return 0


def _life_letters(evaluation, meta, scheme, officer, met, lang: str, episodes) -> list:
    """With warnings in force, spec §7's letters: one follow-up per advice other than keep and ended, and one start
    letter per new warning (by default every new warning; ``--episode`` chooses among them, and refuses an episode
    that is a warning's 过程 or ended in the past)."""
    import sys

    from app.domain.letter_sets import LetterPlan, check_start_selection, default_letters
    from app.domain.proposal import build_followup, build_proposal, select_episodes
    from app.errors import InputError, Problem

    plans = default_letters(evaluation)
    if episodes is not None:
        chosen = select_episodes(evaluation, "all" if "all" in episodes else [_number(n) for n in episodes])
        if "all" in episodes:
            chosen = [i for p in plans for i in p.episodes]
        check_start_selection(evaluation, chosen)
        plans = [p for p in plans if p.recommendation is not None] + [LetterPlan(episodes=(i,)) for i in chosen]
    if not plans:
        for rec in evaluation.recommendations:
            reason = rec.reason if lang == "zh" else (rec.reason_en or rec.reason)
            print(f"{rec.region}: {reason}", file=sys.stderr)
        raise InputError(Problem("every warning in force is to be kept and no new warning is due: no letter to write",
                                 column="--in-force",
                                 expected="a warning in force whose advice is not keep, or a new regional episode"))
    return [build_followup(evaluation, meta, scheme, recommendation=p.recommendation, officer=officer, met=met)
            if p.recommendation is not None else
            build_proposal(evaluation, meta, scheme, episodes=list(p.episodes), officer=officer, met=met)
            for p in plans]


LETTER_OPTIONS = {"文号": "--doc-number", "署名": "--signer", "气象条件": "--met"}  # Proposal.missing_fields → option


def _warnings(letters: list, date_problems) -> list:
    from app.errors import Problem
    from app.export.fonts import undrawable

    out: list[Problem] = []
    seen: set[str] = set()
    for letter in letters:
        for problem in date_problems(letter):
            if problem.message not in seen:
                seen.add(problem.message)
                out.append(problem)
        for name in letter.missing_fields():
            key = f"missing {name}"
            if key not in seen:
                seen.add(key)
                out.append(Problem(f"the letter's {name} is not filled in", field=LETTER_OPTIONS[name],
                                   severity="warning"))
        missing = undrawable(letter.full_text)
        if missing and "".join(missing) not in seen:
            seen.add("".join(missing))
            out.append(Problem("the bundled fonts cannot draw these characters: they would print as boxes",
                               value="".join(missing), severity="warning"))
    return out


def _warn(text: str, lang: str) -> None:
    import sys

    print(f"hazedesk proposal：警告：{text}" if lang == "zh" else f"hazedesk proposal: warning: {text}",
          file=sys.stderr)


def _write(letters: list, args, inputs, approval_form) -> list:
    from app.domain.letter_sets import letterheads
    from app.export.approval_form import write_approval_form
    from app.export.letters import approval_path, export_proposal, split_path

    written = []
    if not (args.docx or args.pdf):
        return written
    batches = [([letter], n) for n, letter in enumerate(letters, start=1)] if args.split and len(letters) > 1 \
        else [(letters, 0)]
    for batch, number in batches:
        docx = split_path(args.docx, number, batch[0]) if args.docx and number else args.docx
        pdf = split_path(args.pdf, number, batch[0]) if args.pdf and number else args.pdf
        written += export_proposal(batch, docx=docx, pdf=pdf, scheme=inputs.scheme, meta=inputs.forecast.meta,
                                   word_fonts=args.word_fonts,
                                   red_header="" if args.red_header is None else
                                   letterheads(batch, inputs.scheme, args.red_header), duplex=args.duplex)
        if args.approval_form:
            for k, letter in enumerate(batch, start=1):
                suffix = f"-{k}" if len(batch) > 1 else ""
                form = approval_form(letter)
                written += write_approval_form(
                    form, docx=approval_path(docx, suffix) if docx else None,
                    pdf=approval_path(pdf, suffix) if pdf else None, word_fonts=args.word_fonts)
    return written


def read_consultation(path: str):
    """The recorded 会商 decision (``hazedesk consult --json``); also read by ``hazedesk case consultation``."""
    import json
    from dataclasses import replace

    from app import untrusted
    from app.consultation import ConsultationRecord
    from app.errors import InputError, Problem

    try:
        raw = untrusted.read_bounded(path, "consultation",
                                     expected="the JSON file `hazedesk consult --json PATH` wrote")
    except InputError as exc:
        raise InputError(replace(exc.problem, column="--consultation")) from None
    try:
        return ConsultationRecord.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise InputError(Problem("not a consultation record", file=path, column="--consultation",
                                 value=f"{type(exc).__name__}: {str(exc)[:60]}",
                                 expected="the JSON file `hazedesk consult --json PATH` wrote")) from None


def _consensus_inputs(record, inputs, args):
    """With --consultation the letter is written from the adopted consensus (rebuilt from the record's source
    files), as the window writes it: 预测依据 then says what the letter's levels really come from. FORECAST must be
    one of the consultation's sources."""
    from dataclasses import replace

    from app.consultation.reopen import reopen
    from app.domain.engine import evaluate
    from app.errors import InputError, Problem
    from app.export.inputs import ExportInputs, warnings_in_force
    from maps.derived import scheme_neighbours

    if inputs.forecast.meta.sha256 not in {s.sha256 for s in record.sources}:
        names = ", ".join(s.path or s.name for s in record.sources)
        raise InputError(Problem("the forecast is not one of the consultation's sources", file=args.forecast,
                                 column="--consultation", value=args.consultation, expected=f"one of {names}"))
    scheme = inputs.scheme
    neighbours = scheme_neighbours(scheme)
    again = reopen(record, scheme, neighbours, mode=args.mode)
    if not again.complete:
        problem = again.problem()
        raise InputError(replace(problem, file=problem.file or args.consultation))
    in_force = warnings_in_force(args.in_force, scheme) if args.in_force else None
    forecast = again.consensus.forecast
    observed = inputs.observed if inputs.observed is not None else again.observed  # the consultation's own
    evaluation = evaluate(forecast, scheme, neighbours, mode=args.mode, issued_at=forecast.meta.issued_at,
                          in_force=in_force, observed=None if observed is None else observed.forecast)
    return ExportInputs(forecast, scheme, evaluation, observed)


def _with_findings(letters: list, inputs) -> list:
    """The data-quality findings go into each letter's record (and the audit), and are said once on stderr: a
    letter made from doubtful data is never made silently."""
    import sys
    from dataclasses import replace

    from app.cli import message_language
    from app.domain.quality import assess
    from app.errors import worst
    from maps.derived import scheme_neighbours

    observed = inputs.observed.findings if inputs.observed is not None else ()
    quality = assess(inputs.forecast, inputs.evaluation, inputs.scheme, scheme_neighbours(inputs.scheme),
                     extra=observed)
    if not quality.findings:
        return letters
    first = worst(quality.findings)
    if message_language() == "zh":
        print(f"提示：数据质量发现 {len(quality.findings)} 条，已记入建议函记录；最需注意：{first.render('zh')}",
              file=sys.stderr)
    else:
        print(f"note: {len(quality.findings)} data-quality finding(s) recorded with the letter; the worst: {first}",
              file=sys.stderr)
    return [replace(letter, data_findings=list(quality.findings), findings_accepted_in="command line")
            for letter in letters]


def _number(text: str) -> int:
    from app.errors import InputError, Problem

    try:
        return int(text)
    except ValueError:
        raise InputError(Problem("not an episode number", column="--episode", value=text,
                                 expected="a number (1…) or all")) from None
