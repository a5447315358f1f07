"""Build the letter's body face, ``resources/fonts/HazeDeskFangsong-Regular.ttf``, from 朱雀仿宋's source.

朱雀仿宋 (Zhuque Fangsong, SIL OFL 1.1, © 2023 Zhejiang JadeFoci Technology) is published as a Glyphs source
(``src/ZhuqueFangsong.glyphspackage``) in the public repository https://github.com/TrionesType/zhuque, built
upstream with fontmake. This script builds it the same way, once, for the characters HazeDesk prints:

1. read the source with glyphsLib (``to_ufos``), keep the glyphs of the wanted characters (GB2312, ASCII,
   punctuation, the project's own text: ``tools.make_fonts.wanted_characters``) and the components they use,
   drop the OpenType feature code (it names dropped glyphs; ReportLab draws no GSUB anyway);
2. compile quadratic TrueType outlines with ufo2ft (ReportLab and matplotlib embed TrueType only);
3. rename the family to ``HazeDesk Zhuque Fangsong`` (a modified version: the OFL asks for a distinct name when
   a Reserved Font Name exists; there is none, but a system-installed full 朱雀仿宋 must not shadow the subset).

Characters 朱雀仿宋 does not draw fall back, in the PDF, to the Noto Serif face (``HazeDeskSerifSC-Regular``),
character by character (``app.export.fonts.split_by_font``).

Usage (a separate environment: fontmake is a build tool, never a runtime dependency)::

    python3.11 -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fontmake==3.12.2
    git clone https://github.com/TrionesType/zhuque /tmp/zhuque     # or any copy of the repository
    /tmp/fontvenv/bin/python tools/build_zhuque.py /tmp/zhuque [--commit 227319a1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "fonts" / "HazeDeskFangsong-Regular.ttf"
FAMILY = "HazeDesk Zhuque Fangsong"
PACKAGE = "src/ZhuqueFangsong.glyphspackage"


def source_tree(repo: Path, commit: str, into: Path) -> Path:
    """The glyphspackage of ``commit`` from a clone or a bare git directory, exported into ``into``."""
    git = ["git", "--git-dir", str(repo / ".git" if (repo / ".git").exists() else repo)]
    archive = subprocess.run([*git, "archive", commit, PACKAGE], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / PACKAGE


def keep_glyphs(font, chars: set[str]) -> set[str]:
    """Names of the glyphs drawing ``chars`` plus every component they reference (transitively)."""
    wanted = {ord(c) for c in chars}
    keep = {".notdef", "space", "uni3000"}
    for glyph in font:
        if any(u in wanted for u in glyph.unicodes):
            keep.add(glyph.name)
    todo = list(keep)
    while todo:
        name = todo.pop()
        if name not in font:
            continue
        for component in font[name].components:
            if component.baseGlyph not in keep:
                keep.add(component.baseGlyph)
                todo.append(component.baseGlyph)
    return {name for name in keep if name in font}


def build(repo: Path, commit: str = "HEAD", out: Path = OUT) -> Path:
    import glyphsLib
    import ufo2ft
    from fontTools import subset

    from tools.make_fonts import rename, wanted_characters

    chars = wanted_characters()
    with tempfile.TemporaryDirectory() as tmp:
        package = source_tree(repo, commit, Path(tmp))
        print(f"reading {package} …", file=sys.stderr)
        ufo = glyphsLib.to_ufos(glyphsLib.GSFont(str(package)), minimal=True)[0]
        keep = keep_glyphs(ufo, chars)
        for name in [g.name for g in ufo if g.name not in keep]:
            del ufo[name]
        ufo.features.text = ""
        # variation sequences name glyphs that were dropped (quoteleft.uv001 …): keep the kept ones only
        sequences = ufo.lib.get("public.unicodeVariationSequences", {})
        ufo.lib["public.unicodeVariationSequences"] = {
            selector: {base: name for base, name in mapping.items() if name in keep}
            for selector, mapping in sequences.items()}
        ufo.groups.clear()
        ufo.kerning.clear()
        ufo.lib["public.glyphOrder"] = [n for n in ufo.lib.get("public.glyphOrder", []) if n in keep]
        print(f"compiling {len(keep)} glyphs …", file=sys.stderr)
        # overlaps are kept: TrueType and PDF fill with the non-zero rule, so overlapping strokes draw correctly
        font = ufo2ft.compileTTF(ufo, removeOverlaps=False, useProductionNames=True)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    rename(font, FAMILY, "Regular")
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    covered = set(font.getBestCmap())
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.2f} MB, {len(covered)} characters "
          f"({len({c for c in chars if ord(c) in covered})} of the {len(chars)} wanted)", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path, help="a clone (or bare git directory) of TrionesType/zhuque")
    parser.add_argument("--commit", default="HEAD", help="the commit to build (default HEAD)")
    args = parser.parse_args()
    build(args.repo, args.commit)


if __name__ == "__main__":
    main()
