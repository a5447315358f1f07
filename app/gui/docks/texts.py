"""Words and colours the docks share: level names, rule names, times, and the episode explanation ("why").

Chinese is the source language (``app.gui.i18n``); English comes from the Qt translation file.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.domain.scheme import BEIJING
from app.domain.units import load_units
from app.gui.map.colours import LEVEL_RGB

# Written out as translate("Docks", "…") at each string so that lupdate finds them.
translate = QCoreApplication.translate


def fill(text: str, *args: object) -> str:
    """Fill Qt's placeholders %1, %2 … (translators may reorder them)."""
    for i, arg in reversed(list(enumerate(args, start=1))):  # %10 before %1
        text = text.replace(f"%{i}", str(arg))
    return text


def english() -> bool:
    """True when the English translation is installed (names of units and regions follow the interface)."""
    return translate("Docks", "黄色") != "黄色"


def unit_label(name: str) -> str:
    """A unit as the interface shows it: the full Chinese name, or its English name in English."""
    if not english():
        return name
    unit = load_units().by_name.get(name)
    return unit.name_en if unit is not None and unit.name_en else name


def region_label(scheme, name: str) -> str:
    if not english() or scheme is None:
        return name
    try:
        return scheme.region(name).name_en or name
    except KeyError:
        return name


def approval_label(episode) -> str:
    """An episode's approval route: the scheme's English text in English when it gives one, else the Chinese."""
    return episode.approval_en if english() and episode.approval_en else episode.approval


def reason_label(advice) -> str:
    """The engine's reason for its advice on a warning in force, in the interface's language."""
    return advice.reason_en if english() and advice.reason_en else advice.reason


def unit_list(names) -> str:
    return join_names(unit_label(n) for n in names)


def level_name(level: str) -> str:
    names = {"none": translate("Docks", "无预警"), "yellow": translate("Docks", "黄色"),
             "orange": translate("Docks", "橙色"), "red": translate("Docks", "红色")}
    return names[level]


def level_colour(level: str, alpha: int = 255) -> QColor:
    r, g, b = LEVEL_RGB[level]
    return QColor(r, g, b, alpha)


def rule_name(rule: str) -> str:
    names = {"within-region": translate("Docks", "区域内"), "across-regions": translate("Docks", "跨区域")}
    return names.get(rule, rule)


def action_name(action: str) -> str:
    names = {"keep": translate("Docks", "维持"), "upgrade": translate("Docks", "升级"),
             "downgrade": translate("Docks", "降级"), "lift": translate("Docks", "解除"),
             "extend": translate("Docks", "延长"), "ended": translate("Docks", "已结束"),
             "revise": translate("Docks", "调整"), "cancel": translate("Docks", "取消")}
    return names.get(action, action)


def fmt_time(t: datetime | pd.Timestamp | None, with_year: bool = False) -> str:
    if t is None:
        return ""
    stamp = pd.Timestamp(t)
    stamp = stamp.tz_localize(BEIJING) if stamp.tzinfo is None else stamp.tz_convert(BEIJING)
    return stamp.strftime("%Y-%m-%d %H:%M" if with_year else "%m-%d %H:%M")


def fmt_hours(hours: float | None) -> str:
    if hours is None:
        return translate("Docks", "未知")
    return fill(translate("Docks", "%1 小时"), f"{hours:g}")


def join_names(names) -> str:
    return translate("Docks", "、").join(names)


def hour_index(evaluation, t) -> int:
    """Index of the step at (or just before) time ``t`` on the evaluation's hourly axis."""
    i = int(evaluation.times.searchsorted(pd.Timestamp(t), side="right")) - 1
    return max(0, min(i, len(evaluation.times) - 1))


def _triggered_text(days: list[str]) -> str:
    """Calendar dates as they are; many rolling hours as first … last with a count."""
    if len(days) <= 6:
        return join_names(fmt_time(d, True) if "T" in d else d for d in days)
    first, last = (fmt_time(d, True) if "T" in d else d for d in (days[0], days[-1]))
    return fill(translate("Docks", "%1 至 %2（共 %3 个时次）"), first, last, len(days))


