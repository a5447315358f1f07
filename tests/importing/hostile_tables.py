"""Text tables that are plain, nearly plain and awkward, for comparing the well-formed reader with the csv reader:
encodings, line ends, blank and comment lines, quotes, ragged rows, trailing cells, odd spaces and line breaks
inside cells, bad numbers, duplicates, and every layout (long, wide, transposed, daily, date + hour …)."""

from __future__ import annotations

import numpy as np

CITIES = ["成都市", "德阳市", "绵阳市", "渝中区", "自贡市"]
HEADER = ["时间", "城市", "PM2.5", "PM10", "AQI", "风向", "逆温", "风速", "首要污染物", "能见度"]
_DIRECTIONS = ["东北", "北", "西北", "静风", "NE", "270", "偏北风", "C"]
_INVERSION = ["有", "无", "1.5", "", "0"]


def _rows(hours: int = 30, seed: int = 3) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    rows = []
    for city in CITIES:
        for h in range(hours):
            pm25 = int(rng.gamma(4, 20))
            rows.append([f"2026-01-{10 + h // 24:02d} {h % 24:02d}:00", city, str(pm25), f"{pm25 * 1.3:.1f}",
                         str(int(pm25 * 1.4)), str(rng.choice(_DIRECTIONS)), str(rng.choice(_INVERSION)),
                         f"{rng.uniform(0.3, 4):.1f}", "PM2.5", f"{rng.uniform(1, 20):.1f}"])
    return rows


def _text(rows, header=HEADER, sep=",", end="\n", last_end=True) -> str:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return end.join(lines) + (end if last_end else "")


def _edit(at: int, column: int, value: str):
    rows = _rows()
    rows[at][column] = value
    return rows


def _insert(at: int, line: str) -> str:
    lines = _text(_rows()).split("\n")
    lines.insert(at, line)
    return "\n".join(lines)


