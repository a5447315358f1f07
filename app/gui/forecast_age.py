"""The forecast's issue time and age in the status bar, kept current by the clock, and a red notice when the
forecast is stale (its period has ended, or it is older than the settable limit; the map header says it too).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

from app.gui.map.header import current_freshness, fmt_clock, stale_notice

STALE_STYLE = "QLabel { background: #B00020; color: white; padding: 1px 6px; font-weight: bold; }"


class ForecastAgeLabel(QLabel):
    def __init__(self, state, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)  # the age grows with the clock
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        state.evaluationChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        fresh = current_freshness(self.state)
        if fresh is None:
            self.setText("")
            self.setToolTip("")
            self.setStyleSheet("")
            return
        if fresh.issued_at is None:
            text = self.tr("发布时间未知")
        else:
            text = self.tr("预报发布 %1 · %2").replace("%1", fmt_clock(fresh.issued_at, year=True)).replace(
                "%2", self.age_text(fresh.age_hours))
        notice = stale_notice(self.state)
        expired = self.tr("已过期")
        self.setText(f"{text} · {expired}" if notice else text)
        self.setStyleSheet(STALE_STYLE if notice else "")
        tip = self.tr("超过 %1 小时的预报或预报时段已结束的预报标为过期（设置 → 预报过期时限）").replace(
            "%1", f"{fresh.limit_hours:g}")
        self.setToolTip(f"{notice}\n{tip}" if notice else tip)

    def age_text(self, hours: float) -> str:
        if hours < 0:
            return self.tr("发布时间晚于当前时钟 %1 小时").replace("%1", f"{-hours:.0f}")
        if hours < 72:
            return self.tr("%1 小时前").replace("%1", f"{hours:.0f}")
        return self.tr("%1 天前").replace("%1", f"{hours / 24:.0f}")


def ask_stale_hours(window, state, settings) -> None:
    """Settings → the age after which a forecast is flagged stale."""
    translate = QCoreApplication.translate
    hours, ok = QInputDialog.getInt(window, translate("ForecastAgeLabel", "预报过期时限"),
                                    translate("ForecastAgeLabel", "预报发布超过多少小时后标为过期："),
                                    int(state.stale_hours), 1, 240)
    if ok:
        state.stale_hours = settings.stale_hours = float(hours)
        state.evaluationChanged.emit()  # header, status bar and home view follow
