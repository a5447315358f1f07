"""The what-if dialog: change one or more units' forecast over a time range, and see the daily AQI it gives.

The officer picks units (the map's selection is preselected), a time range (default: the day of the current
step), an operation (scale ×, add ±, set =), a value and the field (PM2.5 unless the forecast has only AQI).
The preview shows each chosen unit's daily AQI per day before → after, computed by the real engine on the
edited values. The dialog returns :class:`~app.domain.whatif.Edit` objects (one per unit); it changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import numpy as np
import pandas as pd
from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.scheme import BEIJING
from app.domain.whatif import FIELD_LABELS, Edit, apply_edits, validate
from app.errors import InputError
from app.gui.docks.texts import region_label, unit_label
from app.gui.hour_edit import HourEdit
from app.gui.i18n import error_text

# op -> (default value, minimum, maximum, decimals)
VALUE_RANGES = {"scale": (0.8, 0.01, 20.0, 2), "add": (-20.0, -2000.0, 2000.0, 1), "set": (75.0, 0.0, 5000.0, 1)}


def _qdatetime(t: pd.Timestamp) -> QDateTime:
    t = pd.Timestamp(t).tz_convert(BEIJING)
    return QDateTime.fromString(t.strftime("%Y-%m-%dT%H:%M:00"), Qt.DateFormat.ISODate)


def _beijing(value: QDateTime) -> datetime:
    return datetime.fromisoformat(value.toString("yyyy-MM-ddTHH:mm:00")).replace(tzinfo=BEIJING)


class WhatIfDialog(QDialog):
    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("情景修改（What-if）"))
        self.state = state
        forecast, evaluation = state.forecast, state.evaluation
        self.units = QListWidget()
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for name in forecast.units:
            item = QListWidgetItem(unit_label(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            region = state.scheme.region_of.get(name) if state.scheme else None
            item.setToolTip(region_label(state.scheme, region) if region else self.tr("联动范围外"))
            self.units.addItem(item)
            item.setSelected(name in state.selected_units)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("筛选城市"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_units)
        chosen = self.units.selectedItems()
        self.units.scrollToItem(chosen[0] if chosen else self.units.item(0))
        # an edit changes the forecast: its span starts at the forecast's first hour f, never in the observed
        # hours spliced before it (spec §7)
        first = pd.Timestamp(evaluation.forecast_start or evaluation.times[0]).tz_convert(BEIJING)
        last = evaluation.times[-1]
        day = max(evaluation.times[state.hour].tz_convert(BEIJING).normalize(), first)
        self.start = self._time_edit(first, last, day)
        self.end = self._time_edit(first, last, min(day + pd.Timedelta(hours=23), last))
        self.op = QComboBox()
        for op, text in (("scale", self.tr("按比例（×）")), ("add", self.tr("增减（±）")), ("set", self.tr("设为（=）"))):
            self.op.addItem(text, op)
        self.value = QDoubleSpinBox()
        self.field = QComboBox()
        for name in forecast.values:
            self.field.addItem(FIELD_LABELS.get(name, name), name)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如：假设成都限产 20%"))
        self.preview = QTableWidget(0, 4)
        self.preview.setHorizontalHeaderLabels([self.tr("城市"), self.tr("日期"), self.tr("修改前日 AQI"),
                                                self.tr("修改后日 AQI")])
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#B00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("应用修改"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # preview once typing pauses (an evaluation per keystroke is wasted)
        self._timer.timeout.connect(self.update_preview)
        self.op.currentIndexChanged.connect(self._op_changed)
        for signal in (self.units.itemSelectionChanged, self.start.dateTimeChanged, self.end.dateTimeChanged,
                       self.value.valueChanged, self.field.currentIndexChanged):
            signal.connect(self._timer.start)
        self._op_changed()
        self.update_preview()

    def _time_edit(self, first, last, value) -> HourEdit:
        edit = HourEdit()
        edit.setDateTimeRange(_qdatetime(first), _qdatetime(last))
        edit.setDateTime(_qdatetime(value))
        return edit

    def _layout(self) -> None:
        form = QFormLayout()
        span = QHBoxLayout()
        span.addWidget(self.start)
        span.addWidget(QLabel(self.tr("至")))
        span.addWidget(self.end)
        form.addRow(self.tr("时段（北京时间，含结束时次）"), span)
        change = QHBoxLayout()
        change.addWidget(self.field)
        change.addWidget(self.op)
        change.addWidget(self.value, 1)
        form.addRow(self.tr("修改"), change)
        form.addRow(self.tr("说明"), self.note)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("城市（可多选）")))
        left.addWidget(self.filter)
        left.addWidget(self.units, 1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(QLabel(self.tr("预览：所选城市的日 AQI")))
        right.addWidget(self.preview, 1)
        right.addWidget(self.message)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(self.buttons)
        self.resize(820, 520)

    def _filter_units(self, text: str) -> None:
        """Hide units whose shown or full name does not contain the text (the selection is kept)."""
        text = text.strip().lower()
        for i in range(self.units.count()):
            item = self.units.item(i)
            names = f"{item.text()} {item.data(Qt.ItemDataRole.UserRole)}".lower()
            item.setHidden(bool(text) and text not in names)

    def _op_changed(self) -> None:
        default, low, high, decimals = VALUE_RANGES[self.op.currentData()]
        self.value.blockSignals(True)
        self.value.setDecimals(decimals)
        self.value.setRange(low, high)
        self.value.setSingleStep(0.05 if self.op.currentData() == "scale" else 5.0)
        self.value.setValue(default)
        self.value.blockSignals(False)
        self._timer.start()

    # -- the result ---------------------------------------------------------------------------------------
    def chosen_units(self) -> list[str]:
        return [self.units.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.units.count())
                if self.units.item(i).isSelected()]

    def edits(self) -> list[Edit]:
        """The edits as entered, checked against the forecast; raises InputError with the reason."""
        units = self.chosen_units()
        if not units:
            raise InputError(self.tr("请至少选择一个城市。"))
        edits = [Edit(unit, _beijing(self.start.dateTime()), _beijing(self.end.dateTime()), self.op.currentData(),
                      self.value.value(), self.field.currentData(), self.note.text().strip()) for unit in units]
        for edit in edits:  # against the forecast itself: observed hours spliced before it are not edited
            validate(self.state.original_forecast or self.state.forecast, edit)
        return edits

    def edit(self) -> Edit:
        return self.edits()[0]

    def accept(self) -> None:
        try:
            self.edits()
        except InputError as exc:
            self.message.setText(error_text(exc))
            return
        super().accept()

    # -- preview ------------------------------------------------------------------------------------------
    def update_preview(self) -> None:
        self.preview.setRowCount(0)
        try:
            edits = self.edits()
        except InputError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText("")
        before, after = self._daily_before_after(edits)
        rows = [(unit, day, b, a) for unit in before for day, b, a in zip(before[unit].index, before[unit],
                                                                          after[unit])]
        self.preview.setRowCount(len(rows))
        for r, (unit, day, b, a) in enumerate(rows):
            texts = [unit_label(unit), f"{day:%m-%d}", _aqi_text(b), _aqi_text(a)]
            for c, text in enumerate(texts):
                self.preview.setItem(r, c, QTableWidgetItem(text))
            if not (np.isnan(a) and np.isnan(b)) and a != b:
                self.preview.item(r, 3).setForeground(QBrush(QColor("#1B6E20" if a < b else "#B00020")))

    def _daily_before_after(self, edits: list[Edit]) -> tuple[dict, dict]:
        """Per unit, the highest daily AQI of each day in the range: now, and with the edits applied."""
        from app.domain.engine import evaluate

        state = self.state
        units = list(dict.fromkeys(e.unit for e in edits))
        rows = [state.forecast.row(u) for u in units]
        edited = apply_edits(state.forecast, edits)
        subset = replace(edited, units=units, values={k: v[rows] for k, v in edited.values.items()},
                         met={k: v[rows] for k, v in edited.met.items()}, missing_units=[])
        evaluation = evaluate(subset, state.scheme, state.neighbours, mode=state.evaluation.mode)
        current = state.evaluation
        days = current.times.tz_convert(BEIJING).normalize()
        start, end = pd.Timestamp(edits[0].start).normalize(), pd.Timestamp(edits[0].end)
        inside = np.asarray((days >= start) & (days <= end))
        before, after = {}, {}
        for k, unit in enumerate(units):
            row = current.units.index(unit)
            before[unit] = pd.Series(current.daily_aqi[row][inside]).groupby(days[inside]).max()
            after[unit] = pd.Series(evaluation.daily_aqi[k][inside]).groupby(days[inside]).max()
        return before, after


def _aqi_text(value: float) -> str:
    return "—" if np.isnan(value) else f"{value:.0f}"
