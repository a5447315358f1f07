"""The numbers behind the colours, in words: one (label, value) row per fact, for the map's tooltip and the
unit panel. The numbers come from :func:`app.desk.numbers.unit_numbers`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from app.desk.numbers import MET_UNITS, UnitNumbers, unit_numbers
from app.domain.aqi import category_of

_POLLUTANTS = (("pm25", "PM2.5", "µg/m³"), ("pm10", "PM10", "µg/m³"), ("o3", "O3", "µg/m³"),
               ("no2", "NO2", "µg/m³"), ("so2", "SO2", "µg/m³"), ("co", "CO", "mg/m³"))
_COMPASS = ("北", "东北", "东", "东南", "南", "西南", "西", "西北")
_COMPASS_EN = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


# Written out as translate("UnitNumbers", "…") at each string so that lupdate finds them.
translate = QCoreApplication.translate


def numbers_for(state, unit: str) -> UnitNumbers | None:
    """The numbers of a unit at the state's current hour (None without a forecast or a row for the unit)."""
    if state.evaluation is None or state.forecast is None or state.scheme is None:
        return None
    region = state.scheme.region_of.get(unit)
    return unit_numbers(state.forecast, state.evaluation, unit, state.hour, region, state.scheme.edition_switch,
                        getattr(state, "aqi_edition_choice", "auto"))


def _finite(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def category_name(aqi: float) -> str:
    category = category_of(aqi)
    if category is None:
        return ""
    names = (translate("UnitNumbers", "优"), translate("UnitNumbers", "良"), translate("UnitNumbers", "轻度污染"), translate("UnitNumbers", "中度污染"), translate("UnitNumbers", "重度污染"), translate("UnitNumbers", "严重污染"))
    return names[category.index - 1]


def aqi_text(value: float, over_500: bool = False, primary: str = "") -> str:
    if not _finite(value):
        return translate("UnitNumbers", "无数据")
    text = f"{'> 500' if over_500 else int(round(value))} {category_name(value)}"
    if primary:
        text += translate("UnitNumbers", "（首要污染物 %1）").replace("%1", primary)
    return text


def concentration_text(numbers: UnitNumbers) -> str:
    parts = []
    for key, label, unit in _POLLUTANTS:
        value = numbers.concentrations.get(key)
        if _finite(value):
            shown = f"{value:.1f}" if key == "co" else f"{value:.0f}"
            parts.append(f"{label} {shown} {unit}")
    return " · ".join(parts)


def wind_direction_name(degrees: float) -> str:
    names = _COMPASS if translate("UnitNumbers", "北") == "北" else _COMPASS_EN
    return names[int(((degrees % 360) + 22.5) // 45) % 8]


def met_text(numbers: UnitNumbers) -> str:
    met, parts = numbers.met, []
    speed, direction = met.get("wind_speed"), met.get("wind_dir")
    if _finite(speed):
        wind = translate("UnitNumbers", "风 %1 m/s").replace("%1", f"{speed:.1f}")
        if _finite(direction):
            wind += f" {wind_direction_name(direction)}"
        parts.append(wind)
    labels = {"rh": translate("UnitNumbers", "湿度"), "blh": translate("UnitNumbers", "边界层"), "precip": translate("UnitNumbers", "降水"), "inversion": translate("UnitNumbers", "逆温")}
    for key, label in labels.items():
        value = met.get(key)
        if not _finite(value):
            continue
        if key == "inversion":
            present = translate("UnitNumbers", "有") if value >= 0.5 else translate("UnitNumbers", "无")
            parts.append(f"{label} {present}")
        else:
            parts.append(f"{label} {value:.0f} {MET_UNITS[key]}" if key != "precip" else f"{label} {value:.1f} mm")
    return " · ".join(parts)


def number_rows(numbers: UnitNumbers, mode: str, level_name) -> list[tuple[str, str]]:
    """(label, value) rows: this hour's concentrations, AQI, primary pollutant and edition; the daily value; the
    levels; the weather."""
    rows = []
    concentrations = concentration_text(numbers)
    if concentrations:
        rows.append((translate("UnitNumbers", "浓度"), concentrations))
    rows.append((translate("UnitNumbers", "小时 AQI"), aqi_text(numbers.hourly_aqi, numbers.hourly_over_500, numbers.primary)))
    daily_label = translate("UnitNumbers", "日 AQI") if mode == "calendar" else translate("UnitNumbers", "24 小时 AQI")
    if numbers.daily_insufficient:
        daily = translate("UnitNumbers", "数据不足")
    else:
        daily = aqi_text(numbers.daily_aqi, numbers.daily_over_500, numbers.daily_primary)
    if _finite(numbers.daily_pm25):
        daily += translate("UnitNumbers", "，PM2.5 日均 %1 µg/m³").replace("%1", f"{numbers.daily_pm25:.0f}")
    rows.append((daily_label, daily))
    rows.append((translate("UnitNumbers", "AQI 标准"), numbers.edition))
    rows.append((translate("UnitNumbers", "本市等级"), level_name(numbers.own_level)))
    if numbers.region_level:
        rows.append((translate("UnitNumbers", "区域等级"), level_name(numbers.region_level)))
        rows.append((translate("UnitNumbers", "执行等级"), level_name(numbers.warned_level)))
    weather = met_text(numbers)
    if weather:
        rows.append((translate("UnitNumbers", "气象"), weather))
    return rows
