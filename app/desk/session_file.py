"""Session files (``.hazedesk``): the officer's work on one forecast, saved where they choose and opened again
later or on another desk.

A session is the autosave's :class:`~app.domain.session.WorkingState` (forecast path and sha256, what-if edits,
warnings in force, episode, hour, layer, daily-AQI mode: one serialisation, not two) plus what the autosave does
not carry: the selected units and the warning-proposal draft. JSON, UTF-8, written atomically.

Opening checks the forecast before anything is applied: it is looked for at the saved path, then beside the
session file (a folder copied with both); :func:`check_forecast` says whether it is there and unchanged
(sha256). A missing or changed file is named to the officer, never silently replaced.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from app import untrusted
from app.atomic import write_text_atomic
from app.domain.scheme import BEIJING
from app.domain.session import WorkingState, file_sha256
from app.errors import InputError, Problem

FORMAT = "hazedesk-session/1"
SUFFIX = ".hazedesk"


@dataclass
class Session:
    working: WorkingState
    selected_units: list[str] = field(default_factory=list)
    letter_draft: dict | None = None  # app.export.drafts.ProposalDraft as a dict, None when none was written
    forecast_relative: str = ""  # the forecast's path relative to the session file's folder ("" if none)
    app_version: str = ""
    saved_at: datetime | None = None

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "app_version": self.app_version,
            "saved_at": None if self.saved_at is None else self.saved_at.astimezone(BEIJING).isoformat(),
            "working": json.loads(self.working.to_json()),
            "forecast_relative": self.forecast_relative,
            "selected_units": list(self.selected_units),
            "letter_draft": self.letter_draft,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str, source: str) -> Session:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise InputError(Problem(f"not valid JSON: {reason}", file=source)) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise InputError(Problem("not a HazeDesk session file", file=source, column="format",
                                     value=str(found), expected=FORMAT))
        working = data.get("working")
        if not isinstance(working, dict):
            raise InputError(Problem("the session has no working state", file=source, column="working",
                                     expected="an object"))
        try:
            state = WorkingState.from_json(json.dumps(working), source)
        except RecursionError as exc:  # nested deep enough for the parser but not for writing it back
            reason = "nested too deeply"
            raise InputError(Problem(f"not valid JSON: {reason}", file=source, column="working")) from exc
        units = data.get("selected_units", [])
        draft = data.get("letter_draft")
        if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
            raise InputError(Problem("bad selected units", file=source, column="selected_units",
                                     expected="a list of unit names"))
        if draft is not None and not isinstance(draft, dict):
            raise InputError(Problem("bad letter draft", file=source, column="letter_draft",
                                     expected="an object or null"))
        saved = data.get("saved_at")
        try:
            saved_at = datetime.fromisoformat(saved) if saved else None
        except (TypeError, ValueError) as exc:
            raise InputError(Problem("bad time", file=source, column="saved_at", value=str(saved),
                                     expected="ISO 8601")) from exc
        return cls(state, list(units), draft, str(data.get("forecast_relative", "")),
                   str(data.get("app_version", "")), saved_at)


def save_session(path: str | Path, session: Session) -> Path:
    """Write the session atomically; the forecast's path relative to it is recorded too."""
    path = Path(path)
    if session.working.forecast_path:
        try:
            session.forecast_relative = os.path.relpath(Path(session.working.forecast_path).resolve(),
                                                        path.resolve().parent)
        except ValueError:  # another drive on Windows
            session.forecast_relative = ""
    session.saved_at = datetime.now(BEIJING).replace(microsecond=0)
    write_text_atomic(path, session.to_json())
    from app.export.audit import record_export

    record_export("session", [path], forecast_sha256=session.working.forecast_sha256 or "",
                  forecast_path=session.working.forecast_path or "")
    return path


def load_session(path: str | Path) -> Session:
    path = Path(path)
    raw = untrusted.read_bounded(path, "session", expected="a HazeDesk session file (.hazedesk)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem("not a HazeDesk session file", file=str(path), expected="UTF-8 JSON")) from exc
    return Session.from_json(text, str(path))


MISSING, CHANGED, SAME = "missing", "changed", "same"


@dataclass(frozen=True)
class ForecastCheck:
    status: str  # MISSING | CHANGED | SAME
    saved_path: str  # the path the session names
    found_path: str  # where the file was found ("" when missing)
    saved_sha256: str
    found_sha256: str = ""


def check_forecast(session: Session, session_path: str | Path) -> ForecastCheck:
    """Find the session's forecast (saved path, then beside the session file) and compare its sha256."""
    saved = session.working.forecast_path
    candidates = []
    if saved:
        candidates.append(Path(saved))
    if session.forecast_relative:
        candidates.append(Path(session_path).resolve().parent / session.forecast_relative)
    if saved:
        candidates.append(Path(session_path).resolve().parent / Path(saved).name)
    changed: ForecastCheck | None = None
    for candidate in candidates:  # an unchanged copy anywhere wins over a changed file at the saved path
        if not candidate.is_file():
            continue
        try:
            digest = file_sha256(candidate)
        except OSError:
            continue
        if digest == session.working.forecast_sha256:
            return ForecastCheck(SAME, saved, str(candidate), digest, digest)
        changed = changed or ForecastCheck(CHANGED, saved, str(candidate), session.working.forecast_sha256, digest)
    return changed or ForecastCheck(MISSING, saved, "", session.working.forecast_sha256)


def compare_with(session: Session, path: str | Path) -> ForecastCheck:
    """The check for a file the officer pointed at in place of a missing forecast."""
    digest = file_sha256(path)
    status = SAME if digest == session.working.forecast_sha256 else CHANGED
    return ForecastCheck(status, session.working.forecast_path, str(path), session.working.forecast_sha256, digest)


def check_session(session: Session, session_path: str | Path, load=None) -> ForecastCheck | None:
    """What opening the session without anybody to answer needs, as problems in the message language (the
    window's own questions are in the interface's): its forecast there and unchanged, or for a 会商 decision its
    sources; with ``load`` (a forecast loader) also that every what-if edit applies to the forecast. InputError
    naming the session file otherwise; the check of the forecast found (None for a 会商 session)."""
    from app.domain.session import consultation_files

    name = str(session_path)
    working = session.working
    if working.consultation is not None:
        missing, changed = consultation_files(working.consultation)
        if missing or changed:
            raise InputError(Problem("the consultation's source files are missing or changed", file=name,
                                     value="、".join([*missing, *changed]),
                                     expected="each source file as it was when the consultation decided"))
        return None
    check = check_forecast(session, session_path)
    if check.status == MISSING:
        raise InputError(Problem("the session's forecast file is not there (nor beside the session file)",
                                 file=name, value=check.saved_path, expected="the forecast the session was saved on"))
    if check.status == CHANGED:
        raise InputError(Problem("the session's forecast file has changed since the session was saved", file=name,
                                 value=check.found_path,
                                 expected="the forecast as it was when the session was saved (same sha256)"))
    if load is not None and working.edits:
        from app.domain.whatif import validate

        forecast = load(check.found_path)
        for i, edit in enumerate(working.edits):
            try:
                validate(forecast, edit)
            except InputError as exc:
                raise InputError(replace(exc.problem, file=name, column=f"edits[{i}].{exc.problem.column}")) \
                    from None
    return check
