"""GB/T 9704 §7.5: the 版记 goes on an even page. When it would stand alone on an odd page, the PDF puts a blank
page before it, and neither the blank page nor the 版记's page carries a page number."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest

from app.domain.engine import evaluate
from app.domain.proposal import OfficerFields, build_followup
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.export.proposal_pdf import render_pdf_many
from app.export.proposal_readback import read_issued_letters

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def _pages(pdf_bytes: bytes, tmp_path) -> list[str]:
    path = tmp_path / "letters.pdf"
    path.write_bytes(pdf_bytes)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page.replace(" ", "") for page in text.split("\f")[:-1]]


def _upgrade_with_a_lone_foot(evaluation, orange, tmp_path):
    """The upgrade letter with a 气象条件 just long enough that its text ends near the foot of page 2, so that
    its 版记 would stand alone on page 3 (the wording of the letters changes; the case this test needs stays)."""
    for n in range(1, 120):
        officer = OfficerFields(date=date(2026, 1, 9), met_text="静稳天气" * n)
        letter = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=1, officer=officer,
                                met=orange.forecast.met)
        pages = _pages(render_pdf_many([letter]), tmp_path)
        if len(pages) == 4 and "抄报：" in pages[3] and "—2—" in pages[1] and pages[2].strip() == "":
            return letter
    raise AssertionError("no 气象条件 length puts the upgrade letter's 版记 alone on page 3")


def test_a_foot_alone_on_an_odd_page_moves_to_the_even_page_unnumbered(orange, tmp_path):
    from maps.adjacency import scheme_adjacency

    first = datetime(2026, 1, 9, tzinfo=BEIJING)  # in effect before the forecast (spec §7)
    evaluation = evaluate(orange.forecast, orange.scheme, scheme_adjacency(orange.scheme).neighbours,
                          in_force=[WarningInForce("盆地东北部地区", "yellow", first),
                                    WarningInForce("盆地中部地区", "yellow", first, first + timedelta(hours=48))])
    lift = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=0,
                          officer=OfficerFields(date=date(2026, 1, 9)), met=orange.forecast.met)
    upgrade = _upgrade_with_a_lone_foot(evaluation, orange, tmp_path)
    pages = _pages(render_pdf_many([lift, upgrade]), tmp_path)
    # the lift letter: two pages, its 版记 at the foot of page 2 beside the text
    assert "—1—" in pages[0] and "—2—" in pages[1] and "抄报：" in pages[1]
    # the upgrade letter: its text fills pages 1–2 and its 版记 would stand alone on page 3; page 3 is left
    # blank and the 版记 goes on page 4, neither numbered
    assert "—1—" in pages[2] and "—2—" in pages[3] and "抄报：" not in pages[3]
    assert pages[4].strip() == ""
    assert "抄报：" in pages[5] and "印发" in pages[5] and "—" not in pages[5]
    assert len(pages) == 6

    # the same letters alone: the upgrade letter is four pages, the lift letter keeps its two
    assert len(_pages(render_pdf_many([upgrade]), tmp_path)) == 4
    assert len(_pages(render_pdf_many([lift]), tmp_path)) == 2

    # the record of both letters is still attached once, read back in order
    path = tmp_path / "both.pdf"
    path.write_bytes(render_pdf_many([lift, upgrade]))
    assert [x.kind for x in read_issued_letters(path, orange.scheme)] == ["lift", "upgrade"]
