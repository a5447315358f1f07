"""The advice line over the map (issue 28, the desk): per region, what is in force and what the forecast advises
(spec §7), in a few words — "盆地南部 橙色（1月8日起）→ 建议解除 10日0时；12日起再次达到橙色，需另发启动函".

    region_advice(evaluation, lang="zh") -> list[RegionAdvice(region, text, letter)]

One item per region with a warning in force or a new warning, in the order the recommendations (warnings in force)
come, then the regions with new warnings only. ``letter`` names the letter the item leads to, as the proposal
dialog's letter choice says it: ``"rec:I"`` (the follow-up for recommendation I), ``"new:E"`` (a start letter for
episode E), or "" (nothing to write: keep, ended).

What concerns the observed hours before the forecast (``gui FORECAST --observed OBS``, spec §7) says so, in the
letters' words: a new warning already running says since when it has been observed ("10日起已出现重污染（实况）"), an
advice already due in the observed past says since when ("（实况8日0时起已达升级条件）"), a lift whose 过程 ended
in the observed part reads as past ("过程已于7日24时结束（实况），应补发解除函"), and an ended warning as over
("过程已于7日24时结束，无需发函"). ``RegionAdvice.observed`` marks such an item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.results import Evaluation
from app.domain.scheme import BEIJING

HOUR = timedelta(hours=1)

_LEVEL = {"zh": {"yellow": "黄色", "orange": "橙色", "red": "红色", "none": "无预警"},
          "en": {"yellow": "yellow", "orange": "orange", "red": "red", "none": "no warning"}}


@dataclass(frozen=True)
class RegionAdvice:
    region: str
    text: str
    letter: str  # "rec:I" | "new:E" | ""
    observed: bool = False  # something of it lies in the observed hours before the forecast


def short_region(name: str) -> str:
    """"盆地南部地区" → "盆地南部" (the line is short; the full name is in the tooltip and the letters)."""
    return name[:-2] if name.endswith("地区") and len(name) > 3 else name


def _t(t: datetime) -> datetime:
    return t.astimezone(BEIJING)


def _day(t: datetime, lang: str) -> str:
    t = _t(t)
    return f"{t.month}月{t.day}日" if lang == "zh" else f"{t:%b} {t.day}"


def _hour(t: datetime, lang: str) -> str:
    """A start: "10日0时" / "10th 00:00"."""
    t = _t(t)
    return f"{t.day}日{t.hour}时" if lang == "zh" else f"{_ordinal(t.day)} {t:%H}:00"


def _end(t: datetime, lang: str) -> str:
    """The end of an inclusive last hour: 23:00 → "16日24时" / "16th 24:00"."""
    t = _t(t)
    if t.hour == 23:
        return f"{t.day}日24时" if lang == "zh" else f"{_ordinal(t.day)} 24:00"
    return _hour(t + timedelta(hours=1), lang)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _until(rec, lang: str) -> str:
    if rec.until is None:
        return ""
    at_least = ("至少" if lang == "zh" else "at least ") if rec.until_at_least else ""
    return (f"，{at_least}至{_end(rec.until, lang)}" if lang == "zh"
            else f", until {at_least}{_end(rec.until, lang)}")


def _past_end(rec) -> datetime | None:
    """When the warning's 过程 ended, if it ended before the forecast's first hour (the lift or ended is history)."""
    if rec.action == "lift" and rec.due_since is not None and not rec.joined:
        return rec.due_since - HOUR  # a lift is due at the step after the 过程's last hour
    if rec.action == "ended" and rec.process_end is not None:
        return rec.process_end
    return None


def _due(rec, lang: str) -> str:
    """A change already due in the observed past (effective at the forecast's first hour): since when."""
    due = rec.due_since
    zh = lang == "zh"
    if due is None or rec.action not in ("upgrade", "downgrade", "extend"):
        return ""
    if rec.action == "extend":  # due at the step after the expected end: that end has passed, the 过程 goes on
        return (f"（原定{_end(due - HOUR, lang)}结束，实况过程仍在持续）" if zh
                else f" (expected end {_end(due - HOUR, lang)} passed; observed: still running)")
    what = {"upgrade": "升级", "downgrade": "降级"}[rec.action]
    return f"（实况{_hour(due, lang)}起已达{what}条件）" if zh else f" (observed: due since {_hour(due, lang)})"


def _running(rec, forecast_start: datetime | None, lang: str) -> str:
    """A warning not yet started whose 过程 began in the observed hours: since when it has been observed."""
    start = rec.process_start
    if not rec.pending or start is None or forecast_start is None or start >= forecast_start:
        return ""
    return f"（实况{_from(start, lang)}起已出现）" if lang == "zh" else f" (observed since {_hour(start, lang)})"


def _advice(rec, lang: str, forecast_start: datetime | None = None) -> str:
    level = _LEVEL[lang]
    start = _hour(rec.from_time, lang) if rec.from_time is not None else ""
    zh = lang == "zh"
    ended = _past_end(rec)
    if rec.action == "ended":
        if ended is not None:
            return f"过程已于{_end(ended, lang)}结束，无需发函" if zh else \
                f"episode over since {_end(ended, lang)}: nothing to send"
        return "已结束，无需发函" if zh else "ended: nothing to send"
    if rec.action == "lift" and ended is not None:
        return (f"过程已于{_end(ended, lang)}结束（实况），应补发解除函（{start}起解除）" if zh
                else f"episode over since {_end(ended, lang)} (observed): lift letter overdue, lift from {start}")
    running = _running(rec, forecast_start, lang)
    if rec.action == "keep":
        return ("维持" if zh else "keep") + _until(rec, lang) + running
    if rec.action == "extend":
        return ("建议延长" if zh else "extend") + _until(rec, lang) + _due(rec, lang) + running
    if rec.action == "lift":
        return f"建议解除 {start}" if zh else f"lift from {start}"
    if rec.action == "cancel":
        return "建议取消（尚未开始）" if zh else "cancel (not yet started)"
    if rec.action in ("upgrade", "downgrade"):
        verb = {"upgrade": ("建议升级为", "upgrade to"), "downgrade": ("建议降级为", "downgrade to")}[rec.action]
        return (f"{verb[0]}{level[rec.new_level]} {start}起" if zh else f"{verb[1]} {level[rec.new_level]} from {start}") \
            + _until(rec, lang) + _due(rec, lang)
    if rec.action == "revise":
        when = _hour(rec.new_start, lang) if rec.new_start is not None else start
        return (f"建议调整为{level[rec.new_level]} {when}起" if zh else f"revise: {level[rec.new_level]} from {when}") \
            + _until(rec, lang) + running
    return rec.action


def _observed(rec, forecast_start: datetime | None) -> bool:
    return (_past_end(rec) is not None or bool(_due(rec, "zh"))
            or (rec.action != "cancel" and bool(_running(rec, forecast_start, "zh"))))


def _from(t: datetime, lang: str) -> str:
    """A new warning's start: "12日" at midnight (calendar days), "12日8时" otherwise."""
    if _t(t).hour or lang != "zh":
        return _hour(t, lang)
    return f"{_t(t).day}日"


def _new(warning, lang: str, again: bool, observed_since: datetime | None = None) -> str:
    """``observed_since``: the episode began in the observed hours (spec §7: it is running, no lead time)."""
    level = _LEVEL[lang][warning.level]
    if lang == "zh":
        if observed_since is not None:
            return (f"{_from(observed_since, lang)}起{'再次' if again else '已'}出现重污染（实况），达到{level}，"
                    f"需{'另' if again else ''}发启动函")
        return f"{_from(warning.start, lang)}起{'再次' if again else ''}达到{level}，需{'另' if again else ''}发启动函"
    if observed_since is not None:
        if again:
            return f"{level} again, running since {_hour(observed_since, lang)} (observed): a new start letter needed"
        return f"{level} running since {_hour(observed_since, lang)} (observed): start letter needed"
    if again:
        return f"{level} again from {_hour(warning.start, lang)}: a new start letter needed"
    return f"{level} from {_hour(warning.start, lang)}: start letter needed"


def _observed_since(evaluation: Evaluation, warning) -> datetime | None:
    """The start of a new warning's episode when it began in the observed hours (the letter's "X日起已出现")."""
    try:
        episode = evaluation.episodes[warning.episode_index]
    except (IndexError, TypeError):
        return None
    return episode.start if getattr(episode, "observed_hours", 0) > 0 else None


def evaluation_regions(evaluation: Evaluation) -> set[str]:
    """Regions with a warning in force (their line starts with the level: no colon after the name)."""
    return {rec.region for rec in evaluation.recommendations}


def _changed(rec, in_force, lang: str) -> str:
    """A level change a letter advised before this forecast (the warning's ``previous_level`` and ``change_at``):
    "，15日0时降级" — without it "橙色（12月13日起）" read as orange since the 13th for a red warning downgraded on
    the 15th."""
    from app.domain.scheme import LEVELS

    for w in in_force or ():
        if (w.region, w.level) != (rec.region, rec.in_force_level) or w.change_at is None or not w.previous_level \
                or _t(w.start) != _t(rec.in_force_start):
            continue
        up = LEVELS.index(w.level) > LEVELS.index(w.previous_level)
        if lang == "zh":
            return f"，{_hour(w.change_at, lang)}{'升级' if up else '降级'}"
        return f", {'upgraded' if up else 'downgraded'} {_hour(w.change_at, lang)}"
    return ""


def region_advice(evaluation: Evaluation, lang: str = "zh", names: dict[str, str] | None = None,
                  in_force: list | None = None) -> list[RegionAdvice]:
    """``names``: region → the name to show (default: the short Chinese name); ``in_force``: the warnings in
    force the evaluation advised on (a level change already advised is said beside the level)."""
    lang = "zh" if lang == "zh" else "en"
    names = names or {}
    shown = {}  # region -> [parts], the letter of its first part that leads to one
    letters: dict[str, str] = {}
    sep = "；" if lang == "zh" else "; "
    observed: set[str] = set()
    f = getattr(evaluation, "forecast_start", None)
    for i, rec in enumerate(evaluation.recommendations):
        level = _LEVEL[lang][rec.in_force_level]
        changed = _changed(rec, in_force, lang)
        since = f"（{_day(rec.in_force_start, lang)}起{changed}）" if lang == "zh" else \
            f" (from {_day(rec.in_force_start, lang)}{changed})"
        advice = _advice(rec, lang, f)
        part = f"{level}{since}→ {advice}" if lang == "zh" else f"{level}{since} → {advice}"
        shown.setdefault(rec.region, []).append(part)
        if _observed(rec, f):
            observed.add(rec.region)
        if rec.action not in ("keep", "ended") and not letters.get(rec.region):
            letters[rec.region] = f"rec:{i}"
    for warning in getattr(evaluation, "new_warnings", []) or []:
        again = warning.region in shown
        running = _observed_since(evaluation, warning)
        shown.setdefault(warning.region, []).append(_new(warning, lang, again, running))
        if running is not None:
            observed.add(warning.region)
        if not letters.get(warning.region):
            letters[warning.region] = f"new:{warning.episode_index}"
    out = []
    for region, parts in shown.items():
        name = names.get(region) or short_region(region)
        joiner = " " if lang == "zh" or region in evaluation_regions(evaluation) else ": "
        out.append(RegionAdvice(region, f"{name}{joiner}{sep.join(parts)}", letters.get(region, ""),
                                region in observed))
    return out
