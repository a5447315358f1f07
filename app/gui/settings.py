"""What the app remembers between runs (QSettings in an INI file in the user state folder).

The file lives beside the autosave so that ``HAZEDESK_HOME`` isolates it too (tests, several profiles).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.paths import state_dir_path, user_state_dir

MAX_RECENT = 8
LANGUAGES = ("zh", "en")


class Settings:
    def __init__(self, path: Path | None = None):
        if path is None:
            try:
                path = user_state_dir() / "hazedesk.ini"
            except OSError:  # an unusable state folder: the window starts all the same (its banner says why)
                path = state_dir_path() / "hazedesk.ini"
        self.path = Path(path)
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._q.sync()

    # -- recent files -------------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._q.value("files/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if p and Path(p).exists()][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        items = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self._q.setValue("files/recent", items)

    def clear_recent(self) -> None:
        self._q.setValue("files/recent", [])

    # -- simple choices -----------------------------------------------------------------------------------
    def _choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = str(self._q.value(key, default))
        return value if value in allowed else default

    @property
    def layer(self) -> str:
        return self._choice("view/layer", ("aqi", "daily", "warning", "pm25"), "aqi")

    @layer.setter
    def layer(self, value: str) -> None:
        self._q.setValue("view/layer", value)

    @property
    def mode(self) -> str:
        return self._choice("engine/mode", ("calendar", "rolling", ""), "")

    @mode.setter
    def mode(self, value: str) -> None:
        self._q.setValue("engine/mode", value)

    @property
    def language(self) -> str:
        return self._choice("ui/language", LANGUAGES, "zh")

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value)

    @property
    def play_speed(self) -> int:
        try:
            return max(1, int(self._q.value("time/speed", 3)))
        except (TypeError, ValueError):
            return 3

    @play_speed.setter
    def play_speed(self, value: int) -> None:
        self._q.setValue("time/speed", int(value))

    @property
    def show_adjacency(self) -> bool:
        return str(self._q.value("view/adjacency", "false")).lower() == "true"

    @show_adjacency.setter
    def show_adjacency(self, value: bool) -> None:
        self._q.setValue("view/adjacency", "true" if value else "false")

    @property
    def case_library(self) -> str:
        """The case library's file ("" = cases.sqlite in the state folder)."""
        return str(self._q.value("files/case_library", "") or "")

    @case_library.setter
    def case_library(self, value: str) -> None:
        self._q.setValue("files/case_library", value)

    @property
    def report_deadline(self) -> str:
        """The cities' daily reports are missing after this time of the day (HH:MM; "" = the scheme's, 18:00)."""
        return str(self._q.value("response/report_deadline", "") or "")

    @report_deadline.setter
    def report_deadline(self, value: str) -> None:
        self._q.setValue("response/report_deadline", value)

    @property
    def export_folder(self) -> str:
        """Folder of the last letter, map or briefing written ("" before the first)."""
        return str(self._q.value("files/export_folder", "") or "")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._q.setValue("files/export_folder", value)

    @property
    def show_region_names(self) -> bool:
        return str(self._q.value("view/region_names", "true")).lower() == "true"

    @show_region_names.setter
    def show_region_names(self, value: bool) -> None:
        self._q.setValue("view/region_names", "true" if value else "false")

    @property
    def stale_hours(self) -> float:
        """Age (hours since issue) after which a forecast is flagged stale."""
        try:
            return min(max(float(self._q.value("forecast/stale_hours", 36)), 1.0), 240.0)
        except (TypeError, ValueError):
            return 36.0

    @stale_hours.setter
    def stale_hours(self, value: float) -> None:
        self._q.setValue("forecast/stale_hours", float(value))

    # -- window layout ------------------------------------------------------------------------------------
    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry, state = self._q.value("window/geometry"), self._q.value("window/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def save_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)
