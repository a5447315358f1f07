"""Follow-up letters for the warnings in force, as spec §7 advises them (四(五)3): upgrade, downgrade, lift, extend
for a warning in effect; revise (关于调整…) and cancel (关于取消…) for a pending one.

Each letter acts on one :class:`~app.domain.results.Recommendation` and states exactly one end, the advice's
(``until``, "at least" when the 过程 is open). A follow-up followed, in the same forecast, by a new warning of the
same region (a lift, then a return; an extension whose 过程 ends before the next) says so ("预计X日X时起再次出现…"),
as does the start letter of that new warning (:func:`return_note`). Pure content: the Word and PDF writers render the :class:`~app.domain.proposal.Proposal`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np

from app.domain.forecast import ForecastMeta
from app.domain.letter_wording import (
    LEVEL_ZH,
    fmt_date,
    fmt_end,
    fmt_hour,
    fmt_minute,
    fmt_range,
    letter_source,
    negative_lead_words,
)
from app.domain.results import Evaluation, NewWarning, Recommendation
from app.domain.scheme import BEIJING, Scheme
from app.domain.units import UnitTable, load_units
from app.errors import InputError, Problem

FOLLOWUP_KINDS = ("upgrade", "downgrade", "lift", "extend", "revise", "cancel")
HOUR = timedelta(hours=1)


def end_text(until: datetime, at_least: bool) -> str:
    """The one expected end a letter states: "2026年1月15日24时", and for an open 过程 (the forecast cannot yet say
    it is over) the same end with "（或更晚，以后续预报为准）"."""
    return f"{fmt_end(until)}（或更晚，以后续预报为准）" if at_least else fmt_end(until)


def returns_of(evaluation: Evaluation, region: str, after: datetime | None = None) -> list[NewWarning]:
    """The new warnings of ``region`` in this forecast (a return after a lift or cancel; with ``after``, the end of
    an upgraded, downgraded, extended or revised 过程: those starting after it), in time order."""
    return sorted((w for w in evaluation.new_warnings if w.region == region and (after is None or w.start > after)),
                  key=lambda w: w.start)


def return_sentence(warning: NewWarning) -> str:
    """What a follow-up letter says of a new warning of its region: "预计X日X时起再次出现…"."""
    return (f"预计{fmt_hour(warning.start)}起该区域将再次出现重污染天气过程，达到区域{LEVEL_ZH[warning.level]}"
            "预警启动条件；两次过程间隔36小时以上，应视为新的过程，另行提出启动预警建议。")


def return_note(evaluation: Evaluation, warning: NewWarning) -> str:
    """What the start letter of a new warning says when the same forecast sends a follow-up for its region's
    warning in force (spec §7: a lift, then a return; or an extension, upgrade, downgrade or revision whose 过程
    ends before this one): what that letter advises and this as a return; "" when no follow-up of the region
    comes before it."""
    for rec in evaluation.recommendations:
        if rec.region != warning.region or rec.action not in FOLLOWUP_KINDS:
            continue
        old = LEVEL_ZH[rec.in_force_level]
        if rec.action in ("lift", "cancel"):
            if rec.from_time is None or rec.from_time > warning.start:
                continue
            advised = f"已建议自{fmt_hour(rec.from_time)}起{'解除' if rec.action == 'lift' else '取消'}"
        else:
            if rec.until is None or rec.until >= warning.start:
                continue
            new = LEVEL_ZH[rec.new_level]  # that letter's end is its own: a letter states one end, this one's
            advised = {"extend": "已另函建议延长",
                       "upgrade": f"已另函建议自{fmt_hour(rec.from_time)}起升级为{new}预警",
                       "downgrade": f"已另函建议自{fmt_hour(rec.from_time)}起降级为{new}预警",
                       "revise": f"已另函建议调整为{new}预警"}[rec.action]
        return (f"{warning.region}现行{old}预警{advised}；预计{fmt_hour(warning.start)}起再次出现重污染天气过程，"
                "两次过程间隔36小时以上，按新的过程提出本启动建议。")
    return ""


def build_followup(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, recommendation: int,
                   officer=None, edits: Sequence[object] = (), met: dict[str, np.ndarray] | None = None,
                   units: UnitTable | None = None):
    """The follow-up letter for ``evaluation.recommendations[recommendation]`` (0-based)."""
    from app.domain import proposal as p

    officer = officer or p.OfficerFields()
    try:
        rec = evaluation.recommendations[recommendation]
    except IndexError:
        raise InputError(Problem("no such recommendation", column="recommendation", value=str(recommendation + 1),
                                 expected=f"1 … {len(evaluation.recommendations)}")) from None
    if rec.action not in FOLLOWUP_KINDS:
        raise InputError(Problem("this recommendation needs no letter", column="recommendation", value=rec.action,
                                 expected=", ".join(FOLLOWUP_KINDS)))
    return _Letter(evaluation, meta, scheme, rec, officer, edits, met, units or load_units()).build()


class _Letter:
    def __init__(self, evaluation, meta, scheme, rec: Recommendation, officer, edits, met, units):
        from app.domain import proposal as p

        self.p, self.evaluation, self.scheme, self.rec, self.officer = p, evaluation, scheme, rec, officer
        self.edits, self.met, self.units, self.meta = edits, met, units, meta
        self.source = letter_source(officer.forecast_source, meta.label, p.DEFAULT_SOURCE)
        self.issued = fmt_minute(evaluation.issued_at) if evaluation.issued_at else ""
        self.consulted = meta.source_format == "consensus"
        self.region = scheme.region(rec.region)
        self.old, self.new = LEVEL_ZH[rec.in_force_level], LEVEL_ZH.get(rec.new_level, "")
        self.at = rec.from_time
        self.when = fmt_hour(self.at) if self.at else "本建议函印发之日"
        index = rec.episode_index
        self.episode = evaluation.episodes[index] if index is not None else None
        self.episode_number = None if index is None else index + 1

    # -- pieces ------------------------------------------------------------------------------------------------
    def _according(self) -> str:
        return self.p._according(self.source, self.issued, self.consulted, latest=True)

    def _cities(self) -> list[str]:
        return list(self.episode.warned_cities) if self.episode is not None and self.rec.action not in (
            "lift", "cancel") else list(self.region.members)

    def _cities_text(self, cities: list[str]) -> str:
        by_province = self.p._by_province(cities, self.units)
        if self.officer.side:
            by_province = tuple(x for x in by_province if x[0] == self.officer.side)
        return "；".join(f"{province}{'、'.join(names)}" for province, names in by_province)

    def _degree(self, start: datetime | None, end: datetime | None) -> str:
        """污染程度 over [start, end] of the warned cities (the episode's own text when the span is the episode's)."""
        if self.episode is not None and start is None:
            text = self.p.episode_text(self.episode_number, self.episode, self.evaluation, self.units, self.scheme)
            return text.degree_text
        if start is None or end is None:
            return "预测数据不足，无法给出日AQI峰值"
        d = self.p._pollution_degree(self._cities(), start, end, self.evaluation)
        if d["peak_aqi"] is None:
            return "预测数据不足，无法给出日AQI峰值"
        return (f"预计{fmt_range(start, end)}区域内城市日AQI最高{d['peak_aqi']}（{d['peak_city']}，"
                f"{d['peak_date']}），首要污染物为{d['primary']}")

    def _lead(self, at: datetime | None) -> tuple[str, tuple[str, ...]]:
        """The lead time to ``at`` as the letter states it, and the 呈批件's note when it is short."""
        issued = self.evaluation.issued_at
        if at is None or issued is None:
            return "", ()
        lead = (at - issued).total_seconds() / 3600
        if lead < 0:
            what, ask = negative_lead_words(-lead)
            return (f"建议时间早于预报发布时间{-lead:.0f}小时（{what}，{ask}）",
                    (f"{self.region.name}{self.new}预警的建议时间早于预报发布时间{-lead:.0f}小时（{what}），{ask}",))
        if lead < self.scheme.lead_time_hours:
            return (f"距预报发布{lead:.0f}小时，不足72小时（方案要求原则上提前72小时）",
                    (f"{self.region.name}{self.new}预警的建议时间距预报发布仅{lead:.0f}小时，不足方案要求的"
                     f"{self.scheme.lead_time_hours}小时，请尽快审批",))
        return f"距预报发布{lead:.0f}小时，满足提前72小时要求", ()

    def _improvement_hours(self) -> int:
        """Hours from the lift's effective step during which the region meets no warning condition (to its next
        triggered step, or the end of the series)."""
        level = self.evaluation.region_level[self.region.name]
        times = self.evaluation.times
        k = int(np.searchsorted(np.asarray(times >= self.at), True)) if self.at is not None else 0
        later = np.flatnonzero(level[k:] > 0)
        last = k + int(later[0]) if later.size else len(times)
        return last - k

    def _due(self) -> str:
        if self.rec.due_since is None:
            return ""
        return f"（实况：该变化自{fmt_hour(self.rec.due_since)}起已经出现，现于本预报期首个时次生效）"

    def _observed_since(self) -> datetime | None:
        """When the 过程 this letter is about began, if it began in the observed hours (spec §7: it is running and
        has no lead time): a pending warning's own 过程 (revise, extend), or for a joined cancel the 过程 of the
        earlier warning of the region it joined."""
        f, rec = self.evaluation.forecast_start, self.rec
        if f is None or not rec.pending:
            return None
        if rec.action == "cancel" and rec.joined:
            gap = timedelta(hours=self.scheme.merge_gap_hours)
            owners = [r.process_start for r in self.evaluation.recommendations
                      if r.region == rec.region and not r.joined and r.process_start is not None
                      and r.in_force_start < rec.in_force_start and r.process_end + gap >= rec.in_force_start]
            start = min(owners, default=None)
        else:
            start = rec.process_start
        return start if start is not None and start < f else None

    def _observed_sentence(self, since: datetime | None) -> str:
        return f"据监测，{self.region.name}自{fmt_hour(since)}起已出现重污染天气（实况）。" if since else ""

    # -- the letter --------------------------------------------------------------------------------------------
    def build(self):
        p, rec, scheme = self.p, self.rec, self.scheme
        action = rec.action
        region = self.region.name
        items, notes, degree_span = [], (), (None, None)
        intro = f"{region}自{fmt_hour(rec.in_force_start)}起执行重污染天气区域{self.old}预警。"
        if rec.pending:
            intro = f"{region}重污染天气区域{self.old}预警原建议于{fmt_hour(rec.in_force_start)}启动。"
        since = self._observed_since()
        intro += f"{self._observed_sentence(since)}{self._according()}，"
        until = end_text(rec.until, rec.until_at_least) if rec.until is not None else ""
        approval_level = rec.in_force_level
        returns = returns_of(self.evaluation, region) if action in ("lift", "cancel") else \
            returns_of(self.evaluation, region, rec.until) if rec.until is not None else []
        if action == "upgrade":
            trigger = self.episode.trigger_cities if self.episode is not None else []
            text = p.episode_text(self.episode_number, self.episode, self.evaluation, self.units, scheme) \
                if self.episode is not None else None
            condition = f"{text.condition}，" if text is not None and text.condition else ""
            who = f"{'、'.join(trigger)}{len(trigger)}个相邻城市" if trigger else "该区域"
            intro += (f"{who}自{self.when}起预计{condition}达到区域{self.new}预警启动条件{self._due()}。"
                      f"根据《{scheme.title}》，建议该区域自{self.when}起由{self.old}预警升级为{self.new}预警。")
            lead, notes = self._lead(self.at) if rec.due_since is None else ("", ())  # observed: running
            items += [f"预警等级：由{self.old}预警升级为{self.new}预警。", f"污染程度：{self._degree(None, None)}。",
                      f"预警时间：建议自{self.when}起执行{self.new}预警，预计持续至{until}。"]
            if lead:
                items.append(f"升级提前量：{lead}。")
            approval_level = rec.new_level
        elif action == "downgrade":
            hours = int((rec.until - self.at).total_seconds() // 3600) + 1 if rec.until and self.at else 0
            intro += (f"该区域自{self.when}起预计降至区域{self.new}预警条件，并持续{hours}小时{self._due()}，满足方案"
                      f"“预测空气质量明显改善且持续{scheme.downgrade_min_hours}小时及以上”的规定。"
                      f"根据《{scheme.title}》，建议该区域自{self.when}起由{self.old}预警降级为{self.new}预警。")
            items += [f"预警等级：由{self.old}预警降级为{self.new}预警。",
                      f"污染程度：{self._degree(self.at, rec.until)}。",
                      f"预警时间：建议自{self.when}起执行{self.new}预警，预计持续至{until}。"]
        elif action == "lift":
            if rec.joined:
                intro += (f"该预警对应的重污染天气过程已并入本区域此前的预警，建议自{self.when}起解除该{self.old}"
                          "预警，由此前的预警继续执行。")
            else:
                hours = self._improvement_hours()
                lasting = f"并持续{hours}小时" if hours else ""
                intro += (f"该区域空气质量自{self.when}起明显改善，不再满足区域预警启动条件{lasting}{self._due()}，"
                          f"满足方案“预测空气质量明显改善且持续{scheme.downgrade_min_hours}小时及以上”的规定。"
                          f"根据《{scheme.title}》，建议该区域自{self.when}起解除{self.old}预警。")
                if hours:
                    degree_span = (self.at, self.at + (hours - 1) * HOUR)
            if returns:
                intro += return_sentence(returns[0])
            air = self._degree(*degree_span) if degree_span[0] is not None else ""
            items += ([f"空气质量：{air}。"] if air else []) + [f"解除时间：建议于{self.when}解除{self.old}预警。"]
        elif action == "extend":
            what = "原定" + fmt_hour(rec.in_force_start) + "启动的" if rec.pending else ""
            intro += (f"该区域重污染天气过程预计持续至{until}，晚于原预计结束时间{self._due()}。"
                      f"根据《{scheme.title}》，建议将{what}{self.old}预警延长至{until}。")
            items += [f"污染程度：{self._degree(None, None)}。", f"预警时间：建议{self.old}预警延长至{until}。"]
        elif action == "revise":
            start = rec.new_start or self.at
            level_change = f"由{self.old}预警调整为{self.new}预警" if rec.new_level != rec.in_force_level \
                else f"仍为{self.new}预警"
            began = "" if since else f"于{fmt_hour(start)}开始、"  # a running 过程 began before the forecast
            intro += (f"该区域重污染天气过程预计{began}持续至{until}，达到区域{self.new}预警启动条件，"
                      f"与原建议不一致。根据《{scheme.title}》，建议将该预警调整为：自{fmt_hour(start)}起启动"
                      f"{self.new}预警，预计持续至{until}。")
            lead, notes = self._lead(start) if since is None else ("", ())  # running: no lead time
            items += [f"预警等级：{level_change}。", f"污染程度：{self._degree(None, None)}。",
                      f"预警时间：建议于{fmt_hour(start)}启动，预计持续至{until}。"]
            if lead:
                items.append(f"提前量：{lead}。")
            approval_level = rec.new_level
        elif action == "cancel":
            if rec.joined:
                intro += "该预警对应的重污染天气过程已并入本区域此前的预警。"
            else:
                intro += "该区域在原预警时段内预计不再满足区域预警启动条件。"
            intro += f"根据《{scheme.title}》，建议取消原定于{fmt_hour(rec.in_force_start)}启动的{self.old}预警。"
            if returns:
                intro += return_sentence(returns[0])
            items.append(f"取消时间：建议自{self.when}起取消，原预警不再启动。")
        if returns and action not in ("lift", "cancel"):  # spec §7: a follow-up, then a return of its region
            intro += return_sentence(returns[0])
        approval = scheme.approval.get(approval_level, "")
        items.insert(0, f"预警城市：{self._cities_text(self._cities())}。")
        items.append(f"审批程序：{approval}。")
        heading = {"lift": "一、解除建议", "cancel": "一、取消建议", "extend": "一、延长建议",
                   "revise": "一、调整建议"}.get(action, "一、预警建议")
        blocks = [p.Block("p", intro), p.Block("h1", heading)]
        blocks += [p.Block("p", f"{n}.{item}") for n, item in enumerate(items, start=1)]
        met_start = self.at or self.evaluation.times[0].to_pydatetime()
        met_end = rec.until or self.evaluation.times[-1].to_pydatetime()
        met_text = p._met_text(self.officer, self.met, self.evaluation, self._cities(), met_start, met_end)
        blocks += [p.Block("h1", "二、气象条件"), p.Block("p", met_text.strip()), p.Block("h1", "三、预测依据")]
        blocks += p._basis_blocks(self.source, self.issued, self.evaluation, p.edit_texts(self.edits),
                                  self.officer.consultation_text or "", self.consulted)
        blocks += [p.Block("h1", "四、有关要求"), p.Block("p", p._requirements(scheme, self.officer.side, action))]
        blocks = p._without_empty_sections(blocks)
        words = _title_words(action, region, self.old, self.new)
        recipients = p._recipients_text(
            {prov: list(names) for prov, names in p._by_province(list(self.region.members), self.units)},
            self.officer.side)
        letter_date = self.officer.date or datetime.now(BEIJING).date()
        proposed = rec.new_start if action == "revise" else self.at
        return p.Proposal(
            kind=action, title="".join(words), doc_number=self.officer.doc_number,
            recipients=self.officer.recipients or recipients, blocks=blocks, signer=p._signer(self.officer),
            date_text=fmt_date(letter_date), copy_report="、".join(scheme.copy_to), copy_to=self.officer.copy_to,
            level="none" if action in ("lift", "cancel") else rec.new_level, forecast_source=self.source,
            issued_at_text=self.issued, met_text=met_text, aqi_edition=self.evaluation.aqi_edition,
            edits=p.edit_texts(self.edits), scheme_label=f"{scheme.id} ({scheme.version})", scheme_id=scheme.id,
            forecast_sha256=self.meta.sha256, recommendation=rec, title_words=words,
            consultation=self.officer.consultation_text or "", side=self.officer.side, letter_date=letter_date,
            proposed_start=proposed, issued_at=self.evaluation.issued_at,
            approval_routes=(approval,) if approval else (), approval_notes=notes,
            return_notes=tuple(return_sentence(w) for w in returns[:1]),
            observed_since=since or rec.due_since)


def _title_words(action: str, region: str, old: str, new: str) -> tuple[str, ...]:
    return {"upgrade": ("关于", region, "重污染天气", "区域预警", "由" + old, "升级为", new, "的", "建议函"),
            "downgrade": ("关于", region, "重污染天气", "区域预警", "由" + old, "降级为", new, "的", "建议函"),
            "lift": ("关于", "解除", region, "重污染天气", "区域", old, "预警", "的", "建议函"),
            "extend": ("关于", "延长", region, "重污染天气", "区域", old, "预警", "的", "建议函"),
            "revise": ("关于", "调整", region, "重污染天气", "区域预警", "的", "建议函"),
            "cancel": ("关于", "取消", region, "重污染天气", "区域", old, "预警", "的", "建议函")}[action]


def acting(evaluation: Evaluation) -> list[int]:
    """Indexes of the recommendations that call for a letter (§7: every advice but keep and ended)."""
    return [i for i, rec in enumerate(evaluation.recommendations) if rec.action in FOLLOWUP_KINDS]


def process_of_a_warning(evaluation: Evaluation) -> dict[int, Recommendation]:
    """Episode index → the recommendation whose 过程 it is (such an episode never gets a start letter)."""
    return {rec.episode_index: rec for rec in evaluation.recommendations if rec.episode_index is not None}
