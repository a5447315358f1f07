"""The time bar: a slider over the forecast hours, step buttons, play/pause with a speed, the current step.

Keyboard steps (←/→, Shift+←/→, Home/End, Space) are window-wide actions made by the main window; they call
the methods here, so the slider never needs focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStyle, QToolButton, QWidget

from app.gui.state import AppState
from app.gui.step_label import StepLabel
from app.gui.step_slider import StepSlider

SPEEDS = (1, 3, 6, 12, 24)  # forecast hours per second of playback
HOURS_TO_REACH = 168  # a 7-day forecast: each hour must be reachable with the mouse


class TimeBar(QWidget):
    playingChanged = Signal(bool)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        style = self.style()
        self.play_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                                        self.tr("播放/暂停（空格）"), self.toggle_play)
        buttons = [
            self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward), self.tr("第一个时次（Home）"),
                         self.go_first),
            self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward), self.tr("前一天（Shift+←）"),
                         lambda: self.step(-24)),
            self._text_button("−1h", self.tr("前一小时（←）"), lambda: self.step(-1)),
            self.play_button,
            self._text_button("+1h", self.tr("后一小时（→）"), lambda: self.step(1)),
            self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), self.tr("后一天（Shift+→）"),
                         lambda: self.step(24)),
            self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), self.tr("最后一个时次（End）"),
                         self.go_last),
        ]
        self.slider = StepSlider(Qt.Orientation.Horizontal)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setPageStep(24)
        self.slider.setMinimumWidth(2 * HOURS_TO_REACH)  # two pixels per hour of a week's forecast
        self.slider.valueChanged.connect(state.set_hour)
        self.speed = QComboBox()
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for hours in SPEEDS:
            self.speed.addItem(self.tr("%n 小时/秒", "", hours), hours)
        self.speed.setToolTip(self.tr("播放速度"))
        self.speed.currentIndexChanged.connect(self._apply_speed)
        self.time_label = StepLabel(state, self.tr("未加载预报"), sample="2026-01-12 08:00 北京时间 · D+12")
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.time_label.setFont(bold)
        self.time_label.fit()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for button in buttons:
            layout.addWidget(button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.speed)
        state.evaluationChanged.connect(self._on_evaluation)
        state.hourChanged.connect(self._on_hour)
        self._on_evaluation()
        self._apply_speed()

    def _button(self, icon, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _text_button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    # -- steps --------------------------------------------------------------------------------------------
    @property
    def hours(self) -> int:
        evaluation = self.state.evaluation
        return 0 if evaluation is None else len(evaluation.times)

    def step(self, delta: int) -> None:
        if self.hours:
            self.state.set_hour(self.state.hour + delta)

    def go_first(self) -> None:
        self.state.set_hour(0)

    def go_last(self) -> None:
        if self.hours:
            self.state.set_hour(self.hours - 1)

    # -- playback -----------------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def toggle_play(self) -> None:
        self.set_playing(not self.playing)

    def set_playing(self, playing: bool) -> None:
        if playing and self.hours:
            if self.state.hour >= self.hours - 1:
                self.go_first()
            self._timer.start()
        else:
            self._timer.stop()
        icon = QStyle.StandardPixmap.SP_MediaPause if self.playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.playingChanged.emit(self.playing)

    def set_speed(self, hours_per_second: int) -> None:
        index = self.speed.findData(hours_per_second)
        if index >= 0:
            self.speed.setCurrentIndex(index)

    def _apply_speed(self, *_) -> None:
        hours_per_second = self.speed.currentData() or 1
        self._timer.setInterval(max(int(1000 / hours_per_second), 15))

    def _tick(self) -> None:
        if self.state.hour >= self.hours - 1:
            self.set_playing(False)
        else:
            self.state.set_hour(self.state.hour + 1)

    # -- state → widgets ----------------------------------------------------------------------------------
    def _on_evaluation(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(self.hours - 1, 0))
        self.slider.setEnabled(self.hours > 0)
        self.slider.blockSignals(False)
        self._on_hour(self.state.hour)

    def _on_hour(self, hour: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(hour)
        self.slider.blockSignals(False)
