"""Which letters an office sends, and what must be checked before it signs (四(五)1, 四(三)–(五)).

- :func:`route_groups`: one letter per approval route when the levels differ (a red warning goes up to the
  provincial governments, yellow/orange are approved by the working group), so each can be signed on its own;
- :func:`sides`: the sides (四川省 / 重庆市) that have warned cities in a letter — each side's bureau sends its own
  cities a letter of its own (``OfficerFields.side``); :func:`with_sides` adds those letters after each letter;
- :func:`acting_recommendations`: the warnings in force that need a follow-up letter (advice not "keep");
- :class:`ApprovalForm`: the 呈批件 (approval form) beside a letter: title, summary, proposed decision, what the
  approver must know (a lead time under 72 h, the approval route), fields for 拟稿/审核/签发;
- :func:`date_problems`: the 成文日期 is after the proposed start, or the forecast is stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from app.domain.letter_wording import LEVEL_ZH, fmt_date, fmt_hour
from app.domain.proposal import KINDS, PROVINCES, OfficerFields, Proposal, build_followup, build_proposal
from app.domain.results import Evaluation
from app.domain.scheme import BEIJING
from app.errors import InputError, Problem

STALE_AFTER_HOURS = 36  # from the issue to the letter day's start: older means a newer forecast should exist


def route_groups(evaluation: Evaluation, episodes: Sequence[int]) -> list[list[int]]:
    """The selected episodes (0-based) grouped by approval route, in the order the routes first appear."""
    groups: dict[str, list[int]] = {}
    for i in episodes:
        groups.setdefault(evaluation.episodes[i].approval, []).append(i)
    return list(groups.values())


def sides(proposal: Proposal) -> list[str]:
    """The provinces with warned cities in a start letter (the region's members for a follow-up), Sichuan first."""
    found = {p for e in proposal.episodes for p, _ in e.cities_by_province}
    if not proposal.episodes:  # a follow-up letter: its recipients name the provinces
        found = {p for p in PROVINCES if p in proposal.recipients}
    return [p for p in PROVINCES if p in found]


def letterheads(letters: Sequence[Proposal], scheme, text: str = "") -> list[str]:
    """Each letter's 红头 (发文机关标志): its own sender's, as the scheme's ``[distribution.letterheads]`` gives it
    (the sender's name when not given); ``text`` (``--red-header TEXT``) replaces the joint letters' only — a
    side's letter (``--per-side``) always carries its own bureau's."""
    return [text if text and not letter.side else scheme.letterhead(letter.signer) for letter in letters]


def header_per_letter(red_header: str | Sequence[str], count: int) -> list[str]:
    """The exporters' ``red_header``: one text for every letter, or one per letter (:func:`letterheads`)."""
    if isinstance(red_header, str):
        return [red_header] * count
    headers = list(red_header)
    if len(headers) != count:
        raise ValueError(f"{len(headers)} letterheads for {count} letters")
    return headers


def acting_recommendations(evaluation: Evaluation) -> list[int]:
    """Indexes of the recommendations that call for a letter (every advice but keep and ended: spec §7), in the
    list's order."""
    return [i for i, rec in enumerate(evaluation.recommendations) if rec.action in KINDS[1:]]


def new_warning_episodes(evaluation: Evaluation) -> list[int]:
    """The episodes that need a start letter with warnings in force (spec §7's new warnings), in time order; a
    region's ongoing 过程 (a warning's) never does."""
    return [w.episode_index for w in sorted(evaluation.new_warnings, key=lambda w: (w.start, w.episode_index))]


def check_start_selection(evaluation: Evaluation, selection: Sequence[int]) -> None:
    """With warnings in force, a chosen episode that is a warning's 过程 gets a follow-up, never a start letter;
    one that ended before the forecast's first hour is history (spec §7)."""
    owned = {rec.episode_index: rec for rec in evaluation.recommendations if rec.episode_index is not None}
    new = set(new_warning_episodes(evaluation))
    for i in selection:
        episode = evaluation.episodes[i]
        if i in owned:
            rec = owned[i]
            raise InputError(Problem(
                "this episode is the 过程 of a warning in force: it gets a follow-up letter, not a start letter",
                column="--episode", value=f"{i + 1} ({episode.region} {LEVEL_ZH[episode.level]})",
                expected=f"an episode that is a new warning ({', '.join(str(k + 1) for k in sorted(new)) or 'none'}); "
                         f"the warning in force ({LEVEL_ZH[rec.in_force_level]}, from {fmt_hour(rec.in_force_start)}) "
                         f"is advised: {rec.action}"))
        if i not in new:
            raise InputError(Problem("this episode ended before the forecast's first hour: it needs no letter",
                                     column="--episode", value=f"{i + 1} ({episode.region})",
                                     expected="an episode that is a new warning"))


@dataclass(frozen=True)
class LetterPlan:
    """One letter of the default set: a follow-up (``recommendation``) or a start letter (``episodes``)."""

    recommendation: int | None = None
    episodes: tuple[int, ...] = ()


def default_letters(evaluation: Evaluation) -> list[LetterPlan]:
    """Spec §7's default set for a forecast with warnings in force: one follow-up for each advice other than keep
    and ended, then one start letter for each new warning (each its own 过程, lead time and approval)."""
    return ([LetterPlan(recommendation=i) for i in acting_recommendations(evaluation)]
            + [LetterPlan(episodes=(i,)) for i in new_warning_episodes(evaluation)])


def with_sides(letters: Sequence[Proposal], evaluation: Evaluation, meta, scheme, officer: OfficerFields, *,
               met=None, edits: Sequence[object] = ()) -> list[Proposal]:
    """Each letter followed by one letter per sending side it concerns (四川省 first), as ``--per-side``."""
    out: list[Proposal] = []
    for letter in letters:
        out.append(letter)
        for side in sides(letter):
            side_officer = replace(officer, side=side)
            if letter.recommendation is not None:
                index = evaluation.recommendations.index(letter.recommendation)
                out.append(build_followup(evaluation, meta, scheme, recommendation=index, officer=side_officer,
                                          met=met, edits=edits))
            else:
                out.append(build_proposal(evaluation, meta, scheme, episodes=[e.number - 1 for e in letter.episodes],
                                          officer=side_officer, met=met, edits=edits))
    return out


@dataclass(frozen=True)
class ApprovalForm:
    """呈批件: one page asking for the approval of a letter."""

    title: str
    letter_title: str
    summary: list[str]
    decision: str
    notes: list[str]
    routes: list[str]
    drafted_by: str = ""  # 拟稿
    date_text: str = ""
    title_words: tuple[str, ...] = ()  # the title cut into words (lines break only between them)


def approval_form(proposal: Proposal, drafted_by: str = "") -> ApprovalForm:
    from app.domain.followups import end_text

    kind = {"start": "启动", "upgrade": "升级", "downgrade": "降级", "lift": "解除", "extend": "延长",
            "revise": "调整", "cancel": "取消"}[proposal.kind]
    summary = []
    for e in proposal.episodes:
        cities = "、".join(n.split("（")[0] for _, names in e.cities_by_province for n in names)
        observed = f"（实况：{fmt_hour(e.observed_since)}起已出现重污染天气）" if e.observed_since else ""
        summary.append(f"{e.region}：建议{fmt_hour(e.start)}启动{LEVEL_ZH[e.level]}预警{observed}，预计持续至"
                       f"{end_text(e.end, e.end_at_least)}，涉及{cities}。")
    if not proposal.episodes and proposal.recommendation is not None:
        rec = proposal.recommendation
        when = fmt_hour(rec.from_time) if rec.from_time else "即时"
        until = f"，预计持续至{end_text(rec.until, rec.until_at_least)}" if rec.until is not None else ""
        old, new = LEVEL_ZH[rec.in_force_level], LEVEL_ZH.get(rec.new_level, "")
        change = {"lift": ("解除预警", ""), "cancel": (f"取消原定{fmt_hour(rec.in_force_start)}启动的{old}预警", ""),
                  "extend": (f"{old}预警延长", until),
                  "revise": (f"调整为{new}预警", until)}.get(proposal.kind, (f"由{old}预警{kind}为{new}预警", until))
        start = fmt_hour(rec.new_start) if proposal.kind == "revise" and rec.new_start else when
        summary.append(f"{rec.region}：建议自{start}起{change[0]}{change[1]}{_observed_note(proposal)}。")
    summary += list(proposal.return_notes)
    source = f"依据{proposal.forecast_source}{proposal.issued_at_text}发布的预测" if proposal.issued_at_text else \
        f"依据{proposal.forecast_source}的预测"
    summary.insert(0, f"{source}，拟以{proposal.signer}名义印发《{proposal.title}》。")
    decision = f"同意{kind}上述重污染天气区域预警，按程序印发建议函。"
    words = tuple(w for w in proposal.title_words if w not in ("关于", "的", "建议函")) or (proposal.title,)
    return ApprovalForm(title=f"关于{proposal.title.removeprefix('关于').removesuffix('的建议函')}的呈批件",
                        title_words=("关于", *words, "的", "呈批件"),
                        letter_title=proposal.title, summary=summary, decision=decision,
                        notes=list(proposal.approval_notes), routes=list(proposal.approval_routes),
                        drafted_by=drafted_by, date_text=proposal.date_text)


def _observed_note(proposal: Proposal) -> str:
    """A follow-up about a 过程 already running in the observed hours: since when (it has no lead time) — for a
    warning not yet started, since when the 过程 has been observed; for one in effect, since when the change was
    already due (the letter takes it from the forecast's first hour)."""
    since, rec = proposal.observed_since, proposal.recommendation
    if since is None or rec is None:
        return ""
    if rec.pending:
        return f"（实况：{fmt_hour(since)}起已出现重污染天气）"
    what = {"upgrade": f"已达到{LEVEL_ZH.get(rec.new_level, '')}预警启动条件",
            "downgrade": f"已降至{LEVEL_ZH.get(rec.new_level, '')}预警条件",
            "lift": "已不再满足区域预警启动条件", "extend": "过程已超过原预计结束时间仍在持续"}.get(proposal.kind)
    return f"（实况：{fmt_hour(since)}起{what}）" if what else ""


def date_problems(proposal: Proposal, now: datetime | None = None) -> list[Problem]:
    """Warnings about the 成文日期: after the day the letter asks something to start, or the forecast it rests on
    is stale (issued more than 36 hours before the letter's day begins). English messages, localised by the
    caller."""
    out: list[Problem] = []
    now = now or datetime.now(BEIJING)
    letter_day: date | None = proposal.letter_date
    start = proposal.proposed_start
    if letter_day is not None and start is not None and letter_day > start.astimezone(BEIJING).date():
        out.append(Problem(f"the letter date {fmt_date(letter_day)} is after the proposed start {fmt_hour(start)}",
                           severity="warning"))
    issued = proposal.issued_at
    if issued is not None and letter_day is not None and letter_day < issued.astimezone(BEIJING).date():
        out.append(Problem(f"the letter date {fmt_date(letter_day)} is before the forecast it cites was issued "
                           f"({fmt_hour(issued)})", severity="warning"))
    elif issued is not None:
        # judged on the letter's own day (a letter dated back for a replay is judged on that day)
        reference = datetime.combine(letter_day, datetime.min.time(), BEIJING) if letter_day else now
        age = (reference - issued).total_seconds() / 3600
        if age > STALE_AFTER_HOURS:
            message = (f"the forecast was issued {age:.0f} hours before the letter (at {fmt_hour(issued)}): "
                       "check that it is the latest one") if age < 72 else \
                (f"the forecast was issued {age / 24:.0f} days before the letter (at {fmt_hour(issued)}): "
                 "check that it is the latest one")
            out.append(Problem(message, severity="warning"))
    return out

