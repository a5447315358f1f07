"""Build the bundled Chinese fonts in ``resources/fonts/`` from Debian's ``fonts-noto-cjk`` package.

Reproducible: same .deb in, same files out. Steps, per role:

1. take the Simplified-Chinese face (``… CJK SC``) out of the package's .ttc collection;
2. subset it with fontTools to GB2312 (all 7,445 characters: levels 1 and 2 hanzi plus its symbols), ASCII,
   Latin-1, general and CJK punctuation, full-width forms, the few symbols the exports print (µ ³ ≥ ≤ → ° ×),
   and every character that occurs in the project's own data (unit table, scheme, AQI tables), so that a
   unit name outside GB2312 can never come out as a box;
3. convert the CFF (cubic) outlines to TrueType (quadratic) ``glyf`` outlines with ``fontTools.cu2qu``,
   because ReportLab and matplotlib's PDF backend embed TrueType outlines only;
4. rename the family (``HazeDesk Noto Serif SC`` …) as the OFL's Reserved-Font-Name rules do not apply to
   Noto (no RFN) but a distinct name keeps a system-installed full Noto from shadowing our subset in Qt.

Usage::

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    python tools/make_fonts.py /tmp/noto/usr/share/fonts/opentype/noto
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.cu2qu.cu2qu import curve_to_quadratic  # noqa: F401  (import check: cu2qu is available)
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "fonts"

# role -> (source file, output file, family name written into the font, style, character set)
# The serif regular is the letter's fallback for every character the 仿宋 body face (tools/build_zhuque.py) does
# not draw, so it covers GB18030 implementation level 1 (typed names such as 喆 堃 镕 print, never as boxes).
ROLES = {
    "serif-bold": ("NotoSerifCJK-Bold.ttc", "HazeDeskSerifSC-Bold.ttf", "HazeDesk Noto Serif SC", "Bold", "gb2312"),
    "serif": ("NotoSerifCJK-Regular.ttc", "HazeDeskSerifSC-Regular.ttf", "HazeDesk Noto Serif SC", "Regular",
              "gb18030-1"),
    "sans": ("NotoSansCJK-Regular.ttc", "HazeDeskSansSC-Regular.ttf", "HazeDesk Noto Sans SC", "Regular", "gb2312"),
    "sans-bold": ("NotoSansCJK-Bold.ttc", "HazeDeskSansSC-Bold.ttf", "HazeDesk Noto Sans SC", "Bold", "gb2312"),
    # 楷体 for the （一） headings: 霞鹜文楷 (LXGW WenKai, OFL 1.1), Debian fonts-lxgw-wenkai 1.250. Its Reserved
    # Font Names are "霞鹜" and "LXGW": this modified (subset) version must not carry them, hence "WenKai SC"
    "kai": ("LXGWWenKai-Regular.ttf", "HazeDeskKaiSC-Regular.ttf", "HazeDesk WenKai SC", "Regular", "gb2312"),
}

EXTRA_SYMBOLS = "µ³²≥≤→←↑↓°×÷±·—–…‰•、。，；：？！“”‘’（）《》【】〔〕−≈≠∼√∞℃"
PROJECT_TEXT_FILES = ("data/boundaries/units.csv", "data/schemes/*.toml", "data/aqi/*.toml")


def gb2312_characters() -> set[str]:
    """Every character GB2312 encodes (rows 1–9 symbols, 16–55 level-1 and 56–87 level-2 hanzi)."""
    chars: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def gb18030_level1_characters() -> set[str]:
    """GB18030-2022 implementation level 1, as far as a font can draw it: every character of the two-byte part
    (GBK's 21,886: all of U+4E00–U+9FA5 and the symbols), CJK Extension A (U+3400–U+4DBF) and the unified
    ideographs GB18030-2022 adds up to U+9FEF."""
    chars: set[str] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                chars.add(bytes([lead, trail]).decode("gb18030"))
            except UnicodeDecodeError:
                continue
    chars.update(chr(c) for c in range(0x3400, 0x4DC0))
    chars.update(chr(c) for c in range(0x9FA6, 0x9FF0))
    return {c for c in chars if not 0xE000 <= ord(c) <= 0xF8FF}  # private-use points are no characters


def wanted_characters(level: str = "gb2312") -> set[str]:
    chars = gb2312_characters() if level == "gb2312" else gb18030_level1_characters() | gb2312_characters()
    chars.update(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update(chr(c) for c in range(0x2000, 0x2070))  # general punctuation
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update(EXTRA_SYMBOLS)
    for pattern in PROJECT_TEXT_FILES:
        for path in sorted(ROOT.glob(pattern)):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if ord(ch) >= 0x20)
    return chars


def sc_face(collection: Path) -> TTFont:
    """The Simplified-Chinese face of a Noto CJK collection (found by its family name, not its index)."""
    if collection.suffix.lower() == ".ttf":
        return TTFont(str(collection))
    for font in TTCollection(str(collection)).fonts:
        if "CJK SC" in font["name"].getDebugName(1):
            return font
    raise SystemExit(f"{collection}: no 'CJK SC' face in this collection")


def subset_font(font: TTFont, chars: set[str]) -> None:
    options = subset.Options()
    # Horizontal text only, and the SC face's default forms: 'locl'/'vert' would pull in thousands of
    # JP/KR/TC and vertical alternates that nothing here draws (ReportLab and matplotlib ignore GSUB).
    options.layout_features = ["kern", "liga", "palt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints do not survive cu2qu anyway
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)


def cff_to_truetype(font: TTFont, max_err_em: float = 1.0 / 1000) -> None:
    """Replace the CFF table with quadratic ``glyf`` outlines (cubic → quadratic within max_err_em)."""
    glyph_set = font.getGlyphSet()
    max_err = max_err_em * font["head"].unitsPerEm
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType clockwise: reverse while converting
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, style: str) -> None:
    full = f"{family} {style}" if style != "Regular" else family
    postscript = f"{family.replace(' ', '')}-{style}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    rib_style = style if style in ("Regular", "Bold") else "Regular"
    for name_id, text in ((1, family), (2, rib_style), (3, f"HazeDesk subset;{postscript}"), (4, full),
                          (6, postscript)):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    if style == "Bold":
        font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40
        font["OS/2"].usWeightClass = 700
        font["head"].macStyle |= 0x01
    else:
        font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x40) & ~0x21
        font["OS/2"].usWeightClass = 400
        font["head"].macStyle &= ~0x01


def build(source_dir: Path, out_dir: Path = OUT_DIR, only: list[str] | None = None,
          kai_dir: Path = Path("/usr/share/fonts/truetype/lxgw-wenkai")) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for role, (collection, out_name, family, style, level) in ROLES.items():
        if only and role not in only:
            continue
        font = sc_face((kai_dir if role == "kai" else source_dir) / collection)
        subset_font(font, wanted_characters(level))
        if "CFF " in font:
            cff_to_truetype(font)
        rename(font, family, style)
        target = out_dir / out_name
        font.save(str(target))
        written.append(target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size / 1e6:.2f} MB, "
              f"{len(font.getGlyphOrder())} glyphs", file=sys.stderr)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source_dir", type=Path, help="folder holding the fonts-noto-cjk .ttc files")
    parser.add_argument("--kai-dir", type=Path, default=Path("/usr/share/fonts/truetype/lxgw-wenkai"),
                        help="folder holding LXGWWenKai-Regular.ttf (Debian fonts-lxgw-wenkai)")
    parser.add_argument("--only", action="append", choices=list(ROLES), help="build only these roles")
    args = parser.parse_args()
    build(args.source_dir, only=args.only, kai_dir=args.kai_dir)


if __name__ == "__main__":
    main()
