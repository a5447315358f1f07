"""The bundled Chinese fonts (``resources/fonts/``), by role, and their registration with each renderer.

Roles: ``title`` (serif bold, stands in for 方正小标宋), ``body`` (朱雀仿宋, for 仿宋_GB2312), ``serif`` (Noto
Serif, GB18030 level 1: draws what the others lack), ``kai`` (霞鹜文楷, for 楷体_GB2312), ``sans`` and ``sans-bold``
(黑体 headings, maps, tables, GUI). Fonts are registered **by file**, never looked up by name in a system cache,
so a stale matplotlib font cache or a machine without Chinese fonts still renders Chinese. No Qt here: the GUI
takes :func:`font_paths` and hands them to ``QFontDatabase.addApplicationFont`` itself.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from app.paths import FONTS_DIR

FONT_FILES = {
    "title": "HazeDeskSerifSC-Bold.ttf",
    "body": "HazeDeskFangsong-Regular.ttf",  # 朱雀仿宋 subset (tools/build_zhuque.py): the letter's 仿宋
    "serif": "HazeDeskSerifSC-Regular.ttf",  # Noto Serif, GB18030 level 1: what the 仿宋 face does not draw
    "kai": "HazeDeskKaiSC-Regular.ttf",  # 霞鹜文楷: 楷体 for （一） headings
    "sans": "HazeDeskSansSC-Regular.ttf",
    "sans-bold": "HazeDeskSansSC-Bold.ttf",
}
SERIF_FAMILY = "HazeDesk Noto Serif SC"
SANS_FAMILY = "HazeDesk Noto Sans SC"
FANGSONG_FAMILY = "HazeDesk Zhuque Fangsong"
KAI_FAMILY = "HazeDesk WenKai SC"  # 霞鹜文楷 subset; "LXGW"/"霞鹜" are its Reserved Font Names
FAMILIES = {"title": SERIF_FAMILY, "body": FANGSONG_FAMILY, "serif": SERIF_FAMILY, "kai": KAI_FAMILY,
            "sans": SANS_FAMILY, "sans-bold": SANS_FAMILY}
# the face that draws a character the role's own face lacks (character by character: split_by_font); the
# serif's own fallback is matplotlib's DejaVu Serif (shipped with matplotlib, a runtime dependency), which has
# what no CJK face here draws: sub- and superscripts (PM₂.₅, SO₂, O₃), more symbols
FALLBACK = {"body": "serif", "kai": "serif", "title": "serif", "sans": "serif", "sans-bold": "serif",
            "serif": "symbols"}
SYMBOLS_FILE = "DejaVuSerif.ttf"

# What the Word letter names: the office's own fonts (GB/T 9704 practice), and the bundled OFL substitute
# the PDF embeds in their place (said in the letter's notes and in resources/fonts/README.md).
OFFICE_FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading": "黑体", "sans": "黑体", "kai": "楷体_GB2312"}
SUBSTITUTES = {"方正小标宋简体": f"{SERIF_FAMILY} Bold", "仿宋_GB2312": FANGSONG_FAMILY, "黑体": SANS_FAMILY,
               "楷体_GB2312": KAI_FAMILY}

# ReportLab face names, one per role
REPORTLAB_NAMES = {"title": "HazeDesk-Title", "body": "HazeDesk-Body", "serif": "HazeDesk-Serif",
                   "kai": "HazeDesk-Kai", "sans": "HazeDesk-Sans", "sans-bold": "HazeDesk-SansBold"}
SYMBOLS_FACE = "HazeDesk-Symbols"

_lock = threading.Lock()
_registered: set[str] = set()


def font_path(role: str) -> Path:
    if role == "symbols":
        from matplotlib import get_data_path

        return Path(get_data_path()) / "fonts" / "ttf" / SYMBOLS_FILE
    try:
        name = FONT_FILES[role]
    except KeyError:
        raise ValueError(f"unknown font role {role!r}; expected one of {', '.join(FONT_FILES)}") from None
    path = FONTS_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"bundled font missing: {path} (rebuild with tools/make_fonts.py)")
    return path


def font_paths() -> dict[str, Path]:
    """Role → bundled font file (what the GUI registers with QFontDatabase)."""
    return {role: font_path(role) for role in FONT_FILES}


def register_matplotlib() -> dict:
    """Add the bundled fonts to matplotlib by file; return rcParams to use for an export figure.

    PDF embeds them as TrueType (Type 42) subsets, so text stays extractable; SVG draws text as **paths**
    (``svg.fonttype = "path"``): a meeting-room viewer without our font still shows the Chinese exactly, at the
    price of text that cannot be selected in the SVG.
    """
    from matplotlib import font_manager

    with _lock:
        if "matplotlib" not in _registered:
            for path in font_paths().values():
                font_manager.fontManager.addfont(str(path))
            _registered.add("matplotlib")
    return {
        "font.family": [SANS_FAMILY, "DejaVu Sans"],
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "axes.unicode_minus": False,  # ASCII hyphen-minus in tick labels, as the office charts write it
    }


def register_reportlab(roles=None) -> dict[str, str]:
    """Register bundled fonts with ReportLab (embedded TrueType subsets); return role → face name.

    ``roles``: which faces to load now (default: all); a face not loaded yet is loaded by
    :func:`ensure_reportlab` the first time a character needs it."""
    from reportlab.lib.fonts import addMapping

    for role in (REPORTLAB_NAMES if roles is None else roles):
        ensure_reportlab(role)
    with _lock:
        if "reportlab-mappings" not in _registered and {"body", "title", "sans", "sans-bold"} <= _registered:
            addMapping(REPORTLAB_NAMES["body"], 0, 0, REPORTLAB_NAMES["body"])
            addMapping(REPORTLAB_NAMES["body"], 1, 0, REPORTLAB_NAMES["title"])
            addMapping(REPORTLAB_NAMES["sans"], 0, 0, REPORTLAB_NAMES["sans"])
            addMapping(REPORTLAB_NAMES["sans"], 1, 0, REPORTLAB_NAMES["sans-bold"])
            _registered.add("reportlab-mappings")
    return dict(REPORTLAB_NAMES)


def ensure_reportlab(role: str) -> str:
    """The ReportLab face of ``role``, registered on first use."""
    if role in _registered:  # the hot path: called for every piece of text measured or drawn
        return SYMBOLS_FACE if role == "symbols" else REPORTLAB_NAMES[role]
    from reportlab.pdfbase import pdfmetrics

    from app.export.font_cache import reportlab_font

    face = SYMBOLS_FACE if role == "symbols" else REPORTLAB_NAMES[role]
    with _lock:
        if role not in _registered:
            pdfmetrics.registerFont(reportlab_font(face, font_path(role)))
            _registered.add(role)
    return face


@functools.cache
def coverage(role: str) -> frozenset[int]:
    """The code points the role's bundled face draws (kept in the state folder: :mod:`app.export.font_cache`)."""
    from app.export.font_cache import coverage as file_coverage

    return file_coverage(font_path(role))


