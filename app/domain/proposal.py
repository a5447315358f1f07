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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from app.domain.forecast import ForecastMeta
from app.domain.results import Evaluation, Recommendation, RegionalEpisode
from app.domain.scheme import BEIJING, LEVEL_RANK, Scheme
from app.domain.units import UnitTable, load_units
from app.errors import InputError, Problem

DEFAULT_SIGNER = "川渝地区秋冬季重污染天气应急联动工作小组办公室"
DEFAULT_SOURCE = "西南区域空气质量预测预报中心"
LEVEL_ZH = {"none": "无", "yellow": "黄色", "orange": "橙色", "red": "红色"}
CHINESE_NUMBERS = "一二三四五六七八九十"
KINDS = ("start", "upgrade", "downgrade", "lift")


@dataclass
class OfficerFields:
    """What the duty officer types or overrides; ``None`` means "derive it from the forecast"."""

    doc_number: str = ""  # 文号, e.g. 川渝联防办〔2026〕3号
    signer: str = DEFAULT_SIGNER
    date: date | None = None  # letter date; None: today (Beijing)
    met_text: str | None = None  # 气象条件; None: prefilled from the forecast's met columns
    recipients: str | None = None  # 主送; None: the warned cities' bureaus, by province
    copy_to: str = ""  # 抄送 (抄报 is the scheme's, 生态环境部)
    forecast_source: str | None = None  # None: the forecast's producer label, else 西南区域空气质量预测预报中心
    consultation_text: str = ""  # 预测依据: the 会商 sentence (app.consultation.text.basis_sentence), "" without one


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

    @property
    def cities_text(self) -> str:
        return "；".join(f"{province}：{'、'.join(names)}" for province, names in self.cities_by_province)

    @property
    def degree_text(self) -> str:
        if self.peak_aqi is None:
            return "预测数据不足，无法给出日AQI峰值"
        peak = "＞500（按500计）" if self.peak_over_500 else str(self.peak_aqi)
        return (f"预计日AQI峰值{peak}（{self.peak_city}，{self.peak_date}），过程期间日AQI＞200共{self.days_over_200}天、"
                f"日AQI＞300共{self.days_over_300}天（以区域内任一城市计），首要污染物为{self.primary}")

    @property
    def lead_text(self) -> str:
        if self.lead_hours is None:
            return "预报发布时间未知，无法计算提前量"
        if self.lead_hours < 0:
            return f"预报发布时间晚于过程开始时间{-self.lead_hours:.0f}小时（提前量为负，请核对预报发布时间）"
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

    @property
    def body_text(self) -> str:
        """Plain text of the body (preview, tests, audit)."""
        return "\n".join(b.text for b in self.blocks)

    def missing_fields(self) -> list[str]:
        """Fields an official letter needs that the officer has not filled (the dialog and CLI warn)."""
        return [name for name, value in (("文号", self.doc_number), ("署名", self.signer)) if not value.strip()]


def fmt_hour(t: datetime) -> str:
    t = t.astimezone(BEIJING)
    return f"{t.year}年{t.month}月{t.day}日{t.hour:02d}时"


def fmt_end(t: datetime) -> str:
    """The end of an inclusive last hour, as letters write it: 23:00 inclusive → "…日24时"."""
    t = t.astimezone(BEIJING)
    if t.hour == 23:
        return f"{t.year}年{t.month}月{t.day}日24时"
    return fmt_hour(t + timedelta(hours=1))


def fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def edit_texts(edits: Sequence[object]) -> list[str]:
    """Plain sentences for what-if edits: strings as they are, objects through ``app.domain.whatif.describe``."""
    out = []
    for edit in edits:
        if isinstance(edit, str):
            out.append(edit)
            continue
        try:
            from app.domain.whatif import describe  # built by the what-if issue; optional at import time
        except ImportError:
            describe = None
        out.append(describe(edit) if describe is not None else str(edit))
    return out


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


