"""Review and edit the warning proposal letter (区域预警建议函) before it is written as Word and PDF.

Left: the officer's fields (document number, signer, date, copy-to, meteorological conditions), which regional
episodes the letter covers, or a follow-up letter (upgrade / downgrade / lift) from the engine's advice — one, or
all of them in order. As ``hazedesk proposal`` offers: one start letter per approval route, one more letter per
sending side (四川省 / 重庆市), and several letters in one file (with a record of each, read back in order) or
one file each. Right: a live preview of the very :class:`~app.domain.proposal.Proposal` letters the files are
written from. Every change is
autosaved as a draft (``app.export.drafts``) and comes back when the dialog reopens on the same forecast, also
after a crash or restart.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.doc_numbers import numbered, split_numbers
from app.domain.letter_sets import (
    acting_recommendations,
    default_letters,
    new_warning_episodes,
    route_groups,
    with_sides,
)
from app.domain.proposal import (
    DEFAULT_SIGNER,
    OfficerFields,
    build_followup,
    build_proposal,
    fmt_end,
    fmt_hour,
    met_prefill,
)
from app.errors import InputError
from app.export.drafts import ProposalDraft, load_draft, save_draft
from app.export.letters import approval_path, export_proposal, letters_file_stem, split_path
from app.export.proposal_html import proposal_html
from app.gui.dialogs.fit import fit_to_screen
from app.gui.docks.texts import english, fill, fmt_time, level_name, region_label
from app.gui.hour_edit import DayEdit
from app.gui.i18n import error_text
from app.gui.saved import confirm_saved, start_path

LETTER_ACTIONS = ("upgrade", "downgrade", "lift", "extend", "revise", "cancel")  # spec §7's follow-ups


def _register_letter_fonts() -> None:
    """The serif faces the letter uses (the GUI itself registers only the sans ones), for the preview."""
    from PySide6.QtGui import QFontDatabase

    from app.export.fonts import SERIF_FAMILY, font_path

    if SERIF_FAMILY not in QFontDatabase.families():
        for role in ("body", "title"):
            QFontDatabase.addApplicationFont(str(font_path(role)))


class ProposalDialog(QDialog):
    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.saved_letters: list[str] = []  # letter files written, in order
        self._last_saved: list[str] = []  # the files of the last save (one, or one per letter of a split run)
        self.setWindowTitle(self.tr("预警建议函"))
        fit_to_screen(self, 1100, 720)
        meta = state.forecast.meta if state.forecast is not None else None
        self._sha = meta.sha256 if meta is not None else ""
        self._prefill = self._met_prefill()
        self.proposal = None  # the first letter (the briefing pack and the file-name suggestions use it)
        self.letters: list = []  # every letter the files will hold, in order
        self._autosave = QTimer(self, singleShot=True, interval=400, timeout=self._save_draft)
        self._refresh = QTimer(self, singleShot=True, interval=150, timeout=self.update_preview)
        _register_letter_fonts()
        self._build()
        draft, restored = load_draft(self._sha)
        self._apply_draft(draft)
        self.restored_label.setVisible(restored)
        self.update_preview()

    # --- widgets ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        form_box = QWidget()
        form = QFormLayout(form_box)
        self.letter_combo = QComboBox()
        evaluation, scheme = self.state.evaluation, self.state.scheme
        acting = acting_recommendations(evaluation)
        if evaluation.recommendations:  # warnings in force: §7's letters, the default (follow-ups, then starts)
            self.letter_combo.addItem(self.tr("按研判建议的全部函件（后续函 %1 件，启动函 %2 件）")
                                      .replace("%1", str(len(acting))).replace("%2", str(len(evaluation.new_warnings))),
                                      "s7")
        self.letter_combo.addItem(self.tr("启动区域预警建议函"), "start")
        if len(acting) > 1:  # as `hazedesk proposal --in-force`: every follow-up letter, in the list's order
            self.letter_combo.addItem(self.tr("全部后续函（%1 件，依次）").replace("%1", str(len(acting))), "followups")
        for i, rec in enumerate(self.state.evaluation.recommendations):
            if rec.action in LETTER_ACTIONS:
                label = {"upgrade": self.tr("升级"), "downgrade": self.tr("降级"), "lift": self.tr("解除"),
                         "extend": self.tr("延长"), "revise": self.tr("调整"), "cancel": self.tr("取消")}[rec.action]
                self.letter_combo.addItem(fill(self.tr("%1：%2（%3→%4）"), label, region_label(scheme, rec.region),
                                               level_name(rec.in_force_level), level_name(rec.new_level)),
                                          f"rec:{i}")
        form.addRow(self.tr("函件类型"), self.letter_combo)
        self.doc_number = QLineEdit(placeholderText=self.tr("如：川渝联防办〔2026〕3号"))
        self.doc_number.setToolTip(self.tr("多件函各有自己的文号：只填一个时，后续各件依次取后面的顺序号（3号、4号、5号…）；"
                                           "也可按函件顺序逐件填写，用“；”分隔。发文机关不同的函件（按发文方）须逐件填写。"))
        self.signer = QLineEdit()
        self.letter_date = DayEdit()  # a date typed over the selection is taken (QDateEdit refused it)
        self.copy_to = QLineEdit()
        self.met_text = QPlainTextEdit()
        self.met_text.setPlaceholderText(self.tr("气象条件（可据预报中的气象要素预填后修改）"))
        form.addRow(self.tr("文号"), self.doc_number)
        form.addRow(self.tr("署名"), self.signer)
        form.addRow(self.tr("成文日期"), self.letter_date)
        form.addRow(self.tr("抄送"), self.copy_to)
        self.side_combo = QComboBox()  # 四(五)1: each side's bureau sends its own cities a letter
        self.side_combo.addItem(self.tr("联合发函（工作小组办公室）"), "")
        self.side_combo.addItem(self.tr("四川省生态环境厅 → 四川省相关城市"), "四川省")
        self.side_combo.addItem(self.tr("重庆市生态环境局 → 重庆市相关区县"), "重庆市")
        form.addRow(self.tr("发文方"), self.side_combo)
        self.red_header = QCheckBox(self.tr("红头（红色发文机关标志和红线）"))
        form.addRow("", self.red_header)
        self.per_route = QCheckBox(self.tr("按审批程序分函（红色预警报省政府审批）"))
        self.per_side = QCheckBox(self.tr("另为四川省、重庆市各出一件（按发文方）"))
        self.split = QCheckBox(self.tr("每件函单独保存为一个文件"))
        self.split.setToolTip(self.tr("不勾选时，多件函依次保存在同一个文件中，每件另起一页、页码从1起"))
        self.approval_form = QCheckBox(self.tr("保存函件时同时保存呈批件（每件函一份）"))
        self.approval_form.setToolTip(self.tr("呈批件保存在函件旁：文件名为“函件名-呈批件”，多件函依次编号"))
        sets = QVBoxLayout()
        sets.setContentsMargins(0, 0, 0, 0)
        for box in (self.per_route, self.per_side, self.split, self.approval_form):
            sets.addWidget(box)
        form.addRow(self.tr("多件函"), sets)
        form.addRow(self.tr("气象条件"), self.met_text)
        self.episode_list = QListWidget()
        in_force = {rec.episode_index for rec in self.state.evaluation.recommendations}
        for i, e in enumerate(self.state.evaluation.episodes, start=1):
            period = f"{fmt_time(e.start, True)} – {fmt_time(e.end, True)}" if english() else \
                f"{fmt_hour(e.start)}—{fmt_end(e.end)}"
            item = QListWidgetItem(f"{i}  {region_label(scheme, e.region)}  {level_name(e.level)}  {period}")
            if i - 1 in in_force:  # spec §7: a region's ongoing 过程 never gets a start letter
                item.setText(item.text() + self.tr("（现行预警的过程）"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.episode_list.addItem(item)
        form.addRow(self.tr("区域预警过程"), self.episode_list)
        self.restored_label = QLabel(self.tr("已恢复上次未完成的草稿。"))
        self.restored_label.setStyleSheet("color: #1d5f2f;")
        self.missing_label = QLabel()
        self.missing_label.setStyleSheet("color: #b00020;")
        self.missing_label.setWordWrap(True)
        form.addRow(self.restored_label)
        form.addRow(self.missing_label)
        from app.gui.dialogs.findings_review import FindingsReview

        self.findings_review = FindingsReview(self.state)  # shown before export; recorded with the letter
        self.findings_review.changed.connect(self.update_preview)
        form.addRow(self.findings_review)

        self.preview = QTextBrowser()
        splitter = QSplitter()
        form_scroll = QScrollArea()  # the form scrolls: on a 768-pixel screen the buttons below stay in sight
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(form_box)
        self.form_scroll = form_scroll
        splitter.addWidget(form_scroll)
        splitter.addWidget(self.preview)
        splitter.setSizes([420, 680])

        self.docx_button = QPushButton(self.tr("保存 Word…"))
        self.pdf_button = QPushButton(self.tr("保存 PDF…"))
        self.briefing_button = QPushButton(self.tr("保存会商简报…"))
        self.briefing_button.setToolTip(self.tr("封面、区域概况、逐日预警图、预警城市时间线和本次的各件建议函（依次），合成一个 PDF"))
        close = QPushButton(self.tr("关闭"))
        self.docx_button.clicked.connect(lambda: self.save_as("docx"))
        self.pdf_button.clicked.connect(lambda: self.save_as("pdf"))
        self.briefing_button.clicked.connect(lambda: self.save_briefing())
        self.form_button = QPushButton(self.tr("保存呈批件…"))
        self.form_button.setToolTip(self.tr("审批用的呈批件：事由、主要内容、提前量不足等说明、审批程序、拟办意见和签批栏"))
        self.form_button.clicked.connect(lambda: self.save_approval_form())
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.briefing_button)
        buttons.addWidget(self.form_button)
        buttons.addStretch(1)
        buttons.addWidget(self.docx_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(close)
        # why saving is off, beside the buttons: the acknowledgement box sits at the form's foot, often out of
        # sight (a greyed button with only a tooltip left the officer guessing)
        self.blocked_label = QLabel()
        self.blocked_label.setStyleSheet("color: #b00020;")
        self.blocked_label.setWordWrap(True)
        self.go_accept_button = QPushButton(self.tr("转到确认处"))
        self.go_accept_button.setToolTip(self.tr("滚动到表单底部的数据质量确认勾选框"))
        self.go_accept_button.clicked.connect(self.show_acceptance)
        blocked = QHBoxLayout()
        blocked.addWidget(self.blocked_label, 1)
        blocked.addWidget(self.go_accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(blocked)
        layout.addLayout(buttons)

        for signal in (self.doc_number.textChanged, self.signer.textChanged, self.copy_to.textChanged,
                       self.met_text.textChanged, self.letter_date.dateChanged, self.episode_list.itemChanged,
                       self.letter_combo.currentIndexChanged, self.side_combo.currentIndexChanged,
                       self.red_header.toggled, self.per_route.toggled, self.per_side.toggled, self.split.toggled,
                       self.approval_form.toggled):
            signal.connect(self._changed)

    def _met_prefill(self) -> str:
        """The same first draft of 气象条件 the CLI writes: met columns over all episodes' cities and hours."""
        state = self.state
        if state.forecast is None:
            return ""
        if not state.evaluation.episodes:
            return met_prefill(state.forecast.met)
        return build_proposal(state.evaluation, state.forecast.meta, state.scheme,
                              episodes=list(range(len(state.evaluation.episodes))), met=state.forecast.met).met_text

    # --- draft <-> fields -----------------------------------------------------------------------------------
    def _apply_draft(self, draft: ProposalDraft) -> None:
        widgets = (self.doc_number, self.signer, self.copy_to, self.met_text, self.letter_date, self.episode_list,
                   self.letter_combo, self.side_combo, *self._choices())
        for w in widgets:
            w.blockSignals(True)
        self.doc_number.setText(draft.doc_number)
        self.signer.setText(draft.signer or DEFAULT_SIGNER)
        self.copy_to.setText(draft.copy_to)
        self.met_text.setPlainText(draft.met_text if draft.met_text is not None else self._prefill)
        chosen = date.fromisoformat(draft.date) if draft.date else date.today()
        self.letter_date.setDate(QDate(chosen.year, chosen.month, chosen.day))
        needed = self._new_warning_episodes()
        for row in range(self.episode_list.count()):
            on = row + 1 in draft.episodes if draft.episodes else row in needed
            self.episode_list.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        index = self.letter_combo.findData(draft.letter)
        if draft.letter == "start" and not draft.episodes and self.letter_combo.findData("s7") >= 0:
            index = self.letter_combo.findData("s7")  # a fresh draft with warnings in force: §7's letters
        self.letter_combo.setCurrentIndex(max(index, 0))
        self.side_combo.setCurrentIndex(max(self.side_combo.findData(draft.side), 0))
        for box, on in zip(self._choices(), (draft.per_route, draft.per_side, draft.split, draft.approval_form,
                                             draft.red_header), strict=True):
            box.setChecked(on)
        for w in widgets:
            w.blockSignals(False)

    def _new_warning_episodes(self) -> set[int]:
        """The episodes that need a start letter (spec §7: no warning's 过程, ending at or after the forecast's
        first hour) — every episode of a forecast read without warnings in force or observations."""
        return set(new_warning_episodes(self.state.evaluation))

    def choose_letter(self, letter: str) -> None:
        """Open on one letter (the advice line over the map): ``"rec:I"`` the follow-up for recommendation I,
        ``"new:E"`` the start letter for episode E alone; anything else leaves the choice as it is."""
        if letter.startswith("rec:") and self.letter_combo.findData(letter) >= 0:
            self.letter_combo.setCurrentIndex(self.letter_combo.findData(letter))
        elif letter.startswith("new:") and letter[4:].isdigit():
            chosen = int(letter[4:])
            self.letter_combo.setCurrentIndex(max(self.letter_combo.findData("start"), 0))
            self.episode_list.blockSignals(True)
            for row in range(self.episode_list.count()):
                on = row == chosen
                self.episode_list.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.episode_list.blockSignals(False)
        self.update_preview()

    def current_draft(self) -> ProposalDraft:
        met = self.met_text.toPlainText()
        d = self.letter_date.date()
        checked = [row + 1 for row in range(self.episode_list.count())
                   if self.episode_list.item(row).checkState() == Qt.CheckState.Checked]
        return ProposalDraft(doc_number=self.doc_number.text().strip(), signer=self.signer.text().strip(),
                             date=date(d.year(), d.month(), d.day()).isoformat(),
                             met_text=None if met == self._prefill else met, copy_to=self.copy_to.text().strip(),
                             episodes=checked, letter=self.letter_combo.currentData() or "start",
                             per_route=self.per_route.isChecked(), per_side=self.per_side.isChecked(),
                             split=self.split.isChecked(), approval_form=self.approval_form.isChecked(),
                             red_header=self.red_header.isChecked(), side=self.side_combo.currentData() or "")

    def _choices(self) -> tuple[QCheckBox, ...]:
        """The 多件函 and sending choices the draft keeps, in ProposalDraft's order."""
        return (self.per_route, self.per_side, self.split, self.approval_form, self.red_header)

    def _changed(self, *_) -> None:
        self._autosave.start()
        self._refresh.start()

    def _save_draft(self) -> None:
        try:
            save_draft(self._sha, self.current_draft())
        except InputError as exc:  # state folder not writable: keep working, say so once
            self.missing_label.setText(self.tr("草稿无法保存：%1").replace("%1", error_text(exc)))

    # --- preview and files ----------------------------------------------------------------------------------
    def build(self):
        """The first letter (see :meth:`build_letters`)."""
        return self.build_letters()[0]

    def build_letters(self) -> list:
        """Every letter the chosen options give, in the order the file(s) will hold them."""
        draft = self.current_draft()
        state = self.state
        consulted = ""
        if state.consultation is not None:  # the forecast is a 会商 consensus: 预测依据 says so
            from app.consultation.text import basis_sentence

            consulted = basis_sentence(state.consultation)
        per_side = self.per_side.isChecked()
        officer = OfficerFields(signer=draft.signer, copy_to=draft.copy_to,
                                date=date.fromisoformat(draft.date), met_text=self.met_text.toPlainText(),
                                consultation_text=consulted,
                                side="" if per_side else self.side_combo.currentData() or "")
        edits = list(state.edits)
        start, s7 = draft.letter == "start", draft.letter == "s7"
        self.episode_list.setEnabled(start or s7)
        self.met_text.setEnabled(start or s7)
        self.per_route.setEnabled(start)
        self.side_combo.setEnabled(not per_side)
        meta, scheme, met = state.forecast.meta, state.scheme, state.forecast.met
        if s7:  # spec §7's default set (letter_sets.default_letters); the start letters of the episodes checked
            checked = {n - 1 for n in draft.episodes}
            letters = [build_followup(state.evaluation, meta, scheme, recommendation=plan.recommendation,
                                      officer=officer, edits=edits) if plan.recommendation is not None else
                       build_proposal(state.evaluation, meta, scheme, episodes=list(plan.episodes), officer=officer,
                                      met=met, edits=edits)
                       for plan in default_letters(state.evaluation)
                       if plan.recommendation is not None or checked.issuperset(plan.episodes)]
            if not letters:
                raise InputError(self.tr("没有需要发出的函件：现行预警均维持，且没有新的预警过程。"))
            start = any(letter.recommendation is None for letter in letters)
        elif start:
            chosen = [n - 1 for n in draft.episodes]
            groups = (route_groups(state.evaluation, chosen) if self.per_route.isChecked() else []) or [chosen]
            letters = [build_proposal(state.evaluation, meta, scheme, episodes=g, officer=officer, met=met,
                                      edits=edits) for g in groups]
        else:
            indexes = (acting_recommendations(state.evaluation) if draft.letter == "followups"
                       else [int(draft.letter[4:])])
            letters = [build_followup(state.evaluation, meta, scheme, recommendation=i, officer=officer, edits=edits)
                       for i in indexes]
        if per_side:
            letters = with_sides(letters, state.evaluation, meta, scheme, officer, met=met if start else None,
                                 edits=edits)
        letters = numbered(letters, split_numbers(draft.doc_number), field=self.tr("文号"))  # each its own
        return [self._with_findings(letter) for letter in letters]

    def _with_findings(self, proposal):
        review = self.findings_review
        if not review.findings:
            return proposal
        return replace(proposal, data_findings=list(review.findings), findings_accepted_in="review dialog")

    def update_preview(self) -> None:
        try:
            self.letters = self.build_letters()
        except InputError as exc:
            self.letters, self.proposal = [], None
            self.preview.setPlainText(error_text(exc))
        else:
            self.proposal = self.letters[0]
            self.preview.setHtml(self._preview_html())
        self.missing_label.setText("\n".join(self.warnings()))
        accepted = self.findings_review.accepted()
        for button in (self.docx_button, self.pdf_button, self.briefing_button, self.form_button):
            button.setEnabled(self.proposal is not None and accepted)
        for button in (self.docx_button, self.pdf_button):
            button.setToolTip("" if accepted else self.tr("请先查看数据质量问题并勾选确认"))
        self._say_what_blocks(accepted)

    def _say_what_blocks(self, accepted: bool) -> None:
        """The line over the buttons: what keeps them greyed and where to act (empty when nothing does)."""
        if self.proposal is None:
            text = self.tr("无法保存：函件未能生成，原因见右侧预览。")
        elif not accepted:
            text = self.tr("保存前须确认数据质量问题：查看表单底部列出的问题，勾选“我已查看以上数据问题，仍据此预报发函”。")
        else:
            text = ""
        self.blocked_label.setText(text)
        self.blocked_label.setVisible(bool(text))
        self.go_accept_button.setVisible(self.proposal is not None and not accepted)

    def show_acceptance(self) -> None:
        """Scroll the form to the data-quality findings and their acknowledgement box, and focus the box."""
        box = self.findings_review.accept_box
        self.form_scroll.ensureWidgetVisible(self.findings_review.heading)
        self.form_scroll.ensureWidgetVisible(box)
        box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _preview_html(self) -> str:
        if len(self.letters) == 1:
            return proposal_html(self.proposal)
        count = len(self.letters)
        where = self.tr("分别保存为 %1 个文件").replace("%1", str(count)) if self.split.isChecked() else \
            self.tr("依次保存在同一个文件中")
        summary = self.tr("共 %1 件函，%2：").replace("%1", str(count)).replace("%2", where)
        parts = [f"<p style='color:#1d4f8f'><b>{summary}</b></p>"]
        for k, letter in enumerate(self.letters, start=1):
            html = proposal_html(letter)
            body = html[html.index(">", html.index("<body")) + 1:html.rindex("</body>")]
            heading = self.tr("第 %1 件").replace("%1", str(k))
            parts.append(f"<p style='color:#1d4f8f'>{heading}{'（' + letter.side + '）' if letter.side else ''}"
                         f"</p>{body}")
        return "<html><body>" + "".join(parts) + "</body></html>"

    def warnings(self) -> list[str]:
        """What the officer should see before sending: empty fields, the 成文日期 after the proposed start or a
        stale forecast, characters the fonts cannot draw — in the interface language."""
        if self.proposal is None:
            return []
        from app.domain.letter_sets import date_problems
        from app.export.fonts import undrawable

        out: list[str] = []
        for letter in self.letters or [self.proposal]:  # each warning once, whichever letters share it
            missing = letter.missing_fields()
            found = [self.tr("未填写：%1").replace("%1", "、".join(missing))] if missing else []
            found += [error_text(problem) for problem in date_problems(letter)]
            boxes = undrawable(letter.full_text)
            if boxes:
                found.append(self.tr("字体无法显示以下字符，打印时将显示为方框：%1").replace("%1", " ".join(boxes)))
            out += [line for line in found if line not in out]
        return out

    def _red_header(self, letters: list) -> list[str] | str:
        """Each letter's own sender's 红头 (the scheme's letterheads), or none."""
        from app.domain.letter_sets import letterheads

        return letterheads(letters, self.state.scheme) if self.red_header.isChecked() else ""

    def save_approval_form(self, path: str | None = None) -> str | None:
        """Write the 呈批件 for this letter as .docx or .pdf (by the name's suffix); the path, or None."""
        from app.domain.letter_sets import approval_form
        from app.export.approval_form import write_approval_form

        self.update_preview()
        if self.proposal is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存呈批件"),
                                                  f"{letters_file_stem(self.letters or [self.proposal])}-呈批件.docx",
                                                  self.tr("Word 文档 (*.docx);;PDF 文件 (*.pdf)"))
            if not path:
                return None
        kind = "pdf" if path.lower().endswith(".pdf") else "docx"
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            letters = self.letters or [self.proposal]
            for k, letter in enumerate(letters, start=1):  # one 呈批件 per letter, numbered as the letters
                target = path if len(letters) == 1 else str(Path(path).with_name(f"{Path(path).stem}-{k}"
                                                                                 f"{Path(path).suffix}"))
                write_approval_form(approval_form(letter), **{kind: target})
        except InputError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            return None
        return path

    def save_as(self, kind: str, path: str | None = None) -> str | None:
        """Write the letter (asks for a path unless one is given); returns the path written, None if not."""
        self.update_preview()
        if self.proposal is None or not self.findings_review.accepted():
            return None
        if path is None:
            pattern = self.tr("Word 文档 (*.docx)") if kind == "docx" else self.tr("PDF 文件 (*.pdf)")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存预警建议函"),
                                                  start_path(self, f"{letters_file_stem(self.letters or [self.proposal])}.{kind}"), pattern)
            if not path:
                return None
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
        letters = self.letters or [self.proposal]
        batches = ([([letter], split_path(path, n, letter)) for n, letter in enumerate(letters, start=1)]
                   if self.split.isChecked() and len(letters) > 1 else [(letters, Path(path))])
        written: list[str] = []
        try:
            for batch, target in batches:
                export_proposal(batch, scheme=self.state.scheme, meta=self.state.forecast.meta,
                                red_header=self._red_header(batch), **{kind: target})
                written.append(str(target))
                if self.approval_form.isChecked():  # as `hazedesk proposal --approval-form`
                    self._forms_beside(batch, target, kind)
            if self.state.consultation is not None:  # the 会商纪要 beside the letter
                from app.export.minutes import minutes_path, write_minutes

                write_minutes(self.state.consultation, minutes_path(path))
        except InputError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            return None
        self._save_draft()
        self.saved_letters += written
        self._last_saved = written
        confirm_saved(self, written)
        return written[0]

    def letter_files(self) -> list[str]:
        """The files of the letters saved last (what the 案例 dock offers to record): each file of the last save
        with its Word or PDF twin saved before it, in the order saved — one file, a combined file, or every file
        of a split run."""
        stems = [Path(p).with_suffix("") for p in self._last_saved]
        return list(dict.fromkeys(p for stem in stems for p in self.saved_letters if Path(p).with_suffix("") == stem))

    def _forms_beside(self, batch: list, target: Path, kind: str) -> None:
        from app.domain.letter_sets import approval_form
        from app.export.approval_form import write_approval_form

        for k, letter in enumerate(batch, start=1):
            suffix = f"-{k}" if len(batch) > 1 else ""
            write_approval_form(approval_form(letter), **{kind: approval_path(target, suffix)})

    def save_briefing(self, path: str | None = None) -> str | None:
        """Write the briefing pack with this letter (asks for a path unless given); the path, or None."""
        from app.domain.progress import Cancelled, Progress
        from app.export.briefing import export_briefing

        self.update_preview()
        if self.proposal is None or not self.findings_review.accepted():
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存会商简报"), start_path(self, "会商简报.pdf"),
                                                  self.tr("PDF 文件 (*.pdf)"))
            if not path:
                return None
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
        waiting = QProgressDialog(self.tr("正在生成会商简报…"), self.tr("取消"), 0, 1000, self)
        waiting.setWindowModality(Qt.WindowModality.WindowModal)
        waiting.setMinimumDuration(300)

        def report(fraction: float, message: str) -> None:
            waiting.setValue(int(fraction * 1000))
            if message:
                waiting.setLabelText(message)
            QCoreApplication.processEvents()

        progress = Progress(report)
        waiting.canceled.connect(progress.cancel)
        state = self.state
        try:
            export_briefing(state.evaluation, state.forecast.meta, state.scheme, path,
                            proposal=self.letters or [self.proposal], red_header=self._red_header(
                                self.letters or [self.proposal]),
                            edits=self.proposal.edits, progress=progress, consultation=state.consultation)
        except Cancelled:
            return None
        except InputError as exc:
            QMessageBox.warning(self, self.tr("无法保存"), error_text(exc))
            return None
        finally:
            waiting.reset()
        confirm_saved(self, [path])
        return path

    def done(self, result: int) -> None:
        self._autosave.stop()
        self._save_draft()
        super().done(result)
