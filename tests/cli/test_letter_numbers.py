"""Each letter of a run has its own 发文字号 (app.domain.doc_numbers): the given number for the first and the
following serial numbers for the next, or one per letter; ambiguous input is refused with exit 2. The letters'
records, the audit log and the briefing pack carry every letter with its own number."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from app.cli import main
from app.domain.doc_numbers import letter_numbers, split_numbers
from app.errors import InputError
from app.export.audit import read_audit
from app.export.proposal_readback import read_issued_letters
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

RED = SAMPLES_DIR / "sample-red-plain-south.csv"
# spec §7: a lift (东北部: no 过程) and an upgrade (中部's yellow → its orange 过程 from 12日); the other two regions'
# pending warnings are what the forecast has (keep), so these are the only two letters
LIFT_AND_UPGRADE = [{"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-09T00:00"},
                    {"region": "盆地中部地区", "level": "yellow", "start": "2026-01-09T00:00",
                     "end": "2026-01-11T00:00"},
                    {"region": "盆地南部地区", "level": "orange", "start": "2026-01-12T00:00"},
                    {"region": "成都平原地区", "level": "orange", "start": "2026-01-13T00:00"}]
OFFICE = "川渝地区秋冬季重污染天气应急联动工作小组办公室"


def _run(capsys, *args):
    code = main([str(a) for a in args])
    return code, capsys.readouterr()


def _in_force(tmp_path) -> str:
    path = tmp_path / "in-force.json"
    path.write_text(json.dumps(LIFT_AND_UPGRADE, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_one_number_counts_on_for_the_next_letters():
    assert letter_numbers(["川渝联防办〔2026〕3号"], [OFFICE] * 3) == \
        ["川渝联防办〔2026〕3号", "川渝联防办〔2026〕4号", "川渝联防办〔2026〕5号"]
    assert letter_numbers(["川渝联防办〔2026〕9号"], [OFFICE] * 2)[1] == "川渝联防办〔2026〕10号"
    assert letter_numbers(["12号"], [OFFICE] * 2) == ["12号", "13号"]
    assert letter_numbers(["川渝联防办〔2026〕3号"], [OFFICE]) == ["川渝联防办〔2026〕3号"]
    assert letter_numbers(["x"], [OFFICE]) == ["x"]  # one letter: the number as typed
    assert letter_numbers([], [OFFICE] * 2) == ["", ""]  # none given: empty (the letters say so)


def test_one_number_per_letter_as_given():
    numbers = ["川渝联防办〔2026〕3号", "川环函〔2026〕17号", "渝环函〔2026〕8号"]
    assert letter_numbers(numbers, [OFFICE, "四川省生态环境厅", "重庆市生态环境局"]) == numbers
    assert split_numbers(["川渝联防办〔2026〕3号；川环函〔2026〕17号", "渝环函〔2026〕8号"]) == numbers
    assert split_numbers("a, b，c;d") == ["a", "b", "c", "d"]
    assert split_numbers(["", " "]) == [] and split_numbers(None) == []
    assert split_numbers(["a", ""]) == ["a", ""]  # an empty one keeps its place


@pytest.mark.parametrize("given, senders, needle", [
    (["川渝联防办〔2026〕三号"], [OFFICE] * 2, "must end in its serial number"),
    (["川渝联防办〔2026〕03号"], [OFFICE] * 2, "must end in its serial number"),  # no leading zero (GB/T 9704)
    (["川渝联防办〔2026〕3号"], [OFFICE, "四川省生态环境厅"], "different senders"),
    (["a", "b"], [OFFICE] * 3, "2 document numbers for 3 letters"),
    (["a", "a"], [OFFICE] * 2, "the same document number"),
])
def test_ambiguous_numbers_are_refused(given, senders, needle):
    with pytest.raises(InputError) as caught:
        letter_numbers(given, senders)
    assert needle in str(caught.value)
    assert caught.value.problems[0].localized("zh").message != caught.value.problems[0].message  # has Chinese


def test_split_letters_each_have_their_own_number(capsys, tmp_path):
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", _in_force(tmp_path), "--split",
                     "--docx", tmp_path / "f.docx", "--pdf", tmp_path / "f.pdf", "--date", "2026-01-09",
                     "--doc-number", "川渝联防办〔2026〕3号")
    assert code == 0, res.err
    first, second = tmp_path / "f-1-解除-盆地东北部地区", tmp_path / "f-2-升级-盆地中部地区"
    for path in (first, second):
        for suffix in (".docx", ".pdf"):
            assert path.with_suffix(suffix).is_file()
    assert [(x.kind, x.doc_number) for x in read_issued_letters(first.with_suffix(".docx"))] == \
        [("lift", "川渝联防办〔2026〕3号")]
    assert [(x.kind, x.doc_number) for x in read_issued_letters(second.with_suffix(".pdf"))] == \
        [("upgrade", "川渝联防办〔2026〕4号")]
    audit = [e for e in read_audit() if e["kind"].startswith("proposal-")]
    assert [e["details"]["doc_numbers"] for e in audit] == [["川渝联防办〔2026〕3号"], ["川渝联防办〔2026〕4号"]]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(second.with_suffix(".pdf")), "-"], capture_output=True,
                              text=True).stdout
        assert "川渝联防办〔2026〕4号" in text and "〔2026〕3号" not in text


def test_combined_file_and_briefing_carry_every_letter(capsys, tmp_path):
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", _in_force(tmp_path),
                     "--docx", tmp_path / "c.docx", "--briefing", tmp_path / "b.pdf", "--date", "2026-01-09",
                     "--doc-number", "川渝联防办〔2026〕3号", "--doc-number", "川渝联防办〔2026〕7号")
    assert code == 0, res.err
    expected = [("lift", "川渝联防办〔2026〕3号"), ("upgrade", "川渝联防办〔2026〕7号")]
    assert [(x.kind, x.doc_number) for x in read_issued_letters(tmp_path / "c.docx")] == expected
    # the briefing pack: every letter of the run, in order (it carried only the first)
    assert [(x.kind, x.doc_number) for x in read_issued_letters(tmp_path / "b.pdf")] == expected
    audit = {e["kind"]: e for e in read_audit()}
    assert audit["proposal-lift"]["details"]["doc_numbers"] == [n for _, n in expected]
    assert [(x["kind"], x["doc_number"]) for x in audit["briefing"]["details"]["letters"]] == expected
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True).stdout
        lift, upgrade = text.index("关于解除盆地东北部地区"), text.index("关于盆地中部地区重污染天气区域预警")
        assert text.index("川渝联防办〔2026〕3号") < lift < text.index("川渝联防办〔2026〕7号") < upgrade


@pytest.mark.parametrize("numbers, needle", [
    (["川渝联防办〔2026〕3号"], "different senders"),  # 联合 + 四川省 + 重庆市: three senders
    (["a", "b"], "2 document numbers for 3 letters"),
])
def test_ambiguous_numbers_exit_2_and_write_nothing(capsys, tmp_path, numbers, needle):
    args = [a for n in numbers for a in ("--doc-number", n)]
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--episode", "1", "--per-side", "--docx",
                     tmp_path / "s.docx", "--date", "2026-01-09", *args)
    assert code == 2 and needle in res.err and "Traceback" not in res.err
    assert not list(tmp_path.glob("s*"))


def test_per_side_letters_take_one_number_each(capsys, tmp_path):
    numbers = ["川渝联防办〔2026〕3号", "川环函〔2026〕17号", "渝环函〔2026〕8号"]
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--episode", "1", "--per-side", "--docx",
                     tmp_path / "s.docx", "--date", "2026-01-09", "--doc-number", "；".join(numbers))
    assert code == 0, res.err
    assert [x.doc_number for x in read_issued_letters(tmp_path / "s.docx")] == numbers


def test_help_says_how_letters_are_numbered(capsys):
    with pytest.raises(SystemExit):
        main(["proposal", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "following serial numbers" in out and "one per letter" in out


def test_a_refused_number_says_where_as_the_officer_reads_it():
    """The dialog's message names its 文号 field (it read "列 文号：…", a table's column), the command line its
    option; each says what was expected."""
    with pytest.raises(InputError) as caught:
        letter_numbers(["川渝联防办〔2026〕三号"], [OFFICE] * 2, field="文号")
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert zh.startswith("文号栏：多件函只给一个文号时") and "列" not in zh and "应为" in zh, zh
    assert en.startswith("the 文号 field: one document number") and "column" not in en and "expected" in en, en
    with pytest.raises(InputError) as caught:
        letter_numbers(["a", "b"], [OFFICE] * 3)
    assert caught.value.render("zh").startswith("选项 --doc-number：给出 2 个文号，但共有 3 件函")
    assert str(caught.value).startswith("option --doc-number: 2 document numbers for 3 letters")


def test_the_command_line_names_the_option_of_an_empty_field(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    code, res = _run(capsys, "proposal", DEFAULT_SAMPLE, "--episode", "1", "--docx", tmp_path / "e.docx",
                     "--date", "2026-01-09")
    assert code == 0, res.err
    assert "选项 --doc-number：函件的文号未填写" in res.err and "列 文号" not in res.err, res.err
