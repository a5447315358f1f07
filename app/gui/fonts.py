"""Fonts: Chinese must render as Chinese on a fresh machine, not as boxes.

When no installed family covers Simplified Chinese, the fonts bundled in ``resources/fonts`` are registered
with Qt. The application font is then a CJK family (they carry Latin glyphs too).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from app.paths import FONTS_DIR

_PREFERRED = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
              "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "SimHei", "HazeDesk Noto Sans SC")
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def chinese_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def register_bundled_fonts() -> list[str]:
    """Register the bundled sans-serif fonts (the GUI's; the serif ones are for letters); the families added."""
    added: list[str] = []
    if not FONTS_DIR.is_dir():
        return added
    files = [p for p in sorted(FONTS_DIR.rglob("*")) if p.suffix.lower() in _FONT_SUFFIXES]
    sans = [p for p in files if "sans" in p.name.lower()]
    for path in sans or files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            added.extend(QFontDatabase.applicationFontFamilies(font_id))
    return added


BUNDLED_PREFIX = "HazeDesk "  # every bundled family is named so (resources/fonts/README.md)


def choose_ui_family() -> str | None:
    """A Simplified-Chinese family for the UI (bundled fonts registered first if none is installed).

    The machine's own families decide: a bundled face the desk registered for drawing a page (the map page's
    sans, the letters' serif) never does, or the window's font would depend on what was exported before it was
    built — after a map was drawn, a window rebuilt in another language took the map's font."""
    families = [f for f in chinese_families() if not f.startswith(BUNDLED_PREFIX)]
    if not families:
        register_bundled_fonts()
        families = chinese_families()
    for name in _PREFERRED:
        if name in families:
            return name
    return families[0] if families else None


def apply_ui_font(app, point_size: float = 10.0) -> str | None:
    family = choose_ui_family()
    font = QFont(app.font())
    if family:
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    app.setFont(font)
    return family
