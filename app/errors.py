"""Errors that carry what a person needs to fix the input: file, row, column, value, what was expected.

Every bad-input path raises :class:`InputError` (or a subclass); the CLI turns it into exit code 2 and one
clear message on stderr, the GUI into a dialog. Anything else is an internal error (exit code 1).

Messages are written in English in the code; that English is also the key of the Chinese catalogue
(:mod:`app.domain.messages_zh`), the way Qt's ``tr()`` uses its source strings. ``str(problem)`` is English;
``problem.render("zh")`` is the same line in Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

LANGUAGES = ("en", "zh")

# Severity, worst first: an error stops a load; a warning is doubtful data the officer should look at before
# deciding; a note is information (a partial first day, a converted unit) that changes nothing by itself.
SEVERITIES = ("error", "warning", "note")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "note": "提示"}

# What the program did about an accepted finding. None: nothing to do (an error: nothing was loaded).
ACTIONS = ("excluded", "kept", "assumed")
ACTION_EN = {"excluded": "excluded (treated as no data)", "kept": "kept (used as read)",
             "assumed": "assumed (see what was expected)"}
ACTION_ZH = {"excluded": "已排除（按无数据处理）", "kept": "已保留（按读到的值计算）", "assumed": "按假定处理（见应为）"}


@dataclass(frozen=True)
class Problem:
    """One finding about an input, from the importer, the engine or the scheme and boundary checks.

    - ``severity``: error (the load stops), warning (accepted but doubtful: shown to the officer) or note.
    - the place: ``file``, ``row`` and ``column`` for tables; ``variable`` and ``cell`` for grids; ``field`` for
      what the officer typed into a form field (its label, "文号") or a command-line option ("--doc-number").
    - ``value``: what was read; ``expected``: what was expected.
    - ``action``: what the program did about it: excluded, kept or assumed (None for errors).
    - ``units``: the units (full names) whose values it concerns, so that the map can mark them.
    """

    message: str
    file: str | None = None
    row: int | None = None  # 1-based, as a spreadsheet shows it (header is row 1)
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    severity: str = "error"  # "error" | "warning" | "note"
    action: str | None = None  # "excluded" | "kept" | "assumed" | None
    variable: str | None = None  # grids: the NetCDF variable
    cell: str | None = None  # grids: the cell or block of cells, e.g. "time 3, lat 30.65, lon 104.05"
    units: tuple[str, ...] = ()
    field: str | None = None  # a form field's label, or a command-line option ("--…")

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.action is not None and self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")
        if not isinstance(self.units, tuple):
            object.__setattr__(self, "units", tuple(self.units))

    @property
    def rank(self) -> int:
        """0 for an error, 1 for a warning, 2 for a note (sorting: worst first)."""
        return SEVERITY_RANK[self.severity]

    def place(self, lang: str = "en") -> str:
        """Where it was found: "f.csv, row 7, column pm25" / "文件 f.csv，第 7 行，列 pm25"; a form field as the
        officer sees it ("文号栏" / "the 文号 field"), an option as "选项 --doc-number" ("" when nowhere)."""
        option = bool(self.field) and self.field.startswith("--")
        if lang == "zh":
            parts = [f"文件 {self.file}" if self.file else "", f"第 {self.row} 行" if self.row is not None else "",
                     f"列 {self.column!s}" if self.column else "", f"变量 {self.variable}" if self.variable else "",
                     f"格点 {self.cell}" if self.cell else "",
                     (f"选项 {self.field}" if option else f"{self.field}栏") if self.field else ""]
            return "，".join(p for p in parts if p)
        parts = [str(self.file) if self.file else "", f"row {self.row}" if self.row is not None else "",
                 f"column {self.column!s}" if self.column else "", f"variable {self.variable}" if self.variable else "",
                 f"cell {self.cell}" if self.cell else "",
                 (f"option {self.field}" if option else f"the {self.field} field") if self.field else ""]
        return ", ".join(p for p in parts if p)

    def action_text(self, lang: str = "en") -> str:
        if self.action is None:
            return ""
        return (ACTION_ZH if lang == "zh" else ACTION_EN)[self.action]

    def to_dict(self) -> dict:
        """Plain JSON: every field, the message in English and Chinese, and the whole line in both."""
        return {"severity": self.severity, "message": self.message, "message_zh": self.localized("zh").message,
                "file": self.file, "row": self.row, "column": self.column, "variable": self.variable,
                "cell": self.cell, "field": self.field, "value": self.value, "expected": self.expected,
                "expected_zh": self.localized("zh").expected, "action": self.action, "units": list(self.units),
                "text": str(self), "text_zh": self.render("zh")}

    @classmethod
    def from_dict(cls, data: dict) -> Problem:
        """Back from :meth:`to_dict` (a letter's record, a saved session); unknown keys are ignored."""
        known = ("message", "file", "row", "column", "value", "expected", "severity", "action", "variable", "cell",
                 "field")
        fields = {k: data.get(k) for k in known if data.get(k) is not None}
        return cls(units=tuple(data.get("units") or ()), **fields)

    def __str__(self) -> str:
        where = self.place()
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            text += f" (found {self.value!r}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        if self.action:
            text += f" — {ACTION_EN[self.action]}"
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
        where = local.place("zh")
        text = f"{where}：{local.message}" if where else local.message
        if local.value is not None:
            text += f"（读到 {local.value!r}" + (f"；应为 {local.expected}）" if local.expected else "）")
        elif local.expected:
            text += f"（应为 {local.expected}）"
        if local.action:
            text += f"——{ACTION_ZH[local.action]}"
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


class WriteError(InputError):
    """A file could not be written: disk full, no permission, read-only file system, a folder in the way.
    ``path`` is the file; ``errno`` the operating system's code when there was one."""

    def __init__(self, problem: Problem | str, *, path: str = "", errno: int | None = None):
        super().__init__(problem)
        self.path = path
        self.errno = errno


def worst(findings: Iterable[Problem]) -> Problem | None:
    """The most severe finding (the first of equals), None when there are none."""
    best = None
    for finding in findings:
        if best is None or finding.rank < best.rank:
            best = finding
    return best


def sorted_findings(findings: Iterable[Problem]) -> list[Problem]:
    """Worst first; within a severity, in the order found (file order)."""
    return sorted(findings, key=lambda f: f.rank)


@dataclass
class Report:
    """Warnings collected while loading something, kept with the loaded object."""

    warnings: list[Problem] = field(default_factory=list)

    def warn(self, message: str, *, severity: str = "warning", **where) -> None:
        """A finding that does not stop the load (``where``: place, value, expected, action, units)."""
        self.warnings.append(Problem(message, severity=severity, **where))

    def note(self, message: str, **where) -> None:
        self.warn(message, severity="note", **where)
