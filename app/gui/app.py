"""Start the desktop application: QApplication, fonts, language, state, controller, map geometry, main window.

:class:`HazeDesk` owns what outlives a window (state, controller, settings), so switching the interface
language builds a fresh main window, translated, over the same forecast, hour, layer and selection.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication

from app.gui.controller import Controller
from app.gui.fonts import apply_ui_font
from app.gui.i18n import install_language
from app.gui.settings import Settings
from app.gui.state import AppState


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setOrganizationName("HazeDesk")
        app.setApplicationName("HazeDesk")
        app.setApplicationDisplayName("HazeDesk")
        app.setDesktopFileName("hazedesk")  # the installed desktop entry: the taskbar groups and names us by it
    if app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
    apply_ui_font(app)
    return app


def application_icon():
    """The window's icon, every drawn size (resources/icons, made by tools/make_icons.py)."""
    from PySide6.QtGui import QIcon

    from app.paths import RESOURCES_DIR

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = RESOURCES_DIR / "icons" / f"hazedesk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


class HazeDesk(QObject):
    def __init__(self, language: str | None = None, settings: Settings | None = None,
                 initial: tuple[str | None, dict] | None = None, observed=None):
        """``initial``: ``(path, options)`` of a forecast to open (None: the bundled sample), started in the
        background before the geometry is read and the window built, so that the load overlaps them;
        ``observed``: observations spliced before every forecast opened (``gui --observed``, spec §7)."""
        super().__init__()
        from app.gui.map.geometry import load_map_geometry

        self.app = application()
        self.settings = settings or Settings()
        self.language = language or self.settings.language
        install_language(self.language)
        self._name_application()
        self.state = AppState(self)
        self.controller = Controller(self.state, self)
        self.state.observed = observed
        self.state.layer = self.settings.layer
        self.state.show_adjacency = self.settings.show_adjacency
        self.state.stale_hours = self.settings.stale_hours
        if self.settings.mode:
            self.state.mode = self.settings.mode
        if initial is not None:
            self.open_initial(initial[0], **initial[1])
        self.geometry = load_map_geometry()
        self.window = self._new_window()

    def _name_application(self) -> None:
        """The name every window's title ends with (the platform appends it: "orange.csv — HazeDesk 川渝…")."""
        self.app.setApplicationDisplayName(QCoreApplication.translate("HazeDesk", "HazeDesk 川渝重污染天气预警会商台"))

    def _new_window(self):
        from app.gui.main_window import MainWindow

        window = MainWindow(self.state, self.controller, self.geometry, self.settings)
        window.languageRequested.connect(self.switch_language)
        return window

    def switch_language(self, language: str) -> None:
        """Install the language's translations and replace the window by a freshly translated one."""
        if language == self.language:
            return
        self.language = self.settings.language = language
        self.settings.sync()
        install_language(language)
        self._name_application()
        old = self.window
        geometry, layout, visible = old.saveGeometry(), old.saveState(), old.isVisible()
        self.window = self._new_window()
        self.window.canvas.take_view(old.canvas)  # the officer's zoom and pan (the hour, the selection: state's)
        self.window.restoreGeometry(geometry)
        if self.window.restoreState(layout):
            # the old window's docks, not the first layout: showing it must not tab and size them anew (with no
            # layout saved yet it did, and the officer's tab in front and dock sizes were lost)
            self.window._layout_restored = True
        if visible:
            self.window.show()
        old.languageRequested.disconnect(self.switch_language)
        old.close_files()
        old.hide()
        old.deleteLater()

    def dispose(self) -> None:
        """Destroy the window before the state and controller it listens to (Python's own order is arbitrary,
        and a dock must not hear from an undo stack that is half destroyed)."""
        import shiboken6

        if shiboken6.isValid(self.window):
            self.window.close_files()
        for obj in (self.window, self):
            if shiboken6.isValid(obj):
                shiboken6.delete(obj)

    def open_initial(self, path: str | None, **options) -> None:
        """Open the given forecast (or the bundled sample) in the background, with progress (``options``: the
        loader's, e.g. sheet=)."""
        from app.paths import DEFAULT_SAMPLE

        self.controller.open_forecast(path or str(DEFAULT_SAMPLE), **(options if path else {}))


