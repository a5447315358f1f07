"""The hover text for a unit at the current hour: AQI and category, 24 h AQI, own level, region level."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from app.domain.aqi import category_of


def level_name(level: str) -> str:
    return {"none": QCoreApplication.translate("MapTooltip", "无"), "yellow": QCoreApplication.translate("MapTooltip", "黄色"), "orange": QCoreApplication.translate("MapTooltip", "橙色"), "red": QCoreApplication.translate("MapTooltip", "红色")}[level]


def category_name(aqi: float) -> str:
    category = category_of(aqi)
    if category is None:
        return ""
    names = (QCoreApplication.translate("MapTooltip", "优"), QCoreApplication.translate("MapTooltip", "良"), QCoreApplication.translate("MapTooltip", "轻度污染"), QCoreApplication.translate("MapTooltip", "中度污染"), QCoreApplication.translate("MapTooltip", "重度污染"), QCoreApplication.translate("MapTooltip", "严重污染"))
    return names[category.index - 1]


def _aqi_text(value: float, over_500: bool = False) -> str:
    if value is None or math.isnan(value):
        return QCoreApplication.translate("MapTooltip", "无数据")
    shown = "> 500" if over_500 else f"{int(round(value))}"
    return f"{shown} {category_name(value)}"


def _title(state, unit: str, region: str | None) -> str:
    """'成都市（成都平原地区）', or in English 'Chengdu 成都市 (Chengdu Plain)'."""
    from PySide6.QtCore import QLocale

    outside = QCoreApplication.translate("MapTooltip", "联动范围外")
    if QLocale().language() == QLocale.Language.Chinese:
        return f"{unit}（{region or outside}）"
    from app.domain.units import load_units

    known = load_units().by_name.get(unit)
    region_en = state.scheme.region(region).name_en if region else outside
    return f"{known.name_en} {unit} ({region_en})" if known else f"{unit} ({region_en})"


def unit_tooltip(state, unit: str) -> str:
    """Plain text, one fact per line. The unit name alone when no forecast is loaded."""
    from app.domain.scheme import LEVELS

    translate = QCoreApplication.translate
    region = state.scheme.region_of.get(unit) if state.scheme is not None else None
    title = _title(state, unit, region)
    evaluation = state.evaluation
    if evaluation is None or unit not in evaluation.units:
        return "\n".join([title, translate("MapTooltip", "无预报数据")])
    row, hour = evaluation.units.index(unit), state.hour
    over = bool(evaluation.hourly_over_500[row, hour])
    hourly_label = translate("MapTooltip", "小时 AQI")
    lines = [title, f"{hourly_label}：{_aqi_text(evaluation.hourly_aqi[row, hour], over)}"]
    if evaluation.mode == "calendar":
        daily_label = translate("MapTooltip", "日 AQI")
    else:
        daily_label = translate("MapTooltip", "24 小时 AQI")
    if bool(evaluation.daily_insufficient[row, hour]):
        daily_text = translate("MapTooltip", "数据不足")
    else:
        daily_text = _aqi_text(evaluation.daily_aqi[row, hour])
    lines.append(f"{daily_label}：{daily_text}")
    own_label = translate("MapTooltip", "本市等级")
    lines.append(f"{own_label}：{level_name(LEVELS[int(evaluation.city_level[row, hour])])}")
    if region:
        region_label = translate("MapTooltip", "区域等级")
        warned_label = translate("MapTooltip", "执行等级")
        lines.append(f"{region_label}：{level_name(LEVELS[int(evaluation.region_level[region][hour])])}")
        lines.append(f"{warned_label}：{level_name(LEVELS[int(evaluation.warned_level[row, hour])])}")
    if unit in state.edited_units:
        lines.append(translate("MapTooltip", "（预报已做情景修改）"))
    return "\n".join(lines)
