"""Headless uses of the real main window: a PNG of it (``hazedesk gui --screenshot``) and the startup probe.

Both use a throw-away settings file, so a screenshot looks the same whatever the user last chose and never
changes the user's saved layout.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from app.errors import InputError, Problem

# zlib level 1 and no PNG row filter (maps.png, as the map command writes its pages): the window's flat colours
# compress as well unfiltered (1366×768: 256 KB against Qt's 287 KB at its fastest, quality 80 = zlib level 1),
# and the rows need no filtering pass — Qt's writer (libpng) tries its filters on every row: 61 → 24 ms (min of
# 5, loaded machine), the same pixels.
PNG_ZLIB_LEVEL = 1


def png_bytes(image) -> bytes:
    """A QImage as a PNG file's bytes: 8-bit RGB, filter type 0 (None) on every row, the image's resolution in a
    pHYs chunk as Qt writes it."""
    import numpy as np
    from PySide6.QtGui import QImage

    from maps.png import encode_png

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(height, rgb.bytesPerLine())[:, :width * 3]
    dpi = (image.dotsPerMeterX() * 0.0254, image.dotsPerMeterY() * 0.0254)
    return encode_png(rows.reshape(height, width, 3), dpi=dpi, level=PNG_ZLIB_LEVEL)


def window_picture(window):
    """The window as it was last drawn. Offscreen (``--screenshot``'s platform unless QT_QPA_PLATFORM names
    another) that is a copy of its backing store — what a screen would show — in 3 ms; ``window.grab()`` draws
    every widget again (25–40 ms at 1366×768, loaded machine) and differs only in the disabled undo/redo
    arrows' edges (200 pixels of 1366×768). On a real display the screen may hold other windows over ours:
    drawn again there."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "offscreen":
        shot = window.screen().grabWindow(window.winId())
        if shot.size() == (window.size() * window.devicePixelRatioF()):
            return shot.toImage()
    return window.grab().toImage()


def hour_index(times: pd.DatetimeIndex, text: str) -> int:
    """Index of the forecast hour at ``text`` (ISO 8601; Beijing time when it has no offset)."""
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError) as exc:
        raise InputError(Problem("bad time", column="--time", value=text,
                                 expected="ISO 8601, e.g. 2026-01-12T08:00 (Beijing time) or with +08:00")) from exc
    stamp = stamp.tz_localize("Asia/Shanghai") if stamp.tzinfo is None else stamp.tz_convert("Asia/Shanghai")
    if not times[0] <= stamp <= times[-1]:
        raise InputError(Problem("time outside the forecast", column="--time", value=text,
                                 expected=f"{times[0]:%Y-%m-%d %H:%M} … {times[-1]:%Y-%m-%d %H:%M} (Beijing time)"))
    return int(abs((times - stamp).total_seconds()).argmin())


def _desk(language: str | None, folder: str, initial: tuple[str | None, dict] | None = None):
    from app.gui.app import HazeDesk
    from app.gui.settings import Settings

    return HazeDesk(language or "zh", Settings(Path(folder) / "screenshot.ini"), initial=initial)


def _open_session(window, path: str) -> None:
    """A session file, headless: a missing or changed forecast is an error (nobody is there to answer)."""
    sessions, said = window.sessions, []
    sessions.ask_locate = lambda text: said.append(text) or ""
    sessions.ask_open_changed = lambda text: said.append(text) or False
    sessions.show_error = said.append
    opened = sessions.open(path)
    if not opened or sessions.failed:  # a 会商 source moved, an edit that cannot apply: told as a notice in the
        reason = " ".join(" ".join([*said, *sessions.failed]).split())  # window, nobody here to read it
        raise InputError(Problem(f"cannot open the session: {reason}", file=path))
    window.statusBar().clearMessage()  # "session opened" is for the officer, not for the picture


