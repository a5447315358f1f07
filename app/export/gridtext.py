"""Chinese line breaking on the GB/T 9704 grid, both ways, with justification and punctuation squeezing.

ReportLab's CJK wrapper breaks anywhere except before a short list of closing marks: a line could end with
"（" or break "HJ 633-2026" in the middle, and it cannot justify a line without spaces. Letters are set here
instead, unit by unit:

- a *unit* is one Chinese character, or a run that must not break (a Latin word or number such as "PM2.5",
  "2026", "HJ", a dash or ellipsis pair "——" "……");
- no line starts with closing punctuation (，。、：；！？）》」’” …) and none ends with opening punctuation
  (（《「“‘〔【): a closing mark that does not fit first tries 标点挤压 (full-width marks on the line give up to
  half their width), otherwise the last unit goes down with it; an opening mark at a line end goes down;
- every line but a paragraph's last is justified to the right edge: the spare width is shared between the gaps
  between units, or taken from squeezable marks when the line is over-full.

Pure Python: widths come from a function, so tests run without fonts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

OPENING = "（《〈「『【〔“‘([{"
CLOSING = "，。、：；！？）》〉」』】〕”’…—%％℃‰·,.:;!?)]}"
SQUEEZABLE = set("，。、：；！？）》〉」』】〕”’（《〈「『【〔“‘")
# a Latin word or number is one unit; a standard's code keeps its number ("HJ 633-2026", "GB 3095")
_UNIT = re.compile(r"(?:[A-Z]{1,4} (?=\d))?[A-Za-z0-9µ³²°.+\-/_%<>=]+|——|……|\s|.", re.S)


@dataclass
class Line:
    units: list[str]
    natural: float  # width at natural spacing
    last: bool = False  # a paragraph's last line: not justified


def units_of(text: str) -> list[str]:
    return _UNIT.findall(text)


def break_lines(text: str, width_of: Callable[[str], float], widths: Sequence[float]) -> list[Line]:
    """Lines of ``text``: ``widths[i]`` is line i's measure (the last value repeats)."""
    lines: list[Line] = []
    current: list[str] = []
    used = 0.0

    def measure(i: int) -> float:
        return widths[min(i, len(widths) - 1)]

    def squeeze(units: list[str]) -> float:
        return sum(width_of(u) / 2 for u in units if u in SQUEEZABLE)

    def close(carry: list[str]) -> None:
        nonlocal current, used
        lines.append(Line(current, sum(width_of(u) for u in current)))
        current = carry
        used = sum(width_of(u) for u in current)

    for unit in units_of(text):
        if not current and unit.isspace():
            continue
        w = width_of(unit)
        avail = measure(len(lines))
        if current and used + w > avail + 1e-6:
            if unit[0] in CLOSING and used + w - squeeze([*current, unit]) <= avail + 1e-6:
                current.append(unit)  # 标点挤压: the line takes the mark and gives up punctuation width
                used += w
                continue
            carry: list[str] = []
            if unit[0] in CLOSING and len(current) > 1:
                carry.insert(0, current.pop())  # the mark never starts a line: its predecessor comes along
            while len(current) > 1 and current[-1][0] in OPENING:
                carry.insert(0, current.pop())  # an opening mark never ends a line
            while current and current[-1].isspace():
                current.pop()
            close(carry)
        current.append(unit)
        used += w
    while current and current[-1].isspace():
        current.pop()
    if current or not lines:
        close([])
    lines[-1].last = True
    return lines


def place(line: Line, width_of: Callable[[str], float], measure: float, justify: bool) -> list[tuple[str, float, float]]:
    """(unit, x, squeezed) for each unit of a line: x from the line's start, ``squeezed`` the width a
    punctuation mark gave up (an opening mark is drawn that much further left)."""
    units = line.units
    widths = [width_of(u) for u in units]
    spare = measure - sum(widths)
    give = [0.0] * len(units)
    gap = 0.0
    if spare < -1e-6:  # over-full: squeeze the marks, evenly, up to half their width
        room = [w / 2 if u in SQUEEZABLE else 0.0 for u, w in zip(units, widths)]
        total = sum(room)
        if total > 0:
            give = [r * min(1.0, -spare / total) for r in room]
    elif justify and not line.last and len(units) > 1:
        gap = spare / (len(units) - 1)
    out, x = [], 0.0
    for u, w, g in zip(units, widths, give):
        out.append((u, x, g))
        x += w - g + gap
    return out