def split_by_font(text: str, role: str) -> list[tuple[str, str]]:
    """``text`` cut into (role, run) pieces: the role's face where it has the character, its fallback face where
    only that one has it; characters neither draws stay with the role (see :func:`undrawable`)."""
    own = coverage(role)
    pieces: list[tuple[str, str]] = []
    for ch in text:
        # a fallback's cmap is read only when a character is missing from the faces before it
        use = role if ord(ch) in own else _drawing_role(ch, role)
        if pieces and pieces[-1][0] == use:
            pieces[-1] = (use, pieces[-1][1] + ch)
        else:
            pieces.append((use, ch))
    return pieces


def _drawing_role(ch: str, role: str) -> str:
    """The first face along ``role``'s fallback chain that draws ``ch`` (the role itself when none does)."""
    current = FALLBACK.get(role)
    while current is not None:
        if ord(ch) in coverage(current):
            return current
        current = FALLBACK.get(current)
    return role


def undrawable(text: str, role: str = "body") -> list[str]:
    """Characters of ``text`` that neither the role's face nor its fallback can draw (they would print as
    boxes), each once, in order. Whitespace and control characters are not drawn and never listed."""
    own = coverage(role)
    out: list[str] = []
    for ch in text:
        if ch.isspace() or ord(ch) < 0x20 or ord(ch) in own or ch in out:
            continue
        if _drawing_role(ch, role) != role:
            continue
        out.append(ch)
    return out


def office_fonts_installed() -> bool:
    """Whether this machine has the office fonts the letter names (仿宋_GB2312 and 方正小标宋).

    Looked up in matplotlib's scan of the system fonts (no Qt below the GUI). When they are absent the Word
    letter names the bundled OFL substitutes instead, so it never opens in an arbitrary fallback font.
    The answer is remembered while the system's font folders are unchanged (:mod:`app.export.font_lookup`).
    """
    from app.export.font_lookup import remembered

    return remembered("office_fonts_installed", _office_fonts_in_system_list)


def _office_fonts_in_system_list() -> bool:
    from matplotlib import font_manager

    names = {f.name.replace(" ", "").lower() for f in font_manager.fontManager.ttflist}
    fangsong = {"仿宋_gb2312", "fangsong_gb2312"} & names
    title = {"方正小标宋简体", "fzxiaobiaosong-b05s", "方正小标宋_gbk", "fzxiaobiaosong-b05"} & names
    return bool(fangsong and title)


# Word documents name the office's faces (仿宋_GB2312 …) where the machine has them, else these bundled OFL families
WORD_SUBSTITUTES = {"方正小标宋简体": FAMILIES["title"], "仿宋_GB2312": FAMILIES["body"],
                    "楷体_GB2312": FAMILIES["kai"], "黑体": FAMILIES["sans"],
                    "宋体": FAMILIES["body"]}  # page numbers: the face the PDF draws them in


def resolve_word_fonts(choice: str = "auto") -> str:
    """"office" (name 仿宋_GB2312 …) or "bundled" (name the OFL substitutes); "auto" asks the machine."""
    from app.errors import InputError, Problem

    if choice not in ("auto", "office", "bundled"):
        raise InputError(Problem("unknown font choice", column="--word-fonts", value=choice,
                                 expected="auto, office or bundled"))
    if choice == "auto":
        return "office" if office_fonts_installed() else "bundled"
    return choice
