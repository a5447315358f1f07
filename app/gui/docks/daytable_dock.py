"""The city × day dock: each unit's daily AQI (or warning level) for every forecast day, coloured like the map,
sortable by any column, filtered by linkage region; copied to the clipboard as a coloured table (HTML + tab
text, so it pastes into Excel, WPS and Word with its colours) or exported to .xlsx for the meeting slides.

The numbers come from :mod:`app.desk.daytable`; this file only shows them. Double-clicking a day cell selects
the unit and moves the window to that day.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QMimeData, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.aqi import category_of
from app.domain.scheme import LEVELS
from app.errors import InputError
from app.gui.docks.on_screen import on_screen
from app.gui.docks.texts import english, fill, level_name, region_label, unit_label
from app.gui.i18n import write_fault_text
from app.gui.map.colours import LEVEL_RGB
from app.gui.state import AppState

if TYPE_CHECKING:
    from app.desk.daytable import DayTable


def _lang() -> str:
    return "en" if english() else "zh"


class DayTableModel(QAbstractTableModel):
    """Rows: units (filtered, sorted); columns: unit, region, one per day, peak."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: DayTable | None = None
        self.rows: list[int] = []
        self.show = "aqi"
        self.scheme = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_table(self, table: DayTable | None, rows: list[int], scheme) -> None:
        self.beginResetModel()
        self.table, self.rows, self.scheme = table, list(rows), scheme
        self._apply_sort()
        self.endResetModel()

    def set_show(self, show: str) -> None:
        self.beginResetModel()
        self.show = show
        self._apply_sort()
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if (parent is not None and parent.isValid()) or self.table is None else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if (parent is not None and parent.isValid()) or self.table is None else len(self.table.days) + 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal or self.table is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("城市")
            if section == 1:
                return self.tr("区域")
            day = section - 2
            if day < len(self.table.days):
                return f"{self.table.days[day]:%m-%d}\n{self.table.day_labels[day]}"
            return self.tr("峰值")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        table, row, column = self.table, self.rows[index.row()], index.column()
        day = column - 2
        is_day = 0 <= day < len(table.days)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return unit_label(table.units[row])
            if column == 1:
                region = table.regions[row]
                return region_label(self.scheme, region) if region else self.tr("联动范围外")
            if is_day:
                if self.show == "level" and not table.is_absent(row):
                    return level_name(LEVELS[int(table.warned_level[row, day])])
                return table.cell_text(row, day, "aqi", _lang())
            return table.peak_text(row)
        if role == Qt.ItemDataRole.BackgroundRole and is_day:
            return QBrush(QColor(*table.cell_rgb(row, day, self.show, LEVEL_RGB)))
        if role == Qt.ItemDataRole.ForegroundRole and is_day:
            r, g, b = table.cell_rgb(row, day, self.show, LEVEL_RGB)
            return QBrush(QColor("#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 110 else "#FFFFFF"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and is_day:
            return self._tooltip(row, day)
        return None

    def _tooltip(self, row: int, day: int) -> str:
        table = self.table
        if table.is_absent(row):
            return fill(self.tr("%1：预报中没有这个城市的数据。"), unit_label(table.units[row]))
        value = table.aqi[row, day]
        category = category_of(value)
        name = (category.name_en if english() else category.name_zh) if category else ""
        lines = [f"{unit_label(table.units[row])} · {table.days[day]:%Y-%m-%d} {table.day_labels[day]}",
                 fill(self.tr("日 AQI：%1 %2"), table.cell_text(row, day, "aqi", _lang()), name)]
        if table.primary[row, day]:
            lines.append(fill(self.tr("首要污染物：%1"), table.primary[row, day]))
        lines.append(fill(self.tr("本市等级：%1；预警等级：%2"), level_name(LEVELS[int(table.own_level[row, day])]),
                          level_name(LEVELS[int(table.warned_level[row, day])])))
        lines.append(fill(self.tr("AQI 标准：%1"), table.aqi_edition))
        return "\n".join(lines)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self.table is None or self._sort is None:
            return
        column, order = self._sort
        table, show = self.table, self.show
        if column == 0:  # by adcode order as the bureau lists them, not by code points
            key = {u: i for i, u in enumerate(table.units)}
            self.rows.sort(key=lambda r: key[table.units[r]], reverse=order == Qt.SortOrder.DescendingOrder)
            return
        known = [r for r in self.rows if table.sort_key(r, column, show)[0] == 0]
        unknown = [r for r in self.rows if table.sort_key(r, column, show)[0] != 0]
        known.sort(key=lambda r: table.sort_key(r, column, show), reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = known + unknown  # no data stays at the bottom either way

    def row_unit(self, view_row: int) -> str:
        return self.table.units[self.rows[view_row]]


class DayTableDock(QDockWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(self.tr("城市逐日表"), parent)
        self.setObjectName("DayTableDock")
        self.state = state
        self.table: DayTable | None = None
        self._dirty = True
        self.model = DayTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending: the bureau's order first
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(64)
        self.view.doubleClicked.connect(self._jump)
        self.region = QComboBox()
        self.region.currentIndexChanged.connect(self._refilter)
        self.show_box = QComboBox()
        self.show_box.addItem(self.tr("日 AQI"), "aqi")
        self.show_box.addItem(self.tr("预警等级"), "level")
        self.show_box.currentIndexChanged.connect(lambda _: self.model.set_show(self.show_box.currentData()))
        self.copy_button = QPushButton(self.tr("复制表格"))
        self.copy_button.setToolTip(self.tr("复制为带颜色的表格，可直接粘贴到 Excel、WPS 或 Word"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.ask_and_export)
        self.note = QLabel()
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("区域：")))
        bar.addWidget(self.region)
        bar.addWidget(QLabel(self.tr("显示：")))
        bar.addWidget(self.show_box)
        bar.addWidget(self.note, 1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.export_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        state.evaluationChanged.connect(self._evaluation_changed)
        self.visibilityChanged.connect(lambda shown: shown and self._ensure_current())
        self._fill_regions()

    # -- content --------------------------------------------------------------------------------------------
    # the table's code (app.desk.daytable) and the export's are imported when first needed: the dock starts as a
    # tab behind the timeline, and the window's start does not pay for them
    def _fill_regions(self) -> None:
        from app.desk.daytable import ALL, OUTSIDE

        scheme = self.state.scheme
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(self.tr("全部城市"), ALL)
        for region in (scheme.regions if scheme is not None else ()):
            self.region.addItem(region_label(scheme, region.name), region.name)
        self.region.addItem(self.tr("联动范围外"), OUTSIDE)
        self.region.blockSignals(False)

    def _evaluation_changed(self) -> None:
        self._dirty = True
        if on_screen(self):  # hidden, or a tab behind another: the table is built when the dock is brought up
            self._ensure_current()

    def _ensure_current(self) -> None:
        if self._dirty:
            self.rebuild()

    def rebuild(self) -> None:
        from app.desk.daytable import build_day_table
        from app.domain.units import load_units

        evaluation, scheme = self.state.evaluation, self.state.scheme
        self._dirty = False
        self.table = None if evaluation is None else build_day_table(evaluation, scheme.region_of,
                                                                     load_units().names())
        self._refilter()
        if self.table is None:
            self.note.setText(self.tr("未加载预报。"))
            return
        mode = self.tr("自然日") if self.table.mode == "calendar" else self.tr("滑动 24 小时（至 23 时）")
        edited = self.tr("；含情景修改") if self.state.edits else ""
        self.note.setText(fill(self.tr("每日 AQI（%1，%2）；预警等级为当日最高%3。"), mode, self.table.aqi_edition,
                               edited))
        self.view.setToolTip(self.tr("双击单元格跳到该城市和日期；单击列标题排序。"))

    def _refilter(self, *_) -> None:
        from app.desk.daytable import ALL

        rows = [] if self.table is None else self.table.rows_in(self.region.currentData() or ALL)
        self.model.set_table(self.table, rows, self.state.scheme)
        header = self.view.horizontalHeader()
        if self.table is not None:
            for column in (0, 1):  # names as long as they are ("outside the linkage" was cut to "Outside the …")
                self.view.resizeColumnToContents(column)
                self.view.setColumnWidth(column, max(90, min(self.view.columnWidth(column) + 8, 340)))
            for column in range(2, self.model.columnCount()):
                header.resizeSection(column, 64)

    def shown_rows(self) -> list[int]:
        return list(self.model.rows)

    # -- actions --------------------------------------------------------------------------------------------
    def _jump(self, index) -> None:
        table = self.table
        if table is None or not index.isValid():
            return
        if table.is_absent(self.model.rows[index.row()]):
            return  # nothing to show for a unit without data
        unit = self.model.row_unit(index.row())
        self.state.set_selection([unit])
        day = index.column() - 2
        if 0 <= day < len(table.days):
            self.state.set_hour(self._peak_hour(unit, day))

    def _peak_hour(self, unit: str, day: int) -> int:
        """The hour of the unit's highest hourly AQI that day (its first hour when nothing is known): the
        double-click lands where the day's number comes from, not at 23:00."""
        import numpy as np

        table, evaluation = self.table, self.state.evaluation
        first = table.last_step[day - 1] + 1 if day else 0
        hourly = evaluation.hourly_aqi[evaluation.units.index(unit), first:table.last_step[day] + 1]
        return first if np.all(np.isnan(hourly)) else first + int(np.nanargmax(hourly))

    def _title(self) -> str:
        show = self.model.show
        region = self.region.currentText()
        what = self.tr("逐日 AQI 预报") if show == "aqi" else self.tr("逐日预警等级")
        return f"{region} {what}"

    def _names(self) -> dict:
        """Unit and region names as the interface shows them (English names in English)."""
        if not english() or self.table is None:
            return {}
        names = {u: unit_label(u) for u in self.table.units}
        names.update({r.name: region_label(self.state.scheme, r.name) for r in self.state.scheme.regions})
        return names

    def copy_to_clipboard(self) -> None:
        self._ensure_current()
        if self.table is None:
            return
        rows, show, lang = self.shown_rows(), self.model.show, _lang()
        mime = QMimeData()
        mime.setText(self.table.to_tsv(rows, show, lang, self._names()))
        mime.setHtml(self.table.to_html(rows, show, lang, self._names(), LEVEL_RGB, self._title(), self._note()))
        QGuiApplication.clipboard().setMimeData(mime)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(fill(self.tr("已复制 %1 行，可粘贴到 Excel、WPS 或 Word。"), len(rows)), 8000)

    def _note(self) -> str:
        """The line under the title of the copy and the .xlsx: where the forecast comes from, when it was issued,
        how the days are counted, and the what-if edits in it."""
        from app.domain.proposal import edit_texts
        from app.gui.desk_exports import forecast_source, issued_text

        state = self.state
        note = fill(self.tr("预报来源：%1（%2 发布）；%3"), forecast_source(state), issued_text(state, english()),
                    self.note.text())
        if state.edits:
            note += fill(self.tr("；含情景修改（非原始预报）：%1"), "；".join(edit_texts(state.edits)))
        return note

    def export_xlsx(self, path: str | Path) -> Path:
        from app.gui.desk_exports import audit_export

        self._ensure_current()
        state = self.state
        note = self._note()
        rows = self.shown_rows()
        out = self.table.write_xlsx(path, rows, self.model.show, _lang(), self._names(), LEVEL_RGB, self._title(),
                                    note)
        audit_export(state, "day-table-xlsx", out, {"show": self.model.show, "region": self.region.currentData(),
                                                    "rows": len(rows), "days": list(self.table.day_labels)})
        return out

    def ask_and_export(self) -> None:
        if self.state.evaluation is None:
            return
        stem = Path(self.state.forecast_path).stem or "forecast"
        suffix = self.tr("逐日表")
        default = str(Path.home() / f"{stem}-{suffix}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            out = self.export_xlsx(path)
        except (InputError, OSError) as exc:  # WriteError (full disk, read-only folder) is an InputError
            QMessageBox.warning(self, self.tr("导出 Excel"), fill(self.tr("无法写入 %1：%2"), path,
                                                                 write_fault_text(exc, path)))
            return
        self.window().statusBar().showMessage(fill(self.tr("已导出 %1"), str(out)), 10000)
