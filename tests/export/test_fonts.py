"""The bundled fonts: present by role, licensed, small enough, covering every character the exports print."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from app.domain.units import load_units
from app.export import fonts
from app.paths import FONTS_DIR
from tools.make_fonts import gb2312_characters


@pytest.fixture(scope="module")
def cmaps():
    return {role: TTFont(str(path), lazy=True).getBestCmap() for role, path in fonts.font_paths().items()}


def test_every_role_has_a_truetype_font_and_the_licence_is_there():
    for role, path in fonts.font_paths().items():
        font = TTFont(str(path), lazy=True)
        assert "glyf" in font and "CFF " not in font, role  # TrueType outlines: ReportLab can embed them
        assert font["name"].getDebugName(1) == fonts.FAMILIES[role]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert (FONTS_DIR / "README.md").is_file()
    for licence in ("OFL-ZhuqueFangsong.txt", "OFL-LXGWWenKai.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS_DIR / licence).read_text(encoding="utf-8")
    total = sum(p.stat().st_size for p in FONTS_DIR.iterdir())
    assert total < 32_000_000  # the GB18030 level-1 serif is 13 MB of it


def test_fonts_cover_gb2312_unit_names_and_symbols(cmaps):
    wanted = gb2312_characters() | set("µ³≥≤→°×−〔〕") | {ch for u in load_units() for ch in u.name}
    wanted |= {chr(c) for c in range(0x21, 0x7F)}
    for role, cmap in cmaps.items():
        spare = cmaps.get(fonts.FALLBACK.get(role, role), {})
        missing = sorted(ch for ch in wanted if ord(ch) not in cmap and ord(ch) not in spare)
        assert not missing, (role, missing[:20])
    hanzi = {ch for ch in gb2312_characters() if "\u4e00" <= ch <= "\u9fff"}
    assert all(ord(ch) in cmaps["body"] for ch in hanzi)  # the 仿宋 face itself draws every GB2312 hanzi


def test_gb18030_level1_names_print_and_the_rest_is_named():
    # typed names outside GB2312 (GBK / GB18030 level 1) are drawn by the serif fallback, never boxes
    assert fonts.undrawable("张喆、王堃、李镕、㐀") == []
    assert [role for role, _ in fonts.split_by_font("张喆", "body")] == ["body", "serif"]
    # a character beyond level 1 (CJK Extension B) is named, once
    assert fonts.undrawable("𠀀喆𠀀 ") == ["𠀀"]
    # sub- and superscripts (no CJK face has them) come from matplotlib's DejaVu Serif, never boxes
    assert fonts.undrawable("PM₂.₅、SO₂、O₃、m³") == []
    assert ("symbols", "₂") in fonts.split_by_font("SO₂", "body")


def test_typed_names_and_subscripts_print_in_the_pdf_letter(orange, tmp_path):
    import shutil
    import subprocess

    from app.domain.proposal import OfficerFields, build_proposal
    from app.export.proposal_pdf import render_pdf

    letter = build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme, episodes=[0],
                            officer=OfficerFields(met_text="静稳，PM₂.₅与SO₂累积（值班员王喆、李堃核）。"))
    pdf = tmp_path / "l.pdf"
    pdf.write_bytes(render_pdf(letter))
    if shutil.which("pdffonts"):
        listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert "DejaVuSerif" in listed and "HazeDeskNotoSerifSC-Regular" in listed  # both fallbacks embedded
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.replace(" ", "")
        assert "PM₂.₅" in text and "王喆" in text and "李堃" in text


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown font role"):
        fonts.font_path("italic")


def test_matplotlib_finds_the_bundled_family_by_name():
    from matplotlib import font_manager

    rc = fonts.register_matplotlib()
    assert rc["font.family"][0] == fonts.SANS_FAMILY and rc["pdf.fonttype"] == 42 and rc["svg.fonttype"] == "path"
    found = font_manager.findfont(font_manager.FontProperties(family=fonts.SANS_FAMILY), fallback_to_default=False)
    assert found == str(fonts.font_path("sans"))
    bold = font_manager.findfont(font_manager.FontProperties(family=fonts.SANS_FAMILY, weight="bold"),
                                 fallback_to_default=False)
    assert bold == str(fonts.font_path("sans-bold"))


def test_reportlab_faces_are_registered():
    from reportlab.pdfbase import pdfmetrics

    faces = fonts.register_reportlab()
    for face in faces.values():
        assert pdfmetrics.getFont(face).face.name  # registered TrueType, not a standard Type 1 font
    assert pdfmetrics.stringWidth("川渝", faces["body"], 16) == pytest.approx(32, abs=0.5)  # full-width hanzi
