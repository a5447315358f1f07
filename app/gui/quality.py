"""Data quality in the window: the watcher that assesses each loaded forecast (``app.domain.quality``) and the
non-modal notice bar over the map (count and worst finding; 查看 opens the 数据质量 dock).

The assessment runs when a forecast is loaded or the daily-AQI mode changes, not on every what-if edit
(it evaluates the forecast once more, with the gaps filled at the top of the scale).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from app.domain.quality import DataQuality, assess
from app.errors import worst
from app.gui.i18n import ui_language

translate = QCoreApplication.translate


class QualityWatcher(QObject):
    """Keeps ``state.quality`` (a :class:`DataQuality`) in step with the loaded forecast."""

    changed = Signal()

    def __init__(self, state, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self._key = None
        state.quality = getattr(state, "quality", None) or DataQuality()
        state.evaluationChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        state = self.state
        if state.evaluation is None or state.forecast is None or state.scheme is None:
            return
        key = (id(state.original_forecast), state.mode, id(getattr(state, "observed", None)))
        if key == self._key:
            return
        self._key = key
        boundary_findings = list(getattr(state.boundaries, "warnings", None) or [])
        state.quality = assess(state.forecast, state.evaluation, state.scheme, state.neighbours, boundary_findings)
        self.changed.emit()


def short_text(finding, lang: str, quality: DataQuality | None = None) -> str:
    """One finding in a line that fits the bar: units, message, where in the file and what was read, action
    (the file itself is in the window title)."""
    from dataclasses import replace

    local = quality.in_language(finding, lang) if quality is not None else finding.localized(lang)
    where = replace(finding, file=None).place(lang)
    if finding.value is not None:
        read = f"'{finding.value}'"
        where = f"{where}，读到 {read}" if lang == "zh" and where else \
            f"{where}, found {read}" if where else (f"读到 {read}" if lang == "zh" else f"found {read}")
    shown = quality.unit_names(finding.units, lang) if quality is not None else list(finding.units)
    units = ("、" if lang == "zh" else ", ").join(shown[:3]) + ("…" if len(shown) > 3 else "")
    text = local.message
    if units and shown[0] not in text:  # the message may name them already
        text = f"{units}：{text}" if lang == "zh" else f"{units}: {text}"
    if where:
        text += f"（{where}）" if lang == "zh" else f" ({where})"
    if finding.action:
        text += ("——" if lang == "zh" else " — ") + finding.action_text(lang)
    return text


def summary_text(quality: DataQuality) -> str:
    counts = quality.counts
    first = worst(quality.findings)
    if first is None:
        return ""
    warned = counts["warning"] + counts["error"]
    if warned and counts["note"]:
        head = translate("DataQuality", "数据质量：警告 %1 条，提示 %2 条。").replace("%1", str(warned)).replace(
            "%2", str(counts["note"]))
    elif warned:
        head = translate("DataQuality", "数据质量：警告 %1 条。").replace("%1", str(warned))
    else:
        head = translate("DataQuality", "数据质量：提示 %1 条。").replace("%1", str(counts["note"]))
    return head + translate("DataQuality", "最需注意：%1").replace("%1", short_text(first, ui_language(), quality))


class NoticeBar(QFrame):
    """A strip above the map: shown on load when there are findings, closed by the officer, never modal."""

    detailsRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DataQualityNotice")
        self.setStyleSheet("#DataQualityNotice { background: #fff4ce; border-bottom: 1px solid #d9b200; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        self.label = QLabel()
        self.label.setWordWrap(True)  # two lines rather than a cut-off sentence on a 1366-pixel screen
        self.label.setMinimumWidth(100)
        layout.addWidget(self.label, 1)
        self.details = QPushButton(translate("DataQuality", "查看全部"))
        self.details.clicked.connect(self.detailsRequested)
        layout.addWidget(self.details)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(translate("DataQuality", "关闭提示（数据质量窗格中仍可查看）"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.hide()

    def show_quality(self, quality: DataQuality) -> None:
        text = summary_text(quality)
        if not text:
            self.hide()
            return
        self.label.setText(text)
        self.label.setToolTip("\n".join(quality.render(f, ui_language()) for f in quality.findings[:20]))
        self.show()
