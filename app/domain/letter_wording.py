"""How an official letter writes things: times, ranges, pollution degree, trigger conditions, edits, titles.

Everything here returns written Chinese as an office writes it (2026年1月12日00时, 日AQI>200持续72小时,
重度污染3天次), never program output (ISO times, producer strings, engine phrases). Pure functions, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import numpy as np

from app.domain.scheme import BEIJING, Scheme
from app.domain.scheme import LEVEL_ZH as LEVEL_ZH  # re-exported: the letters name levels through this module

# HJ 633 categories by daily AQI (the words a letter uses); 良 and better never make a heavy-pollution letter
CATEGORIES = ((300, "严重污染"), (200, "重度污染"), (150, "中度污染"))
FIELD_WORDS = {"pm25": "PM2.5浓度", "pm10": "PM10浓度", "aqi": "AQI"}
TITLE_CHARS_PER_LINE = 20  # 2号 (22 pt) characters across the 156 mm block


def negative_lead_words(hours: float) -> tuple[str, str]:
    """What a letter or 呈批件 says of a start ``hours`` before the forecast was issued, and what it asks. Less than a
    day: the 过程 begins on the issue day itself (a forecast runs from 00:00 of the day it is issued at 10:00), so
    the issue time is right and the letter is urgent; a day or more: the issue time is suspect."""
    if hours < 24:
        return "过程自预报发布当日起即出现，提前量为负", "请尽快审批印发"
    return "提前量为负", "请核对预报发布时间"


def fmt_hour(t: datetime) -> str:
    t = t.astimezone(BEIJING)
    return f"{t.year}年{t.month}月{t.day}日{t.hour:02d}时"


def version_text(version: str) -> str:
    """A scheme's version as a document names it: "2025年10月28日版" for an ISO date, else as written."""
    try:
        day = date.fromisoformat(version)
    except (TypeError, ValueError):
        return version
    return f"{fmt_date(day)}版"


def fmt_minute(t: datetime) -> str:
    """An issue or decision time: "2026年12月19日10时30分", the minutes kept when there are any."""
    return fmt_hour(t) + (f"{t.minute:02d}分" if t.minute else "")


def fmt_end(t: datetime) -> str:
    """The end of an inclusive last hour, as letters write it: 23:00 inclusive → "…日24时"."""
    t = t.astimezone(BEIJING)
    if t.hour == 23:
        return f"{t.year}年{t.month}月{t.day}日24时"
    return fmt_hour(t + timedelta(hours=1))


def fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_range(start: datetime, end: datetime) -> str:
    """"2026年12月21日00时至12月25日24时": the year is not repeated within one year."""
    first, last = fmt_hour(start), fmt_end(end)
    year = f"{start.astimezone(BEIJING).year}年"
    if last.startswith(year):
        last = last[len(year):]
    return f"{first}至{last}"


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def letter_source(typed: str | None, label: str, default: str) -> str:
    """The forecast source a letter names: the officer's setting, else the file's producer when it is written as
    an institution's Chinese name, else ``default``. A program's ASCII label ("HazeDesk sample generator") is
    metadata, not an institution, and never goes into a letter."""
    if typed and typed.strip():
        return typed.strip()
    label = (label or "").strip()
    if label and has_cjk(label) and not re.search(r"[A-Za-z]{3,}", label):
        return label
    return default


def category(aqi: float) -> str:
    for above, words in CATEGORIES:
        if aqi > above:
            return words
    return ""


def category_counts(values: np.ndarray, days: Sequence[date]) -> dict[str, int]:
    """City-days (天次) per category from a (cities, steps) daily AQI block and each step's date: each city
    counts once per day, at its highest daily AQI that day."""
    per_city_day: dict[tuple[int, date], float] = {}
    for j, day in enumerate(days):
        column = values[:, j]
        for i, v in enumerate(column):
            if np.isfinite(v):
                key = (i, day)
                per_city_day[key] = max(per_city_day.get(key, -1.0), float(v))
    counts = {words: 0 for _, words in CATEGORIES}
    for v in per_city_day.values():
        words = category(v)
        if words:
            counts[words] += 1
    return counts


def counts_text(counts: dict[str, int]) -> str:
    """"中度污染12天次、重度污染30天次" — mildest first, zero counts left out."""
    parts = [f"{words}{counts[words]}天次" for _, words in reversed(CATEGORIES) if counts.get(words)]
    return "、".join(parts)


