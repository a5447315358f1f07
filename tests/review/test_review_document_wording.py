"""The review report as the receiving office reads it (issue 24 item 3): a warning's lead time runs from its
letter's 成文日期, not from when the letter was recorded; without a case no warning is called "漏报"; dates are
written in Chinese without leading zeros, and no ISO date appears in the document."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import pytest

from app.cases.library import LetterChange, letter_time, open_library
from app.cli import main
from app.domain.scheme import BEIJING
from app.paths import SAMPLES_DIR


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def test_lead_time_runs_from_the_letters_date_not_its_recording(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("过程")
    # recorded two weeks before the letter's 成文日期 (the officer entered it in advance)
    lib.issue_letter(case, kind="start", number="川渝联防办〔2026〕1号", issued_at=bj(2025, 12, 26, 9),
                     date="2026-01-09", changes=[LetterChange("start", "盆地中部地区", "orange", bj(2026, 1, 11, 0),
                                                              bj(2026, 1, 15, 23))])
    _, times = lib.issued_warnings(case)
    assert times == {0: bj(2026, 1, 9, 0)}


def test_letter_time_is_the_recorded_time_within_the_letters_day():
    assert letter_time("2026-01-09T16:20:00+08:00", "2026-01-09") == bj(2026, 1, 9, 16, 20)
    assert letter_time("2026-01-12T09:00:00+08:00", "2026-01-09") == bj(2026, 1, 10, 0)  # recorded later
    assert letter_time("2026-01-09T16:00:00+08:00", "") == bj(2026, 1, 9, 16)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_review_report_without_a_case_neither_scores_issued_warnings_nor_writes_iso_dates(tmp_path, capsys):
    pdf, docx = tmp_path / "review.pdf", tmp_path / "review.docx"
    assert main(["review", "--observed", str(SAMPLES_DIR / "observed-red-plain-south.csv"), "--forecast",
                 str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--pdf", str(pdf), "--docx", str(docx),
                 "--json", str(tmp_path / "r.json")]) == 0, capsys.readouterr().err
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    assert "已发预警漏报" not in flat and "案例库中未记录" not in flat
    assert "不对已发预警作评估" in flat
    assert not re.search(r"\d{4}-\d{1,2}-\d{1,2}", flat)
    assert not re.search(r"(?<!\d)0\d月|月0\d日", flat), re.findall(r".{6}(?<!\d)0\d月.{4}|.{6}月0\d日.{4}", flat)
    assert "2026年12月20日至2026年12月26日" in flat
    # units written in Chinese as the letters write them: no µ, whose glyph the Chinese faces lack (Word and
    # LibreOffice fell back to DejaVu for it in the .docx)
    assert "微克/立方米" in flat and "µg" not in flat and "μg" not in flat
