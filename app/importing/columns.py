"""Header aliases: the many ways forecast tables name their columns (English, Chinese, with units).

A header is normalised (case-folded, spaces/underscores/dots/dashes removed) and its unit in brackets is split
off: ``PM2.5(μg/m³)`` → field ``pm25``, unit ``ug/m3``. Field names are those of :mod:`app.domain.forecast`
plus the table roles (time, date, hour, city, issued_at) and the range bounds (aqi_low, aqi_high).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.domain.forecast import MET_FIELDS, POLLUTANTS

# role or field -> normalised aliases
_ALIASES: dict[str, tuple[str, ...]] = {
    "time": ("time", "datetime", "timestamp", "datetimebj", "bjt", "时间", "日期时间", "预报时间", "时刻",
             "预测时间", "北京时间", "timebj", "valid", "validtime"),
    "date": ("date", "day", "日期", "预报日期", "预测日期"),
    "hour": ("hour", "hr", "小时", "时次", "时"),
    "city": ("city", "unit", "name", "cityname", "region", "area", "district", "county", "adcode", "code",
             "citycode", "城市", "区县", "城市名称", "地区", "行政区", "行政区划", "名称", "区县名称",
             "城市代码", "行政区划代码", "区划代码", "市州", "地市", "城市区县"),
    "issued_at": ("issuedat", "issuetime", "issued", "issuedate", "发布时间", "预报发布时间", "起报时间",
                  "发布日期"),
    "value": ("value", "浓度", "预报值", "预测值", "concentration", "conc", "数值"),
    "ignore": ("首要污染物", "primarypollutant", "primary", "级别", "等级", "空气质量等级", "空气质量级别", "类别",
               "level", "category", "grade", "序号", "no", "index", "id", "省份", "省", "province"),
    "pm25": ("pm25", "pm2.5", "pm25浓度", "细颗粒物", "细颗粒物pm25"),
    "pm10": ("pm10", "pm10浓度", "可吸入颗粒物", "可吸入颗粒物pm10"),
    "so2": ("so2", "二氧化硫"),
    "no2": ("no2", "二氧化氮"),
    "co": ("co", "一氧化碳"),
    "o3": ("o3", "臭氧", "o31h", "o3_1h"),
    "aqi": ("aqi", "空气质量指数", "dailyaqi", "日aqi", "aqi值"),
    "aqi_low": ("aqilow", "aqimin", "aqi下限", "aqi最小", "aqi最小值", "aqilower", "aqi低值"),
    "aqi_high": ("aqihigh", "aqimax", "aqi上限", "aqi最大", "aqi最大值", "aqiupper", "aqi高值"),
    "wind_speed": ("windspeed", "ws", "wspd", "wind", "风速", "平均风速", "10m风速"),
    "wind_dir": ("winddir", "winddirection", "wd", "wdir", "风向"),
    "rh": ("rh", "humidity", "relativehumidity", "相对湿度", "湿度"),
    "blh": ("blh", "pblh", "pbl", "boundarylayerheight", "mixingheight", "mlh", "边界层高度", "混合层高度",
            "边界层"),
    "precip": ("precip", "precipitation", "rain", "rainfall", "prcp", "pr", "降水", "降水量", "降雨", "降雨量"),
    "inversion": ("inversion", "inv", "逆温", "逆温强度", "逆温层"),
}
_INDEX = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

ROLES = ("time", "date", "hour", "city", "issued_at", "value", "ignore")
VALUE_FIELDS = (*POLLUTANTS, "aqi", "aqi_low", "aqi_high")
assert set(MET_FIELDS) <= set(_ALIASES)

_UNIT_RE = re.compile(r"[\(（\[【](?P<unit>[^\)）\]】]*)[\)）\]】]\s*$")
_UG = {"ug/m3", "μg/m3", "µg/m3", "微克/立方米", "ugm3", "μgm3", "µgm-3", "ugm-3", "μg/m³", "µg/m³", "ug/m³"}
_MG = {"mg/m3", "mg/m³", "毫克/立方米", "mgm3", "mgm-3"}


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as written in the file
    name: str | None  # role or field, None when not recognised
    unit: str = ""  # "ug/m3" | "mg/m3" | "" (declared in the header)
    zone: float | None = None  # hours east of UTC the header names (时间(UTC): 0, 北京时间: 8), None if none


# Zone words in time headers: 时间(UTC), time_utc, Time (UTC), 北京时间, 时间（UTC+8）, datetime_bjt.
_ZONE_NAMES = {"utc": 0.0, "gmt": 0.0, "z": 0.0, "世界时": 0.0, "协调世界时": 0.0, "bjt": 8.0, "bj": 8.0,
               "beijing": 8.0, "beijingtime": 8.0, "北京时间": 8.0, "北京时": 8.0, "cst": 8.0}
_ZONE_OFFSET = re.compile(r"^(?:utc|gmt)(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$")
_ZONE_SUFFIXES = ("utc", "gmt", "bjt", "beijing", "北京时间", "世界时")


def zone_of(text: str) -> float | None:
    """Hours east of UTC that a zone word names ("UTC" 0, "UTC+8" 8, "北京时间" 8), None if it names none."""
    s = str(text).strip().casefold().replace(" ", "").replace("：", ":")
    if s in _ZONE_NAMES:
        return _ZONE_NAMES[s]
    m = _ZONE_OFFSET.match(s)
    if m is None:
        return None
    hours = int(m.group("h")) + int(m.group("m") or 0) / 60
    return hours if m.group("sign") == "+" else -hours


def normalise_header(text: str) -> str:
    s = str(text).strip().casefold().replace("\ufeff", "")
    s = s.replace("₂", "2").replace("₃", "3").replace("．", ".").replace("\u3000", "")
    for ch in " _-/\\:：·":
        s = s.replace(ch, "")
    return s


def classify(index: int, header: str) -> Column:
    """What a header means: ``Column(name=None)`` when it is not a known field (maybe a unit name)."""
    return _classify(index, str(header))


@lru_cache(maxsize=8192)
def _classify(index: int, header: str) -> Column:
    """:func:`classify`, remembered (a Column is frozen): a wide table's ~60 headers are classified for each
    delimiter tried and again for the table, in every one of a season's forecasts (issue 26)."""
    raw = header.strip()
    unit = ""
    match = _UNIT_RE.search(raw)
    base = raw
    if match:
        unit_text = match.group("unit").strip().casefold().replace(" ", "")
        if unit_text in _UG or unit_text.replace("^", "") in _UG:
            unit = "ug/m3"
        elif unit_text in _MG or unit_text.replace("^", "") in _MG:
            unit = "mg/m3"
        base = raw[: match.start()]
    zone = zone_of(match.group("unit")) if match else None
    key = normalise_header(base)
    name = _INDEX.get(key) or _INDEX.get(key.replace(".", ""))
    if name is None:  # time_utc, datetime_bjt, UTC时间: a time header with its zone written into it
        for word in _ZONE_SUFFIXES:
            for rest in (key.removesuffix(word), key.removeprefix(word)):
                if rest != key and _INDEX.get(rest) in ("time", "date", "hour"):
                    name, zone = _INDEX[rest], _ZONE_NAMES.get(word, zone)
    if name in ("time", "date", "hour") and zone is None and key in ("北京时间", "timebj", "datetimebj", "bjt"):
        zone = 8.0
    return Column(index, raw, name, unit, zone if name in ("time", "date", "hour") else None)


def lone_pollutant(text: str) -> str | None:
    """The field a lone title cell names ("PM2.5(μg/m³)", "AQI"), for wide tables; None otherwise."""
    name = classify(0, text).name
    return name if name in (*POLLUTANTS, "aqi") else None


def known_headers() -> str:
    """Short list of the accepted headers for messages."""
    return ("time/时间 (or date/日期 + hour/小时), city/城市/区县 (name or adcode), pm25/PM2.5, "
            "pm10, so2, no2, co (mg/m³), o3, aqi or aqi_low + aqi_high")