def condition_text(runs_by_city: dict, level: str, scheme: Scheme) -> str:
    """Which of the level's conditions the triggering cities met, in the scheme's terms and with the shortest
    qualifying run among them: "日AQI>200持续72小时（其中日AQI>300持续24小时）"."""
    rule = next((r for r in scheme.levels if r.name == level), None)
    if rule is None:
        return ""
    best = ""
    for cond in rule.conditions:
        outer = _shortest_run(runs_by_city, cond.aqi_above, cond.hours)
        if outer is None:
            continue
        text = f"日AQI>{cond.aqi_above:g}持续{outer}小时"
        if cond.inner is not None:
            inner = _shortest_run(runs_by_city, cond.inner.aqi_above, cond.inner.hours)
            if inner is None:
                continue
            text += f"（其中日AQI>{cond.inner.aqi_above:g}持续{inner}小时）"
        return text
    if not best and rule.conditions:  # runs not recorded (e.g. a hand-built episode): state the condition itself
        cond = rule.conditions[0]
        best = f"日AQI>{cond.aqi_above:g}持续{cond.hours}小时及以上"
        if cond.inner is not None:
            best += f"（其中日AQI>{cond.inner.aqi_above:g}持续{cond.inner.hours}小时及以上）"
    return best


def _shortest_run(runs_by_city: dict, above: float, hours: int) -> int | None:
    """The smallest, over the triggering cities, of each city's longest run above ``above``: what all of them
    reached. None when some city has no such run of at least ``hours``."""
    if not runs_by_city:
        return None
    lengths = []
    for runs in runs_by_city.values():
        longest = max((r.hours for r in runs if r.aqi_above == above), default=0)
        if longest < hours:
            return None
        lengths.append(longest)
    return min(lengths)


def edit_sentence(edit: object) -> str:
    """A what-if edit as a letter states a consultation correction: "成都市1月13日00时至24时PM2.5浓度下调20微克/立方米"."""
    if isinstance(edit, str):
        return edit
    unit, start, end = edit.unit, edit.start, edit.end
    op, value, name = edit.op, float(edit.value), getattr(edit, "field", "pm25")
    words = FIELD_WORDS.get(name, name)
    a, b = start.astimezone(BEIJING), end.astimezone(BEIJING)
    until = f"{b.hour + 1:02d}时"
    span = f"{a.month}月{a.day}日{a.hour:02d}时至" + (until if b.date() == a.date() else f"{b.month}月{b.day}日{until}")
    suffix = "" if name == "aqi" else "微克/立方米"
    if op == "scale":
        change = f"按原值的{value * 100:g}%订正"
    elif op == "set":
        change = f"订正为{value:g}{suffix}"
    else:
        change = f"{'上调' if value >= 0 else '下调'}{abs(value):g}{suffix}"
    text = f"{unit}{span}{words}{change}"
    note = getattr(edit, "note", "")
    return text + (f"（{note}）" if note else "")


def title_lines(words: Sequence[str], width: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a title between words only (never 红｜色), in as few lines as fit, the upper lines no shorter than
    the lower (the 梯形 GB/T 9704 asks for) and as even as the words allow."""
    words = [w for w in words if w]
    total = sum(len(w) for w in words)
    if total <= width:
        return ["".join(words)]
    lines_needed = -(-total // width)
    for count in range(lines_needed, len(words) + 1):
        best = _balanced(words, count, width)
        if best is not None:
            return best
    return ["".join(words)]


def _balanced(words: list[str], count: int, width: int) -> list[str] | None:
    """Split ``words`` into ``count`` lines ≤ width, minimising the longest line, upper lines not shorter."""
    best: tuple[int, list[str]] | None = None

    def walk(i: int, left: int, lines: list[str]) -> None:
        nonlocal best
        if left == 1:
            last = "".join(words[i:])
            if 0 < len(last) <= width and (not lines or len(lines[-1]) >= len(last)):
                candidate = [*lines, last]
                score = max(len(x) for x in candidate) * 100 - len(candidate[-1])
                if best is None or score < best[0]:
                    best = (score, candidate)
            return
        text = ""
        for j in range(i, len(words) - left + 1):
            text += words[j]
            if len(text) > width:
                break
            if lines and len(text) > len(lines[-1]):
                break
            walk(j + 1, left - 1, [*lines, text])

    walk(0, count, [])
    return None if best is None else best[1]
