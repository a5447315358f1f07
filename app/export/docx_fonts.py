"""The bundled faces a .docx names, embedded in it (ECMA-376 Part 1 §17.8.1 and §17.8.3.3), subset to the
characters the document prints: a recipient without HazeDesk's fonts (Word, WPS, LibreOffice) sees the letter
in the faces and on the pages of the PDF, not in a fallback sans that runs it to more pages.

Each face a run or style names (``w:eastAsia`` of an ``w:rFonts``, regular or bold by its ``w:b``) becomes a part
``/word/fonts/fontN.odttf`` related from ``fontTable.xml``, whose ``w:font`` entry gets ``w:embedRegular`` /
``w:embedBold`` with the font key; ``settings.xml`` says ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts``.
An embedded font is obfuscated: its first 32 bytes XORed with the key, a GUID read as 16 bytes in reverse order.
Subsets are cut with fontTools, keeping the glyphs' outlines as they are (no bounding boxes recomputed), from the
characters of the whole document (body, headers and footers) — a few hundred glyphs a face.

The faces are SIL OFL 1.1 (resources/fonts/README.md), which allows embedding them in documents.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterable

from app.export import fonts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
FONT_TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# (family the .docx names, bold) -> the bundled file's role
FACES = {(fonts.FANGSONG_FAMILY, False): "body", (fonts.SERIF_FAMILY, True): "title",
         (fonts.SERIF_FAMILY, False): "serif", (fonts.SANS_FAMILY, False): "sans",
         (fonts.SANS_FAMILY, True): "sans-bold", (fonts.KAI_FAMILY, False): "kai"}
# w:font children in schema order (CT_Font)
FONT_CHILDREN = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig", "embedRegular",
                 "embedBold", "embedItalic", "embedBoldItalic")


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 §17.8.1: the font's first 32 bytes XORed with the key's 16 bytes in reverse order (the
    operation is its own inverse)."""
    digits = key.strip("{}").replace("-", "")
    reverse = bytes.fromhex(digits)[::-1]
    head = bytes(b ^ reverse[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def subset_face(role: str, text: Iterable[str]) -> bytes:
    """The bundled face of ``role`` cut to the characters of ``text`` (and .notdef), as TrueType bytes; the same
    characters cut before come from the font cache (``font_cache.subset``), without importing fontTools."""
    from app.export import font_cache

    chars = "".join(sorted(set(text)))
    return font_cache.subset(fonts.font_path(role), chars, lambda: _cut(role, chars))


def _cut(role: str, chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "meta", "STAT"]
    options.glyph_names = False
    options.recalc_timestamp = False
    options.canonical_order = False
    # the outlines are copied as they are: recomputing bounding boxes unpacks and repacks every glyph (2×)
    font = TTFont(str(fonts.font_path(role)), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _xml_parts(document):
    """The document, header and footer parts' XML elements (where printed text lives)."""
    yield document.element
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if ("header" in name or "footer" in name) and hasattr(part, "element"):
            yield part.element


def faces_used(document) -> dict[tuple[str, bool], str]:
    """(family, bold) -> role for every bundled face a run or a style names."""
    used = {}
    roots = [*_xml_parts(document), document.styles.element]
    for root in roots:
        for rfonts in root.iter(f"{{{W_NS}}}rFonts"):
            rpr = rfonts.getparent()
            bold_element = rpr.find(f"{{{W_NS}}}b")
            bold = bold_element is not None and bold_element.get(f"{{{W_NS}}}val") not in ("0", "false")
            for attr in ("eastAsia", "ascii", "hAnsi"):
                family = rfonts.get(f"{{{W_NS}}}{attr}")
                if (family, bold) in FACES:
                    used[(family, bold)] = FACES[(family, bold)]
    return used


def text_by_face(document, used: dict[tuple[str, bool], str]) -> dict[tuple[str, bool], set[str]]:
    """The characters each face prints: each run's text goes to the face its own ``w:rFonts`` names (every run
    of the letter names its fonts); a run naming none, to every face. Digits and the dash go to every face:
    page numbers are a field, and a field's result is not in the document."""
    out: dict[tuple[str, bool], set[str]] = {face: set("0123456789— ") for face in used}
    for root in _xml_parts(document):
        for run in root.iter(f"{{{W_NS}}}r"):
            text = "".join(t.text or "" for t in run.iter(f"{{{W_NS}}}t"))
            if not text:
                continue
            rpr = run.find(f"{{{W_NS}}}rPr")
            rfonts = rpr.find(f"{{{W_NS}}}rFonts") if rpr is not None else None
            bold_element = rpr.find(f"{{{W_NS}}}b") if rpr is not None else None
            bold = bold_element is not None and bold_element.get(f"{{{W_NS}}}val") not in ("0", "false")
            named = {(rfonts.get(f"{{{W_NS}}}{a}"), bold) for a in ("eastAsia", "ascii", "hAnsi")} \
                if rfonts is not None else set()
            targets = [face for face in named if face in out] or list(out)
            for face in targets:
                out[face].update(text)
    return out


def embed_fonts(document) -> list[str]:
    """Embed every bundled face the document names, subset to its text; returns the families embedded."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    used = faces_used(document)
    if not used:
        return []
    table_part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype == FONT_TABLE_REL),
                      None)
    if table_part is None:
        return []
    root = etree.fromstring(table_part.blob)
    texts = text_by_face(document, used)
    package = document.part.package
    for n, ((family, bold), role) in enumerate(sorted(used.items()), start=1):
        face = subset_face(role, texts[(family, bold)])
        # the key from the face's bytes: the same letter gives the same file (a random key changed it each run)
        key = "{" + str(uuid.UUID(bytes=hashlib.sha256(face).digest()[:16])).upper() + "}"
        part = Part(PackURI(f"/word/fonts/font{n}.odttf"), OBFUSCATED_FONT, obfuscate(face, key), package)
        rel_id = table_part.relate_to(part, FONT_REL)
        entry = next((f for f in root.findall(f"{{{W_NS}}}font") if f.get(f"{{{W_NS}}}name") == family), None)
        if entry is None:
            entry = etree.SubElement(root, f"{{{W_NS}}}font")
            entry.set(f"{{{W_NS}}}name", family)
            for name, value in (("charset", "86"), ("family", "auto"), ("pitch", "variable")):
                etree.SubElement(entry, f"{{{W_NS}}}{name}").set(f"{{{W_NS}}}val", value)
        embed = etree.Element(f"{{{W_NS}}}{'embedBold' if bold else 'embedRegular'}")
        embed.set(f"{{{R_NS}}}id", rel_id)
        embed.set(f"{{{W_NS}}}fontKey", key)
        later = [f"{{{W_NS}}}{c}" for c in FONT_CHILDREN[FONT_CHILDREN.index(embed.tag.split("}")[1]) + 1:]]
        following = next((c for c in entry if c.tag in later), None)
        (following.addprevious if following is not None else entry.append)(embed)
    table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _say_embedded(document.settings.element)
    return sorted({family for family, _ in used})


SETTINGS_HEAD = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                 "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                 "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                 "saveSubsetFonts")  # the first children of w:settings, in schema order (CT_Settings)


def _say_embedded(settings) -> None:
    """``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` where the schema puts them (Word refuses a settings
    part whose children are out of order)."""
    from docx.oxml import OxmlElement

    for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
        if settings.find(f"{{{W_NS}}}{name}") is not None:
            continue
        before = {f"{{{W_NS}}}{t}" for t in SETTINGS_HEAD[:SETTINGS_HEAD.index(name)]}
        element = OxmlElement(f"w:{name}")
        earlier = [c for c in settings if c.tag in before]
        if earlier:
            earlier[-1].addnext(element)
        else:
            settings.insert(0, element)
