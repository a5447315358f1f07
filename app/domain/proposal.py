"""The warning proposal (区域预警建议函) as pure content: every text the letter carries (spec §6, 四(三)–(五)).

:func:`build_proposal` turns an :class:`~app.domain.results.Evaluation`, the forecast's metadata, the scheme, the
episodes the officer selected, the officer's own fields and any what-if edits into a :class:`Proposal`;
:func:`build_followup` does the same for an upgrade / downgrade / lift letter from a
:class:`~app.domain.results.Recommendation`. The Word and PDF writers (``app.export``) and the review dialog's
preview all render one ``Proposal``, so they cannot disagree. The letter body is a flat list of
:class:`Block` (``h1`` 一、 / ``h2`` （一） / ``p``) that maps onto the template's paragraph styles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import numpy as np

from app.domain.forecast import DEFAULT_SOURCE, ForecastMeta
from app.domain.letter_wording import (
    LEVEL_ZH,
    category,
    category_counts,
    condition_text,
    counts_text,
    edit_sentence,
    fmt_date,
    fmt_end,  # noqa: F401 - re-exported: callers import it from here
    fmt_hour,
    fmt_minute,
    fmt_range,
    letter_source,
    negative_lead_words,
    title_lines,
)
from app.domain.results import Evaluation, Recommendation, RegionalEpisode
from app.domain.scheme import BEIJING, LEVEL_RANK, Scheme
from app.domain.units import UnitTable, load_units
from app.errors import InputError, Problem

DEFAULT_SIGNER = "川渝地区秋冬季重污染天气应急联动工作小组办公室"
CHINESE_NUMBERS = "一二三四五六七八九十"
KINDS = ("start", "upgrade", "downgrade", "lift", "extend", "revise", "cancel")  # spec §7's letters
PROVINCES = ("四川省", "重庆市")
# each side's sending bureau (四(五)1: 川渝两地生态环境厅（局）分别向所辖相关城市发送)
SIDE_SENDERS = {"四川省": "四川省生态环境厅", "重庆市": "重庆市生态环境局"}


@dataclass
class OfficerFields:
    """What the duty officer types or overrides; ``None`` means "derive it from the forecast"."""

    doc_number: str = ""  # 文号, e.g. 川渝联防办〔2026〕3号
    signer: str = DEFAULT_SIGNER
    date: date | None = None  # letter date; None: today (Beijing)
    met_text: str | None = None  # 气象条件; None: prefilled from the forecast's met columns
    recipients: str | None = None  # 主送; None: the warned cities' bureaus, by province
    copy_to: str = ""  # 抄送 (抄报 is the scheme's, 生态环境部)
    forecast_source: str | None = None  # 预报来源 setting; None: the file's producer if an institution, else default
    # 预测依据: the 会商 sentence (app.consultation.text.basis_sentence), "" without one
    consultation_text: str = ""
    side: str = ""  # "" the combined letter; "四川省" / "重庆市": that side's bureau writes to its own cities


@dataclass(frozen=True)
class Block:
    kind: str  # "h1" | "h2" | "p"
    text: str


@dataclass(frozen=True)
class EpisodeText:
    """One regional episode as the letter states it (the structured facts behind its paragraphs)."""

    number: int  # 1-based position in the evaluation's episode list
    region: str
    level: str
    rule_text: str
    cities_by_province: tuple[tuple[str, tuple[str, ...]], ...]  # ("四川省", ("遂宁市", "江北区（按自身红色预警执行）"))
    own_higher: dict[str, str]
    peak_aqi: int | None
    peak_city: str
    peak_date: str
    peak_over_500: bool
    days_over_200: int
    days_over_300: int
    primary: str
    start: datetime
    end: datetime  # inclusive last hour
    lead_hours: float | None
    lead_short: bool
    approval: str
    condition: str = ""  # the level condition the triggering cities met: 日AQI>200持续72小时
    category_counts: dict = field(default_factory=dict)  # 中度/重度/严重污染 → city-days
    end_at_least: bool = False  # the 过程 runs to the end of the series: the end is "at least" (spec §7)
    observed_since: datetime | None = None  # already running: observed since (spec §7), no lead time
    return_note: str = ""  # the same forecast lifts or cancels the region's warning in force: this is a return
    peak_observed: bool = False  # the peak day is before the forecast's first hour: observed, not forecast

    @property
    def cities_text(self) -> str:
        return "；".join(f"{province}{'、'.join(names)}" for province, names in self.cities_by_province)

    @property
    def degree_text(self) -> str:
        if self.peak_aqi is None:
            return "预测数据不足，无法给出日AQI峰值"
        peak = "超过500" if self.peak_over_500 else str(self.peak_aqi)
        words = category(500.1 if self.peak_over_500 else self.peak_aqi)
        # an episode running since the observed hours may peak there: that peak was measured, not forecast
        said = "" if self.peak_observed else "预计"
        seen = "，实况" if self.peak_observed else ""
        text = f"{said}日AQI最高{peak}（{self.peak_city}，{self.peak_date}{seen}{'，' + words if words else ''}）"
        counts = counts_text(self.category_counts)
        if counts:
            text += f"，过程期间区域内累计出现{counts}"
        return text + f"，首要污染物为{self.primary}"

    @property
    def lead_text(self) -> str:
        if self.observed_since is not None:
            return f"过程已于{fmt_hour(self.observed_since)}起出现（监测实况），不计提前量"
        if self.lead_hours is None:
            return "预报发布时间未知，无法计算提前量"
        if self.lead_hours < 0:
            what, ask = negative_lead_words(-self.lead_hours)
            return f"预报发布时间晚于过程开始时间{-self.lead_hours:.0f}小时（{what}，{ask}）"
        text = f"距预报发布{self.lead_hours:.0f}小时"
        return text + "，不足72小时（方案要求原则上提前72小时）" if self.lead_short else text + "，满足提前72小时要求"


@dataclass
class Proposal:
    kind: str  # start | upgrade | downgrade | lift
    title: str
    doc_number: str
    recipients: str  # 主送
    blocks: list[Block]
    signer: str
    date_text: str
    copy_report: str  # 抄报
    copy_to: str  # 抄送
    level: str  # highest level proposed (the new level for a follow-up; "none" for a lift)
    episodes: list[EpisodeText] = field(default_factory=list)
    met_text: str = ""
    forecast_source: str = ""
    issued_at_text: str = ""
    aqi_edition: str = ""
    edits: list[str] = field(default_factory=list)
    scheme_label: str = ""
    # what the machine-readable record embedded in the exported files needs (app.export.proposal_record)
    scheme_id: str = ""
    forecast_sha256: str = ""
    recommendation: Recommendation | None = None  # the engine advice a follow-up letter acts on
    title_words: tuple[str, ...] = ()  # the title cut into words: lines break only between them
    consultation: str = ""  # the consultation sentence in 预测依据 ("" none)
    side: str = ""  # "" combined; "四川省"/"重庆市" for one side's letter
    letter_date: date | None = None
    proposed_start: datetime | None = None  # earliest time the letter puts something into effect
    issued_at: datetime | None = None  # the forecast's issue time
    approval_routes: tuple[str, ...] = ()  # approval routes this letter needs (呈批件)
    approval_notes: tuple[str, ...] = ()  # what the approver must know: short lead times and the like (呈批件)
    # data-quality findings present when the letter was made, and where the officer accepted them ("review
    # dialog" | "command line"); kept in the machine record and the audit log, never in the body text
    data_findings: list = field(default_factory=list)  # app.errors.Problem
    findings_accepted_in: str = ""
    return_notes: tuple[str, ...] = ()  # a lift/cancel and a new warning of one region: the return, said (呈批件)
    # a follow-up about a 过程 already running in the observed hours: since when (the 呈批件 says it; no lead time)
    observed_since: datetime | None = None

    @property
    def body_text(self) -> str:
        """Plain text of the body (preview, tests, audit)."""
        return "\n".join(b.text for b in self.blocks)

    @property
    def full_text(self) -> str:
        """Every text the letter prints (tests check it for machine text)."""
        return "\n".join([self.doc_number, self.title, self.recipients, self.body_text, self.signer,
                          self.date_text, self.copy_report, self.copy_to])

    @property
    def title_line_list(self) -> list[str]:
        return title_lines(self.title_words or (self.title,))

    def missing_fields(self) -> list[str]:
        """Fields an official letter needs that the officer has not filled (the dialog and CLI warn)."""
        return [name for name, value in (("文号", self.doc_number), ("署名", self.signer),
                                         ("气象条件", self.met_text)) if not value.strip()]


def edit_texts(edits: Sequence[object]) -> list[str]:
    """What-if edits as a letter states them (strings as they are)."""
    return [edit_sentence(edit) for edit in edits]


def select_episodes(evaluation: Evaluation, selection: str | Sequence[int] | None) -> list[int]:
    """0-based episode indexes from ``"all"``/None, or 1-based numbers (as the CLI and dialog show them)."""
    count = len(evaluation.episodes)
    if selection is None or selection == "all":
        return list(range(count))
    numbers = [int(n) for n in ([selection] if isinstance(selection, (int, str)) else selection)]
    for n in numbers:
        if not 1 <= n <= count:
            raise InputError(Problem("no such regional episode", column="--episode", value=str(n),
                                     expected=f"1 … {count} or all" if count else "a forecast with a regional episode"))
    return sorted({n - 1 for n in numbers})


def _by_province(names: Sequence[str], units: UnitTable, label=lambda c: c) -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_province: dict[str, list[str]] = {}
    for city in names:
        unit = units.resolve(city)
        by_province.setdefault(unit.province if unit else "", []).append(label(city))
    return tuple((p, tuple(v)) for p, v in sorted(by_province.items(), key=lambda kv: kv[0] != "四川省"))


def episode_text(number: int, episode: RegionalEpisode, evaluation: Evaluation, units: UnitTable,
                 scheme: Scheme | None = None) -> EpisodeText:
    def label(city: str) -> str:
        level = episode.warned_cities[city]
        return city if LEVEL_RANK[level] <= LEVEL_RANK[episode.level] else f"{city}（按自身{LEVEL_ZH[level]}预警执行）"

    ordered = _by_province(list(episode.warned_cities), units, label)
    degree = _pollution_degree(episode.warned_cities, episode.start, episode.end, evaluation)
    where = "单个联动区域内" if episode.rule == "within-region" else "跨联动区域"
    rule = f"{where}{len(episode.trigger_cities)}个相邻城市（{'、'.join(episode.trigger_cities)}）达到{LEVEL_ZH[episode.level]}预警条件"
    condition = condition_text(episode.qualifying_runs, episode.level, scheme) if scheme is not None else ""
    return EpisodeText(
        number=number, region=episode.region, level=episode.level, rule_text=rule, cities_by_province=ordered,
        own_higher={c: episode.warned_cities[c] for c in episode.own_higher}, start=episode.start, end=episode.end,
        lead_hours=episode.lead_time_hours, lead_short=episode.lead_time_short, approval=episode.approval,
        condition=condition, **degree)


def _pollution_degree(cities, start: datetime, end: datetime, evaluation: Evaluation) -> dict:
    rows = [evaluation.units.index(c) for c in cities if c in evaluation.units]
    inside = np.asarray((evaluation.times >= start) & (evaluation.times <= end))
    values = evaluation.daily_aqi[np.ix_(rows, np.flatnonzero(inside))] if rows else np.empty((0, 0))
    empty = {"peak_aqi": None, "peak_city": "", "peak_date": "", "peak_over_500": False, "peak_observed": False,
             "days_over_200": 0, "days_over_300": 0, "primary": "PM2.5", "category_counts": {}}
    if values.size == 0 or np.all(np.isnan(values)):
        return empty
    r, c = np.unravel_index(np.nanargmax(values), values.shape)
    row, hour = rows[r], np.flatnonzero(inside)[c]
    when = evaluation.times[hour]
    days = [t.date() for t in evaluation.times[inside]]
    day_max: dict = {}
    for j, day in enumerate(days):
        column = values[:, j]
        if not np.all(np.isnan(column)):
            day_max[day] = max(day_max.get(day, -1.0), float(np.nanmax(column)))
    primary = ""
    if evaluation.daily_primary is not None:
        primary = str(evaluation.daily_primary[row, hour] or "")
    over = bool(evaluation.daily_over_500[row, hour]) if evaluation.daily_over_500 is not None else False
    f = evaluation.forecast_start if evaluation.observed_hours else None
    return {"peak_aqi": int(values[r, c]), "peak_city": evaluation.units[row],
            "peak_date": f"{when.month}月{when.day}日", "peak_over_500": over,
            "peak_observed": bool(f is not None and when < f),
            "days_over_200": sum(v > 200 for v in day_max.values()),
            "days_over_300": sum(v > 300 for v in day_max.values()), "primary": primary or "PM2.5",
            "category_counts": category_counts(values, days)}


def _recipients_text(by_province: dict[str, list[str]], side: str = "") -> str:
    parts = [f"{p}{'、'.join(c)}生态环境局" for p, c in sorted(by_province.items(), key=lambda kv: kv[0] != "四川省")
             if not side or p == side]
    return "，".join(parts)


def default_recipients(episodes: Sequence[EpisodeText], side: str = "") -> str:
    """主送: the warned cities' bureaus, Sichuan first (四川省遂宁市、广安市生态环境局，重庆市…生态环境局);
    a side's letter: that side's cities only."""
    by_province: dict[str, list[str]] = {}
    for ep in episodes:
        for province, names in ep.cities_by_province:
            for name in names:
                city = name.split("（")[0]
                if city not in by_province.setdefault(province, []):
                    by_province[province].append(city)
    return _recipients_text(by_province, side)


def met_prefill(met: dict[str, np.ndarray], rows: Sequence[int] | None = None,
                hours: np.ndarray | None = None) -> str:
    """A first draft of 气象条件 from the forecast's met columns over the warned cities (``rows``) and the
    episode's hours (bool mask), for the officer to rewrite; "" when the forecast has no met columns."""
    met = {k: v[np.asarray(rows, dtype=int)] if rows is not None else v for k, v in met.items()}
    if hours is not None:
        met = {k: v[:, hours] if v.shape[1] == hours.size else v for k, v in met.items()}
    parts = []
    if "wind_speed" in met and np.isfinite(met["wind_speed"]).any():
        parts.append(f"平均风速约{np.nanmean(met['wind_speed']):.1f}米/秒")
    if "rh" in met and np.isfinite(met["rh"]).any():
        parts.append(f"平均相对湿度约{np.nanmean(met['rh']):.0f}%")
    if "blh" in met and np.isfinite(met["blh"]).any():
        parts.append(f"边界层高度最低约{np.nanmin(met['blh']):.0f}米")
    if "inversion" in met and np.isfinite(met["inversion"]).any() and np.nanmax(met["inversion"]) > 0:
        parts.append("夜间至早晨存在逆温")
    if "precip" in met and np.isfinite(met["precip"]).any():
        total = np.nansum(met["precip"], axis=1).max()
        parts.append("基本无有效降水" if total < 1 else f"单个城市累计降水量最多约{total:.0f}毫米")
    if not parts:
        return ""
    return "预警期间，预警城市" + "，".join(parts) + "。"