def episode_text(number: int, episode: RegionalEpisode, evaluation: Evaluation, units: UnitTable) -> EpisodeText:
    by_province: dict[str, list[str]] = {}
    for city, level in episode.warned_cities.items():
        unit = units.resolve(city)
        province = unit.province if unit else ""
        label = city if LEVEL_RANK[level] <= LEVEL_RANK[episode.level] else f"{city}（按自身{LEVEL_ZH[level]}预警执行）"
        by_province.setdefault(province, []).append(label)
    ordered = tuple((p, tuple(v)) for p, v in sorted(by_province.items(), key=lambda kv: kv[0] != "四川省"))
    degree = _pollution_degree(episode, evaluation)
    rule = ("单个联动区域内" if episode.rule == "within-region" else "跨联动区域") + \
        f"{len(episode.trigger_cities)}个相邻城市（{'、'.join(episode.trigger_cities)}）达到{LEVEL_ZH[episode.level]}预警条件"
    return EpisodeText(
        number=number, region=episode.region, level=episode.level, rule_text=rule, cities_by_province=ordered,
        own_higher={c: episode.warned_cities[c] for c in episode.own_higher}, start=episode.start, end=episode.end,
        lead_hours=episode.lead_time_hours, lead_short=episode.lead_time_short, approval=episode.approval, **degree)


def _pollution_degree(episode: RegionalEpisode, evaluation: Evaluation) -> dict:
    rows = [evaluation.units.index(c) for c in episode.warned_cities if c in evaluation.units]
    inside = np.asarray((evaluation.times >= episode.start) & (evaluation.times <= episode.end))
    values = evaluation.daily_aqi[np.ix_(rows, np.flatnonzero(inside))] if rows else np.empty((0, 0))
    empty = {"peak_aqi": None, "peak_city": "", "peak_date": "", "peak_over_500": False,
             "days_over_200": 0, "days_over_300": 0, "primary": "PM2.5"}
    if values.size == 0 or np.all(np.isnan(values)):
        return empty
    r, c = np.unravel_index(np.nanargmax(values), values.shape)
    row, hour = rows[r], np.flatnonzero(inside)[c]
    when = evaluation.times[hour]
    day_max = {}
    for j, t in enumerate(evaluation.times[inside]):
        column = values[:, j]
        if not np.all(np.isnan(column)):
            key = t.date()
            day_max[key] = max(day_max.get(key, -1.0), float(np.nanmax(column)))
    primary = ""
    if evaluation.daily_primary is not None:
        primary = str(evaluation.daily_primary[row, hour] or "")
    over = bool(evaluation.daily_over_500[row, hour]) if evaluation.daily_over_500 is not None else False
    return {"peak_aqi": int(values[r, c]), "peak_city": evaluation.units[row],
            "peak_date": f"{when.month}月{when.day}日", "peak_over_500": over,
            "days_over_200": sum(v > 200 for v in day_max.values()),
            "days_over_300": sum(v > 300 for v in day_max.values()), "primary": primary or "PM2.5"}


def default_recipients(episodes: Sequence[EpisodeText]) -> str:
    """主送: the warned cities' bureaus, Sichuan first (四川省遂宁市、广安市生态环境局，重庆市…生态环境局)."""
    by_province: dict[str, list[str]] = {}
    for ep in episodes:
        for province, names in ep.cities_by_province:
            for name in names:
                city = name.split("（")[0]
                if city not in by_province.setdefault(province, []):
                    by_province[province].append(city)
    parts = [f"{p}{'、'.join(c)}生态环境局" for p, c in sorted(by_province.items(), key=lambda kv: kv[0] != "四川省")]
    return "，".join(parts)


def met_prefill(met: dict[str, np.ndarray], rows: Sequence[int] | None = None,
                hours: np.ndarray | None = None) -> str:
    """A first draft of 气象条件 from the forecast's met columns over the warned cities (``rows``) and the
    episode's hours (bool mask), for the officer to rewrite; "" when the forecast has no met columns."""
    met = {k: v[np.asarray(rows, dtype=int)] if rows is not None else v for k, v in met.items()}
    if hours is not None:
        met = {k: v[:, hours] if v.shape[1] == hours.size else v for k, v in met.items()}
    parts = []
    if "wind_speed" in met and np.isfinite(met["wind_speed"]).any():
        parts.append(f"平均风速约{np.nanmean(met['wind_speed']):.1f} m/s")
    if "rh" in met and np.isfinite(met["rh"]).any():
        parts.append(f"平均相对湿度约{np.nanmean(met['rh']):.0f}%")
    if "blh" in met and np.isfinite(met["blh"]).any():
        parts.append(f"边界层高度最低约{np.nanmin(met['blh']):.0f} m")
    if "inversion" in met and np.isfinite(met["inversion"]).any() and np.nanmax(met["inversion"]) > 0:
        parts.append("存在逆温")
    if "precip" in met and np.isfinite(met["precip"]).any():
        total = np.nansum(met["precip"], axis=1).max()
        parts.append("基本无有效降水" if total < 1 else f"单城市累计降水最多约{total:.0f} mm")
    if not parts:
        return ""
    return "预警期间预警城市" + "，".join(parts) + "。"


