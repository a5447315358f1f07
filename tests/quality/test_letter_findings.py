"""The letter records which data-quality findings were present and accepted: in its machine record (docx and
pdf) and the audit log, never in its body; the review dialog shows them before export and writes only once
the officer has ticked that they saw the warnings; the command line says them on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.quality import assess
from app.export.audit import read_audit
from app.export.record_files import docx_record_text, pdf_record_text
from app.paths import SAMPLES_DIR

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"
ROOT = Path(__file__).resolve().parents[2]


def orange_with_99999(folder: Path) -> tuple[Path, int]:
    lines = ORANGE.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.startswith("time,"))
    column = lines[header].strip().split(",").index("pm25")
    row = next(i for i, line in enumerate(lines) if ",成都市," in line and line.startswith("2026-01-10 05:00"))
    cells = lines[row].rstrip("\n").split(",")
    cells[column] = "99999"
    lines[row] = ",".join(cells) + "\n"
    path = folder / "orange-99999.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path, row + 1


@pytest.fixture
def state(tmp_path, qtbot):
    from app.export.inputs import load_and_evaluate
    from app.gui.state import AppState
    from maps.derived import scheme_neighbours

    path, row = orange_with_99999(tmp_path)
    inputs = load_and_evaluate(str(path))
    s = AppState()
    s.scheme, s.forecast, s.original_forecast = inputs.scheme, inputs.forecast, inputs.forecast
    s.evaluation, s.forecast_path = inputs.evaluation, str(path)
    s.quality = assess(inputs.forecast, inputs.evaluation, inputs.scheme, scheme_neighbours(inputs.scheme))
    s.test_row = row
    return s


def test_the_review_dialog_shows_the_findings_and_waits_for_the_officer(state, qtbot, tmp_path):
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    dialog = ProposalDialog(state)
    qtbot.addWidget(dialog)
    review = dialog.findings_review
    assert not review.isHidden() and review.list.count() == len(state.quality.findings) >= 1
    assert any("99999" in review.list.item(i).text() for i in range(review.list.count()))
    assert not dialog.docx_button.isEnabled() and not dialog.pdf_button.isEnabled()
    assert dialog.save_as("docx", str(tmp_path / "no.docx")) is None and not (tmp_path / "no.docx").exists()
    review.accept_box.setChecked(True)
    assert dialog.docx_button.isEnabled() and dialog.pdf_button.isEnabled()
    docx = dialog.save_as("docx", str(tmp_path / "letter.docx"))
    pdf = dialog.save_as("pdf", str(tmp_path / "letter.pdf"))
    for record in (json.loads(docx_record_text(docx)), json.loads(pdf_record_text(pdf))):
        findings = record["data_findings"]
        assert findings["accepted_in"] == "review dialog" and findings["count"] == len(state.quality.findings)
        (item,) = [i for i in findings["items"] if i.get("value") == "99999"]
        assert item == {**item, "file": "orange-99999.csv", "row": state.test_row, "column": "pm25",
                        "units": ["成都市"], "severity": "warning"}
        assert item["action"] in ("excluded", "kept")
    assert "99999" not in dialog.proposal.body_text  # the body is the officer's letter, not program output
    audit = read_audit()
    assert audit[-1]["details"]["data_findings"]["accepted_in"] == "review dialog"


def test_a_clean_forecast_adds_nothing_to_the_record(qtbot, tmp_path):
    from app.domain.proposal import build_proposal
    from app.export.inputs import load_and_evaluate
    from app.export.letters import export_proposal

    inputs = load_and_evaluate(str(ORANGE))
    proposal = build_proposal(inputs.evaluation, inputs.forecast.meta, inputs.scheme, episodes=[0])
    (docx,) = export_proposal(proposal, docx=tmp_path / "l.docx", scheme=inputs.scheme, meta=inputs.forecast.meta)
    assert "data_findings" not in json.loads(docx_record_text(str(docx)))


def test_the_command_line_records_the_findings_and_says_so(tmp_path):
    path, row = orange_with_99999(tmp_path)
    env = {**os.environ, "HAZEDESK_HOME": str(tmp_path / "home"), "HAZEDESK_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "app", "proposal", str(path), "--pdf", str(tmp_path / "l.pdf"),
                             "--briefing", str(tmp_path / "b.pdf")], capture_output=True, text=True, timeout=180,
                            env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "data-quality finding(s) recorded with the letter" in result.stderr and "99999" in result.stderr
    record = json.loads(pdf_record_text(str(tmp_path / "l.pdf")))
    assert record["data_findings"]["accepted_in"] == "command line"
    assert any(i.get("row") == row for i in record["data_findings"]["items"])
    audit = [json.loads(line) for line in (tmp_path / "home" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["kind"] for e in audit] == ["proposal-start", "briefing"]
    assert all(e["details"]["data_findings"]["count"] >= 1 for e in audit)


def test_the_dialog_says_why_saving_is_off_and_takes_the_officer_to_the_box(state, qtbot, monkeypatch):
    """The acknowledgement box sits at the foot of the scrolled form, out of sight on a 768-pixel screen: a line
    beside the buttons says what is still needed, and its button scrolls to the box and focuses it."""
    from PySide6.QtCore import QRect, Qt

    from app.gui.dialogs import fit
    from app.gui.dialogs.proposal_dialog import ProposalDialog

    monkeypatch.setattr(fit, "free_area", lambda widget: QRect(0, 0, 1366, 728))
    dialog = ProposalDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.findings_review.accept_box
    assert box.visibleRegion().isEmpty()  # scrolled out of sight: the reason the line is needed
    assert dialog.blocked_label.isVisible() and "勾选" in dialog.blocked_label.text()
    assert dialog.go_accept_button.isVisible()
    qtbot.mouseClick(dialog.go_accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.visibleRegion().isEmpty())
    assert dialog.focusWidget() is box
    box.setChecked(True)
    assert not dialog.blocked_label.isVisible() and not dialog.go_accept_button.isVisible()
    assert dialog.pdf_button.isEnabled()
