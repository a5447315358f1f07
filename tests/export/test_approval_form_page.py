"""The 呈批件 is one page (issue 24 item 7): a red letter's form with two regions and two short-lead notes left
its 拟稿/审核/签发 rows alone on page 2; no line of it starts with "，"."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.cli import main
from app.paths import SAMPLES_DIR

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")


def test_each_approval_form_is_one_page_with_its_signing_rows(tmp_path, capsys):
    pdf = tmp_path / "l.pdf"
    assert main(["proposal", str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--per-route", "--approval-form",
                 "--date", "2026-12-19", "--doc-number", "川渝联防办〔2026〕7号", "--pdf", str(pdf)]) == 0, \
        capsys.readouterr().err
    forms = sorted(tmp_path.glob("l-呈批件-*.pdf"))
    assert len(forms) == 2
    for form in forms:
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(form), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        assert len(pages) == 1, form
        assert all(name in pages[0] for name in ("拟办意见", "拟稿", "审核", "签发"))
        starts = [line.strip() for line in text.splitlines() if line.strip() and line.strip()[0] in "，。、：；）"]
        assert not starts, starts


def test_a_three_region_form_is_one_page(tmp_path, capsys):
    """The red sample's single letter starts three regions and carries three short-lead notes: even at 11 pt the
    form ran to two pages; 五号 on tighter lines keeps it on one."""
    pdf = tmp_path / "l.pdf"
    assert main(["proposal", str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--approval-form",
                 "--date", "2026-12-19", "--pdf", str(pdf)]) == 0, capsys.readouterr().err
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(tmp_path / "l-呈批件.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == 1
    assert all(region in text for region in ("盆地中部地区", "盆地南部地区", "成都平原地区")) and all(n in pages[0] for n in ("拟办意见", "拟稿", "审核", "签发"))
