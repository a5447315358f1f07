"""The .docx carries its faces (issue 24 item 7): a recipient without HazeDesk's fonts sees the letter in the
faces and on the pages of the PDF. The bundled faces are embedded as Word's obfuscated font parts, subset to
the characters used; LibreOffice on a machine with no Chinese font at all (fontconfig pointed at a folder
holding only DejaVu Sans) renders the .docx with them, on as many pages as the PDF."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from fontTools.ttLib import TTFont

from app.cli import main
from app.export.docx_fonts import obfuscate
from app.paths import SAMPLES_DIR

RED = SAMPLES_DIR / "sample-red-plain-south.csv"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embedded")
    docx, pdf = folder / "letters.docx", folder / "letters.pdf"
    assert main(["proposal", str(RED), "--per-route", "--red-header", "--date", "2026-12-19", "--doc-number",
                 "川渝联防办〔2026〕7号", "--word-fonts", "bundled", "--no-duplex",  # LibreOffice's PDF leaves out
                 "--docx", str(docx), "--pdf", str(pdf)]) == 0  # the blank page an odd-page break makes in print
    return docx, pdf


def test_obfuscation_is_ecma_376s_and_its_own_inverse():
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    data = bytes(range(40))
    hidden = obfuscate(data, key)
    reverse = bytes.fromhex("00112233445566778899AABBCCDDEEFF")[::-1]
    assert hidden[0] == data[0] ^ reverse[0] == 0xFF and hidden[16] == data[16] ^ 0xFF
    assert hidden[32:] == data[32:] and obfuscate(hidden, key) == data


def test_each_face_is_embedded_subset_and_named_in_the_font_table(letters, tmp_path):
    from lxml import etree

    docx, _ = letters
    with zipfile.ZipFile(docx) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
        rels = etree.fromstring(z.read("word/_rels/fontTable.xml.rels"))
        types = z.read("[Content_Types].xml").decode()
        settings = z.read("word/settings.xml").decode()
        targets = {r.get("Id"): r.get("Target") for r in rels}
        embedded = {}
        for font in table.findall(f"{W}font"):
            for embed in font:
                if embed.tag in (f"{W}embedRegular", f"{W}embedBold"):
                    data = obfuscate(z.read("word/" + targets[embed.get(f"{R}id")]), embed.get(f"{W}fontKey"))
                    path = tmp_path / "face.ttf"
                    path.write_bytes(data)
                    face = TTFont(str(path))
                    embedded[(font.get(f"{W}name"), embed.tag == f"{W}embedBold")] = (
                        face["name"].getDebugName(1), len(face.getGlyphOrder()), len(data))
    assert embedded[("HazeDesk Zhuque Fangsong", False)][0] == "HazeDesk Zhuque Fangsong"
    assert embedded[("HazeDesk Noto Serif SC", True)][0] == "HazeDesk Noto Serif SC"  # the title
    assert ("HazeDesk Noto Sans SC", False) in embedded and ("HazeDesk WenKai SC", False) in embedded
    for family, glyphs, size in embedded.values():
        assert glyphs < 1500 and size < 400_000, (family, glyphs, size)  # subsets, not the 5–13 MB faces
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types
    assert "<w:embedTrueTypeFonts/>" in settings and "<w:saveSubsetFonts/>" in settings


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _render_without_our_fonts(docx, tmp_path):
    """LibreOffice's PDF of ``docx`` on a machine without any Chinese font (only DejaVu Sans, which LibreOffice
    needs to start at all), and the faces that rendering used."""
    import matplotlib

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(f"{matplotlib.get_data_path()}/fonts/ttf/DejaVuSans.ttf", fonts)
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
                      f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    out = tmp_path / "lo"
    env = {"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)], check=True, capture_output=True,
                   timeout=300, env=env)
    rendered = out / (docx.stem + ".pdf")
    report = subprocess.run(["pdffonts", str(rendered)], capture_output=True, text=True, check=True).stdout
    return rendered, {line.split()[0].split("+")[-1] for line in report.splitlines()[2:]}


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdffonts")),
                    reason="LibreOffice or poppler not installed")
def test_libreoffice_without_our_fonts_renders_the_docx_in_the_embedded_faces(letters, tmp_path):
    docx, pdf = letters
    rendered, used = _render_without_our_fonts(docx, tmp_path)
    assert {"HazeDeskZhuqueFangsong-Regular", "HazeDeskNotoSerifSC-Bold", "HazeDeskNotoSansSC-Regular",
            "HazeDeskWenKaiSC-Regular"} <= used, used
    assert "DejaVuSans" not in used, used  # nothing fell back to the only font the machine has
    # the same faces, so the same pages — but LibreOffice 7.4 does not honour w:autoSpaceDE/DN="0" (set in every
    # body style) and puts a quarter em between Chinese and digits ("2026 年 12 月"): since the start letter's
    # period reads "…24时（或更晚）" (b7eefb3) the red letter's 版记 no longer fits its last page there. Word
    # honours the setting; one page more at most.
    assert _pages(pdf) <= _pages(rendered) <= _pages(pdf) + 1


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdffonts")),
                    reason="LibreOffice or poppler not installed")
def test_minutes_docx_carries_its_faces_and_page_numbers(tmp_path, monkeypatch):
    from app.export import proposal_docx

    monkeypatch.setattr(proposal_docx, "resolve_word_fonts", lambda choice="auto": "bundled")
    docx = tmp_path / "minutes.docx"
    files = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-chongqing.csv"]
    assert main(["consult", *(str(SAMPLES_DIR / f) for f in files), "--decided-at", "2026-12-19T10:30",
                 "--json", str(tmp_path / "r.json"), "--minutes", str(docx)]) == 0
    rendered, used = _render_without_our_fonts(docx, tmp_path)
    assert {"HazeDeskZhuqueFangsong-Regular", "HazeDeskNotoSerifSC-Bold", "HazeDeskNotoSansSC-Regular"} <= used
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "第 1 页" in text and f"第 {_pages(rendered)} 页" in text


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdffonts")),
                    reason="LibreOffice or poppler not installed")
def test_approval_form_docx_carries_the_letters_faces_and_stays_on_one_page(tmp_path):
    """The 呈批件 .docx named 黑体/仿宋 substitutes without embedding them (LibreOffice without our fonts set it
    all in DejaVu Sans) and had none of the PDF's line spacing or cell padding: it is now the PDF's form."""
    docx, pdf = tmp_path / "l.docx", tmp_path / "l.pdf"
    assert main(["proposal", str(RED), "--approval-form", "--date", "2026-12-19", "--word-fonts", "bundled",
                 "--docx", str(docx), "--pdf", str(pdf)]) == 0
    rendered, used = _render_without_our_fonts(tmp_path / "l-呈批件.docx", tmp_path)
    assert used == {"HazeDeskZhuqueFangsong-Regular", "HazeDeskNotoSerifSC-Bold", "HazeDeskNotoSansSC-Regular"}, used
    assert _pages(rendered) == _pages(tmp_path / "l-呈批件.pdf") == 1
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert all(name in text for name in ("主要内容", "拟办意见", "签发", "成都平原地区"))
