"""The duty officer's working state, saved as it changes so a crash or a restart loses nothing.

:class:`WorkingState` (which forecast file, its sha256, the what-if edits, the warnings in force, the selected
episode, hour, layer and daily-AQI mode) is written atomically as JSON to ``user_state_dir()/autosave.json``.
While the application runs, a "running" marker file exists beside it; a clean exit removes it, so at the next
start :func:`previous_session` can tell a crash from an ordinary restart. Edits only make sense on the very same
data: :func:`plan_restore` compares the forecast file's sha256 now with the saved one and restores the edits
only when they match (the warnings in force do not depend on the forecast and are always offered back).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from app import untrusted
from app.atomic import write_text_atomic
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING, LEVELS
from app.domain.whatif import Edit
from app.errors import InputError, Problem
from app.paths import user_state_dir

FORMAT = "hazedesk-working-state/1"
AUTOSAVE_NAME = "autosave.json"
RUNNING_NAME = "autosave.running"


@dataclass
class WorkingState:
    forecast_path: str = ""
    forecast_sha256: str = ""
    edits: list[Edit] = field(default_factory=list)
    in_force: list[WarningInForce] = field(default_factory=list)
    selected_episode: int = -1
    hour_time: datetime | None = None  # the time of the current step (an index would not survive a new file)
    layer: str = "aqi"
    mode: str = "calendar"
    saved_at: datetime | None = None
    # The adopted 会商 decision (ConsultationRecord.to_json()) when the forecast shown is its consensus: the
    # consensus is rebuilt from the sources it names (app.consultation.reopen), there being no file of its own.
    consultation: dict | None = None
    case_id: str = ""  # the case of the case library open in the 案例 dock ("" for none)
    observed: list[str] = field(default_factory=list)  # observed files spliced before the forecast (spec §7)

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "forecast_path": self.forecast_path,
            "forecast_sha256": self.forecast_sha256,
            "edits": [e.to_dict() for e in self.edits],
            "in_force": [_warning_dict(w) for w in self.in_force],
            "selected_episode": self.selected_episode,
            "hour_time": _iso(self.hour_time),
            "layer": self.layer,
            "mode": self.mode,
            "saved_at": _iso(self.saved_at),
            "consultation": self.consultation,
            "case_id": self.case_id,
        }
        if self.observed:  # written only when used: older desks read the file as before
            data["observed"] = list(self.observed)
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str, source: str = AUTOSAVE_NAME) -> WorkingState:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise InputError(Problem(f"not valid JSON: {reason}", file=source)) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(Problem("not a HazeDesk working state", file=source, column="format",
                                     value=str(data.get("format") if isinstance(data, dict) else type(data).__name__),
                                     expected=FORMAT))
        try:
            edits = [Edit.from_dict(e) for e in data.get("edits", [])]
            in_force = [_warning(w) for w in data.get("in_force", [])]
            consultation = data.get("consultation")
            observed = data.get("observed") or []
            if not isinstance(observed, list) or not all(isinstance(p, str) and p for p in observed):
                raise ValueError("observed is not a list of file names")
            if consultation is not None and not (isinstance(consultation, dict) and "sources" in consultation
                                                 and "consensus" in consultation):
                raise ValueError("the consultation is not a recorded 会商 decision")
            return cls(
                forecast_path=str(data.get("forecast_path", "")),
                forecast_sha256=str(data.get("forecast_sha256", "")),
                edits=edits,
                in_force=in_force,
                selected_episode=int(data.get("selected_episode", -1)),
                hour_time=_time(data.get("hour_time")),
                layer=str(data.get("layer", "aqi")),
                mode=str(data.get("mode", "calendar")),
                saved_at=_time(data.get("saved_at")),
                consultation=consultation,
                case_id=str(data.get("case_id") or ""),
                observed=list(observed),
            )
        except InputError as exc:
            raise InputError(replace(exc.problem, file=source)) from exc  # keeps the message translatable
        except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
            raise InputError(Problem(f"damaged working state: {exc}", file=source)) from exc


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.astimezone(BEIJING).isoformat()


def _time(text) -> datetime | None:
    if text is None:
        return None
    t = datetime.fromisoformat(str(text))
    return t if t.tzinfo else t.replace(tzinfo=BEIJING)


def _warning_dict(w: WarningInForce) -> dict:
    out = {"region": w.region, "level": w.level, "start": _iso(w.start), "end": _iso(w.end)}
    if w.end_at_least or w.change_at is not None:  # spec §7 fields, only when used (older desks read the rest)
        out.update(end_at_least=w.end_at_least, previous_level=w.previous_level, change_at=_iso(w.change_at))
    return out


def _warning(data: dict) -> WarningInForce:
    if data["level"] not in LEVELS[1:]:
        raise ValueError(f"unknown warning level {data['level']!r}")
    previous = data.get("previous_level")
    if previous is not None and previous not in LEVELS[1:]:
        raise ValueError(f"unknown warning level {previous!r}")
    change_at = _time(data.get("change_at"))
    if (previous is None) != (change_at is None):
        raise ValueError("previous_level and change_at go together")
    return WarningInForce(str(data["region"]), data["level"], _time(data["start"]), _time(data.get("end")),
                          data.get("end_at_least") is True, previous, change_at)


# -- files ---------------------------------------------------------------------------------------------------
def autosave_path() -> Path:
    return user_state_dir() / AUTOSAVE_NAME


def _running_path() -> Path:
    return user_state_dir() / RUNNING_NAME


def save(state: WorkingState) -> Path:
    """Write the working state atomically (a crash mid-write leaves the previous file)."""
    state.saved_at = datetime.now(BEIJING).replace(microsecond=0)
    path = autosave_path()
    write_text_atomic(path, state.to_json())
    return path


def load() -> WorkingState | None:
    """The saved working state, or None when there is none; a damaged file raises InputError."""
    path = autosave_path()
    if not path.exists() and not path.is_symlink():
        return None
    raw = untrusted.read_bounded(path, "session")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(f"cannot read the autosave: {exc}", file=str(path))) from exc
    return WorkingState.from_json(text, str(path))


def mark_running() -> None:
    """Called at start-up (after the previous session was looked at): a crash from now on leaves the marker."""
    write_text_atomic(_running_path(), datetime.now(BEIJING).isoformat())


def mark_clean_exit() -> None:
    _running_path().unlink(missing_ok=True)


def crashed_last_time() -> bool:
    """True when the previous run did not exit cleanly (its marker is still there)."""
    return _running_path().exists()


def discard() -> None:
    """Forget the saved state (the officer declined to restore it)."""
    autosave_path().unlink(missing_ok=True)


def file_sha256(path: str | Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def consultation_files(consultation: dict) -> tuple[list[str], list[str]]:
    """(missing, changed): names of a recorded 会商 decision's sources whose file is not there, or whose content is
    not the one recorded (sha256). A damaged record counts every source as missing."""
    missing: list[str] = []
    changed: list[str] = []
    sources = consultation.get("sources") if isinstance(consultation, dict) else None
    if not isinstance(sources, list) or not sources:
        return ["?"], []
    for i, source in enumerate(sources):
        if not isinstance(source, dict):
            missing.append(f"#{i + 1}")
            continue
        name, path, recorded = str(source.get("name", f"#{i + 1}")), source.get("path"), source.get("sha256")
        if not path or not Path(path).is_file():
            missing.append(name)
            continue
        try:
            same = not recorded or file_sha256(path) == recorded
        except OSError:
            missing.append(name)
            continue
        if not same:
            changed.append(name)
    return missing, changed


@dataclass(frozen=True)
class RestorePlan:
    """What can be given back: the forecast file (if still there), edits only on unchanged data."""

    state: WorkingState
    crashed: bool
    file_found: bool
    same_data: bool

    @property
    def edits(self) -> list[Edit]:
        return list(self.state.edits) if self.same_data else []

    @property
    def dropped_edits(self) -> int:
        return 0 if self.same_data else len(self.state.edits)


def plan_restore(state: WorkingState, crashed: bool) -> RestorePlan:
    if state.consultation is not None:  # the forecast was a 会商 consensus: its data are the sources' files
        missing, changed = consultation_files(state.consultation)
        return RestorePlan(state, crashed, not missing, not missing and not changed)
    path = Path(state.forecast_path) if state.forecast_path else None
    found = path is not None and path.is_file()
    same = False
    if found:
        try:
            same = file_sha256(path) == state.forecast_sha256
        except OSError:
            found = False
    return RestorePlan(state, crashed, found, same)


def previous_session() -> RestorePlan | None:
    """The state the last run left, with what of it can be restored; None when there is nothing to offer."""
    try:
        state = load()
    except InputError:
        return None  # a damaged autosave is not worth a dialog; the next save replaces it
    crashed = crashed_last_time()
    # After a crash the whole view is worth offering; after a clean exit only the officer's own input is.
    if state is None or not (state.edits or state.in_force or state.consultation is not None or state.observed
                             or (crashed and state.forecast_path)):
        return None
    return plan_restore(state, crashed)
