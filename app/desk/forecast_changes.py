"""What changed since the last forecast, in words (issue 28, the desk): each
:class:`~app.domain.changes.EpisodeChange` as a short phrase for the note over the map.

    change_text(change, lang="zh", names=None) -> "盆地中部 橙色 开始提前1天（12日0时—15日24时）"
    changes_text(changes, lang="zh", names=None) -> the phrases joined, "" when nothing changed
    previous_forecast(rows, current_sha, current_issued) -> the case's forecast row to compare with, or None
    compare_with_previous(row, folder, current, scheme, neighbours, mode=, edition=, progress=)
        -> list[EpisodeChange]: the long part (find the previous file, load it, evaluate it, compare), with progress
           and cancel, for a worker thread (the window's note runs it off the GUI thread)
"""

from __future__ import annotations

from pathlib import Path

from app.desk.advice import _end, _hour, short_region
from app.domain.changes import EpisodeChange
from app.domain.progress import NO_PROGRESS, Progress

_LEVEL = {"zh": {"yellow": "黄色", "orange": "橙色", "red": "红色"}, "en": {"yellow": "yellow", "orange": "orange",
                                                                         "red": "red"}}


def _span(episode, lang: str) -> str:
    dash = "—" if lang == "zh" else "–"
    return f"{_hour(episode.start, lang)}{dash}{_end(episode.end, lang)}"


def _shift(hours: float, lang: str, what: str) -> str:
    """"开始提前1天" / "end 12 h later"."""
    if not hours:
        return ""
    amount = abs(hours)
    if lang == "zh":
        size = f"{amount / 24:g}天" if amount % 24 == 0 else f"{amount:g}小时"
        verb = {"start": "开始", "end": "结束", "whole": "整体"}[what]
        return f"{verb}{'提前' if hours < 0 else '推迟'}{size}"
    size = f"{amount / 24:g} d" if amount % 24 == 0 else f"{amount:g} h"
    verb = {"start": "starts ", "end": "ends ", "whole": "moved "}[what]
    return f"{verb}{size} {'earlier' if hours < 0 else 'later'}"


def change_text(change: EpisodeChange, lang: str = "zh", names: dict[str, str] | None = None) -> str:
    lang = "zh" if lang == "zh" else "en"
    level = _LEVEL[lang]
    name = (names or {}).get(change.region) or short_region(change.region)
    if change.kind == "added":
        e = change.after
        return f"{name} 新增{level[e.level]}（{_span(e, lang)}）" if lang == "zh" else \
            f"{name}: new {level[e.level]} ({_span(e, lang)})"
    if change.kind == "removed":
        e = change.before
        return f"{name} 原{level[e.level]}已不再出现（原{_span(e, lang)}）" if lang == "zh" else \
            f"{name}: {level[e.level]} gone (was {_span(e, lang)})"
    before, after = change.before, change.after
    parts = []
    if change.level_changed:
        up = change.direction == "up"
        parts.append(f"由{level[before.level]}{'升为' if up else '降为'}{level[after.level]}" if lang == "zh" else
                     f"{level[before.level]} {'raised' if up else 'lowered'} to {level[after.level]}")
    start, end = change.start_shift_hours or 0.0, change.end_shift_hours or 0.0
    if start and start == end:  # the whole episode moved
        parts.append(_shift(start, lang, "whole"))
    else:
        parts += [t for t in (_shift(start, lang, "start"), _shift(end, lang, "end")) if t]
    if not parts:
        return f"{name} {level[after.level]} 不变" if lang == "zh" else f"{name}: {level[after.level]} unchanged"
    sep = "、" if lang == "zh" else ", "
    if lang == "zh":
        head = f"{name} " if change.level_changed else f"{name} {level[after.level]}："
        return f"{head}{sep.join(parts)}（{_span(after, lang)}）"
    return f"{name}: {sep.join(parts)} ({_span(after, lang)})"


def changes_text(changes: list[EpisodeChange], lang: str = "zh", names: dict[str, str] | None = None) -> str:
    return ("；" if lang == "zh" else "; ").join(change_text(c, lang, names) for c in changes)


def previous_forecast(rows: list[dict], current_sha: str, current_issued: str | None) -> dict | None:
    """Of a case's forecast rows (``sha256``, ``issued_at`` ISO text or None, ``added_at``), the one the
    forecast ``current_sha`` is compared with: the latest issued before it (by issue time, then by when it was
    added), or — the current issue time unknown — the latest other one."""
    others = [r for r in rows if r.get("sha256") != current_sha]
    if current_issued:
        others = [r for r in others if not r.get("issued_at") or r["issued_at"] < current_issued]
    if not others:
        return None
    return max(others, key=lambda r: (r.get("issued_at") or "", r.get("added_at") or ""))


def compare_with_previous(row: dict | None, folder: Path, current, scheme, neighbours, *, mode: str,
                          edition: str = "auto", library_file: str = "", progress: Progress = NO_PROGRESS,
                          ) -> list[EpisodeChange]:
    """What changed from the case's previous forecast to ``current`` (the evaluation shown). ``row``: the previous
    forecast's row with its kept copy (``CaseLibrary.forecast_row``; None when the case has none): its file is the
    original when unchanged, else the copy written to ``folder`` (:func:`app.cases.library.forecast_file`); it is
    loaded and evaluated as the window evaluates (same scheme, mode and AQI edition; calendar days for a daily
    table), then compared. Touches neither Qt nor the case library's database: it runs in a worker thread, so
    hashing a large original file does not freeze the window either.

    Raises InputError when the previous forecast's file is gone and no copy was kept (or its row is not sound, or
    the file is no forecast), and :class:`~app.domain.progress.Cancelled` once ``progress`` is cancelled."""
    from app.cases.library import forecast_file
    from app.domain.changes import changes_between
    from app.domain.engine import evaluate
    from app.errors import InputError, Problem
    from app.importing import load_forecast

    progress.report(0.0, "find")
    problems: list = []
    path = forecast_file(row, folder, library_file, problems) if row is not None else None
    if problems:
        raise InputError(problems[0])
    if path is None:
        raise InputError(Problem("the previous forecast's file is no longer there and no copy was kept",
                                 file=(row or {}).get("path") or None))
    forecast = load_forecast(path, ceilings=getattr(scheme, "plausible_max", None), progress=progress.sub(0.05, 0.8))
    progress.report(0.8, "evaluate")
    before = evaluate(forecast, scheme, neighbours, mode="calendar" if forecast.is_daily else mode, edition=edition,
                      issued_at=forecast.meta.issued_at)
    progress.report(0.95, "compare")
    changes = changes_between(before, current)
    progress.report(1.0, "")
    return changes
