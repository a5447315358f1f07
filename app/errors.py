"""Errors that carry what a person needs to fix the input: file, row, column, value, what was expected.

Every bad-input path raises :class:`InputError` (or a subclass); the CLI turns it into exit code 2 and one
clear message on stderr, the GUI into a dialog. Anything else is an internal error (exit code 1).

Messages are written in English in the code; that English is also the key of the Chinese catalogue
(:mod:`app.domain.messages_zh`), the way Qt's ``tr()`` uses its source strings. ``str(problem)`` is English;
``problem.render("zh")`` is the same line in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class Problem:
    """One finding about an input: an error stops a load, a warning is listed and the load goes on."""

    message: str
    file: str | None = None
    row: int | None = None  # 1-based, as a spreadsheet shows it (header is row 1)
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!s}")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        if self.value is not None:
            text += f" (found {self.value!r}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return text

    def localized(self, lang: str = "en") -> Problem:
        """The same problem with its message and expectation in ``lang`` (file, row, column and value as read)."""
        if lang != "zh":
            return self
        from app.domain.messages_zh import translate

        return replace(self, message=translate(self.message), expected=translate(self.expected))

    def render(self, lang: str = "en") -> str:
        """The whole line in ``lang``: 文件 f.csv，第 7 行，列 pm25：不是数字（读到 'abc'；应为 …）."""
        if lang != "zh":
            return str(self)
        local = self.localized(lang)
        where = []
        if local.file:
            where.append(f"文件 {local.file}")
        if local.row is not None:
            where.append(f"第 {local.row} 行")
        if local.column:
            where.append(f"列 {local.column!s}")
        text = "，".join(where)
        text = f"{text}：{local.message}" if text else local.message
        if local.value is not None:
            text += f"（读到 {local.value!r}" + (f"；应为 {local.expected}）" if local.expected else "）")
        elif local.expected:
            text += f"（应为 {local.expected}）"
        return text


class InputError(Exception):
    """Bad input from outside the program. ``problems`` holds at least one :class:`Problem`."""

    def __init__(self, problem: Problem | str, more: list[Problem] | None = None):
        if isinstance(problem, str):
            problem = Problem(problem)
        self.problems: list[Problem] = [problem, *(more or [])]
        super().__init__(str(problem))

    @property
    def problem(self) -> Problem:
        return self.problems[0]

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        return "\n".join(str(p) for p in self.problems)

    def render(self, lang: str = "en") -> str:
        """Every problem, one per line, in ``lang`` ("en" gives ``str(self)``)."""
        return "\n".join(p.render(lang) for p in self.problems)


@dataclass
class Report:
    """Warnings collected while loading something, kept with the loaded object."""

    warnings: list[Problem] = field(default_factory=list)

    def warn(self, message: str, **where) -> None:
        self.warnings.append(Problem(message, severity="warning", **where))
