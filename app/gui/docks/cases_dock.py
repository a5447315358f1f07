"""The 案例 dock: the case library (案例库) in the window.

Lists the cases (title, status, regions, highest level, dates, letters, warnings in force). Opening a case
restores its warnings in force into the window (the in-force dock then shows what the case's letters put in
force) and its latest forecast; recording an issued letter (.docx/.pdf exported by HazeDesk) adds it to the case
with the warnings that follow from it; cities' 启动预警情况通报 come from a small table; a case exports to one
file for the other office and imports from one; 评估… opens the review (replay, scores, report).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.gui.docks.city_notices import CityNoticesPanel
from app.gui.docks.on_screen import on_screen
from app.gui.docks.texts import level_colour, level_name
from app.gui.i18n import error_text, ui_language


class CasesDock(QDockWidget):
    def __init__(self, state, controller, geometry=None, library_path: str | Path | None = None,
                 parent: QWidget | None = None, list_when_shown: bool = False):
        """``list_when_shown``: open and list the library only when the dock is first on screen (or first used),
        not now — in the window it starts as a tab behind the timeline."""
        super().__init__(self.tr("案例"), parent)
        self.setObjectName("CasesDock")
        self.state, self.controller, self.geometry_ = state, controller, geometry
        self._library = None
        self._library_path = library_path
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("案例"), self.tr("状态"), self.tr("区域"), self.tr("最高级别"),
                                              self.tr("时段"), self.tr("函件/在施")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)  # regions: cut, full text in the tooltip
        header.resizeSection(2, 120)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.current_label = QLabel(self.tr("未打开案例。"))
        self.current_label.setWordWrap(True)
        self.details = QLabel()  # the current case's letters, notices and forecasts
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # at 1366 × 768 the bottom dock area is about 190 px high: the frequent actions in one row above the
        # list, the exchange and close actions behind 更多, the open case's contents in a pane of their own
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        specs = (("new_button", self.tr("新建…"), self.ask_new), ("open_button", self.tr("打开"), self.open_selected),
                 ("letter_button", self.tr("记录已发函件…"), self.ask_record_letter),
                 ("response_button", self.tr("应急响应…"), self.open_response),
                 ("review_button", self.tr("评估…"), self.open_review))
        for attr, text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(lambda *_, s=slot: s())
            setattr(self, attr, button)
            buttons.addWidget(button)
        self.new_button.setToolTip(self.tr("新建案例，并记入当前打开的预报"))
        self.open_button.setToolTip(self.tr("打开所选案例：恢复其现行预警和最近的预报（也可双击）"))
        self.letter_button.setToolTip(self.tr("把已发出的建议函（本软件导出的 .docx/.pdf）记入当前案例"))
        self.review_button.setToolTip(self.tr("用实测数据评估当前案例：回放、评分、评估报告"))
        self.response_button.setToolTip(self.tr("当前案例的应急响应：各城市启动情况、每日报送、问题线索、调度日报"))
        more = QMenu(self)
        self.export_action = more.addAction(self.tr("导出案例…"), self.ask_export)
        self.import_action = more.addAction(self.tr("导入案例…"), self.ask_import)
        self.export_all_action = more.addAction(self.tr("导出全部案例（年度交接）…"), self.ask_export_all)
        more.addSeparator()
        self.close_action = more.addAction(self.tr("结案/重开所选案例"), self.toggle_status)
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("更多"))
        self.more_button.setMenu(more)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        cases = QWidget()
        left = QVBoxLayout(cases)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(buttons)
        left.addWidget(self.table, 1)
        font = self.current_label.font()
        font.setBold(True)
        self.current_label.setFont(font)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details)
        contents = QWidget()
        middle = QVBoxLayout(contents)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(self.current_label)
        middle.addWidget(scroll, 1)
        self._cases: list = []
        self._restoring = False  # the dock itself is putting the case's warnings into the window
        self.notices = CityNoticesPanel(self)
        self.notices.changed.connect(self.refresh)
        split = QSplitter(Qt.Orientation.Horizontal)  # side by side: the bottom dock area is wide and short
        for i, (pane, stretch) in enumerate(((cases, 5), (contents, 3), (self.notices, 4))):
            split.addWidget(pane)
            split.setStretchFactor(i, stretch)
        split.setChildrenCollapsible(False)
        contents.setMinimumWidth(200)
        split.setSizes([500, 300, 450])  # scaled to the dock's width; the case contents readable beside the list
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.setWidget(body)
        self.setAcceptDrops(True)  # filled daily report forms (or their folder) dropped here go into the open case
        state.inForceChanged.connect(self._keep_in_force)
        state.caseChanged.connect(self._case_changed)
        self._listed = False  # the table shows the library (refresh ran)
        if list_when_shown:
            self.visibilityChanged.connect(self._brought_up)
        else:
            self.refresh()

    def _brought_up(self, visible: bool) -> None:
        if visible and not self._listed:  # looked at after the window's layout: a tab behind another is first
            QTimer.singleShot(0, self, self._list_if_on_screen)  # reported visible, then covered

    def _list_if_on_screen(self) -> None:
        if not self._listed and on_screen(self):
            self.refresh()

    def _ensure_listed(self) -> None:
        if not self._listed:
            self.refresh()

    def _case_changed(self, *_) -> None:
        if self._listed:  # else the first listing shows it
            self.refresh()
        self._show_lead_points()

    def _show_lead_points(self) -> None:
        """The open case's problem leads with coordinates as dots on the map (none without a case)."""
        from app.cases.leads import leads, map_points

        case = self.state.current_case
        if not case or self.state.scheme is None or self._library is None:
            self.state.set_lead_points([])
            return
        items = self._guard(lambda: leads(self._library, case, self.state.scheme))
        self.state.set_lead_points(map_points(items or []))

    @property
    def current(self) -> str | None:
        """The case open (kept in the window's state: the autosave and session files carry it)."""
        return self.state.current_case or None

    @current.setter
    def current(self, case_id: str | None) -> None:
        self.state.set_current_case(case_id)

    # -- the library --------------------------------------------------------------------------------------
    @property
    def library(self):
        if self._library is None:
            from app.cases.library import open_library

            self._library = open_library(self._library_path)
        return self._library

    def close_library(self) -> None:
        """Close the library's database now (the window goes away): its write-ahead log is folded back into
        the file here, not whenever — if ever, once the start's objects are frozen — the collector frees it."""
        if self._library is not None:
            self._library.close()
            self._library = None

    def set_library_path(self, path: str | Path) -> bool:
        """Use the case library at ``path`` (created when missing). One that cannot be opened or created is
        named in the dock and the library in use stays."""
        from app.cases.library import open_library

        try:
            library = open_library(path)
        except InputError as exc:
            self._say(self.tr("无法使用该案例库，仍使用原来的：%1").replace("%1", error_text(exc)))
            return False
        if self._library is not None:
            self._library.close()
        self._library, self._library_path, self.current = library, Path(path), None
        self.refresh()
        self._say(self.tr("案例库：%1").replace("%1", str(path)))
        return True

    def ask_library_path(self, settings=None) -> None:
        """Settings → 案例库位置…: choose an existing library or name a new one; remembered when it opens."""
        from PySide6.QtWidgets import QMessageBox

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("案例库位置（选择已有案例库，或输入新文件名新建）"), str(self.library_path),
            self.tr("案例库 (*.sqlite *.db);;所有文件 (*)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        if self.set_library_path(path):
            if settings is not None:
                settings.case_library = path
        else:
            QMessageBox.warning(self, self.tr("案例库位置"), self.message.text())

    @property
    def library_path(self) -> Path:
        from app.cases.library import default_path

        return Path(self._library_path) if self._library_path else default_path()

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _guard(self, work, *args, **kwargs):
        """Run a library action; bad input or a library fault is shown in the dock, never a traceback."""
        try:
            return work(*args, **kwargs)
        except InputError as exc:
            self._say(self.tr("无法完成：%1").replace("%1", error_text(exc)))
        except Exception as exc:  # sqlite3 faults (locked, disk full): the library is unchanged
            import sqlite3

            if not isinstance(exc, (sqlite3.Error, OSError)):
                raise
            self._say(self.tr("案例库出错：%1").replace("%1", str(exc)))
        return None

    def refresh(self) -> None:
        cases = self._guard(lambda: self.library.list_cases())
        if cases is None:
            return
        self._cases, self._listed = cases, True
        damaged = list(getattr(self.library, "damaged", []))
        if damaged:  # rows an older HazeDesk imported unchecked: their cases are left out, the first bad row named
            self._say(self.tr("案例库中有 %1 条记录已损坏，所在案例未列出：%2").replace("%1", str(len(damaged)))
                      .replace("%2", damaged[0].render(ui_language())))
        self.table.setRowCount(len(cases))
        for r, c in enumerate(cases):
            span = "" if c.first_day is None else f"{c.first_day:%m-%d}–{c.last_day:%m-%d}"
            status = self.tr("进行中") if c.status == "open" else self.tr("已结案")
            values = [c.title, status, "、".join(c.regions), level_name(c.top_level) if c.top_level != "none" else "—",
                      span, f"{c.letters}/{c.in_force}"]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text if col in (0, 2) else "")  # long titles and region lists are cut
                if col == 3 and c.top_level != "none":
                    item.setBackground(level_colour(c.top_level))
                if c.id == self.current:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, col, item)
        self._show_current()

    def _show_current(self) -> None:
        case = next((c for c in self._cases if c.id == self.current), None)
        if case is None:
            self.current_label.setText(self.tr("未打开案例。"))
        else:
            self.current_label.setText(self.tr("当前案例：%1（在施预警 %2 个）").replace("%1", case.title)
                                       .replace("%2", str(case.in_force)))
        for button in (self.letter_button, self.review_button, self.export_action):
            button.setEnabled(case is not None)
        self.details.setText("" if case is None else self._details(case.id))
        self.notices.refresh()

    def _details(self, case_id: str) -> str:
        """The case's letters in order (date, number, type, regions and levels), then what else it holds."""
        kinds = {"first": self.tr("首次预警"), "upgrade": self.tr("升级"), "downgrade": self.tr("降级"),
                 "lift": self.tr("解除")}
        data = self._guard(lambda: self.library.case(case_id))
        if data is None:
            return ""
        lines = []
        for letter in self._guard(lambda: self.library.letters(case_id)) or []:
            changes = "；".join(c["region"] + (self.tr("解除") if c["action"] == "lift" else level_name(c["level"]))
                               for c in letter["changes"])
            lines.append(f"{letter['date']}  {letter['number'] or '—'}  {kinds.get(letter['kind'], letter['kind'])}："
                         f"{changes}{self._where(letter)}")
        for entry in self._guard(lambda: self.library.hand_warnings(case_id)) or []:
            what = self.tr("已手工删除") if entry["level"] == "none" else \
                level_name(entry["level"]) + self.tr("，%1起").replace("%1", (entry["start"] or "")[5:13].replace("T", " ") + "时")
            lines.append(self.tr("手工录入（无函件）：%1 %2").replace("%1", entry["region"]).replace("%2", what))
        lines.append(self.tr("预报 %1 份 · 会商 %2 次 · 城市通报 %3 条 · 实测 %4 份 · 评估 %5 次")
                     .replace("%1", str(len(data["forecasts"]))).replace("%2", str(len(data["consultations"])))
                     .replace("%3", str(len(data["city_notices"]))).replace("%4", str(len(data["observations"])))
                     .replace("%5", str(len(data["reviews"]))))
        response = self._response_line(case_id)
        if response:
            lines.append(response)
        return "\n".join(lines)

    def _response_line(self, case_id: str) -> str:
        """The response half in one line (应急响应… has the tables): starts, reports missing, leads open and overdue."""
        if self.state.scheme is None:
            return ""
        from app.cases.leads import lead_counts, leads
        from app.cases.reports import report_grid
        from app.cases.response import starts, summary

        def facts():
            s = summary(starts(self.library, case_id, self.state.scheme))
            grid = report_grid(self.library, case_id, self.state.scheme)
            missing = sum(1 for cells in grid["cells"].values() for v in cells.values() if v == "missing")
            return s, missing, lead_counts(leads(self.library, case_id, self.state.scheme))

        found = self._guard(facts)
        if found is None or not (sum(found[0].values()) or found[2]["total"]):
            return ""
        s, missing, counts = found
        return (self.tr("应急响应：按时或更高 %1 · 滞后 %2 · 低于要求 %3 · 未通报 %4 · 日报缺报 %5 · 线索 %6 条（逾期 %7）")
                .replace("%1", str(s["on_time"] + s["higher"])).replace("%2", str(s["late"]))
                .replace("%3", str(s["lower"])).replace("%4", str(s["not_notified"])).replace("%5", str(missing))
                .replace("%6", str(counts["total"])).replace("%7", str(counts["overdue"])))

    def _where(self, letter: dict) -> str:
        """Who sent a letter (a sending side's bureau, not the working group's office) and, for a letter of a
        combined file, which part of the file it is (its Word and PDF copies named together) and its pages."""
        from app.domain.proposal import DEFAULT_SIGNER

        notes = []
        if letter.get("sender") and letter["sender"] != DEFAULT_SIGNER:
            notes.append(letter["sender"])
        parts: dict[tuple, list[dict]] = {}  # (part, parts) → the files it is that part of
        for f in letter["files"]:
            if f.get("parts", 1) > 1:
                parts.setdefault((f["part"], f["parts"]), []).append(f)
        for (part, count), files in parts.items():
            text = self.tr("%1 第 %2/%3 件").replace("%1", "、".join(Path(f["path"]).name for f in files)) \
                .replace("%2", str(part)).replace("%3", str(count))
            pages = next((f["pages"] for f in files if f.get("pages")), None)
            if pages:
                text += self.tr("，PDF 第 %1–%2 页").replace("%1", str(pages[0])).replace("%2", str(pages[1]))
            notes.append(text)
        return "".join(" · " + note for note in notes)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self._cases[rows[0].row()].id
        return self.current

    # -- actions ------------------------------------------------------------------------------------------
    def ask_new(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("新建案例"), self.tr("案例名称（如：2026年1月川渝盆地区域性重污染过程）："))
        if ok and title.strip():
            self.new_case(title)

    def new_case(self, title: str) -> str | None:
        case = self._guard(lambda: self.library.create_case(title))
        if case is not None:
            self.current = case
            self._add_current_forecast()
            self.refresh()
            self._say(self.tr("已新建案例“%1”。").replace("%1", title.strip()))
        return case

    def add_current_forecast(self) -> None:
        """Record the forecast shown in the open case (each forecast opened while a case is open: issue 28), and
        count it in the case's summary."""
        self._add_current_forecast()
        if self.current is not None:
            self._show_current()

    def _add_current_forecast(self) -> None:
        """The forecast shown goes into the case; a 会商 consensus has no file of its own: its sources do."""
        if self.current is None:
            return
        consultation = self.state.consultation
        if consultation is not None:
            from app.domain.forecast import ForecastMeta

            for source in consultation.sources:
                meta = ForecastMeta(source_path=source.path, sha256=source.sha256, issued_at=source.issued_at,
                                    label=source.name)
                self._add_forecast(meta, source.path, name=source.name)
            return
        forecast, path = self.state.original_forecast, self.state.forecast_path
        if forecast is not None:
            self._add_forecast(forecast.meta, path)

    def _add_forecast(self, meta, path: str, name: str = "") -> None:
        content = None
        if path and Path(path).is_file() and Path(path).stat().st_size <= 32 * 1024 * 1024:
            content = self._guard(Path(path).read_bytes)
        if not meta.sha256 and content is None:
            return  # neither a file nor its digest: nothing the case could open again
        self._guard(lambda: self.library.add_forecast(self.current, meta, name=name, content=content))

    def open_selected(self) -> None:
        case = self.selected_id()
        if case is not None:
            self.open_case(case)

    def open_case(self, case: str) -> None:
        """Make the case current: its warnings in force go to the window, and what it was last working on is
        shown — its latest forecast, or its 会商 consensus when that was recorded after the last forecast."""
        from app.paths import user_state_dir

        damaged = self._guard(lambda: self.library.damaged_rows(case))
        if damaged is None:
            return
        if damaged:
            self._say(self.tr("案例中有 %1 条记录已损坏，未打开：%2").replace("%1", str(len(damaged)))
                      .replace("%2", damaged[0].render(ui_language())))
            return
        self.current = case
        warnings = self._guard(lambda: self.library.warnings_in_force(case))
        if warnings is None:
            return
        self._put_in_force(warnings)
        damaged: list = []
        files = self._guard(lambda: self.library.forecast_files(case, user_state_dir() / "case-files", damaged)) or []
        consultation = self._latest_consultation(case)
        if consultation is not None:
            self._reopen_consultation(consultation)
        elif files and str(files[-1][1]) != self.state.forecast_path:
            self.controller.open_forecast(str(files[-1][1]))
        self.refresh()
        text = self.tr("已打开案例：在施预警 %1 个，预报 %2 份。").replace("%1", str(len(warnings))) \
            .replace("%2", str(len(files)))
        if damaged:
            text += self.tr("案例库中有 %1 份预报的记录已损坏，未打开：%2").replace("%1", str(len(damaged))) \
                .replace("%2", damaged[0].render(ui_language()))
        self._say(text)

    def _put_in_force(self, warnings: list) -> None:
        """The case's warnings into the window (not written back: they came from the case)."""
        self._restoring = True
        try:
            self.controller.set_in_force(warnings)
        finally:
            self._restoring = False

    def _keep_in_force(self) -> None:
        """The officer typed, changed or removed a warning in the in-force dock: with a case open, the case
        keeps the window's list (regions that differ from the letters as entered by hand), so reopening the
        case restores it."""
        if self._restoring or self.current is None:
            return
        count = self._guard(lambda: self.library.set_hand_warnings(self.current, list(self.state.in_force)))
        if count is not None:
            self.refresh()
            if count:
                self._say(self.tr("现行预警的手工修改已存入当前案例（%1 个区域，与函件分开记录）。").replace("%1", str(count)))

    def _latest_consultation(self, case: str) -> dict | None:
        """The case's last 会商 decision when no forecast was added to the case after it, else None."""
        import json

        rows = self._guard(self.library.case, case)
        if not rows or not rows["consultations"]:
            return None
        last = max(rows["consultations"], key=lambda r: r["decided_at"] or "")
        data = json.loads(last["data"])
        used = {s.get("sha256") for s in data.get("sources", [])}
        later = [f for f in rows["forecasts"] if f["sha256"] not in used and (f["added_at"] or "") > last["decided_at"]]
        return None if later else data

    def _reopen_consultation(self, data: dict) -> None:
        from app.gui.autosave import reopen_consultation

        if self.state.consultation is not None and self.state.consultation.to_json() == data:
            return
        reopen_consultation(data, self.controller, self.state.mode)

    def ask_record_letter(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择已发出的建议函（同一函件的 Word 和 PDF 可同时选）"), "",
                                                self.tr("建议函 (*.docx *.pdf)"))
        if paths:
            self.record_letter(paths)

    def record_letter(self, paths: list[str]) -> bool:
        """Record the letters of the files (one letter, a combined file's every letter, or the files of one
        run) in the case open, all or none; a letter the case already has is not recorded again."""
        from app.export.case_letters import record_letters

        if self.current is None:
            return False
        self._add_current_forecast()
        recorded = self._guard(lambda: record_letters(self.library, self.current, paths, scheme=self.state.scheme))
        if recorded is None:
            return False
        new = [r for r in recorded if r.status == "recorded"]
        if new:
            self._record_basis()
        warnings = self._guard(lambda: self.library.warnings_in_force(self.current)) or []
        self._put_in_force(warnings)
        self.refresh()
        name, already = Path(paths[0]).name, len(recorded) - len(new)
        if not new:
            text = self.tr("函件 %1 已在当前案例中，未重复记录；在施预警 %2 个。").replace("%1", name)
        elif len(recorded) == 1:
            text = self.tr("已记录函件 %1；在施预警 %2 个。").replace("%1", name)
        elif not already:
            text = self.tr("已记录函件 %1 中的 %3 件函，逐件记入；在施预警 %2 个。").replace("%1", name) \
                .replace("%3", str(len(new)))
        else:
            text = self.tr("已记录函件 %1 中的 %3 件函，另有 %4 件已在案例中、未重复记录；在施预警 %2 个。") \
                .replace("%1", name).replace("%3", str(len(new))).replace("%4", str(already))
        self._say(text.replace("%2", str(len(warnings))))
        return True

    def _record_basis(self) -> None:
        """What the letter was based on: the evaluation shown (scheme, mode, edition, its regional episodes) and
        the recorded 会商 decision when there is one."""
        from app.domain.evaljson import iso

        evaluation, scheme, forecast = self.state.evaluation, self.state.scheme, self.state.original_forecast
        if evaluation is not None and scheme is not None and forecast is not None:
            summary = {"episodes": [{"region": e.region, "level": e.level, "start": iso(e.start), "end": iso(e.end),
                                     "lead_time_hours": e.lead_time_hours} for e in evaluation.episodes],
                       "issued_at": iso(evaluation.issued_at), "edits": len(self.state.edits)}
            self._guard(lambda: self.library.add_evaluation(
                self.current, forecast_sha256=forecast.meta.sha256, scheme_id=scheme.id,
                scheme_version=scheme.version, mode=evaluation.mode, edition=evaluation.aqi_edition, summary=summary))
        consultation = getattr(self.state, "consultation", None)
        if consultation is not None:
            self._guard(lambda: self.library.add_consultation(self.current, consultation))

    def record_consultation(self, record) -> str | None:
        """An adopted 会商 decision goes into the case open (its id returned). With none open, a new case is
        offered without blocking the window (``offer``: a non-modal dialog, the title prefilled); the decision
        is recorded when the officer accepts it."""
        if self.current is None:
            self._offer_case(record)
            return None
        self._add_current_forecast()
        if self._guard(lambda: self.library.add_consultation(self.current, record)) is None:
            return None
        self.refresh()
        self._say(self.tr("会商结论已记入案例“%1”。").replace("%1", self._current_title()))
        return self.current

    def _offer_case(self, record) -> None:
        offer = QInputDialog(self)
        offer.setWindowTitle(self.tr("记入案例库"))
        offer.setLabelText(self.tr("当前没有打开的案例。新建案例记录本次会商结论？\n案例名称："))
        offer.setTextValue(self._default_title(record))
        offer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        offer.textValueSelected.connect(lambda title, r=record: self._record_in_new_case(title, r))
        offer.rejected.connect(lambda: self._say(self.tr("会商结论未记入案例库（未打开案例）。")))
        self.offer = offer
        offer.open()

    def _record_in_new_case(self, title: str, record) -> None:
        if not title.strip():
            self._say(self.tr("会商结论未记入案例库（未打开案例）。"))
            return
        if self.new_case(title) is not None:
            self.record_consultation(record)

    def offer_letter(self, paths: list[str]) -> None:
        """Letters were just saved with a case open: offer to record them as issued (non-modal; ``paths``: the
        files of the letters last saved, Word and PDF together — one letter, a combined file, or one file per
        letter of a split run, each letter recorded as its own entry). Without a case open nothing is asked."""
        if self.current is None or not paths:
            return
        files = list(dict.fromkeys(paths))
        count = self._letter_count(files)
        question = self.tr("建议函 %1 发出后，是否记入当前案例“%2”？\n记入后其预警作为现行预警（也可以以后用“记录已发函件…”记入）。") \
            if count <= 1 else \
            self.tr("建议函 %1 等 %3 件函发出后，是否逐件记入当前案例“%2”？\n记入后其预警作为现行预警（也可以以后用“记录已发函件…”记入）。") \
            .replace("%3", str(count))
        ask = QMessageBox(QMessageBox.Icon.Question, self.tr("记入案例"),
                          question.replace("%1", Path(files[0]).name).replace("%2", self._current_title()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ask.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda *_, f=files: self.record_letter(f))
        self.letter_offer = ask
        ask.open()

    def _letter_count(self, files: list[str]) -> int:
        """How many letters the files hold (0 when one cannot be read: recording will say why)."""
        from app.export.case_letters import letter_entries

        try:
            return len(letter_entries(files, self.state.scheme))
        except InputError:
            return 0

    def _current_title(self) -> str:
        self._ensure_listed()
        return next((c.title for c in self._cases if c.id == self.current), "")

    def _default_title(self, record) -> str:
        days = list(getattr(record, "days", []) or [])
        if not days:
            return self.tr("会商案例")
        first = _process_day(record, days)
        return self.tr("%1年%2月%3日起区域重污染过程").replace("%1", first[:4]).replace("%2", str(int(first[5:7]))) \
            .replace("%3", str(int(first[8:10])))

    def ask_notices(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择启动预警情况通报表（城市,时间,级别）"), "",
                                              self.tr("表格 (*.csv *.txt)"))
        if path:
            from app.cases.notices import import_city_notices

            count = self._guard(import_city_notices, self.library, self.current, path)
            if count is not None:
                self._say(self.tr("已导入 %1 条城市启动预警情况。").replace("%1", str(count)))

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出案例"), "案例.hzcase", self.tr("案例文件 (*.hzcase)"))
        if path:
            from app.export.case_letters import export_case_file

            if self._guard(lambda: export_case_file(self.library, self.current, path)) is not None:
                self._say(self.tr("案例已导出：%1").replace("%1", path))

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入案例"), "", self.tr("案例文件 (*.hzcase)"))
        if path:
            self.import_file(path)

    def ask_export_all(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出全部案例"), "案例库交接.hzcase",
                                              self.tr("案例文件 (*.hzcase)"))
        if path:
            from app.export.case_letters import export_library_file

            if self._guard(lambda: export_library_file(self.library, path)) is not None:
                self._say(self.tr("全部案例已导出：%1").replace("%1", path))

    def import_file(self, path: str) -> str | None:
        from app.cases.exchange import import_case
        from app.cases.handover import import_file

        report = self._guard(lambda: import_file(self.library, path))  # the whole library of the other desk
        if report is not None:
            self.refresh()
            self._say(self.tr("已合并案例库：%1 个案例，新增 %2 条记录，%3 处冲突（保留本机内容）")
                      .replace("%1", str(len(report["cases"]))).replace("%2", str(report["added"]))
                      .replace("%3", str(report["conflicts"])))
            return report["cases"][0]["id"] if report["cases"] else ""
        case = self._guard(lambda: import_case(self.library, path))
        if case is not None:
            self.refresh()
            self._say(self.tr("已导入案例（重复导入不会改变已有内容）：%1").replace("%1", Path(path).name))
        return case

    def toggle_status(self) -> None:
        self._ensure_listed()
        case = self.selected_id()
        summary = next((c for c in self._cases if c.id == case), None)
        if summary is not None:
            self._guard(lambda: self.library.set_status(case, "closed" if summary.status == "open" else "open"))
            self.refresh()

    @staticmethod
    def _form_paths(event) -> list[str]:
        """The dropped files when they are report forms (.xlsx) or folders, else [] (the window takes them)."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and all(Path(p).is_dir() or Path(p).suffix.lower() == ".xlsx" for p in paths):
            return paths
        return []

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls() and self._form_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = self._form_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_forms(paths)

    def import_forms(self, paths: list[str]):
        """Filled daily report forms into the open case (all of them, or none with each refusal named)."""
        from app.cases.reports import import_reports

        if self.current is None or self.state.scheme is None:
            self._say(self.tr("请先打开一个案例。"))
            return None
        done = self._guard(lambda: import_reports(self.library, self.current, paths, self.state.scheme))
        if done is not None:
            self._say(self.tr("报送表已导入：新增 %1，更正 %2，未变 %3").replace("%1", str(len(done.recorded)))
                      .replace("%2", str(len(done.replaced))).replace("%3", str(len(done.unchanged))))
            self.refresh()
            dialog = getattr(self, "response_dialog", None)
            if dialog is not None:
                try:
                    dialog.refresh()
                except RuntimeError:  # the dialog was closed (deleted on close)
                    self.response_dialog = None
        return done

    def open_response(self):
        from app.gui.dialogs.response_dialog import ResponseDialog
        from app.gui.settings import Settings

        library = self._guard(lambda: self.library)
        if self.current is None or library is None:
            self._say(self.tr("请先打开一个案例。"))
            return None
        dialog = ResponseDialog(self.state, library, self.current, self, settings=Settings())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.response_dialog = dialog
        return dialog

    def open_review(self):
        from app.gui.dialogs.review_dialog import ReviewDialog

        if self.current is None or self.state.scheme is None:
            return None
        geometry = self.geometry_
        if geometry is None:
            from app.gui.map.geometry import load_map_geometry

            geometry = load_map_geometry()
        library = self._guard(lambda: self.library)
        if library is None:
            return None
        dialog = ReviewDialog(self.state, library, self.current, geometry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notices.changed.connect(dialog.refresh_notice_count)  # a QObject's slot: cut when it is deleted
        dialog.show()
        self.review_dialog = dialog
        return dialog


def _process_day(record, days: list[str]) -> str:
    """The day a case of this decision is named after: the start of the consensus's first episode still running
    at the forecast's first hour f or after it (the 过程 consulted on, which may have begun in the observed hours),
    else f's day. With observations spliced the decision's days begin with the observed ones: the first of them
    named the case after the first observed day ("2025年11月28日起…" for the 12-13 过程)."""
    from datetime import datetime

    f = (getattr(record, "observed", None) or {}).get("forecast_start")
    if not f:
        return days[0]
    f = datetime.fromisoformat(f)
    episodes = (getattr(record, "consensus", None) or {}).get("episodes", [])
    running = [e["start"] for e in episodes if datetime.fromisoformat(e["end"]) >= f]
    return min(running, key=datetime.fromisoformat)[:10] if running else f.date().isoformat()

