"""The review dialog: fields drive the preview, drafts autosave and come back, files are written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from app.domain.proposal import build_proposal
from app.domain.results import Recommendation
from app.export.audit import read_audit
from app.export.drafts import drafts_path, load_draft


@pytest.fixture
def state(orange, qtbot):
    from app.gui.state import AppState

    s = AppState()
    s.scheme, s.forecast, s.original_forecast = orange.scheme, orange.forecast, orange.forecast
    s.evaluation = orange.evaluation
    return s


def _dialog(state, qtbot):
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(state)
    qtbot.addWidget(dialog)
    return dialog


def test_fields_drive_the_preview(state, qtbot):
    dialog = _dialog(state, qtbot)
    assert "关于启动川渝地区重污染天气区域橙色预警的建议函" in dialog.preview.toPlainText()
    assert "未填写：文号" in dialog.missing_label.text()
    dialog.doc_number.setText("川渝联防办〔2026〕7号")
    dialog.episode_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.met_text.setPlainText("静稳高湿，逆温明显。")
    dialog.update_preview()
    text = dialog.preview.toPlainText()
    assert "川渝联防办〔2026〕7号" in text and "静稳高湿，逆温明显。" in text
    assert "盆地南部地区" not in text and "成都平原地区" in text
    # dated today, the January forecast is old and the letter after the start: the dialog says so
    warnings = dialog.missing_label.text()
    assert "after the proposed start" in warnings or "晚于建议启动时间" in warnings
    dialog.letter_date.setDate(QDate(2026, 1, 10))
    dialog.update_preview()
    assert dialog.missing_label.text() == ""


def test_draft_comes_back_after_restart(state, qtbot):
    dialog = _dialog(state, qtbot)
    dialog.doc_number.setText("川渝联防办〔2026〕8号")
    dialog.met_text.setPlainText("officer text")
    dialog.episode_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: drafts_path().exists() and load_draft(state.forecast.meta.sha256)[0].doc_number ==
                    "川渝联防办〔2026〕8号", timeout=3000)
    # a crash: the dialog is never closed properly; a new one opens on the same forecast
    again = _dialog(state, qtbot)
    assert again.restored_label.isVisibleTo(again)
    assert again.doc_number.text() == "川渝联防办〔2026〕8号"
    assert again.met_text.toPlainText() == "officer text"
    assert again.episode_list.item(0).checkState() == Qt.CheckState.Unchecked
    assert again.episode_list.item(2).checkState() == Qt.CheckState.Checked


def test_unedited_met_text_stays_the_prefill(state, qtbot):
    dialog = _dialog(state, qtbot)
    assert dialog.current_draft().met_text is None
    cli_letter = build_proposal(state.evaluation, state.forecast.meta, state.scheme, episodes=[0, 1, 2],
                                met=state.forecast.met)
    assert dialog.met_text.toPlainText() == cli_letter.met_text
    assert cli_letter.met_text.startswith("预警期间，预警城市平均风速约")


def test_save_writes_files_and_audits(state, qtbot, tmp_path):
    dialog = _dialog(state, qtbot)
    dialog.doc_number.setText("川渝联防办〔2026〕9号")
    assert dialog.save_as("docx", str(tmp_path / "a.docx")) == str(tmp_path / "a.docx")
    assert dialog.save_as("pdf", str(tmp_path / "a.pdf")) == str(tmp_path / "a.pdf")
    assert (tmp_path / "a.docx").stat().st_size > 0 and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert [e["details"]["doc_number"] for e in read_audit()] == ["川渝联防办〔2026〕9号"] * 2


def test_followup_letter_from_a_recommendation(state, qtbot):
    evaluation = state.evaluation
    start = evaluation.times[0].to_pydatetime()
    state.evaluation = type(evaluation)(**{**evaluation.__dict__, "recommendations": [
        Recommendation("盆地中部地区", "orange", start, "lift", "none", start + timedelta(hours=40), "明显改善")]})
    dialog = _dialog(state, qtbot)
    index = dialog.letter_combo.findData("rec:0")
    assert index > 0
    dialog.letter_combo.setCurrentIndex(index)
    dialog.update_preview()
    assert "关于解除盆地中部地区重污染天气区域橙色预警的建议函" in dialog.preview.toPlainText()
    assert not dialog.episode_list.isEnabled()


def test_briefing_pack_from_the_dialog(state, qtbot, tmp_path):
    dialog = _dialog(state, qtbot)
    dialog.episode_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    out = dialog.save_briefing(str(tmp_path / "brief.pdf"))
    assert out == str(tmp_path / "brief.pdf") and (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert read_audit()[-1]["kind"] == "briefing"


def _two_followups(state):
    """The orange sample with two warnings in force the engine advises to act on: a lift and an upgrade."""
    from datetime import datetime

    from app.domain.engine import evaluate
    from app.domain.recommend import WarningInForce
    from app.domain.scheme import BEIJING
    from maps.adjacency import scheme_adjacency

    first = datetime(2026, 1, 9, tzinfo=BEIJING)  # in effect before the forecast (spec §7)
    # 南部 and 成都平原 pending as the forecast has them (keep, spec §7): no new warning, so two letters
    in_force = [WarningInForce("盆地东北部地区", "yellow", first),
                WarningInForce("盆地中部地区", "yellow", first, first + timedelta(hours=48)),
                WarningInForce("盆地南部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING)),
                WarningInForce("成都平原地区", "orange", datetime(2026, 1, 13, tzinfo=BEIJING))]
    state.evaluation = evaluate(state.forecast, state.scheme, scheme_adjacency(state.scheme).neighbours,
                                in_force=in_force)
    assert [r.action for r in state.evaluation.recommendations] == ["lift", "upgrade", "keep", "keep"]
    return in_force


def test_all_follow_up_letters_in_one_file_read_back_in_order(state, qtbot, tmp_path):
    from app.export.proposal_readback import apply_letters, read_issued_letters

    in_force = _two_followups(state)
    dialog = _dialog(state, qtbot)
    index = dialog.letter_combo.findData("followups")
    assert index > 0 and "2 件" in dialog.letter_combo.itemText(index)
    dialog.letter_combo.setCurrentIndex(index)
    dialog.update_preview()
    text = dialog.preview.toPlainText()
    assert "共 2 件函" in text
    assert text.index("关于解除盆地东北部地区") < text.index("关于盆地中部地区重污染天气区域预警")
    assert not dialog.per_route.isEnabled() and not dialog.episode_list.isEnabled()
    out = dialog.save_as("pdf", str(tmp_path / "follow.pdf"))
    letters = read_issued_letters(out, state.scheme)
    assert [x.kind for x in letters] == ["lift", "upgrade"]
    # spec §7: the lifted warning stays listed with its end until the next forecast drops it
    after = apply_letters(in_force, letters)
    assert [(w.region, w.level) for w in after] == [("盆地东北部地区", "yellow"), ("盆地中部地区", "orange"),
                                                    ("盆地南部地区", "orange"), ("成都平原地区", "orange")]
    assert after[0].end is not None and after[0].end < state.evaluation.times[0]


def test_per_side_letters_and_one_file_each(state, qtbot, tmp_path):
    _two_followups(state)
    dialog = _dialog(state, qtbot)
    dialog.letter_combo.setCurrentIndex(dialog.letter_combo.findData("rec:1"))  # the upgrade of 盆地中部地区
    dialog.per_side.setChecked(True)
    dialog.split.setChecked(True)
    dialog.update_preview()
    assert not dialog.side_combo.isEnabled()
    assert [x.side for x in dialog.letters] == ["", "四川省", "重庆市"]  # the joint letter, then each side's
    dialog.save_as("docx", str(tmp_path / "up.docx"))
    names = sorted(p.name for p in tmp_path.glob("up-*.docx"))
    assert names == ["up-1-升级-盆地中部地区.docx", "up-2-升级-盆地中部地区-四川省.docx",
                     "up-3-升级-盆地中部地区-重庆市.docx"]
    assert dialog.saved_letters == [str(tmp_path / n) for n in names]


def test_one_start_letter_per_approval_route(state, qtbot, red):
    from app.domain.letter_sets import route_groups

    state.scheme, state.forecast, state.original_forecast = red.scheme, red.forecast, red.forecast
    state.evaluation = red.evaluation
    routes = route_groups(red.evaluation, range(len(red.evaluation.episodes)))
    assert len(routes) > 1
    dialog = _dialog(state, qtbot)
    assert dialog.per_route.isEnabled() and len(dialog.letters) == 1
    dialog.per_route.setChecked(True)
    dialog.update_preview()
    assert len(dialog.letters) == len(routes)
    assert [[e.number - 1 for e in x.episodes] for x in dialog.letters] == routes
    assert f"共 {len(routes)} 件函" in dialog.preview.toPlainText()


def test_letter_set_choices_are_kept_in_the_draft(state, qtbot):
    """The 多件函 choices (all follow-ups, per route, per side, split, approval form, red header) and the sending
    side come back after an autosave and a restart, and after closing and reopening the dialog."""
    _two_followups(state)
    dialog = _dialog(state, qtbot)
    dialog.letter_combo.setCurrentIndex(dialog.letter_combo.findData("followups"))
    dialog.side_combo.setCurrentIndex(dialog.side_combo.findData("重庆市"))
    for box in (dialog.per_side, dialog.split, dialog.approval_form, dialog.red_header):
        box.setChecked(True)
    qtbot.waitUntil(lambda: load_draft(state.forecast.meta.sha256)[0].red_header, timeout=3000)
    draft = load_draft(state.forecast.meta.sha256)[0]
    assert (draft.letter, draft.side, draft.per_route, draft.per_side, draft.split, draft.approval_form) == \
        ("followups", "重庆市", False, True, True, True)
    again = _dialog(state, qtbot)  # a crash and a restart: the autosaved draft comes back
    assert again.letter_combo.currentData() == "followups" and again.side_combo.currentData() == "重庆市"
    assert [b.isChecked() for b in (again.per_route, again.per_side, again.split, again.approval_form,
                                    again.red_header)] == [False, True, True, True, True]
    assert len(again.letters) == 6  # two follow-ups, each joint + 四川省 + 重庆市, as before the restart
    again.per_side.setChecked(False)
    again.side_combo.setCurrentIndex(0)
    again.accept()  # closing saves the draft at once
    third = _dialog(state, qtbot)
    assert not third.per_side.isChecked() and third.split.isChecked() and third.side_combo.currentData() == ""
    assert [x.kind for x in third.letters] == ["lift", "upgrade"]


def test_old_or_damaged_draft_fields_fall_back(state, qtbot):
    import json

    from app.export.drafts import save_draft

    save_draft(state.forecast.meta.sha256, load_draft("")[0])  # creates the file
    data = json.loads(drafts_path().read_text(encoding="utf-8"))
    data["forecasts"][0]["draft"] = {"doc_number": "川渝联防办〔2026〕3号", "split": "yes", "per_side": 1,
                                     "episodes": [1, "2"], "red_header": True, "colour": "red"}
    drafts_path().write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    draft, restored = load_draft(state.forecast.meta.sha256)
    assert restored and draft.doc_number == "川渝联防办〔2026〕3号" and draft.red_header
    assert (draft.split, draft.per_side, draft.episodes) == (False, False, [])
    dialog = _dialog(state, qtbot)
    assert dialog.red_header.isChecked() and not dialog.split.isChecked()


def test_each_letter_its_own_number_and_forms_beside(state, qtbot, tmp_path):
    from app.export.proposal_readback import read_issued_letters

    _two_followups(state)
    dialog = _dialog(state, qtbot)
    dialog.letter_combo.setCurrentIndex(dialog.letter_combo.findData("followups"))
    dialog.doc_number.setText("川渝联防办〔2026〕3号")
    dialog.approval_form.setChecked(True)
    dialog.update_preview()
    assert [x.doc_number for x in dialog.letters] == ["川渝联防办〔2026〕3号", "川渝联防办〔2026〕4号"]
    text = dialog.preview.toPlainText()
    assert text.index("川渝联防办〔2026〕3号") < text.index("川渝联防办〔2026〕4号")
    out = dialog.save_as("docx", str(tmp_path / "f.docx"))
    assert [(x.kind, x.doc_number) for x in read_issued_letters(out, state.scheme)] == \
        [("lift", "川渝联防办〔2026〕3号"), ("upgrade", "川渝联防办〔2026〕4号")]
    assert sorted(p.name for p in tmp_path.glob("*呈批件*")) == ["f-呈批件-1.docx", "f-呈批件-2.docx"]
    # the briefing pack carries both letters, in order
    brief = dialog.save_briefing(str(tmp_path / "b.pdf"))
    assert [(x.kind, x.doc_number) for x in read_issued_letters(brief, state.scheme)] == \
        [("lift", "川渝联防办〔2026〕3号"), ("upgrade", "川渝联防办〔2026〕4号")]
    # letters of different senders: one number cannot number them; the dialog says so and writes nothing
    dialog.per_side.setChecked(True)
    dialog.update_preview()
    assert dialog.proposal is None and not dialog.docx_button.isEnabled()
    assert "different senders" in dialog.preview.toPlainText() or "发文机关不同" in dialog.preview.toPlainText()
    numbers = "；".join(f"川渝联防办〔2026〕{n}号" for n in range(3, 9))
    dialog.doc_number.setText(numbers)
    dialog.update_preview()
    assert [x.doc_number for x in dialog.letters] == numbers.split("；")


def test_the_files_of_the_letters_saved_last(state, qtbot, tmp_path):
    """What the 案例 dock is offered after the dialog: every file of the last save with its Word/PDF twin — all
    the files of a split run (it was only the last letter's), or the one combined file."""
    from pathlib import Path

    _two_followups(state)
    dialog = _dialog(state, qtbot)
    dialog.letter_combo.setCurrentIndex(dialog.letter_combo.findData("followups"))
    dialog.doc_number.setText("川渝联防办〔2026〕3号")
    dialog.split.setChecked(True)
    dialog.update_preview()
    dialog.save_as("docx", str(tmp_path / "f.docx"))
    dialog.save_as("pdf", str(tmp_path / "f.pdf"))
    assert [Path(p).name for p in dialog.letter_files()] == [
        "f-1-解除-盆地东北部地区.docx", "f-1-解除-盆地东北部地区.pdf", "f-2-升级-盆地中部地区.docx",
        "f-2-升级-盆地中部地区.pdf"]
    dialog.split.setChecked(False)
    dialog.update_preview()
    dialog.save_as("docx", str(tmp_path / "c.docx"))
    assert dialog.letter_files() == [str(tmp_path / "c.docx")]


def test_a_file_of_several_letters_is_offered_a_name_for_what_it_holds(state, qtbot, monkeypatch):
    """It was offered the first letter's title (关于解除盆地东北部地区…): the date and the letters it holds."""
    from PySide6.QtWidgets import QFileDialog

    _two_followups(state)
    dialog = _dialog(state, qtbot)
    dialog.letter_combo.setCurrentIndex(dialog.letter_combo.findData("followups"))
    dialog.letter_date.setDate(QDate(2026, 1, 9))
    dialog.update_preview()
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (offered.append(a[2]), ("", ""))[1])
    assert dialog.save_as("docx") is None
    assert dialog.save_approval_form() is None
    names = [Path(p).name for p in offered]
    assert names == ["2026年1月9日区域预警建议函（2件：解除1件、升级1件）.docx",
                     "2026年1月9日区域预警建议函（2件：解除1件、升级1件）-呈批件.docx"], names
    dialog.letter_combo.setCurrentIndex(dialog.letter_combo.findData("rec:1"))  # one letter: its title
    dialog.update_preview()
    dialog.save_as("pdf")
    assert Path(offered[-1]).name == f"{dialog.proposal.title}.pdf"


@pytest.mark.parametrize("text, stem", [("关于启动…的建议函", "关于启动…的建议函"), ('a<b>:c"d/e\\f|g?h*', "a_b__c_d_e_f_g_h_"),
                                        ("名称. ", "名称"), ("CON", "_CON"), ("com1.x", "_com1.x"), ("a\tb", "a_b")])
def test_file_stems_windows_accepts(text, stem):
    from app.export.letters import file_stem

    assert file_stem(text) == stem
