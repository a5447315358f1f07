"""Interface language: Chinese is the source language of every string; English comes from a Qt .qm file.

User-visible strings are written in Chinese inside ``self.tr(...)`` / ``QCoreApplication.translate(...)``.
``resources/i18n/hazedesk_en.ts`` holds their English translations for the whole of ``app/gui`` (docks and
dialogs included); a string missing there simply stays Chinese. To update, with the tools PySide6 ships::

    P=.venv/lib/python3.11/site-packages/PySide6
    $P/lupdate -extensions py app/gui -ts resources/i18n/hazedesk_en.ts   # new strings come in unfinished
    # translate them (Qt Linguist, or edit the XML), then
    $P/lrelease resources/i18n/hazedesk_en.ts -qm resources/i18n/hazedesk_en.qm

A context must be a literal for lupdate to see it: ``self.tr("…")`` or ``QCoreApplication.translate("Ctx",
"…")``. Qt's own dialogs use Qt's
translations (``qtbase_zh_CN.qm``) when the language is Chinese, completed by ``qt_extra_zh_CN.qm`` (the file-dialog
labels Qt 6 renamed, which Qt's catalogue does not yet translate; rebuild with lrelease like ours).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
LANGUAGES = {"zh": "中文", "en": "English"}

_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    return I18N_DIR / f"hazedesk_{language}.qm"


def install_language(language: str) -> bool:
    """Replace the installed translators; True when the language's translation file was loaded (or not needed)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ok = True
    if language == "en":
        ours = QTranslator()
        ok = ours.load(str(qm_path("en")))
        if ok:
            _installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        qt = QTranslator()
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        extra = QTranslator()  # Qt 6 file-dialog labels the shipped qtbase_zh_CN does not cover yet
        if extra.load(str(I18N_DIR / "qt_extra_zh_CN.qm")):
            _installed.append(extra)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    for translator in _installed:
        app.installTranslator(translator)
    return ok


def ui_language() -> str:
    """"zh" or "en": the language the interface is in now (install_language sets Qt's default locale)."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def error_text(error) -> str:
    """An :class:`~app.errors.InputError` in the interface language (Chinese from app.domain.messages_zh)."""
    return error.render(ui_language())


def write_fault_text(error: BaseException, path: str = "") -> str:
    """Why a file could not be written, in the interface language: a :class:`~app.errors.WriteError` (what
    app/atomic.py raises for a full disk, a read-only folder, …) names the file and the reason; a bare OSError
    is put into the same words."""
    from app.errors import InputError

    if isinstance(error, InputError):
        return error_text(error)
    if isinstance(error, OSError):
        from app.atomic import write_error

        return error_text(write_error(path or error.filename or "", error))
    return str(error)