def _context_blocks(source: str, issued: str, aqi_edition: str, mode: str, edits: list[str], bound: str,
                    consultation: str = "") -> list[Block]:
    mode_text = "自然日（00—24时）日AQI" if mode == "calendar" else "滑动24小时日AQI"
    lines = [f"预测来源：{source}，发布时间：{issued or '未知'}。",
             *([consultation] if consultation else []),
             f"空气质量指数计算依据：{aqi_edition}，按{mode_text}评估。"]
    if bound:
        lines.append(f"本建议按区间预报的{ {'low': '下限', 'central': '中值', 'high': '上限'}.get(bound, bound)}值评估。")
    if edits:
        lines.append("预测数据经会商人工订正：" + "；".join(edits) + "。")
    else:
        lines.append("预测数据未经人工订正。")
    return [Block("p", t) for t in lines]


def _distribution(scheme: Scheme) -> str:
    return (f"经审批同意后，由{'、'.join(scheme.senders)}分别向所辖相关城市发送本建议函，并抄报{'、'.join(scheme.copy_to)}。"
            "各地按本级人民政府规定的程序发布预警信息、启动应急响应，并及时将启动预警情况通报工作小组办公室。")


def build_proposal(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, episodes: Sequence[int],
                   officer: OfficerFields | None = None, met: dict[str, np.ndarray] | None = None,
                   edits: Sequence[object] = (), units: UnitTable | None = None) -> Proposal:
    """The start letter for the selected episodes (0-based indexes into ``evaluation.episodes``)."""
    officer = officer or OfficerFields()
    if not episodes:
        raise InputError(Problem("no regional episode selected", column="--episode",
                                 expected="at least one episode (the forecast has "
                                          f"{len(evaluation.episodes)})"))
    units = units or load_units()
    texts = [episode_text(i + 1, evaluation.episodes[i], evaluation, units) for i in episodes]
    level = max((t.level for t in texts), key=LEVEL_RANK.__getitem__)
    source = officer.forecast_source or meta.label or DEFAULT_SOURCE
    issued = fmt_hour(evaluation.issued_at) if evaluation.issued_at else ""
    edit_list = edit_texts(edits)
    start = min(t.start for t in texts)
    end = max(t.end for t in texts)
    if officer.met_text is not None:
        met_text = officer.met_text
    else:
        warned = {c for i in episodes for c in evaluation.episodes[i].warned_cities}
        rows = [r for r, name in enumerate(evaluation.units) if name in warned]
        hours = np.asarray((evaluation.times >= start) & (evaluation.times <= end))
        met_text = met_prefill(met or {}, rows, hours)
    levels_zh = "、".join(dict.fromkeys(LEVEL_ZH[t.level] for t in texts))
    blocks = [Block("p", f"据{source}{'于' + issued if issued else ''}发布的预测，{fmt_hour(start)}至{fmt_end(end)}，川渝地区可能出现一次重污染"
                         f"天气过程。根据《{scheme.title}》区域预警启动条件，建议在以下区域启动重污染天气区域{levels_zh}"
                         "预警，具体如下：")]
    blocks.append(Block("h1", "一、预警建议"))
    for n, t in enumerate(texts):
        blocks.append(Block("h2", f"（{CHINESE_NUMBERS[n % 10]}）{t.region}：{LEVEL_ZH[t.level]}预警"))
        blocks += [Block("p", f"1.预警等级：{LEVEL_ZH[t.level]}预警。{t.rule_text}。"),
                   Block("p", f"2.预警城市：{t.cities_text}。"),
                   Block("p", f"3.污染程度：{t.degree_text}。"),
                   Block("p", f"4.启动时间：建议于{fmt_hour(t.start)}启动，预计持续至{fmt_end(t.end)}。"),
                   Block("p", f"5.提前时间：{t.lead_text}。"),
                   Block("p", f"6.审批程序：{t.approval}。")]
    blocks.append(Block("h1", "二、气象条件"))
    blocks.append(Block("p", met_text.strip() or "（气象条件由值班人员填写。）"))
    blocks.append(Block("h1", "三、预测依据"))
    blocks += _context_blocks(source, issued, evaluation.aqi_edition, evaluation.mode, edit_list,
                              evaluation.range_bound, officer.consultation_text)
    blocks.append(Block("h1", "四、发布与报送"))
    blocks.append(Block("p", _distribution(scheme)))
    return Proposal(
        kind="start", title=f"关于启动川渝地区重污染天气区域{levels_zh}预警的建议函",
        doc_number=officer.doc_number, recipients=officer.recipients or default_recipients(texts), blocks=blocks,
        signer=officer.signer, date_text=fmt_date(officer.date or datetime.now(BEIJING).date()),
        copy_report="、".join(scheme.copy_to), copy_to=officer.copy_to, level=level, episodes=texts,
        met_text=met_text, forecast_source=source, issued_at_text=issued, aqi_edition=evaluation.aqi_edition,
        edits=edit_list, scheme_label=f"{scheme.id} ({scheme.version})", scheme_id=scheme.id,
        forecast_sha256=meta.sha256)


