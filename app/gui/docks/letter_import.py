"""Warnings in force taken from an issued proposal letter: read it, show what it changes, ask, return the new list.

Used by the warnings-in-force dock's "从已发建议函导入…" button. The reading and the changes are
``app.export.proposal_readback`` (no Qt); this module only words them and asks the officer. Its strings are in
the dock's translation context (``InForceDock``), written out as ``translate("InForceDock", "…")`` for lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.recommend import WarningInForce
from app.export.proposal_readback import PlannedChange, apply_letters, plan_letters, read_issued_letters
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
    if step.what == "level":  # from when the new level applies (the warning itself started earlier)
        return fill(translate("InForceDock", "%1：%2 → %3，自 %4 起"), region, level_name(step.before.level),
                    level_name(step.after.level), fmt_time(step.after.change_at or step.after.start, True))
    if step.what == "end" and step.change.action == "lift":
        return fill(translate("InForceDock", "解除：%1（预警至 %2 止）"), _warning_text(scheme, step.before),
                    fmt_time(step.after.end, True))
    if step.what == "end" and step.change.action == "cancel":
        return fill(translate("InForceDock", "取消：%1"), _warning_text(scheme, step.before))
    if step.what == "end":
        return fill(translate("InForceDock", "延长：%1 至 %2"), _warning_text(scheme, step.before),
                    fmt_time(step.after.end, True))
    return fill(translate("InForceDock", "解除：%1 不在现行预警列表中，无需处理"), region)


def warnings_from_letter(parent: QWidget, state, path: str) -> tuple[list[WarningInForce] | None, str]:
    """The new list of warnings in force after the letter(s) at ``path`` (None: nothing to do, or the officer said
    no) and a line for the dock's message. A file holding several letters is applied letter by letter, in order.
    Raises ``InputError`` for a file that is not a HazeDesk letter."""
    letters = read_issued_letters(path, state.scheme)
    current = list(state.in_force)
    plans = plan_letters(current, letters)
    first = letters[0]
    name = first.doc_number or first.title
    if len(letters) > 1:
        name = fill(translate("InForceDock", "%1等%2件"), name, str(len(letters)))
    if not any(step.what != "absent" for _, plan in plans for step in plan):
        return None, fill(translate("InForceDock", "《%1》：现行预警列表已与该函一致，无需修改。"), name)
    lines: list[str] = []
    for letter, plan in plans:
        if len(letters) > 1:
            lines.append(fill(translate("InForceDock", "《%1》："), letter.doc_number or letter.title))
        lines += [describe_step(state.scheme, step) for step in plan]
        if len(letters) > 1 and not plan:
            lines.append(translate("InForceDock", "（无需修改）"))
    if first.scheme_id and first.scheme_id != state.scheme.id:
        lines.append(fill(translate("InForceDock", "注意：该函按方案 %1 编写，当前方案为 %2。"), first.scheme_id,
                          state.scheme.id))
    if len(letters) > 1:
        text = fill(translate("InForceDock", "该文件含 %1 件函，将依次对现行预警作如下修改："), str(len(letters)))
    else:
        text = fill(translate("InForceDock", "《%1》将对现行预警作如下修改："), first.title)
        if first.doc_number:
            text = f"{first.doc_number}\n{text}"
    answer = QMessageBox.question(parent, translate("InForceDock", "从已发建议函导入"),
                                  text + "\n\n" + "\n".join(lines),
                                  QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Ok)
    if answer != QMessageBox.StandardButton.Ok:
        return None, ""
    return apply_letters(current, letters), fill(translate("InForceDock", "已按《%1》更新现行预警。"), name)
