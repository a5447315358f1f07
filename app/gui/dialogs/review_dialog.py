"""The review of a case (应对评估): replay forecast | observed on one slider, the scores, and the report.

Opened from the 案例 dock. The officer picks the observed data (hourly or daily PM2.5, or daily AQI; what the file
lacked is listed); the case's forecasts are reviewed with its warnings issued (``app.review``), the observations
go to the window (observed lines in the timeline), and the review is stored in the case. The report's last three
sections are written here; every change is saved into the case library after a short pause (and when the dialog
closes), so nothing written is lost. The report (Word + PDF) is written in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.scheme import BEIJING
from app.errors import InputError
from app.gui.dialogs.fit import fit_to_screen
from app.gui.i18n import error_text

SECTIONS = (("response", "四、应急响应情况"), ("measures", "五、措施落实情况及环境效益"),
            ("problems", "六、存在的问题及改进措施"))
AUTOSAVE_MS = 800


def _pct(x) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def _num(x) -> str:
    return "—" if x is None else f"{x:.1f}"


class ReviewDialog(QDialog):
    def __init__(self, state, library, case_id: str, geometry, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.library, self.case_id, self.geometry_ = state, library, case_id, geometry
        self.review = None
        self.observations = None
        self._worker = None
        self.setWindowTitle(self.tr("应对评估"))
        fit_to_screen(self, 1100, 720)
        case = library.case(case_id)["case"]
        self.case_label = QLabel(self.tr("案例：%1").replace("%1", case["title"]))
        self.obs_button = QPushButton(self.tr("选择实测数据…"))
        self.obs_button.clicked.connect(self.ask_observations)
        self.obs_label = QLabel(self.tr("尚未选择实测数据（逐小时或日均 PM2.5，或日 AQI）。"))
        self.obs_label.setWordWrap(True)
        self.obs_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.case_label, 1)
        top.addWidget(self.obs_button)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._replay_tab(), self.tr("回放"))
        self.tabs.addTab(self._scores_tab(), self.tr("评分"))
        self.tabs.addTab(self._report_tab(), self.tr("评估报告"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.obs_label)
        layout.addWidget(self.tabs, 1)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_texts)

    # -- tabs ---------------------------------------------------------------------------------------------
    def _replay_tab(self) -> QWidget:
        from app.gui.map.split_map import SplitMap

        tab = QWidget()
        self.forecast_choice = QComboBox()
        self.forecast_choice.currentIndexChanged.connect(self._fill_replay)
        self.split = SplitMap(self.geometry_)
        self.region_text = QLabel()
        self.region_text.setWordWrap(True)
        self.region_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("预报：")))
        row.addWidget(self.forecast_choice, 1)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.region_text)
        return tab

    def _scores_tab(self) -> QWidget:
        tab = QWidget()
        self.scores_title = QLabel()
        self.scores_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scores = QTableWidget(0, 9)
        self.scores.setHorizontalHeaderLabels([
            self.tr("城市"), self.tr("天数"), self.tr("偏差"), self.tr("均方根误差"), self.tr("级别准确率"),
            self.tr("半级别准确率"), self.tr(">150 命中/漏报/空报"), self.tr(">150 命中率/空报率/TS"),
            self.tr(">200 命中/漏报/空报")])
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.scores.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.scores_note = QLabel(self.tr("偏差、均方根误差：PM2.5 日均浓度（µg/m³）；半级别准确率参照王晓彦等"
                                          "（2022）的 12 个半级别，预报与实测相差不超过一个半级别计为准确。"))
        self.scores_note.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.scores_title)
        layout.addWidget(self.scores, 1)
        layout.addWidget(self.scores_note)
        return tab

    def refresh_notice_count(self) -> None:
        count = len(self.library.city_notices(self.case_id))
        self.response_label.setText(self._response_title + self.tr(
            "（报告先列出各城市对照预警函件的启动情况（城市通报 %1 条）、每日报送和调度日报，见“应急响应”窗口）")
            .replace("%1", str(count)))

    def _report_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("报告的一至三部分由数据生成；以下三部分由值班人员撰写（自动保存到案例库）。")))
        texts = self.library.report_texts(self.case_id)
        self.editors: dict[str, QPlainTextEdit] = {}
        for key, title in SECTIONS:
            label = QLabel(title)
            if key == "response":  # the cities' notices typed in the 案例 dock print here, before the text
                self.response_label, self._response_title = label, title
                self.refresh_notice_count()
            elif key == "measures":  # the cities' reported measures and the problem leads print before the text
                label.setText(title + self.tr("（报告先列出各城市报送的主要措施和问题线索办理情况，见“应急响应”窗口）"))
            layout.addWidget(label)
            editor = QPlainTextEdit(texts.get(key, ""))
            editor.setObjectName(f"section_{key}")
            editor.textChanged.connect(self._save_timer_start)
            layout.addWidget(editor, 1)
            self.editors[key] = editor
        self.saved_label = QLabel()
        self.export_button = QPushButton(self.tr("导出评估报告（Word + PDF）…"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        return tab

    # -- the officer's texts, autosaved -------------------------------------------------------------------
    def _save_timer_start(self) -> None:
        self.saved_label.setText(self.tr("正在保存…"))
        self._save_timer.start()

    def save_texts(self) -> None:
        self._save_timer.stop()
        try:
            for key, editor in self.editors.items():
                self.library.set_report_text(self.case_id, key, editor.toPlainText())
        except (InputError, OSError) as exc:  # the text stays in the editors; the officer is told
            self.saved_label.setText(self.tr("保存失败：%1").replace("%1", error_text(exc) if isinstance(exc, InputError)
                                                                       else str(exc)))
            return
        except Exception as exc:  # sqlite3 errors (disk full, locked): say so, keep the text
            self.saved_label.setText(self.tr("保存失败：%1").replace("%1", str(exc)))
            return
        self.saved_label.setText(self.tr("已保存到案例库。"))

    def done(self, result: int) -> None:
        self.save_texts()
        super().done(result)

    # -- observations and the review ----------------------------------------------------------------------
    def ask_observations(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择实测数据"), "",
                                              self.tr("表格 (*.csv *.txt *.tsv *.xlsx);;所有文件 (*)"))
        if path:
            self.load_observations(path)

    def case_forecasts(self) -> dict:
        """The case's forecasts (from their files or the library's copies), or the window's forecast."""
        from app.importing import load_forecast
        from app.paths import user_state_dir

        forecasts = {}
        for name, path in self.library.forecast_files(self.case_id, user_state_dir() / "case-files"):
            try:
                forecasts[name if name not in forecasts else f"{name}#{len(forecasts) + 1}"] = load_forecast(path)
            except InputError:
                continue
        if not forecasts and self.state.original_forecast is not None:  # reviewed, so kept with the case
            forecast, path = self.state.original_forecast, Path(self.state.forecast_path)
            name = path.stem or self.tr("当前预报")
            forecasts[name] = forecast
            content = path.read_bytes() if path.is_file() and path.stat().st_size <= 32 * 1024 * 1024 else None
            self.library.add_forecast(self.case_id, forecast.meta, name=name, content=content)
        return forecasts

    def load_observations(self, path: str) -> bool:
        from app.importing.observed import load_observations
        from app.review.jsonout import review_to_json
        from app.review.review import review

        scheme = self.state.scheme
        try:
            observations = load_observations(path, edition_switch=scheme.edition_switch)
            forecasts = self.case_forecasts()
            if not forecasts:
                self.obs_label.setText(self.tr("案例中没有可用的预报，窗口中也未打开预报：无法评估。"))
                return False
            issued, times = self.library.issued_warnings(self.case_id)
            result = review(observations, forecasts, scheme, self.state.neighbours, issued=issued,
                            issued_times=times, issued_periods=self.library.warning_periods(self.case_id),
                            with_issued=True)
        except InputError as exc:
            self.obs_label.setText(self.tr("无法评估：%1").replace("%1", error_text(exc)))
            return False
        self.observations, self.review = observations, result
        content = Path(path).read_bytes() if Path(path).stat().st_size <= 32 * 1024 * 1024 else None
        self.library.add_observations(self.case_id, observations, content=content)
        self.library.record_review(self.case_id, observations, review_to_json(result, scheme))
        self.state.set_observations(observations)
        self._describe_observations()
        self.forecast_choice.blockSignals(True)
        self.forecast_choice.clear()
        self.forecast_choice.addItems(result.names)
        self.forecast_choice.blockSignals(False)
        self._fill_replay()
        self.export_button.setEnabled(True)
        return True

    def _describe_observations(self) -> None:
        obs, review = self.observations, self.review
        parts = [self.tr("实测：%1，%2 至 %3，%4 个城市。").replace("%1", Path(obs.path).name)
                 .replace("%2", f"{obs.days[0]:%Y-%m-%d}").replace("%3", f"{obs.days[-1]:%Y-%m-%d}")
                 .replace("%4", str(len(obs.units)))]
        parts.append(self.tr("评估时段 %1 至 %2。").replace("%1", f"{review.period[0]:%Y-%m-%d}")
                     .replace("%2", f"{review.period[1]:%Y-%m-%d}"))
        if obs.blank_cells or obs.zero_cells:
            parts.append(self.tr("空值 %1 个、零值 %2 个按缺测处理。").replace("%1", str(obs.blank_cells))
                         .replace("%2", str(obs.zero_cells)))
        partial = [name for name, r in review.regions.items() if r.partial]
        if partial:
            parts.append(self.tr("实测不完整的区域（结果为部分结果）：%1。").replace("%1", "、".join(partial)))
        from app.gui.i18n import ui_language

        notes = [w.render(ui_language()) for w in obs.warnings]
        self.obs_label.setText(" ".join(parts) + ("\n" + "\n".join(notes[:4]) if notes else ""))

    def _fill_replay(self, *_) -> None:
        review = self.review
        if review is None:
            return
        name = self.forecast_choice.currentText() or review.names[0]
        daily, obs = review.forecast_daily[name], review.observed_window
        days = list(obs.days)
        forecast_by_day, observed_by_day = [], []
        for day in days:
            col = daily.day_index(day)
            forecast_by_day.append({} if col is None else
                                   {u: float(daily.aqi[r, col]) for r, u in enumerate(daily.units)})
            ocol = obs.day_index(day)
            observed_by_day.append({u: float(obs.aqi[r, ocol]) for r, u in enumerate(obs.units)})
        self.split.set_days(days, forecast_by_day, observed_by_day, name)
        self._fill_scores(name)
        self._fill_regions(name)

    def _fill_scores(self, name: str) -> None:
        issued = self.review.issued_at.get(name)
        when = "" if issued is None else self.tr("（发布 %1）").replace("%1", f"{issued.astimezone(BEIJING):%Y-%m-%d %H:%M}")
        self.scores_title.setText(self.tr("评分的预报：%1%2（在“回放”页切换预报）").replace("%1", name).replace("%2", when))
        cities = [c for c in self.state.scheme.linkage_cities if name in self.review.cities.get(c, {})]
        self.scores.setRowCount(len(cities))
        for r, city in enumerate(cities):
            s = self.review.cities[city][name]
            c150, c200 = s["contingency"]["150"], s["contingency"]["200"]
            values = [city, str(s["days"]), _num(s["bias"]), _num(s["rmse"]), _pct(s["category_accuracy"]),
                      _pct(s["half_level_accuracy"]),
                      f"{c150['hits']}/{c150['misses']}/{c150['false_alarms']}",
                      f"{_pct(c150['pod'])}/{_pct(c150['far'])}/{_pct(c150['csi'])}",
                      f"{c200['hits']}/{c200['misses']}/{c200['false_alarms']}"]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.scores.setItem(r, c, item)

    def outcome_text(self, match) -> str:
        """命中 / 漏报 / 空报; a hit at another level than observed says how far off: 命中（等级偏高一级）."""
        offset = match.level_offset
        if match.outcome == "miss":
            return self.tr("漏报")
        if match.outcome == "false_alarm":
            return self.tr("空报")
        if not offset:
            return self.tr("命中")
        steps = abs(offset)
        if offset > 0:
            text = self.tr("命中（等级偏高一级）") if steps == 1 else self.tr("命中（等级偏高%1级）")
        else:
            text = self.tr("命中（等级偏低一级）") if steps == 1 else self.tr("命中（等级偏低%1级）")
        return text.replace("%1", self.tr("两") if steps == 2 else self.tr("三"))

    def _fill_regions(self, name: str) -> None:
        from app.export.review_report import _span_text

        lines = []
        for region, r in self.review.regions.items():
            observed = "；".join(_span_text(s) for s in r.observed_episodes) or self.tr("未达预警条件")
            matched = "，".join(self.outcome_text(m) for m in r.matches.get(name, [])) or "—"
            issued = "，".join(self.outcome_text(m) for m in r.issued_matches) or "—"
            partial = self.tr("（实测不完整：%1）").replace("%1", "、".join(r.missing_cities)) if r.partial else ""
            lines.append(self.tr("%1：实测 %2%3；预报 %4；已发预警 %5").replace("%1", region).replace("%2", observed)
                         .replace("%3", partial).replace("%4", matched).replace("%5", issued))
        self.region_text.setText("\n".join(lines))

    # -- the report ---------------------------------------------------------------------------------------
    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出评估报告"), "应对评估报告.docx",
                                              self.tr("Word 文档 (*.docx)"))
        if path:
            self.export(Path(path).with_suffix(".docx"), Path(path).with_suffix(".pdf"))

    def export(self, docx: Path, pdf: Path, wait: bool = False) -> None:
        from app.export.review_report import write_review_report
        from app.gui.worker import Worker

        self.save_texts()
        from app.cases.status import case_for_report

        texts = self.library.report_texts(self.case_id)
        case = case_for_report(self.library, self.case_id, self.state.scheme)
        review, scheme, boundaries = self.review, self.state.scheme, self.state.boundaries
        self.export_button.setEnabled(False)
        self.saved_label.setText(self.tr("正在生成评估报告…"))

        def work(progress):
            return write_review_report(review, scheme, docx=docx, pdf=pdf, texts=texts, case=case,
                                       boundaries=boundaries)

        worker = Worker(work)
        worker.signals.succeeded.connect(self._exported)
        worker.signals.failed.connect(self._export_failed)
        self._worker = worker
        if wait:
            self._exported(work(None))
            return
        worker.start()

    def _exported(self, written: dict) -> None:
        self.export_button.setEnabled(True)
        self.saved_label.setText(self.tr("评估报告已导出：%1").replace("%1", "；".join(written.values())))
        self.written = written

    def _export_failed(self, exc) -> None:
        self.export_button.setEnabled(True)
        text = error_text(exc) if isinstance(exc, InputError) else str(exc)
        self.saved_label.setText(self.tr("导出失败：%1").replace("%1", text))

