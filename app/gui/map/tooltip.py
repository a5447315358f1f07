"""The hover text for a unit at the current hour: the numbers behind the colour (concentrations, AQI, primary
pollutant, AQI edition, the daily value), the levels and the weather."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def level_name(level: str) -> str:
    return {"none": QCoreApplication.translate("MapTooltip", "无"), "yellow": QCoreApplication.translate("MapTooltip", "黄色"), "orange": QCoreApplication.translate("MapTooltip", "橙色"), "red": QCoreApplication.translate("MapTooltip", "红色")}[level]


def _title(state, unit: str, region: str | None) -> str:
    """'成都市（成都平原地区）', or in English 'Chengdu 成都市 (Chengdu Plain)'."""
    from PySide6.QtCore import QLocale

    outside = QCoreApplication.translate("MapTooltip", "联动范围外")
    if QLocale().language() == QLocale.Language.Chinese:
        return f"{unit}（{region or outside}）"
    from app.domain.units import load_units

    known = load_units().by_name.get(unit)
    region_en = state.scheme.region(region).name_en if region else outside
    return f"{known.name_en} {unit} ({region_en})" if known else f"{unit} ({region_en})"


def unit_tooltip(state, unit: str) -> str:
    """Plain text, one fact per line: the hour's concentrations, AQI (primary pollutant), AQI edition, the daily
    value (with its PM2.5 mean), the levels and the weather. The unit name alone when no forecast is loaded."""
    from app.gui.numbers_text import number_rows, numbers_for

    translate = QCoreApplication.translate
    region = state.scheme.region_of.get(unit) if state.scheme is not None else None
    title = _title(state, unit, region)
    numbers = numbers_for(state, unit)
    doubts = _doubts(state, unit)
    if numbers is None:
        return "\n".join([title, translate("MapTooltip", "无预报数据"), *doubts])
    colon = translate("MapTooltip", "：")
    lines = [title] + [f"{label}{colon}{value}" for label, value in number_rows(numbers, state.evaluation.mode,
                                                                                level_name)]
    if unit in state.edited_units:
        lines.append(translate("MapTooltip", "（预报已做情景修改）"))
    return "\n".join(lines + doubts)


def doubts(state, unit: str, shown: int = 2) -> tuple[list[str], int]:
    """Why the unit is hatched: the first findings that concern it, a line each, and how many more there are
    (the 数据质量 dock lists them all). The map's tooltip and the unit panel say the same words."""
    from app.gui.i18n import ui_language
    from app.gui.quality import short_text

    quality = getattr(state, "quality", None)
    if quality is None:
        return [], 0
    found = [f for f in quality.findings if unit in f.units and f.severity != "note"]
    return [short_text(f, ui_language(), quality) for f in found[:shown]], max(len(found) - shown, 0)


def more_doubts(count: int) -> list[str]:
    """'（另有 2 条，见数据质量）' when more findings concern the unit than are shown."""
    return [QCoreApplication.translate("MapTooltip", "（另有 %1 条，见数据质量）").replace("%1", str(count))] \
        if count else []


def _doubts(state, unit: str) -> list[str]:
    texts, more = doubts(state, unit)
    return [QCoreApplication.translate("MapTooltip", "数据存疑：%1").replace("%1", text) for text in texts] \
        + more_doubts(more)
