"""One line above the map: per region, what is in force and what the forecast advises (spec §7; the words from
:func:`app.desk.advice.region_advice`), each region a link to its letter (the proposal dialog opens on it).

One line always (1366×768 keeps its map): the regions that fit are shown whole, the next elided with "…"; the
tooltip has every region's full text. Hidden when nothing is in force and no new warning is needed. What lies in the
observed hours before the forecast (a 过程 already running, a lift overdue, a warning over) reads so, and the
tooltip says what "实况" means there.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.desk.advice import RegionAdvice, region_advice
from app.gui.i18n import ui_language

_COLOUR = {"rec": "#8a3b00", "new": "#0b4f9c", "": "#333333"}


class AdviceBar(QFrame):
    letterRequested = Signal(str)  # "rec:I" | "new:E" | "" (the default letters)

    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setObjectName("AdviceBar")
        self.setStyleSheet("#AdviceBar { background: #eef3fa; border-bottom: 1px solid #9fb4d0; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.heading = QLabel(self.tr("研判："))
        self.heading.setStyleSheet("font-weight: bold")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(False)
        self.label.setMinimumWidth(50)
        self.label.linkActivated.connect(self.letterRequested)
        layout.addWidget(self.heading)
        layout.addWidget(self.label, 1)
        self.items: list[RegionAdvice] = []
        state.evaluationChanged.connect(self.refresh)
        state.inForceChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_) -> None:
        evaluation = self.state.evaluation
        self.items = [] if evaluation is None else region_advice(evaluation, ui_language(), self._names(),
                                                                     self.state.in_force)
        self.setVisible(bool(self.items))
        observed = any(item.observed for item in self.items)
        self.setToolTip("\n".join(item.text for item in self.items) +
                        ("\n" + self.tr("（实况）：预报首时次之前的监测实况中已经出现，不是预报") if observed else "") +
                        ("\n" + self.tr("单击地区打开相应的函件") if self.items else ""))
        self._fit()

    def full_text(self) -> str:
        return ("；" if ui_language() == "zh" else "; ").join(item.text for item in self.items)

    def _names(self) -> dict[str, str]:
        scheme = self.state.scheme
        if scheme is None or ui_language() == "zh":
            return {}
        return {r.name: r.name_en or r.name for r in scheme.regions}

    def _fit(self) -> None:
        """The regions that fit the label's width, the first that does not elided, as links."""
        fm = self.label.fontMetrics()
        room = max(self.label.width(), 50) - 4
        gap = "　｜　"
        parts, used = [], 0
        for k, item in enumerate(self.items):
            text = item.text
            width = fm.horizontalAdvance((gap if k else "") + text)
            if used + width > room:
                left = room - used - (fm.horizontalAdvance(gap) if k else 0)
                if left > 60:
                    parts.append(self._link(item, fm.elidedText(text, Qt.TextElideMode.ElideRight, left)))
                elif parts:
                    parts[-1] += " …"
                break
            parts.append(self._link(item, text))
            used += width
        self.label.setText(escape(gap).join(parts))

    @staticmethod
    def _link(item: RegionAdvice, text: str) -> str:
        colour = _COLOUR[item.letter.split(":")[0] if item.letter else ""]
        return f'<a href="{item.letter or "start"}" style="color:{colour};text-decoration:none">{escape(text)}</a>'

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()