def is_case_file(path: str | None) -> bool:
    return (path or "").lower().endswith(".hzcase")


def import_case_file(desk: HazeDesk, path: str) -> str | None:
    """``hazedesk CASE.hzcase`` (the file manager's double-click): the 案例 dock comes to the front and imports the
    case into the library, or says why it cannot (the file is checked as any case from another office is)."""
    desk.window.show_dock("CasesDock")
    return desk.window.docks["CasesDock"].import_file(path)


def opens_at_once(path: str | None) -> bool:
    """Whether the window will open ``path`` (or the sample) straight away: not a session file, and no last
    working state to offer first. Then its load can start before the window is built."""
    from app.domain import session

    return not (path or "").lower().endswith(".hazedesk") and session.previous_session() is None


def start(desk: HazeDesk, path: str | None = None, ask=None, loading: bool = False, **options):
    """What follows the window's first show: the state-folder check, the restore offer, the forecast, the
    autosave. Returns the running :class:`AutoSaver`. ``ask`` replaces the restore question box (tests);
    ``loading``: the desk was made with ``initial`` (``opens_at_once``: nothing to offer, the forecast's load
    under way); ``options``: the loader's for ``path`` (e.g. sheet=)."""
    from app.gui.autosave import AutoSaver, offer_restore

    desk.window.state_banner.check()  # "无法保存工作状态" when the state folder cannot be written
    # The last working state is offered first, also when a file is named (``hazedesk gui FILE`` after a crash):
    # the autosave starts only after the officer has chosen, so a restore is never overwritten before that.
    if loading:
        pass
    elif offer_restore(desk.window, desk.controller, ask=ask, opening=path):
        pass
    elif path is not None and path.lower().endswith(".hazedesk"):  # hazedesk gui SESSION
        desk.window.sessions.open(path)  # not opened: the window stays empty rather than showing the sample
    else:
        desk.open_initial(path, **options)
    saver = AutoSaver(desk.state, desk)
    saver.failed.connect(lambda text: desk.window.statusBar().showMessage(text, 20000))
    saver.start()
    desk.app.aboutToQuit.connect(saver.stop)
    return saver


# How long the collector stays paused when no coloured map comes (the restore question unanswered, a session that
# did not open): it is given back then all the same.
COLLECTOR_BACKSTOP_MS = 20_000


def freeze_after_first_paint(desk: HazeDesk) -> None:
    """Once the map is first painted in colour, move every object then alive (modules, classes, Qt wrappers,
    the geometry: they live as long as the process) out of the collector's generations (``gc.freeze``): later
    collections no longer walk them, and at exit the interpreter no longer collects them one by one — about
    0.2 s of every start-to-exit run went there. For the process that runs the window (not for tests, whose
    windows come and go in one process).

    ``hazedesk gui`` pauses the collector from its first line (app.cli.gui, as ``app.cli._common.loading`` does
    for the one-run commands): until the map is coloured the start only makes what lives on — modules, the
    window, the forecast — and the collector walked it ~200 times for nothing (60–80 ms of CPU of the start).
    A collector found paused is given back at that paint, or when the load fails or is cancelled, or after
    :data:`COLLECTOR_BACKSTOP_MS` if no coloured map comes."""
    import gc

    from PySide6.QtCore import QTimer

    paused = not gc.isenabled()

    def settle() -> None:
        gc.freeze()
        if paused and not gc.isenabled():
            gc.enable()

    desk.window.canvas.firstColouredPaint.connect(settle)  # emitted once per canvas
    if paused:
        desk.controller.loadFailed.connect(lambda *_: settle())
        desk.controller.loadCancelled.connect(lambda *_: settle())
        QTimer.singleShot(COLLECTOR_BACKSTOP_MS, desk, settle)


def run(path: str | None = None, language: str | None = None, observed=None, **options) -> int:
    case_file = path if is_case_file(path) else None
    if case_file:  # a .hzcase opened by double-click: the window opens as usual, then imports it
        path, options = None, {}
    loading = opens_at_once(path)
    desk = HazeDesk(language, initial=(path, options) if loading else None, observed=observed)
    freeze_after_first_paint(desk)
    desk.window.show()
    start(desk, path, loading=loading, **options)
    if case_file:
        import_case_file(desk, case_file)
    code = desk.app.exec()
    desk.dispose()
    return code
