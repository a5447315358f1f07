"""The bundled Chinese fonts (``resources/fonts/``), by role, and their registration with each renderer.

Roles: ``title`` (serif bold, stands in for 方正小标宋), ``body`` (serif, for 仿宋_GB2312), ``sans`` and
``sans-bold`` (maps, tables, GUI). Fonts are registered **by file**, never looked up by name in a system cache,
so a stale matplotlib font cache or a machine without Chinese fonts still renders Chinese. No Qt here: the GUI
takes :func:`font_paths` and hands them to ``QFontDatabase.addApplicationFont`` itself.
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.paths import FONTS_DIR

FONT_FILES = {
    "title": "HazeDeskSerifSC-Bold.ttf",
    "body": "HazeDeskSerifSC-Regular.ttf",
    "sans": "HazeDeskSansSC-Regular.ttf",
    "sans-bold": "HazeDeskSansSC-Bold.ttf",
}
SERIF_FAMILY = "HazeDesk Noto Serif SC"
SANS_FAMILY = "HazeDesk Noto Sans SC"
FAMILIES = {"title": SERIF_FAMILY, "body": SERIF_FAMILY, "sans": SANS_FAMILY, "sans-bold": SANS_FAMILY}

# What the Word letter names: the office's own fonts (GB/T 9704 practice), and the bundled OFL substitute
# the PDF embeds in their place (said in the letter's notes and in resources/fonts/README.md).
OFFICE_FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading": "黑体", "sans": "黑体"}
SUBSTITUTES = {"方正小标宋简体": f"{SERIF_FAMILY} Bold", "仿宋_GB2312": SERIF_FAMILY, "黑体": SANS_FAMILY}

# ReportLab face names, one per role
REPORTLAB_NAMES = {"title": "HazeDesk-Title", "body": "HazeDesk-Body", "sans": "HazeDesk-Sans",
                   "sans-bold": "HazeDesk-SansBold"}

_lock = threading.Lock()
_registered: set[str] = set()


def font_path(role: str) -> Path:
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


def register_reportlab() -> dict[str, str]:
    """Register the bundled fonts with ReportLab (embedded TrueType subsets); return role → face name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        if "reportlab" not in _registered:
            for role, face in REPORTLAB_NAMES.items():
                pdfmetrics.registerFont(TTFont(face, str(font_path(role))))
            addMapping(REPORTLAB_NAMES["body"], 0, 0, REPORTLAB_NAMES["body"])
            addMapping(REPORTLAB_NAMES["body"], 1, 0, REPORTLAB_NAMES["title"])
            addMapping(REPORTLAB_NAMES["sans"], 0, 0, REPORTLAB_NAMES["sans"])
            addMapping(REPORTLAB_NAMES["sans"], 1, 0, REPORTLAB_NAMES["sans-bold"])
            _registered.add("reportlab")
    return dict(REPORTLAB_NAMES)


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
