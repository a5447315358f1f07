"""Cities' 启动预警情况通报 (which city started which warning level, when) from a small table.

    city,time,level[,note]        城市,时间,级别[,备注]

CSV in UTF-8 or GBK; cities by full, short or former name or adcode; levels 黄色/橙色/红色 (or yellow/orange/red,
Ⅲ/Ⅱ/Ⅰ级), 解除 for a lift; times Beijing time. Bad rows are named (file, row, column) and nothing is recorded.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from app import untrusted
from app.domain.scheme import BEIJING
from app.domain.units import load_units
from app.errors import InputError, Problem

_HEADERS = {"city": ("city", "城市", "区县", "城市区县"), "time": ("time", "时间", "启动时间", "发布时间"),
            "level": ("level", "级别", "预警级别"), "note": ("note", "备注", "说明")}
_LEVELS = {"黄色": "yellow", "yellow": "yellow", "iii级": "yellow", "Ⅲ级": "yellow", "三级": "yellow",
           "橙色": "orange", "orange": "orange", "ii级": "orange", "Ⅱ级": "orange", "二级": "orange",
           "红色": "red", "red": "red", "i级": "red", "Ⅰ级": "red", "一级": "red",
           "解除": "none", "lift": "none", "none": "none"}
LEVEL_TEXT = "黄色 / 橙色 / 红色 (yellow / orange / red), or 解除 (lift)"


def read_city_notices(path: str | Path) -> list[dict]:
    name = str(path)
    raw = untrusted.read_bounded(path, "table", expected="a table city,time,level (CSV)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(Problem("cannot read the text: it is neither UTF-8 nor GBK/GB18030", file=name))
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InputError(Problem("the table is empty", file=name, expected="a header city,time,level"))
    header = [h.strip().lower() for h in rows[0]]
    where = {}
    for role, aliases in _HEADERS.items():
        found = next((i for i, h in enumerate(header) if h in aliases), None)
        if found is None and role != "note":
            raise InputError(Problem(f"no {role} column in the header", file=name, row=1,
                                     value=",".join(rows[0]), expected="city/城市, time/时间, level/级别"))
        where[role] = found
    units = load_units()
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {role: (row[i].strip() if i is not None and i < len(row) else "") for role, i in where.items()}
        unit = units.resolve(cell["city"])
        if unit is None:
            raise InputError(Problem("unknown unit name", file=name, row=number, column=rows[0][where["city"]],
                                     value=cell["city"], expected="a unit's adcode, full, short or former name"))
        try:
            time = datetime.fromisoformat(cell["time"].replace("/", "-"))
        except ValueError as exc:
            raise InputError(Problem("not a date-time", file=name, row=number, column=rows[0][where["time"]],
                                     value=cell["time"], expected="YYYY-MM-DD HH:MM (Beijing time)")) from exc
        level = _LEVELS.get(cell["level"].lower().replace(" ", ""))
        if level is None:
            raise InputError(Problem("unknown warning level", file=name, row=number, column=rows[0][where["level"]],
                                     value=cell["level"], expected=LEVEL_TEXT))
        out.append({"city": unit.name, "time": time if time.tzinfo else time.replace(tzinfo=BEIJING),
                    "level": level, "note": cell.get("note", "")})
    return out


def linkage_cities(scheme) -> list[str]:
    """The linkage cities of the scheme's regions, in the scheme's order, each once."""
    out: list[str] = []
    for region in scheme.regions:
        out += [m for m in region.members if m not in out]
    return out


def linkage_city(text: str, cities: list[str]) -> str:
    """The full name of the linkage city ``text`` names (full, short or former name, adcode); anything else,
    a unit outside the linkage regions included, is refused with a finding."""
    typed = text.strip()
    unit = load_units().resolve(typed) if typed else None
    if unit is None or unit.name not in cities:
        raise InputError(Problem("not one of the linkage cities", column="city", value=typed or "(empty)",
                                 expected="one of the 40 cities of the linkage regions (e.g. 自贡市, 万州区)"))
    return unit.name


def import_city_notices(library, case_id: str, path: str | Path) -> int:
    """Read the table and record every notice in the case, in one transaction; returns how many."""
    from app.cases.library import iso, new_id

    notices = read_city_notices(path)
    with library.transaction() as db:
        library._require(case_id)
        for n in notices:
            db.execute("INSERT INTO city_notices VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, city, time) DO "
                       "UPDATE SET level = excluded.level, note = excluded.note",
                       (new_id(), case_id, n["city"], iso(n["time"]), n["level"], n["note"]))
    return len(notices)
