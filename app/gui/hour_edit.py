"""A date-and-hour field that takes a date typed as it is written ("2026-01-12 08", "2025/6/1 7").

Qt's QDateTimeEdit refuses digits while the whole text is selected (the selection spans several sections), so
an officer who selects the field and types a date saw the year unchanged; and once a section is full the field
moves to the next one by itself, so the separator typed next skipped a second section (month typed into day).
Here a digit typed over the whole text starts at the year, and a separator right after such a move is taken as
already done.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateTimeEdit, QWidget

SEPARATORS = "-/ :.年月日时"


class HourEdit(QDateTimeEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd HH:00")
        self.setCalendarPopup(True)
        self._moved_on = False  # the last digit filled a section and the field moved to the next

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        text = event.text()
        if text.isdigit() and len(self.lineEdit().selectedText()) > len(self.sectionText(self.currentSection())):
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        if text and text in SEPARATORS and self._moved_on:
            self._moved_on = False
            event.accept()
            return
        before = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSection() != before

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._moved_on = False
        super().focusInEvent(event)


class DayEdit(HourEdit):
    """The same field for a date alone ("2026-01-12"): a letter's 成文日期. A plain QDateEdit refused a date typed
    over the selected text, so the officer saw the day's date stay."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
