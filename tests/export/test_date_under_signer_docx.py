"""GB/T 9704: the 成文日期 starts two characters right of the 署名's first character — in the .docx as LibreOffice
sets it, not only in the PDF. A right-aligned date was placed on the assumption that digits are half an em wide;
LibreOffice set them wider and the date started 1.2–1.4 characters right of the 署名."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from app.cli import main
from app.paths import DEFAULT_SAMPLE

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="needs LibreOffice and pdftotext")
SIGNER = "川渝地区秋冬季重污染天气应急联动工作小组办公室"


@pytest.mark.parametrize("date", ["2026-01-09", "2026-12-19"])
def test_the_date_starts_two_characters_right_of_the_signer(tmp_path, date):
    docx = tmp_path / "letter.docx"
    assert main(["proposal", str(DEFAULT_SAMPLE), "--episode", "1", "--docx", str(docx), "--date", date,
                 "--met", "静稳"]) == 0
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=300)
    html = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "letter.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    signer = next((float(x), float(y), float(x2)) for x, y, x2, text in words if text == SIGNER)
    pitch = (signer[2] - signer[0]) / len(SIGNER)
    year = date[:4]
    first = min((float(x) for x, y, _, text in words if text == year and 0 < float(y) - signer[1] < 3 * pitch),
                default=None)
    assert first is not None, "no date under the 署名"
    assert (first - signer[0]) / pitch == pytest.approx(2.0, abs=0.15)
