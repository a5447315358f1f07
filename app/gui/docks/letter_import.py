"""Warnings in force taken from an issued proposal letter: read it, show what it changes, ask, return the new list.

Used by the warnings-in-force dock's "从已发建议函导入…" button. The reading and the changes are
``app.export.proposal_readback`` (no Qt); this module only words them and asks the officer. Its strings are in
the dock's translation context (``InForceDock``), written out as ``translate("InForceDock", "…")`` for lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.recommend import WarningInForce
from app.export.proposal_readback import PlannedChange, apply_letter, plan_in_force, read_issued_letter
from app.gui.docks.texts import fill, fmt_time, level_name, region_label

translate = QCoreApplication.translate


def _warning_text(scheme, warning: WarningInForce) -> str:
    end = fmt_time(warning.end, True) if warning.end else translate("InForceDock", "未定")
    return fill(translate("InForceDock", "%1 %2预警，%3 起，预计至 %4"), region_label(scheme, warning.region),
                level_name(warning.level), fmt_time(warning.start, True), end)


def describe_step(scheme, step: PlannedChange) -> str:
    region = region_label(scheme, step.change.region)
    if step.what == "add":
        return fill(translate("InForceDock", "添加：%1"), _warning_text(scheme, step.after))
    if step.what == "replace":
        return fill(translate("InForceDock", "替换：%1 → %2"), _warning_text(scheme, step.before),
                    _warning_text(scheme, step.after))
    if step.what == "level":
        return fill(translate("InForceDock", "%1：%2 → %3，自 %4 起"), region, level_name(step.before.level),
                    level_name(step.after.level), fmt_time(step.after.start, True))
    if step.what == "remove":
        return fill(translate("InForceDock", "解除：%1"), _warning_text(scheme, step.before))
    return fill(translate("InForceDock", "解除：%1 不在现行预警列表中，无需处理"), region)


def warnings_from_letter(parent: QWidget, state, path: str) -> tuple[list[WarningInForce] | None, str]:
    """The new list of warnings in force after the letter at ``path`` (None: nothing to do, or the officer said
    no) and a line for the dock's message. Raises ``InputError`` for a file that is not a HazeDesk letter."""
    letter = read_issued_letter(path, state.scheme)
    current = list(state.in_force)
    plan = plan_in_force(current, letter)
    name = letter.doc_number or letter.title
    if not any(step.what != "absent" for step in plan):
        return None, fill(translate("InForceDock", "《%1》：现行预警列表已与该函一致，无需修改。"), name)
    lines = [describe_step(state.scheme, step) for step in plan]
    if letter.scheme_id and letter.scheme_id != state.scheme.id:
        lines.append(fill(translate("InForceDock", "注意：该函按方案 %1 编写，当前方案为 %2。"), letter.scheme_id,
                          state.scheme.id))
    text = fill(translate("InForceDock", "《%1》将对现行预警作如下修改："), letter.title)
    if letter.doc_number:
        text = f"{letter.doc_number}\n{text}"
    answer = QMessageBox.question(parent, translate("InForceDock", "从已发建议函导入"),
                                  text + "\n\n" + "\n".join(lines),
                                  QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Ok)
    if answer != QMessageBox.StandardButton.Ok:
        return None, ""
    return apply_letter(current, letter), fill(translate("InForceDock", "已按《%1》更新现行预警。"), name)