def explain_episode(episode, scheme, edited_units: set[str] | None = None) -> str:
    """The reason for a regional episode, in words, as simple HTML for a QTextBrowser."""
    level = level_name(episode.level)
    lines = [fill(translate("Docks", "<b>%1 %2预警</b>：%3 至 %4，共 %5 小时。"),
                  escape(region_label(scheme, episode.region)), level,
                fmt_time(episode.start, True), fmt_time(episode.end, True), episode.duration_hours)]
    cities = unit_list(episode.trigger_cities)
    if episode.rule == "within-region":
        lines.append(fill(translate("Docks", "触发规则：<b>区域内</b> — 本区域内 %1 个相邻城市（方案要求 ≥ %2 个）连片达到%3预警条件：%4。"),
                        len(episode.trigger_cities), scheme.within_region_min_cities, level, escape(cities)))
    else:
        regions = [region_label(scheme, r)
                   for r in sorted({scheme.region_of.get(c, "") for c in episode.trigger_cities} - {""})]
        lines.append(fill(translate("Docks", "触发规则：<b>跨区域</b> — %1 个区域（%2）的 %3 个相邻城市（方案要求 ≥ %4 个城市、≥ %5 个区域）"
                        "连片达到%6预警条件：%7。"), len(regions), escape(join_names(regions)),
                        len(episode.trigger_cities), scheme.across_regions_min_cities,
                        scheme.across_regions_min_regions, level, escape(cities)))
    if episode.triggered_days:
        lines.append(fill(translate("Docks", "触发时段：%1。"), _triggered_text(episode.triggered_days)))
    runs = []
    separator, colon = translate("Docks", "；"), translate("Docks", "：")
    for city, city_runs in episode.qualifying_runs.items():
        condition = translate("Docks", "日 AQI > %1 持续 %2 小时（%3 至 %4）")
        parts = [fill(condition, f"{run.aqi_above:g}", run.hours, fmt_time(run.start), fmt_time(run.end))
                 for run in city_runs]
        runs.append(f"<li>{escape(unit_label(city))}{escape(colon)}{escape(separator.join(parts))}</li>")
    if runs:
        lines.append(translate("Docks", "各触发城市达到的条件：") + "<ul>" + "".join(runs) + "</ul>")
    if episode.own_higher:
        higher = [fill(translate("Docks", "%1（%2）"), unit_label(c),
                       level_name(episode.warned_cities.get(c, episode.level))) for c in episode.own_higher]
        lines.append(fill(translate("Docks", "以下城市自身等级高于区域等级，按自身等级预警：%1。"), escape(join_names(higher))))
    if getattr(episode, "observed_hours", 0):
        lines.append(fill(translate("Docks", "已出现：过程自 %1 起见于实况（%2 小时为实况），不计提前量。"),
                          fmt_time(episode.start, True), episode.observed_hours))
    elif episode.lead_time_hours is None:
        lines.append(translate("Docks", "提前量：预报发布时间未知，无法计算。"))
    elif episode.lead_time_short:
        lines.append(fill(translate("Docks", "<span style='color:#B00020'><b>提前量 %1，不足方案要求的 %2 小时。</b></span>"),
                        fmt_hours(episode.lead_time_hours), scheme.lead_time_hours))
    else:
        lines.append(fill(translate("Docks", "提前量 %1（方案要求 ≥ %2 小时）。"), fmt_hours(episode.lead_time_hours),
                          scheme.lead_time_hours))
    lines.append(fill(translate("Docks", "审批：%1。"), escape(approval_label(episode))))
    edited = sorted(set(episode.trigger_cities) & (edited_units or set()))
    if edited:
        lines.append(fill(translate("Docks", "<span style='color:#8A4B00'><b>注意：</b>触发城市 %1 的预报经过情景修改，结论不是原始预报的。</span>"),
                        escape(unit_list(edited))))
    return "".join(f"<p>{line}</p>" if not line.startswith("<ul") else line for line in lines)