def tables() -> dict[str, bytes]:
    """name → file bytes."""
    rows = _rows()
    plain = _text(rows)
    u = {  # UTF-8 texts
        "plain": plain,
        "no final newline": _text(rows, last_end=False),
        "blank line inside": _insert(20, ""),
        "blank lines at the end": plain + "\n\n\n",
        "delimiters only line": _insert(20, "," * (len(HEADER) - 1)),
        "spaces only line": _insert(20, "   "),
        "comment line inside": _insert(20, "# a note"),
        "comment line with spaces": _insert(20, "   # a note," + "," * 8),
        "comment at the end": plain + "# end\n",
        "excel error value": _text(_edit(7, 2, "#N/A")),
        "quoted cells": _text([[f'"{c}"' for c in r] for r in rows]),
        "quoted header": _text(rows, header=[f'"{h}"' for h in HEADER]),
        "quoted cell with a comma": _text(_edit(3, 5, '"东,北"')),
        "short row": _text([r[:-1] if i == 9 else r for i, r in enumerate(rows)]),
        "long row": _text([r + ["x"] if i == 9 else r for i, r in enumerate(rows)]),
        "long and short rows": _text([r + ["x"] if i == 9 else r[:-1] if i == 40 else r
                                      for i, r in enumerate(rows)]),
        "short first row": _text([r[:-1] if i == 0 else r for i, r in enumerate(rows)]),
        "trailing delimiter everywhere": _text([r + [""] for r in rows], header=HEADER + [""]),
        "trailing delimiter on rows only": _text([r + [""] for r in rows]),
        "trailing delimiters on the header only": _text(rows, header=HEADER + ["", ""]),
        "trailing empty header and text right of it": _text([r + (["x"] if i == 5 else [""])
                                                             for i, r in enumerate(rows)], header=HEADER + [""]),
        "trailing blank cells with spaces": _text([r + ["  "] for r in rows], header=HEADER + [""]),
        "spaces after delimiters": _text(rows, sep=", "),
        "spaces before delimiters": _text([[c + " " for c in r] for r in rows]),
        "leading spaces": "".join("  " + line + "\n" for line in plain.splitlines()),
        "tab inside a cell": _text(_edit(4, 1, "成都市\t")),
        "tab at line start": _insert(20, "\t" + ",".join(rows[0])),
        "no-break space in a name": _text(_edit(4, 1, "成都\xa0市")),
        "ideographic space cell": _text(_edit(4, 7, "\u3000")),
        "ideographic space first cell": _text(_edit(4, 0, "\u3000")),
        "blank first cell": _text(_edit(4, 0, "")),
        "text in a number cell": _text(_edit(6, 2, "abc")),
        "negative value": _text(_edit(6, 3, "-5")),
        "infinite and huge values": _text([r[:2] + ["inf"] + r[3:] if i == 6 else r[:2] + ["1e400"] + r[3:]
                                           if i == 8 else r for i, r in enumerate(rows)]),
        "above the ceiling": _text(_edit(6, 2, "5000")),
        "missing words": _text([r[:2] + [["缺测", "NA", "-", "", "—"][i % 5]] + r[3:] for i, r in enumerate(rows)]),
        "numbers written differently": _text([r[:2] + [["05", "5", "5.0", " 5", "+5", "5e0"][i % 6]] + r[3:]
                                              for i, r in enumerate(rows)]),
        "duplicate rows": _text(rows + [rows[3]]),
        "unknown and empty city": _text([r[:1] + ["成度市"] + r[2:] if i in (12, 14) else r[:1] + [""] + r[2:]
                                         if i == 13 else r for i, r in enumerate(rows)]),
        "province as a city": _text(_edit(12, 1, "四川省")),
        "vertical tab in a cell": _text(_edit(5, 9, "1\x0b2")),
        "file separator in a cell": _text(_edit(5, 9, "1\x1c2")),
        "line separator in a cell": _text(_edit(5, 9, "1\u20282")),
        "next line in a cell": _text(_edit(5, 9, "1\x852")),
        "lone CR in a cell": _text(_edit(5, 9, "1\r2")),
        "very long cell": _text(_edit(5, 9, "7" * 140_000)),
        "long but allowed cell": _text(_edit(5, 9, "7" * 1000)),
        "tab separated": _text(rows, sep="\t"),
        "semicolon separated": _text(rows, sep=";"),
        "sep= line": "sep=;\n" + _text(rows, sep=";"),
        "metadata above the header": "# issued_at: 2026-01-09 20:00\n发布单位：四川省环境监测总站\n\n" + plain,
        "title above the header": "川渝空气质量预报\n" + plain,
        "byte-order mark in the first data line": _text(rows).replace("\n", "\n\ufeff", 1),
        "true and false cells": _text([r[:6] + [["True", "FALSE", "true"][i % 3]] + r[7:]
                                       for i, r in enumerate(rows)]),
        "unrecognised columns": _text([r + ["x", "y"] for r in rows], header=HEADER + ["气温", "备注"]),
        "header with units and spaces": _text(rows, header=["时间 ", " 城市", "PM2.5(μg/m³)", "PM10(mg/m3)"]
                                              + HEADER[4:]),
        "empty header cell inside": _text(rows, header=HEADER[:8] + [""] + HEADER[9:]),
        "same field twice": _text(rows, header=HEADER[:3] + ["pm25"] + HEADER[4:]),
        "time not on the hour": _text(_edit(6, 0, "2026-01-10 06:30")),
        "unreadable time": _text(_edit(6, 0, "tomorrow")),
        "time with offset and without": _text(_edit(6, 0, "2026-01-10T06:00+08:00")),
        "wind directions unreadable": _text([r[:5] + [["东北偏东", "999", " xyz ", "xyz"][i % 4]] + r[6:]
                                             if i % 7 == 0 else r for i, r in enumerate(rows)]),
        "inversion unreadable": _text([r[:6] + ["strong?"] + r[7:] if i % 5 == 0 else r for i, r in enumerate(rows)]),
        "aqi ranges": _text([r[:4] + [f"{int(r[4])}-{int(r[4]) + 40}"] + r[5:] for r in rows]),
        "aqi ranges and numbers": _text([r[:4] + ([f"{r[4]}～{int(r[4]) + 40}"] if i % 2 else [r[4]]) + r[5:]
                                         for i, r in enumerate(rows)]),
        "issue time column": _text([r + ["2026-01-09 20:00"] for r in rows], header=HEADER + ["发布时间"]),
        "several issue times": _text([r + ["2026-01-09 20:00" if i % 2 else " 2026-01-09 08:00"]
                                      for i, r in enumerate(rows)], header=HEADER + ["发布时间"]),
        "utc times": _text(rows, header=["时间(UTC)"] + HEADER[1:]),
        "single data row": _text(rows[:1]),
        "header only": _text([]),
        "wide table": "# pollutant: pm25\n" + _text([[f"2026-01-10 {h:02d}:00"] + [str(10 * h + k) for k in range(3)]
                                                      for h in range(24)], header=["time", "成都", "德阳", "绵阳"]),
        "wide table going backwards": "# pollutant: pm25\n" + _text(
            [[f"2026-01-10 {h:02d}:00", "1", "2"] for h in (0, 2, 1)], header=["time", "成都", "德阳"]),
        "transposed table": "# pollutant: aqi\n" + _text([[c] + [str(50 + 10 * d + k) for d in range(5)]
                                                          for k, c in enumerate(CITIES)],
                                                         header=["城市"] + [f"2026-01-{10 + d}" for d in range(5)]),
        "daily table": _text([[f"2026-01-{10 + d}", c, str(80 + d)] for c in CITIES for d in range(7)],
                             header=["日期", "城市", "AQI"]),
        "daily ranges": _text([[f"2026-01-{10 + d}", c, f"{80 + d}-{120 + d}"] for c in CITIES for d in range(7)],
                              header=["date", "city", "aqi"]),
        "date and hour columns": _text([[f"2026-01-{10 + h // 24}", str(h % 24), c, str(30 + h)]
                                        for c in CITIES for h in range(30)], header=["日期", "小时", "城市", "PM2.5"]),
        "date and a bad hour": _text([[f"2026-01-{10 + h // 24}", "25" if h == 7 else str(h % 24), c, str(30 + h)]
                                      for c in CITIES for h in range(30)], header=["日期", "小时", "城市", "PM2.5"]),
        "date and clock columns": _text([[f"2026-01-{10 + h // 24}", f"{h % 24:02d}:00 ", c, str(30 + h)]
                                         for c in CITIES for h in range(30)], header=["日期", "时间", "城市", "PM2.5"]),
        "generic value column": "# pollutant: pm25\n" + _text([r[:3] for r in rows], header=["时间", "城市", "浓度"]),
    }
    out = {name: text.encode("utf-8") for name, text in u.items()}
    out.update({
        "CRLF": plain.replace("\n", "\r\n").encode("utf-8"),
        "CRLF and a blank line": _insert(20, "").replace("\n", "\r\n").encode("utf-8"),
        "utf-8 with BOM": b"\xef\xbb\xbf" + plain.encode("utf-8"),
        "GBK": plain.encode("gbk"),
        "GBK with CRLF": plain.replace("\n", "\r\n").encode("gbk"),
        "UTF-16": plain.encode("utf-16"),
        "GB18030 only": _text(_edit(3, 9, "𠀀")).encode("gb18030"),
    })
    return out
