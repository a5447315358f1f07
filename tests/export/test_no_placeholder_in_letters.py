"""No placeholder goes out in a letter (issue 24 item 5): a forecast without met columns used to print
"（气象条件由值班人员填写。）" silently. The empty 气象条件 is now warned about like the other empty fields, and the
letter leaves the section out with its headings renumbered."""

from __future__ import annotations

import re

from docx import Document

from app.cli import main
from app.paths import SAMPLES_DIR

DAILY = SAMPLES_DIR / "sample-regional-orange-daily-range.csv"


def test_a_letter_without_meteorology_has_no_placeholder_and_warns(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HAZEDESK_LANG", "en")
    docx = tmp_path / "l.docx"
    assert main(["proposal", str(DAILY), "--docx", str(docx), "--doc-number", "川渝联防办〔2026〕1号",
                 "--date", "2026-01-09"]) == 0
    err = capsys.readouterr().err
    assert "option --met: the letter's 气象条件 is not filled in" in err
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "由值班人员填写" not in text and "气象条件" not in text and "（" + "）" not in text
    headings = re.findall(r"^([一二三四五六])、", text, flags=re.M)
    assert headings == ["一", "二", "三"], headings


def test_typed_meteorology_keeps_its_section(tmp_path, capsys):
    docx = tmp_path / "l.docx"
    assert main(["proposal", str(DAILY), "--docx", str(docx), "--doc-number", "川渝联防办〔2026〕1号",
                 "--date", "2026-01-09", "--met", "静稳天气持续，边界层高度偏低。"]) == 0
    assert "气象条件" not in capsys.readouterr().err
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "二、气象条件\n静稳天气持续，边界层高度偏低。" in text and "四、有关要求" in text
