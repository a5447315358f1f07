"""Warnings in force taken back from an exported letter: the record in the .docx and the PDF, follow-up letters,
and clear errors for a file that is not ours, a damaged or edited record, an unknown region."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from docx import Document

from app.domain.engine import evaluate
from app.domain.proposal import OfficerFields, build_followup, build_proposal
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.errors import InputError
from app.export.letters import export_proposal
from app.export.proposal_readback import (
    apply_letter,
    apply_letters,
    plan_in_force,
    plan_letters,
    read_issued_letter,
    read_issued_letters,
    read_issued_proposal,
)
from app.export.proposal_record import _digest, combined_record, encode_record, parse_record, proposal_record

OFFICER = OfficerFields(doc_number="川渝联防办〔2026〕3号", date=date(2026, 1, 9))


@pytest.fixture(scope="module")
def start_letter(orange):
    return build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme, episodes=[0, 1, 2],
                          officer=OFFICER)


@pytest.fixture(scope="module")
def in_force_evaluation(orange):
    """The orange sample evaluated with yellow warnings in force in 盆地东北部地区 (→ lift) and 盆地中部地区
    (→ upgrade to orange)."""
    from maps.adjacency import scheme_adjacency

    first = orange.evaluation.times[0].to_pydatetime() - timedelta(hours=24)  # in effect (spec §7)
    in_force = [WarningInForce("盆地东北部地区", "yellow", first),
                WarningInForce("盆地中部地区", "yellow", first, first + timedelta(hours=48))]
    evaluation = evaluate(orange.forecast, orange.scheme, scheme_adjacency(orange.scheme).neighbours,
                          in_force=in_force)
    assert [r.action for r in evaluation.recommendations] == ["lift", "upgrade"]
    return in_force, evaluation


def _export(letter, orange, path):
    export_proposal(letter, scheme=orange.scheme, meta=orange.forecast.meta, **{path.suffix[1:]: path})
    return path


def _stamp(t):
    return None if t is None else pd.Timestamp(t)


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_round_trip_gives_the_letters_warnings(orange, start_letter, tmp_path, suffix):
    path = _export(start_letter, orange, tmp_path / f"letter{suffix}")
    warnings = read_issued_proposal(path, orange.scheme)
    episodes = [orange.evaluation.episodes[i] for i in (0, 1, 2)]
    assert [(w.region, w.level, _stamp(w.start), _stamp(w.end)) for w in warnings] == \
        [(e.region, e.level, _stamp(e.start), _stamp(e.end)) for e in episodes]
    assert all(w.start.utcoffset().total_seconds() == 8 * 3600 for w in warnings)
    letter = read_issued_letter(path, orange.scheme)
    assert (letter.kind, letter.doc_number, letter.scheme_id) == ("start", OFFICER.doc_number, orange.scheme.id)
    assert letter.forecast_sha256 == orange.forecast.meta.sha256 and len(letter.forecast_sha256) == 64


def test_record_survives_resaving_the_docx(orange, start_letter, tmp_path):
    path = _export(start_letter, orange, tmp_path / "letter.docx")
    document = Document(str(path))
    document.add_paragraph("（值班员补充的一段话）")
    document.save(str(path))
    assert [w.region for w in read_issued_proposal(path, orange.scheme)] == \
        [orange.evaluation.episodes[i].region for i in (0, 1, 2)]


def test_record_is_sliced_to_word_property_length(orange, start_letter, tmp_path):
    path = _export(start_letter, orange, tmp_path / "letter.docx")
    xml = zipfile.ZipFile(path).read("docProps/custom.xml").decode("utf-8")
    values = re.findall(r"<vt:lpwstr>(.*?)</vt:lpwstr>", xml, re.S)
    assert len(values) > 1 and all(len(v) <= 255 for v in values)


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_follow_up_letters_lift_and_upgrade(orange, in_force_evaluation, tmp_path, suffix):
    in_force, evaluation = in_force_evaluation
    current = [*in_force, WarningInForce("盆地南部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING))]
    lift = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=0, officer=OFFICER)
    upgrade = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=1, officer=OFFICER)
    lift_letter = read_issued_letter(_export(lift, orange, tmp_path / f"lift{suffix}"), orange.scheme)
    upgrade_letter = read_issued_letter(_export(upgrade, orange, tmp_path / f"up{suffix}"), orange.scheme)

    # spec §7: a lift sets the expected end to the hour before it takes effect; the warning stays listed until
    # the next forecast says it has ended (a return within 36 h is then an extension, not a second start)
    assert [s.what for s in plan_in_force(current, lift_letter)] == ["end"]
    after_lift = apply_letter(current, lift_letter)
    assert [w.region for w in after_lift] == ["盆地东北部地区", "盆地中部地区", "盆地南部地区"]
    assert _stamp(after_lift[0].end) == pd.Timestamp("2026-01-09T23:00+08:00")  # lifted from 10日00时
    assert read_issued_proposal(tmp_path / f"lift{suffix}", orange.scheme) == []
    assert plan_in_force(after_lift, lift_letter) == []  # already applied: nothing to do
    assert apply_letter(after_lift, lift_letter) == after_lift

    after_upgrade = apply_letter(after_lift, upgrade_letter)
    central = after_upgrade[1]
    assert (central.region, central.level, central.previous_level) == ("盆地中部地区", "orange", "yellow")
    assert _stamp(central.change_at) == pd.Timestamp("2026-01-12T00:00+08:00")  # orange from the letter's time on
    assert _stamp(central.start) == _stamp(in_force[1].start)  # the same warning, started before
    assert _stamp(central.end) == pd.Timestamp("2026-01-15T23:00+08:00") and central.end_at_least  # its one end
    assert after_upgrade[2] == after_lift[2]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_file_holding_several_letters_lists_each_and_applies_them_in_order(orange, start_letter,
                                                                             in_force_evaluation, tmp_path, suffix):
    in_force, evaluation = in_force_evaluation
    lift = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=0, officer=OFFICER)
    upgrade = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=1, officer=OFFICER)
    path = tmp_path / f"both{suffix}"
    export_proposal([lift, upgrade], scheme=orange.scheme, meta=orange.forecast.meta, **{suffix[1:]: path})

    letters = read_issued_letters(path, orange.scheme)
    assert [(x.kind, x.changes[0].region) for x in letters] == [("lift", "盆地东北部地区"), ("upgrade", "盆地中部地区")]
    assert [x.title for x in letters] == [lift.title, upgrade.title]
    after = apply_letters(list(in_force), letters)
    assert [(w.region, w.level) for w in after] == [("盆地东北部地区", "yellow"), ("盆地中部地区", "orange")]
    assert _stamp(after[1].change_at) == pd.Timestamp("2026-01-12T00:00+08:00")
    plans = plan_letters(list(in_force), letters)
    assert [[s.what for s in plan] for _, plan in plans] == [["end"], ["level"]]
    # what `evaluate --in-force` and the dock read: the same as applying the two single letters one after the other
    from app.export.inputs import warnings_in_force

    singles = [_export(x, orange, tmp_path / f"{n}{suffix}") for n, x in enumerate((lift, upgrade))]
    one_by_one = warnings_in_force([str(p) for p in singles], orange.scheme)
    assert warnings_in_force([str(path)], orange.scheme) == apply_letters([], letters)
    assert apply_letters(list(in_force), [read_issued_letter(p, orange.scheme) for p in singles]) == after
    assert one_by_one == apply_letters([], letters)
    with pytest.raises(InputError, match="holds 2 letters"):
        read_issued_letter(path, orange.scheme)

    # three letters, the first a start letter of three regions: the same as the three files one after the other
    three = tmp_path / f"three{suffix}"
    export_proposal([start_letter, lift, upgrade], scheme=orange.scheme, meta=orange.forecast.meta,
                    **{suffix[1:]: three})
    start_file = _export(start_letter, orange, tmp_path / f"start{suffix}")
    assert [x.kind for x in read_issued_letters(three, orange.scheme)] == ["start", "lift", "upgrade"]
    assert warnings_in_force([str(three)], orange.scheme) == \
        warnings_in_force([str(start_file), *map(str, singles)], orange.scheme)


def test_an_edited_letter_inside_a_combined_record_is_refused(orange, in_force_evaluation):
    _, evaluation = in_force_evaluation
    letters = [build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=i, officer=OFFICER)
               for i in (0, 1)]
    record = combined_record(letters)
    assert record["kind"] == "set" and len(record["letters"]) == 2
    record["letters"][1]["changes"][0]["level"] = "red"
    record["digest"] = _digest(record)  # the outer checksum recomputed; the letter's own still catches the edit
    with pytest.raises(InputError) as caught:
        parse_record(encode_record(record), "both.pdf", orange.scheme)
    assert caught.value.problem.column == "letters[1].digest"


def test_a_second_start_letter_replaces_the_regions_warning(orange, start_letter, tmp_path):
    letter = read_issued_letter(_export(start_letter, orange, tmp_path / "letter.pdf"), orange.scheme)
    region = letter.changes[0].region
    current = [WarningInForce(region, "yellow", datetime(2026, 1, 10, tzinfo=BEIJING))]
    plan = plan_in_force(current, letter)
    assert [s.what for s in plan] == ["replace", "add", "add"] and plan[0].before == current[0]
    assert plan_in_force(apply_letter(current, letter), letter) == []  # applying twice changes nothing


def test_a_word_file_that_is_not_ours(orange, tmp_path):
    path = tmp_path / "other.docx"
    Document().save(str(path))
    with pytest.raises(InputError) as caught:
        read_issued_proposal(path, orange.scheme)
    problem = caught.value.problem
    assert problem.file == str(path) and "no HazeDesk record" in problem.message and "HazeDesk" in problem.expected


@pytest.mark.parametrize("name,content,words", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable Word"),
    ("broken.pdf", b"hello", "not a PDF"),
    ("letter.txt", b"text", "not a proposal letter file"),
])
def test_files_of_the_wrong_kind(orange, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_issued_proposal(path, orange.scheme)
    assert words in caught.value.problem.message and caught.value.problem.file == str(path)


def test_a_pdf_that_is_not_ours(orange, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "other.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(100, 700, "not a proposal")
    canvas.save()
    with pytest.raises(InputError, match="no HazeDesk record"):
        read_issued_proposal(path, orange.scheme)


def _rewrite_docx(path, change):
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info, change(data) if info.filename == "docProps/custom.xml" else data)


def test_an_edited_record_is_refused(orange, start_letter, tmp_path):
    docx = _export(start_letter, orange, tmp_path / "letter.docx")
    _rewrite_docx(docx, lambda data: data.replace(b'"level":"orange"', b'"level":"red"', 1))
    with pytest.raises(InputError) as caught:
        read_issued_proposal(docx, orange.scheme)
    assert "changed after export" in caught.value.problem.message and caught.value.problem.file == str(docx)

    pdf = _export(start_letter, orange, tmp_path / "letter.pdf")
    data = pdf.read_bytes()
    assert data.count(b'"level":"orange"') >= 1  # the attachment is stored as it is, so it can be edited in place
    pdf.write_bytes(data.replace(b'"level":"orange"', b'"level":"yellow"', 1))
    with pytest.raises(InputError, match="changed after export"):
        read_issued_proposal(pdf, orange.scheme)


def test_a_damaged_record_is_refused(orange, start_letter, tmp_path):
    docx = _export(start_letter, orange, tmp_path / "letter.docx")
    _rewrite_docx(docx, lambda data: re.sub(rb'<property [^>]*name="HazeDeskRecord02".*?</property>', b"", data,
                                            flags=re.S))
    with pytest.raises(InputError, match="damaged"):
        read_issued_proposal(docx, orange.scheme)
    with pytest.raises(InputError, match="damaged"):
        parse_record('{"format": "hazedesk-proposal", "version": 1, "kind": "st', "x.pdf", orange.scheme)


def test_a_region_the_scheme_does_not_have(orange, start_letter):
    record = json.loads(encode_record(proposal_record(start_letter)))
    record["changes"][0]["region"] = "川西高原地区"
    record["digest"] = _digest(record)
    with pytest.raises(InputError) as caught:
        parse_record(json.dumps(record), "letter.docx", orange.scheme)
    problem = caught.value.problem
    assert problem.value == "川西高原地区" and problem.column == "changes[0].region"
    assert "成都平原地区" in problem.expected and problem.file == "letter.docx"


def test_a_compressed_attachment_is_read(orange, start_letter, tmp_path):
    """Tools that re-save a PDF may compress the attachment: Flate, and ASCII85 on top as older writers do."""
    from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFZCompress
    from reportlab.pdfgen.canvas import Canvas

    from app.export.record_files import attach_pdf_record

    path = tmp_path / "compressed.pdf"
    canvas = Canvas(str(path))
    canvas._doc.defaultStreamFilters = [PDFBase85Encode, PDFZCompress]  # every stream, the attachment too
    attach_pdf_record(canvas, encode_record(proposal_record(start_letter)))
    canvas.drawString(100, 700, "letter")
    canvas.save()
    data = path.read_bytes()
    assert b'"level"' not in data and b"/FlateDecode" in data and b"/ASCII85Decode" in data
    assert [w.region for w in read_issued_proposal(path, orange.scheme)] == \
        [orange.evaluation.episodes[i].region for i in (0, 1, 2)]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_record_survives_libreoffice_resaving_the_docx(orange, start_letter, tmp_path):
    path = _export(start_letter, orange, tmp_path / "letter.docx")
    out = tmp_path / "resaved"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=120)
    resaved = out / "letter.docx"
    assert resaved.read_bytes() != path.read_bytes()
    assert [w.level for w in read_issued_proposal(resaved, orange.scheme)] == ["orange"] * 3


@pytest.mark.skipif(not shutil.which("pdfdetach"), reason="poppler-utils not installed")
def test_pdf_readers_list_the_record_as_an_attachment(orange, start_letter, tmp_path):
    path = _export(start_letter, orange, tmp_path / "letter.pdf")
    listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert "hazedesk-proposal.json" in listing
    saved = tmp_path / "record.json"
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(saved), str(path)], check=True, capture_output=True)
    assert json.loads(saved.read_text(encoding="utf-8")) == proposal_record(start_letter)


def test_where_each_letter_stands_and_who_wrote_it(orange, start_letter, in_force_evaluation, tmp_path):
    """A combined PDF's record gives each letter's pages (filled in as the file is saved), a .docx the part
    only; every copy of a letter has the same digest (the case library tells letters apart by it) and names
    the sender, the recipients and the 成文日期."""
    from app.export.proposal_record import parse_records, with_pages

    _, evaluation = in_force_evaluation
    letters = [start_letter] + [build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=i,
                                               officer=OfficerFields(doc_number=f"川渝联防办〔2026〕{4 + i}号",
                                                                     date=date(2026, 1, 9)))
                                for i in (0, 1)]
    pdf, docx = tmp_path / "three.pdf", tmp_path / "three.docx"
    export_proposal(letters, scheme=orange.scheme, meta=orange.forecast.meta, pdf=pdf, docx=docx)
    on_paper, in_word = read_issued_letters(pdf, orange.scheme), read_issued_letters(docx, orange.scheme)
    assert [(x.part, x.parts) for x in on_paper] == [(1, 3), (2, 3), (3, 3)]
    assert [x.pages for x in in_word] == [None] * 3
    assert on_paper[0].pages[0] == 1 and all(b.pages[0] == a.pages[1] + 1 for a, b in zip(on_paper, on_paper[1:]))
    assert [x.digest for x in on_paper] == [x.digest for x in in_word] == \
        [proposal_record(p)["digest"] for p in letters]
    assert {(x.sender, x.date) for x in on_paper} == {("川渝地区秋冬季重污染天气应急联动工作小组办公室", "2026-01-09")}
    assert on_paper[0].recipients == start_letter.recipients
    # pages that do not fit the letters (another count, overlapping) are not believed; a record without them
    # (written before pages were kept) reads back without
    record = combined_record(letters)
    assert [x.pages for x in parse_records(encode_record(record), "x.pdf", orange.scheme)] == [None] * 3
    for pages in ([[1, 4], [5, 6]], [[1, 4], [4, 6], [7, 8]], "1-4"):
        bad = {**record, "pages": pages}
        bad["digest"] = _digest(bad)
        assert [x.pages for x in parse_records(encode_record(bad), "x.pdf", orange.scheme)] == [None] * 3
    assert with_pages(record, [1, 5, 7], 8)["pages"] == [[1, 4], [5, 6], [7, 8]]
    assert with_pages(proposal_record(start_letter), [1], 4) == proposal_record(start_letter)  # one letter: as it is


def test_a_letter_drawn_on_a_plain_canvas_still_carries_its_record(orange, start_letter, tmp_path):
    """proposal_flowables on a document without the record canvas: the record is attached at once (no pages)."""
    from reportlab.platypus import SimpleDocTemplate

    from app.export.pdf_pages import as_platypus
    from app.export.proposal_pdf import proposal_flowables

    path = tmp_path / "plain.pdf"
    SimpleDocTemplate(str(path)).build(as_platypus(proposal_flowables(start_letter)))
    [letter] = read_issued_letters(path, orange.scheme)
    assert letter.doc_number == "川渝联防办〔2026〕3号" and letter.pages is None