def take_screenshot(forecast: str | None, target: str, *, size: tuple[int, int] = (1600, 1000),
                    time: str | None = None, layer: str | None = None, language: str | None = None,
                    episode: int | None = None, select: list[str] | tuple[str, ...] = (),
                    sheet: str | None = None, docks: list[str] | tuple[str, ...] = (), observed=None) -> Path:
    """``observed``: an ObservedSeries spliced before the forecast (``gui --observed``)."""
    from app.atomic import write_bytes_atomic
    from app.paths import DEFAULT_SAMPLE

    if forecast and forecast.lower().endswith(".hazedesk"):  # said in the message language, before any window
        from app.desk.session_file import check_session, load_session
        from app.importing import load_forecast

        check_session(load_session(forecast), forecast, load=load_forecast)
    with tempfile.TemporaryDirectory(prefix="hazedesk-shot-") as folder:
        desk = _desk(language, folder)
        state, window = desk.state, desk.window
        state.observed = observed
        if forecast and forecast.lower().endswith(".hazedesk"):
            _open_session(window, forecast)
        else:
            desk.controller.load_forecast_now(forecast or str(DEFAULT_SAMPLE),
                                              **({"sheet": sheet} if forecast and sheet is not None else {}))
        if time:
            state.set_hour(hour_index(state.evaluation.times, time))
        if layer:
            state.set_layer(layer)
        if episode is not None:
            if not 0 <= episode < len(state.evaluation.episodes):
                raise InputError(Problem("no such regional episode", column="--episode", value=str(episode),
                                         expected=f"0 … {len(state.evaluation.episodes) - 1}"
                                         if state.evaluation.episodes else "no episodes in this forecast"))
            state.set_episode(episode)
        if select:
            unknown = [u for u in select if u not in desk.geometry.names]
            if unknown:
                raise InputError(Problem("unknown unit", column="--select", value=unknown[0],
                                         expected="a full unit name such as 成都市"))
            state.set_selection(list(select))
        window.resize(*size)
        window.show()
        for name in docks:  # after show: a tab raised before the window is laid out would not stick
            if name not in window.docks:
                raise InputError(Problem("unknown dock", column="--dock", value=name,
                                         expected=", ".join(sorted(window.docks))))
            window.show_dock(name)
        # let the dock layout and the lazily built timeline settle before the grab: every timer there is 0 ms,
        # so rounds of the event loop, not time, are what they need (a 1 ms sleep between rounds was 13–20 ms)
        for _ in range(12):
            desk.app.processEvents()
        image = window_picture(window)
        out = Path(target)
        write_bytes_atomic(out, png_bytes(image))
        window.hide()
        _audit_screenshot(state, out, size)
        return out


def _audit_screenshot(state, out: Path, size: tuple[int, int]) -> None:
    from app.export.audit import record_export

    forecast, scheme = state.original_forecast, state.scheme
    record_export("screenshot", [out], scheme_id=scheme.id, scheme_version=scheme.version,
                  forecast_sha256=forecast.meta.sha256 if forecast is not None else "",
                  forecast_path=forecast.meta.source_path if forecast is not None else "",
                  edits=_edit_texts(state.edits),
                  details={"layer": state.layer, "hour": state.hour, "size": f"{size[0]}x{size[1]}"})


def _edit_texts(edits) -> list[str]:
    """The what-if edits as the letters state them; without any (a forecast, not a session with edits) the
    letters' module is not loaded for nothing (7–14 ms of the screenshot)."""
    if not edits:
        return []
    from app.domain.proposal import edit_texts

    return edit_texts(edits)


def startup_probe(forecast: str | None, size: tuple[int, int]) -> int:
    """Start as a user would when there is no earlier working state to offer (``hazedesk gui``: the forecast
    loaded in the background, started before the window is built), print seconds to the first coloured paint
    of the map, and quit. ``hazedesk bench`` runs this in a fresh process."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hazedesk-probe-") as folder:
        desk = _desk(None, folder, initial=(forecast, {}))
        from app.gui.app import freeze_after_first_paint

        freeze_after_first_paint(desk)  # as hazedesk gui does
        window = desk.window
        window.resize(*size)

        def painted() -> None:
            print(f"first-map-paint {time.perf_counter() - started:.4f}", flush=True)
            desk.app.quit()

        def failed(path: str, exc: Exception) -> None:
            print(f"load failed: {exc}", file=sys.stderr, flush=True)
            desk.app.exit(2)

        window.canvas.firstColouredPaint.connect(painted)
        desk.controller.loadFailed.connect(failed)
        window.show()
        return desk.app.exec()