def _met_text(officer: OfficerFields, met, evaluation: Evaluation, cities, start, end) -> str:
    if officer.met_text is not None:
        return officer.met_text
    rows = [r for r, name in enumerate(evaluation.units) if name in set(cities)]
    hours = np.asarray((evaluation.times >= start) & (evaluation.times <= end))
    return met_prefill(met or {}, rows, hours)


def _according(source: str, issued: str, consulted: bool, latest: bool = False) -> str:
    """"据西南区域空气质量预测预报中心2026年1月9日10时发布的预测"; a 会商结论 is not published but decided:
    "据2026年1月9日10时30分会商研判"."""
    if consulted:
        return f"据{issued}会商研判" if issued else "据会商研判"
    return f"据{source}{issued + '发布的' if issued else ('最新' if latest else '')}预测"


def _basis_blocks(source: str, issued: str, evaluation: Evaluation, edits: list[str],
                  consultation: str, consulted: bool = False) -> list[Block]:
    """三、预测依据: where the forecast comes from, how daily AQI is counted, the consultation, corrections."""
    mode = "自然日（0—24时）" if evaluation.mode == "calendar" else "滑动24小时"
    edition = "、".join(e.strip() for e in evaluation.aqi_edition.split("/") if e.strip())
    when = f"{issued}发布的" if issued else "最新发布的"
    basis = f"{issued}会商研判的空气质量预测结论" if consulted else f"{source}{when}空气质量预测"
    first = f"本建议依据{basis}，日空气质量指数（AQI）按{edition}以{mode}计算。"
    if evaluation.range_bound in ("low", "central", "high"):
        word = {"low": "下限", "central": "中值", "high": "上限"}[evaluation.range_bound]
        first += f"预测为区间值，本建议按其{word}研判。"
    lines = [first]
    if consultation.strip():
        lines.append(consultation.strip().rstrip("。") + "。")
    if edits:
        lines.append("会商对预测作了如下订正：" + "；".join(e.rstrip("。") for e in edits) + "。")
    return [Block("p", t) for t in lines]


