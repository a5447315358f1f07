"""The hover text for a unit at the current hour: AQI and category, 24 h AQI, own level, region level."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from app.domain.aqi import category_of


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapTooltip", text)


def level_name(level: str) -> str:
    return {"none": _tr("无"), "yellow": _tr("黄色"), "orange": _tr("橙色"), "red": _tr("红色")}[level]


def category_name(aqi: float) -> str:
    category = category_of(aqi)
    if category is None:
        return ""
    names = (_tr("优"), _tr("良"), _tr("轻度污染"), _tr("中度污染"), _tr("重度污染"), _tr("严重污染"))
    return names[category.index - 1]


def _aqi_text(value: float, over_500: bool = False) -> str:
    if value is None or math.isnan(value):
        return _tr("无数据")
    shown = "> 500" if over_500 else f"{int(round(value))}"
    return f"{shown} {category_name(value)}"


def unit_tooltip(state, unit: str) -> str:
    """Plain text, one fact per line. The unit name alone when no forecast is loaded."""
    from app.domain.scheme import LEVELS

    region = state.scheme.region_of.get(unit) if state.scheme is not None else None
    title = f"{unit}（{region}）" if region else f"{unit}（{_tr('联动范围外')}）"
    evaluation = state.evaluation
    if evaluation is None or unit not in evaluation.units:
        return "\n".join([title, _tr("无预报数据")])
    row, hour = evaluation.units.index(unit), state.hour
    over = bool(evaluation.hourly_over_500[row, hour])
    lines = [title, f"{_tr('小时 AQI')}：{_aqi_text(evaluation.hourly_aqi[row, hour], over)}"]
    daily_label = _tr("日 AQI") if evaluation.mode == "calendar" else _tr("24 小时 AQI")
    if bool(evaluation.daily_insufficient[row, hour]):
        lines.append(f"{daily_label}：{_tr('数据不足')}")
    else:
        lines.append(f"{daily_label}：{_aqi_text(evaluation.daily_aqi[row, hour])}")
    lines.append(f"{_tr('本市等级')}：{level_name(LEVELS[int(evaluation.city_level[row, hour])])}")
    if region:
        region_rank = int(evaluation.region_level[region][hour])
        lines.append(f"{_tr('区域等级')}：{level_name(LEVELS[region_rank])}")
        warned = LEVELS[int(evaluation.warned_level[row, hour])]
        lines.append(f"{_tr('执行等级')}：{level_name(warned)}")
    if unit in state.edited_units:
        lines.append(_tr("（预报已做情景修改）"))
    return "\n".join(lines)
