"""The agreement grid: linkage regions × days; each cell says how many sources reach yellow / orange / red (or
higher) out of those covering it, and is coloured by the consensus level of that region and day."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.consultation import MISSING
from app.domain.scheme import LEVELS
from app.gui.map.colours import LEVEL_RGB

translate = QCoreApplication.translate
UNCOVERED = QColor(0xDD, 0xDD, 0xDD)


def level_word(level: str) -> str:
    return {"none": translate("Consult", "无"), "yellow": translate("Consult", "黄"),
            "orange": translate("Consult", "橙"), "red": translate("Consult", "红")}[level]


class AgreementGrid(QTableWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(130)
        self.setWordWrap(True)
        self.first_forecast_column = 0  # the first day the sources forecast (observed days before it)

    def fill(self, comparison, consensus) -> None:
        counts, covering = comparison.counts(), comparison.covering()
        self.setRowCount(len(comparison.regions))
        self.setColumnCount(len(comparison.days))
        self.setHorizontalHeaderLabels([d.strftime("%m-%d") for d in comparison.days])
        from app.gui.docks.texts import region_label

        self.setVerticalHeaderLabels([region_label(comparison.scheme, r) for r in comparison.regions])
        for r, region in enumerate(comparison.regions):
            for d, day in enumerate(comparison.days):
                n = int(covering[r, d])
                agreed = int(consensus.level[r, d]) if consensus is not None else MISSING
                if n == 0:
                    item = QTableWidgetItem(translate("Consult", "无来源"))
                    item.setBackground(QBrush(UNCOVERED))
                else:
                    y, o, red = (int(v) for v in counts[r, d])
                    text = f"{level_word('yellow')}{y} {level_word('orange')}{o} {level_word('red')}{red} /{n}"
                    item = QTableWidgetItem(text)
                    rgb = LEVEL_RGB[LEVELS[agreed]] if agreed != MISSING else (0xFF, 0xFF, 0xFF)
                    item.setBackground(QBrush(QColor(*rgb)))
                    if agreed == 3:
                        item.setForeground(QBrush(QColor(255, 255, 255)))
                lines = [f"{region} {day:%m-%d}"]
                for s, name in enumerate(comparison.names):
                    level = int(comparison.region_level[s, r, d])
                    shown = translate("Consult", "未覆盖") if level == MISSING else level_word(LEVELS[level])
                    lines.append(f"{name}：{shown}")
                if agreed != MISSING:
                    lines.append(translate("Consult", "会商结论：") + level_word(LEVELS[agreed]))
                item.setToolTip("\n".join(lines))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(r, d, item)
        self._fit_columns(comparison)

    def _fit_columns(self, comparison) -> None:
        """Columns stay wide enough for their counts: with weeks of observations spliced before the sources (spec
        §7) 26 stretched columns showed "…" in every cell and "1-2…" for every date. The grid then scrolls, and
        opens on the first days the sources forecast (the last observed day before them)."""
        fm = self.fontMetrics()
        texts = [self.item(r, d).text() for r in range(self.rowCount()) for d in range(self.columnCount())]
        texts += [self.horizontalHeaderItem(d).text() for d in range(self.columnCount())]
        self.horizontalHeader().setMinimumSectionSize(max((fm.horizontalAdvance(t) for t in texts), default=0) + 12)
        f = comparison.forecast_start.date()
        self.first_forecast_column = next((d for d, day in enumerate(comparison.days) if day >= f), 0)
        self.updateGeometries()  # the scroll range for the new widths, then the last observed day at the left
        self.horizontalScrollBar().setValue(max(0, self.first_forecast_column - 1))
