"""Write data/boundaries/unit-pinyin.csv: the Hanyu Pinyin of every unit's full name, for finding a unit by
typing pinyin (``yuzhong``, ``yz``) in the window.

Generated once with pypinyin (MIT licence; its readings come from the pinyin-data and phrase-pinyin-data
projects, MIT) and shipped, so the app needs no pinyin library at run time. Build-only::

    pip install -r requirements/build-data.in && python -m tools.make_pinyin

Each unit's pinyin of its short name is checked against the English name in units.csv where that is plain
pinyin (Chengdu, Yuzhong, Nan'an …); a mismatch (a polyphonic character read wrongly) stops the build.
"""

from __future__ import annotations

import csv
import io
import sys

from app.atomic import write_text_atomic
from app.domain.units import load_units
from app.paths import UNITS_TABLE

OUT = UNITS_TABLE.parent / "unit-pinyin.csv"


# Place-name readings pypinyin gets wrong (都 is dū in a place name, not dōu); checked against units.csv.
PHRASES = {"丰都": [["fēng"], ["dū"]]}


def syllables(text: str) -> list[str]:
    from pypinyin import lazy_pinyin, load_phrases_dict

    load_phrases_dict(PHRASES)
    return [s.lower() for s in lazy_pinyin(text)]


def main() -> int:
    units = load_units()
    rows, mismatches = [], []
    for unit in units:
        full = syllables(unit.name)
        short = syllables(unit.short_name)
        english = unit.name_en.replace("'", "").replace(" ", "").lower()
        if " " not in unit.name_en and "ê" not in unit.name_en and "".join(short) != english:
            mismatches.append(f"{unit.name}: pypinyin {''.join(short)!r}, units.csv {unit.name_en!r}")
        rows.append((unit.adcode, unit.name, " ".join(full), " ".join(short)))
    if mismatches:
        print("pinyin disagrees with the English names:\n" + "\n".join(mismatches), file=sys.stderr)
        return 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["adcode", "name", "pinyin", "short_pinyin"])
    writer.writerows(rows)
    write_text_atomic(OUT, buffer.getvalue())
    print(f"wrote {OUT} ({len(rows)} units)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