SECTION_NUMBERS = "一二三四五六七八九十"


def _without_empty_sections(blocks: list[Block]) -> list[Block]:
    """A section with no text (气象条件 when the forecast has no met columns and the officer wrote none) is left
    out and the 一、二、… headings after it renumbered: a letter never prints a placeholder for the officer
    (missing_fields names the empty section, and the CLI and the dialog warn)."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "p" and not block.text.strip():
            if out and out[-1].kind == "h1":
                out.pop()
            continue
        out.append(block)
    number = 0
    for k, block in enumerate(out):
        if block.kind == "h1" and block.text[:1] in SECTION_NUMBERS and block.text[1:2] == "、":
            out[k] = replace(block, text=f"{SECTION_NUMBERS[number]}、{block.text.split('、', 1)[1]}")
            number += 1
    return out


def _requirements(scheme: Scheme, side: str, action: str) -> str:
    """四、有关要求: who sends it on, and only the report the case needs (a lift asks for no 启动预警情况通报)."""
    follow = {"start": "发布预警信息、启动应急响应，并及时将启动预警情况通报工作小组办公室",
              "upgrade": "调整预警级别、落实相应级别应急减排措施，并及时将预警调整情况通报工作小组办公室",
              "downgrade": "调整预警级别和应急响应措施，并及时将预警调整情况通报工作小组办公室",
              "lift": "解除预警、终止应急响应，并及时将解除预警情况通报工作小组办公室",
              "extend": "延长预警、继续落实相应级别应急减排措施，并及时将预警调整情况通报工作小组办公室",
              "revise": "按调整后的等级和时间发布预警信息、做好应急响应准备，并及时将预警调整情况通报工作小组办公室",
              "cancel": "取消原定预警、停止应急响应准备，并及时将取消预警情况通报工作小组办公室"}[action]
    if side:
        return f"请相关城市按照本级人民政府规定的程序{follow}。"
    return (f"本建议函经审批同意后，由{'、'.join(scheme.senders)}分别发送所辖相关城市，并抄报"
            f"{'、'.join(scheme.copy_to)}。请相关城市按照本级人民政府规定的程序{follow}。")


def _level_clause(texts: Sequence[EpisodeText]) -> str:
    """"盆地中部地区达到区域橙色预警启动条件，盆地南部地区、成都平原地区达到区域红色预警启动条件"."""
    by_level: dict[str, list[str]] = {}
    for t in texts:
        by_level.setdefault(t.level, []).append(t.region)
    return "，".join(f"{'、'.join(dict.fromkeys(regions))}达到区域{LEVEL_ZH[level]}预警启动条件"
                    for level, regions in by_level.items())


def _signer(officer: OfficerFields) -> str:
    if officer.side and officer.signer in ("", DEFAULT_SIGNER):
        return SIDE_SENDERS.get(officer.side, officer.signer)
    return officer.signer


def _short_lead_notes(texts: Sequence[EpisodeText], scheme: Scheme) -> tuple[str, ...]:
    notes = []
    for t in texts:
        if t.lead_hours is not None and t.lead_hours < 0:
            what, ask = negative_lead_words(-t.lead_hours)
            notes.append(f"{t.region}{LEVEL_ZH[t.level]}预警建议启动时间早于预报发布时间{-t.lead_hours:.0f}小时"
                         f"（{what}），{ask}")
        elif t.lead_hours is not None and t.lead_short:
            notes.append(f"{t.region}{LEVEL_ZH[t.level]}预警建议启动时间距预报发布仅{t.lead_hours:.0f}小时，"
                         f"不足方案要求的{scheme.lead_time_hours}小时，请尽快审批")
    return tuple(notes)


def _as_new_warning(text: EpisodeText, episode: RegionalEpisode, warning, evaluation: Evaluation) -> EpisodeText:
    """An episode's text as its start letter states it under spec §7: from its first step at or after the
    forecast's first hour, to its one end ("at least" when open), the lead time to that start — or, when it is
    already running, since when it has been observed and no lead time."""
    from app.domain.followups import return_note

    if warning is None:
        return text
    running = episode.observed_hours > 0
    return replace(text, start=warning.start, end=warning.end, end_at_least=warning.end_at_least,
                   lead_hours=None if running else warning.lead_time_hours,
                   lead_short=False if running else warning.lead_time_short,
                   observed_since=episode.start if running else None,
                   return_note=return_note(evaluation, warning))


def build_proposal(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, episodes: Sequence[int],
                   officer: OfficerFields | None = None, met: dict[str, np.ndarray] | None = None,
                   edits: Sequence[object] = (), units: UnitTable | None = None) -> Proposal:
    """The start letter for the selected episodes (0-based indexes into ``evaluation.episodes``). An episode that
    is a new warning of spec §7 (``evaluation.new_warnings``) starts at its first step at or after the forecast's
    first hour and ends at its one end; an episode already running says since when it has been observed."""
    officer = officer or OfficerFields()
    if not episodes:
        raise InputError(Problem("no regional episode selected", column="--episode",
                                 expected="at least one episode (the forecast has "
                                          f"{len(evaluation.episodes)})"))
    units = units or load_units()
    new_warnings = {w.episode_index: w for w in getattr(evaluation, "new_warnings", ())}
    texts = [_as_new_warning(episode_text(i + 1, evaluation.episodes[i], evaluation, units, scheme),
                             evaluation.episodes[i], new_warnings.get(i), evaluation) for i in episodes]
    if officer.side:
        texts = [replace(t, cities_by_province=tuple(p for p in t.cities_by_province if p[0] == officer.side))
                 for t in texts]
        texts = [t for t in texts if t.cities_by_province]
        if not texts:
            raise InputError(Problem("no warned city on this side", column="side", value=officer.side,
                                     expected="a side with a warned city in the selected episodes"))
    level = max((t.level for t in texts), key=LEVEL_RANK.__getitem__)
    source = letter_source(officer.forecast_source, meta.label, DEFAULT_SOURCE)
    issued = fmt_minute(evaluation.issued_at) if evaluation.issued_at else ""
    consulted = meta.source_format == "consensus"  # a 会商结论: dated by its decision, which is no 发布
    edit_list = edit_texts(edits)
    start = min(t.start for t in texts)
    end = max(t.end for t in texts)
    warned = {c for i in episodes for c in evaluation.episodes[i].warned_cities}
    met_text = _met_text(officer, met, evaluation, warned, start, end)
    levels = list(dict.fromkeys(LEVEL_ZH[t.level] for t in sorted(texts, key=lambda t: LEVEL_RANK[t.level])))
    running = [t for t in texts if t.observed_since is not None]
    observed = "".join(f"据监测，{t.region}自{fmt_hour(t.observed_since)}起已出现重污染天气。" for t in running)
    returns = "".join(t.return_note for t in texts)
    # an open 过程 (the forecast cannot yet say it is over): "至X（或更晚）", as its 预警时间 says "（或更晚，…）";
    # "至X以后" read as "until some time after X"
    period = f"{fmt_range(start, end)}（或更晚）" if any(t.end_at_least for t in texts if t.end == end) else \
        fmt_range(start, end)
    blocks = [Block("p", f"{observed}{returns}{_according(source, issued, consulted)}，{period}，"
                         f"川渝地区可能出现一次重污染天气过程。根据《{scheme.title}》，经研判，{_level_clause(texts)}。"
                         "现提出区域预警建议如下：")]
    blocks.append(Block("h1", "一、预警建议"))
    for n, t in enumerate(texts):
        condition = f"{t.condition}，" if t.condition else ""
        where = "单个联动区域内" if "单个" in t.rule_text else "跨联动区域"
        trigger = evaluation.episodes[t.number - 1].trigger_cities
        blocks += [Block("h2", f"（{CHINESE_NUMBERS[n % 10]}）{t.region}{LEVEL_ZH[t.level]}预警"),
                   Block("p", f"1.预警城市：{t.cities_text}。"),
                   Block("p", f"2.启动条件：{'、'.join(trigger)}{len(trigger)}个相邻城市预计{condition}"
                              f"达到{where}相邻城市{LEVEL_ZH[t.level]}预警启动条件。"),
                   Block("p", f"3.污染程度：{t.degree_text}。"),
                   Block("p", f"4.预警时间：建议于{fmt_hour(t.start)}启动，预计持续至{_end(t)}。"),
                   Block("p", f"5.审批程序：{t.approval}。")]
    blocks.append(Block("h1", "二、气象条件"))
    blocks.append(Block("p", met_text.strip()))
    blocks.append(Block("h1", "三、预测依据"))
    blocks += _basis_blocks(source, issued, evaluation, edit_list, officer.consultation_text or "", consulted)
    blocks.append(Block("h1", "四、有关要求"))
    blocks.append(Block("p", _requirements(scheme, officer.side, "start")))
    blocks = _without_empty_sections(blocks)
    words = ("关于", "启动", "川渝地区", "重污染天气", "区域", *[w + "、" for w in levels[:-1]], levels[-1], "预警",
             "的", "建议函")
    letter_date = officer.date or datetime.now(BEIJING).date()
    signer = _signer(officer)
    return Proposal(
        kind="start", title="".join(words), doc_number=officer.doc_number,
        recipients=officer.recipients or default_recipients(texts, officer.side), blocks=blocks,
        signer=signer, date_text=fmt_date(letter_date),
        copy_report="、".join(scheme.copy_to), copy_to=officer.copy_to, level=level, episodes=texts,
        met_text=met_text, forecast_source=source, issued_at_text=issued, aqi_edition=evaluation.aqi_edition,
        edits=edit_list, scheme_label=f"{scheme.id} ({scheme.version})", scheme_id=scheme.id,
        forecast_sha256=meta.sha256, title_words=words, consultation=officer.consultation_text or "",
        side=officer.side, letter_date=letter_date, proposed_start=start, issued_at=evaluation.issued_at,
        approval_routes=tuple(dict.fromkeys(t.approval for t in texts)),
        approval_notes=_short_lead_notes(texts, scheme),
        return_notes=tuple(t.return_note for t in texts if t.return_note))


def _end(t: EpisodeText) -> str:
    from app.domain.followups import end_text

    return end_text(t.end, t.end_at_least)


def build_followup(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, recommendation: int,
                   officer: OfficerFields | None = None, edits: Sequence[object] = (),
                   met: dict[str, np.ndarray] | None = None, units: UnitTable | None = None) -> Proposal:
    """The follow-up letter for ``evaluation.recommendations[recommendation]`` (0-based): spec §7's upgrade,
    downgrade, lift, extend, revise or cancel (:mod:`app.domain.followups`)."""
    from app.domain.followups import build_followup as build

    return build(evaluation, meta, scheme, recommendation=recommendation, officer=officer, edits=edits, met=met,
                 units=units)