def build_followup(evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, recommendation: int,
                   officer: OfficerFields | None = None, edits: Sequence[object] = ()) -> Proposal:
    """An upgrade / downgrade / lift letter from ``evaluation.recommendations[recommendation]`` (0-based)."""
    officer = officer or OfficerFields()
    try:
        rec = evaluation.recommendations[recommendation]
    except IndexError:
        raise InputError(Problem("no such recommendation", column="recommendation", value=str(recommendation + 1),
                                 expected=f"1 … {len(evaluation.recommendations)}")) from None
    if rec.action not in KINDS[1:]:
        raise InputError(Problem("this recommendation needs no letter", column="recommendation", value=rec.action,
                                 expected="upgrade, downgrade or lift"))
    source = officer.forecast_source or meta.label or DEFAULT_SOURCE
    issued = fmt_hour(evaluation.issued_at) if evaluation.issued_at else ""
    when = fmt_hour(rec.from_time) if rec.from_time else "即时"
    old, new = LEVEL_ZH[rec.in_force_level], LEVEL_ZH[rec.new_level]
    action_text = {"upgrade": f"升级为{new}预警", "downgrade": f"降级为{new}预警", "lift": "解除预警"}[rec.action]
    clause = ("经西南预测预报中心研判达到更高级别预警条件" if rec.action == "upgrade"
              else f"预测空气质量明显改善且持续{scheme.downgrade_min_hours}小时及以上")
    approval_level = rec.new_level if rec.action == "upgrade" else rec.in_force_level
    approval = scheme.approval.get(approval_level, "")
    region = scheme.region(rec.region)
    blocks = [
        Block("p", f"{rec.region}自{fmt_hour(rec.in_force_start)}起执行重污染天气区域{old}预警。据{source}{'于' + issued if issued else ''}"
                   f"发布的预测，{rec.reason}。根据《{scheme.title}》四（五）3，{clause}，建议该区域自{when}起{action_text}。"),
        Block("h1", "一、涉及城市"), Block("p", "、".join(region.members) + "。"),
        Block("h1", "二、审批程序"), Block("p", f"{approval}。"),
        Block("h1", "三、预测依据"),
        *_context_blocks(source, issued, evaluation.aqi_edition, evaluation.mode, edit_texts(edits),
                         evaluation.range_bound, officer.consultation_text),
        Block("h1", "四、发布与报送"), Block("p", _distribution(scheme)),
    ]
    title = {"upgrade": f"关于川渝地区{rec.region}重污染天气区域预警升级为{new}预警的建议函",
             "downgrade": f"关于川渝地区{rec.region}重污染天气区域预警降级为{new}预警的建议函",
             "lift": f"关于解除川渝地区{rec.region}重污染天气区域{old}预警的建议函"}[rec.action]
    units = load_units()
    by_province: dict[str, list[str]] = {}
    for member in region.members:
        unit = units.resolve(member)
        by_province.setdefault(unit.province if unit else "", []).append(member)
    recipients = "，".join(f"{p}{'、'.join(c)}生态环境局"
                          for p, c in sorted(by_province.items(), key=lambda kv: kv[0] != "四川省"))
    return Proposal(
        kind=rec.action, title=title, doc_number=officer.doc_number, recipients=officer.recipients or recipients,
        blocks=blocks, signer=officer.signer, date_text=fmt_date(officer.date or datetime.now(BEIJING).date()),
        copy_report="、".join(scheme.copy_to), copy_to=officer.copy_to,
        level=rec.new_level if rec.action != "lift" else "none", forecast_source=source, issued_at_text=issued,
        aqi_edition=evaluation.aqi_edition, edits=edit_texts(edits), scheme_label=f"{scheme.id} ({scheme.version})",
        scheme_id=scheme.id, forecast_sha256=meta.sha256, recommendation=rec)
