"""Qt binding of the what-if history: a QUndoStack whose commands drive the pure :class:`EditStack`.

The domain stack (``app.domain.whatif.EditStack``) stays the truth about the edit list; the Qt stack exists so
menus, tool bars and shortcuts get undo/redo actions with the command names ("撤销 成都市 … ×0.8"), Ctrl+Z and
Ctrl+Shift+Z. Every change of the edit list is announced by ``editsChanged(list)``; the controller connects it
to its re-evaluation (``controller.set_edits``).

    stack = WhatIfUndoStack(parent)
    stack.editsChanged.connect(controller.set_edits)
    stack.push_edit(edit)          # undoable; stack.remove_edit(i) too
    stack.reset(edits)             # new forecast or restored session: fresh history, no undo across it
    stack.undo_action(window) / stack.redo_action(window)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from app.domain.whatif import Edit, EditCommand, EditStack, describe


class _DomainCommand(QUndoCommand):
    """Qt's view of one domain command: the first redo (Qt's push) executes it, later ones redo it."""

    def __init__(self, domain: EditStack, command: EditCommand):
        super().__init__(command.name)
        self._domain, self._command, self._done_once = domain, command, False

    def redo(self) -> None:
        if self._done_once:
            self._domain.redo()
        else:
            self._domain.execute(self._command)
            self._done_once = True

    def undo(self) -> None:
        self._domain.undo()


class WhatIfUndoStack(QUndoStack):
    editsChanged = Signal(list)

    def __init__(self, parent: QObject | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.domain = EditStack(lang=lang)
        self._quiet = False
        self.domain.add_listener(self._announce)

    @property
    def edits(self) -> list[Edit]:
        return self.domain.edits

    def _announce(self, edits: list[Edit]) -> None:
        if not self._quiet:
            self.editsChanged.emit(edits)

    def push_edit(self, edit: Edit, name: str = "") -> None:
        edits = self.domain.edits
        self.push(_DomainCommand(self.domain, EditCommand(name or describe(edit, self.domain.lang), tuple(edits),
                                                          (*edits, edit))))

    def remove_edit(self, index: int) -> None:
        edits = self.domain.edits
        if not 0 <= index < len(edits):
            raise IndexError(index)
        name = QCoreApplication.translate("WhatIfUndoStack", "删除：%1").replace(
            "%1", describe(edits[index], self.domain.lang))
        self.push(_DomainCommand(self.domain, EditCommand(name, tuple(edits), tuple(edits[:index] + edits[index + 1:]))))

    def reset(self, edits: list[Edit] = (), announce: bool = False) -> None:
        """Start a fresh history holding ``edits``; ``announce`` emits editsChanged (a restored session)."""
        self._quiet = not announce
        try:
            super().clear()
            self.domain.clear(edits)
        finally:
            self._quiet = False

    def clear(self) -> None:
        """QUndoStack.clear, keeping the domain history in step (an empty list, quietly)."""
        self.reset()

    def undo_action(self, parent: QObject) -> QAction:
        action = self.createUndoAction(parent, QCoreApplication.translate("WhatIfUndoStack", "撤销"))
        action.setShortcut(QKeySequence.StandardKey.Undo)
        return action

    def redo_action(self, parent: QObject) -> QAction:
        action = self.createRedoAction(parent, QCoreApplication.translate("WhatIfUndoStack", "重做"))
        action.setShortcuts(redo_keys())
        return action


def redo_keys() -> list[QKeySequence]:
    """The platform's redo keys, each once, and Ctrl+Y where the platform lacks it (Windows habit).

    Qt's Redo binding already holds Ctrl+Shift+Z on every platform; adding it again made the key ambiguous
    ("Ambiguous shortcut overload") and it did nothing."""
    keys: list[QKeySequence] = []
    for key in [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]:
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys
