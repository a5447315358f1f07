"""Each letter's 红头 is its own sender's (issue 24 item 2): with --per-side --red-header the provincial bureaus'
letters carry their own letterhead, 署名, 印发机关 and 发文字号 — in the .docx, the PDF and the briefing pack —
and the 红头 text of each sender comes from the scheme file's [distribution.letterheads]."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from app.cli import main
from app.domain.scheme import load_scheme
from app.errors import InputError
from app.paths import DEFAULT_SCHEME, SAMPLES_DIR

RED = SAMPLES_DIR / "sample-red-plain-south.csv"
NUMBERS = ["--doc-number", "川渝联防办〔2026〕7号", "--doc-number", "川环函〔2026〕7号", "--doc-number", "渝环函〔2026〕7号"]
SENDERS = ["川渝地区秋冬季重污染天气应急联动工作小组办公室", "四川省生态环境厅", "重庆市生态环境局"]


def _letters(docx: Path) -> list[dict]:
    """Per letter in the .docx: its 红头, 文号, 署名 and the office in its 印发 line."""
    document = Document(str(docx))
    letters: list[dict] = []
    for p in document.paragraphs:
        style = p.style.name
        if style == "HD 红头":
            letters.append({"red": p.text})
        elif style == "HD 文号":
            letters[-1]["number"] = p.text
        elif style == "HD 署名":
            letters[-1]["signer"] = p.text
    issued = [c.text.split("\t")[0] for t in document.tables for row in t.rows for c in row.cells if "印发" in c.text]
    for letter, office in zip(letters, issued, strict=True):
        letter["issued_by"] = office
    return letters


def test_each_side_letter_carries_its_own_senders_letterhead(tmp_path, capsys):
    docx, pdf = tmp_path / "l.docx", tmp_path / "l.pdf"
    assert main(["proposal", str(RED), "--per-side", "--red-header", *NUMBERS, "--date", "2026-12-19",
                 "--docx", str(docx), "--pdf", str(pdf)]) == 0, capsys.readouterr().err
    letters = _letters(docx)
    assert [x["red"] for x in letters] == SENDERS
    for letter, number in zip(letters, NUMBERS[1::2], strict=True):
        assert letter["red"] == letter["signer"] == letter["issued_by"]
        assert letter["number"] == number
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        firsts = [[line.strip() for line in page.splitlines() if line.strip()][:2] for page in text.split("\f")]
        heads = [lines for lines in firsts if len(lines) == 2 and lines[1] in NUMBERS[1::2]]
        assert [lines[0] for lines in heads] == SENDERS


def test_letterhead_text_comes_from_the_scheme(tmp_path, capsys):
    scheme = tmp_path / "scheme.toml"
    text = Path(DEFAULT_SCHEME).read_text(encoding="utf-8")
    text = text.replace('"四川省生态环境厅" = "四川省生态环境厅"', '"四川省生态环境厅" = "四川省生态环境厅文件"')
    scheme.write_text(text, encoding="utf-8")
    docx = tmp_path / "l.docx"
    assert main(["proposal", str(RED), "--scheme", str(scheme), "--per-side", "--red-header", *NUMBERS,
                 "--date", "2026-12-19", "--docx", str(docx)]) == 0, capsys.readouterr().err
    assert [x["red"] for x in _letters(docx)] == [SENDERS[0], "四川省生态环境厅文件", SENDERS[2]]
    # --red-header TEXT names the joint letter's letterhead only; each bureau keeps its own
    assert main(["proposal", str(RED), "--per-side", "--red-header", "川渝联防办", *NUMBERS,
                 "--date", "2026-12-19", "--docx", str(docx)]) == 0, capsys.readouterr().err
    assert [x["red"] for x in _letters(docx)] == ["川渝联防办", *SENDERS[1:]]


def test_an_empty_letterhead_in_the_scheme_is_refused(tmp_path):
    scheme = tmp_path / "scheme.toml"
    text = Path(DEFAULT_SCHEME).read_text(encoding="utf-8")
    scheme.write_text(text.replace('"重庆市生态环境局" = "重庆市生态环境局"', '"重庆市生态环境局" = " "'),
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scheme(scheme)
    assert "distribution.letterheads.重庆市生态环境局" in str(caught.value)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_the_briefing_copy_of_a_letter_has_its_letterhead(tmp_path, capsys):
    brief = tmp_path / "b.pdf"
    assert main(["proposal", str(RED), "--per-side", "--red-header", *NUMBERS, "--date", "2026-12-19",
                 "--pdf", str(tmp_path / "l.pdf"), "--briefing", str(brief)]) == 0, capsys.readouterr().err
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(brief), "-"], capture_output=True, text=True,
                          check=True).stdout
    firsts = [[line.strip() for line in page.splitlines() if line.strip()][:2] for page in text.split("\f")]
    assert [lines[0] for lines in firsts if len(lines) == 2 and lines[1] in NUMBERS[1::2]] == SENDERS
