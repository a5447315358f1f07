"""Export the meeting map: the layer and step the main window shows (or another), A4/A3 landscape, PNG/PDF/SVG,
or a whole series (every hour or day) as numbered PNGs with an animated GIF, with progress and cancel. A print
button sends the same page to a printer (``app.gui.printing``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.progress import Cancelled, Progress
from app.domain.proposal import edit_texts
from app.errors import InputError
from app.export.maps import MapExporter, export_map, export_series
from app.export_qt.map_page import page_for
from app.gui.i18n import error_text
from app.gui.printing import current_step, print_map
from app.gui.saved import confirm_saved, start_path


class MapExportDialog(QDialog):
    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("导出会商图"))
        self.written: list[Path] = []
        form = QFormLayout()
        self.layer = QComboBox()
        for key, label in (("aqi", self.tr("小时 AQI")), ("daily", self.tr("日 AQI")), ("warning", self.tr("预警等级"))):
            self.layer.addItem(label, key)
        self.layer.setCurrentIndex(max(self.layer.findData(state.layer), 0))
        self.series = QComboBox()
        self.series.addItem(self.tr("当前时刻（单张）"), "")
        self.series.addItem(self.tr("逐时序列"), "hourly")
        self.series.addItem(self.tr("逐日序列"), "daily")
        self.gif = QCheckBox(self.tr("同时生成动画 GIF"))
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.format = QComboBox()
        for suffix in ("png", "pdf", "svg"):
            self.format.addItem(suffix.upper(), suffix)
        self.dpi = QSpinBox(minimum=50, maximum=1200, value=300, suffix=" dpi")
        self.path = QLineEdit(start_path(parent, "会商图.png"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("图层"), self.layer)
        form.addRow(self.tr("范围"), self.series)
        form.addRow("", self.gif)
        form.addRow(self.tr("纸张（横向）"), self.paper)
        form.addRow(self.tr("格式"), self.format)
        form.addRow(self.tr("分辨率"), self.dpi)
        form.addRow(self.tr("保存到"), row)

        self.export_button = QPushButton(self.tr("导出"))
        self.print_button = QPushButton(self.tr("打印…"))
        close = QPushButton(self.tr("关闭"))
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self._print)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.print_button, self.export_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.series.currentIndexChanged.connect(self._sync)
        self.format.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self, *_) -> None:
        is_series = bool(self.series.currentData())
        self.gif.setEnabled(is_series)
        if is_series:
            self.format.setCurrentIndex(0)  # a series is numbered PNGs
        self.format.setEnabled(not is_series)
        self.dpi.setEnabled(self.format.currentData() == "png")
        path = Path(self.path.text() or "会商图.png")
        self.path.setText(str(path.with_suffix("." + self.format.currentData())))

    def _browse(self) -> None:
        suffix = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存会商图"), self.path.text(), f"*.{suffix}")
        if path:
            self.path.setText(path)
            self._sync()

    def _exporter(self, out: Path) -> MapExporter:
        s = self.state
        return MapExporter(s.evaluation, s.forecast.meta, s.scheme, paper=self.paper.currentText(),
                           boundaries=s.boundaries, page=page_for(out))  # PNG: the Qt page, as the CLI's

    def export(self) -> list[Path]:
        """Write what the form says; returns the files written ([] when cancelled or refused)."""
        layer, series = self.layer.currentData(), self.series.currentData()
        out = Path(self.path.text())
        edits = edit_texts(self.state.edits)
        progress_dialog = QProgressDialog(self.tr("正在导出…"), self.tr("取消"), 0, 1000, self)
        progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        progress_dialog.setMinimumDuration(300)

        def report(fraction: float, message: str) -> None:
            progress_dialog.setValue(int(fraction * 1000))
            if message:
                progress_dialog.setLabelText(message)
            QCoreApplication.processEvents()

        progress = Progress(report)
        progress_dialog.canceled.connect(progress.cancel)
        try:
            exporter = self._exporter(out)
            if series:
                gif = out.with_suffix(".gif") if self.gif.isChecked() else None
                self.written = export_series(exporter, out, layer=layer, series=series, gif=gif,
                                             dpi=self.dpi.value(), progress=progress, edits=edits)
            else:
                self.written = [export_map(exporter, out, layer=layer, step=current_step(self.state, layer),
                                           dpi=self.dpi.value(), edits=edits)]
        except Cancelled:
            self.written = []
        except InputError as exc:
            QMessageBox.warning(self, self.tr("无法导出"), error_text(exc))
            self.written = []
        finally:
            progress_dialog.reset()
        confirm_saved(self, self.written)
        return self.written

    def _print(self) -> None:
        print_map(self.state, self, layer=self.layer.currentData(), paper=self.paper.currentText())
