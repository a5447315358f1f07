"""The current step as text ('2026-01-12 08:00 北京时间 · D+2'), in a label of fixed size.

A label whose text changes asks its layout to be redone, and the request climbs to the main window: every hour
step laid out and repainted the time bar's tool bar, the status bar and the window (issue 26). A widget whose
minimum and maximum sizes are equal does not pass the request on, so the label is held at the size of the
widest step text of the evaluation shown — fitted again when the evaluation changes, never clipped.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.gui.state import AppState
from app.gui.timefmt import step_text, step_texts


class StepLabel(QLabel):
    def __init__(self, state: AppState, empty_text: str = "", sample: str = "", parent: QWidget | None = None):
        """``empty_text``: shown without a forecast; ``sample``: a text the label is at least as wide as."""
        super().__init__(parent)
        self.state = state
        self.empty_text = empty_text
        self.sample = sample
        state.evaluationChanged.connect(self.fit)
        state.hourChanged.connect(self.show_hour)

    def texts(self) -> list[str]:
        evaluation = self.state.evaluation
        if evaluation is None:
            return [self.empty_text]
        return step_texts(evaluation)

    def fit(self) -> None:
        """Hold the size of the widest text this evaluation can show (and of the sample), then show the hour."""
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        texts = self.texts()
        width = max(metrics.horizontalAdvance(text) for text in [*texts, self.sample])
        width += margins.left() + margins.right() + 2 * self.margin() + 2  # +2: rounding of the advances
        self.setText(texts[0])
        self.setFixedSize(width, super().sizeHint().height())
        self.show_hour(self.state.hour)

    def show_hour(self, hour: int) -> None:
        evaluation = self.state.evaluation
        self.setText(step_text(evaluation, hour) if evaluation is not None else self.empty_text)
