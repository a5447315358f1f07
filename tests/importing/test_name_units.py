"""Findings made while reading learn their unit from the row they name: only the rows findings name are looked
up (a year of hourly rows places half a million cells), with the same answer as a scan of every placed cell."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np

from app.errors import Problem
from app.importing.checks import _name_units


def _named_by_full_scan(units: list[str], warnings: list[Problem], row_of: np.ndarray) -> list[Problem]:
    """The rule in plain words: the one unit with cells from that row, else the finding's column if it is one
    of that row's units, else none."""
    units_at: dict[int, set[str]] = {}
    for u in range(row_of.shape[0]):
        for t in range(row_of.shape[1]):
            if row_of[u, t]:
                units_at.setdefault(int(row_of[u, t]), set()).add(units[u])
    named = []
    for finding in warnings:
        at = units_at.get(finding.row, set()) if not finding.units and finding.row is not None else set()
        unit = next(iter(at)) if len(at) == 1 else (finding.column if finding.column in at else None)
        named.append(replace(finding, units=(unit,)) if unit is not None else finding)
    return named


def test_units_named_as_a_full_scan_would_name_them():
    rng = np.random.default_rng(7)
    units = ["成都市", "德阳市", "绵阳市", "万州区"]
    long_rows = rng.permutation(np.arange(2, 2 + 4 * 30)).reshape(4, 30)  # long: one unit per row
    wide_rows = np.tile(np.arange(200, 230), (4, 1))  # wide: every unit on each row
    row_of = np.concatenate([long_rows, wide_rows], axis=1)
    row_of[1, 3] = 0  # a cell no row filled
    warnings = [Problem("bad cell", row=int(r), column=c, severity="warning", action="excluded")
                for r in (2, 17, 121, 205, 229, 999, 0) for c in ("pm25", "德阳市")]
    warnings += [Problem("no row", severity="note"),
                 Problem("already named", row=5, units=("万州区",), severity="warning", action="kept")]
    forecast = SimpleNamespace(units=units, warnings=list(warnings))
    _name_units(forecast, row_of)
    assert forecast.warnings == _named_by_full_scan(units, warnings, row_of)
    assert any(w.units == ("德阳市",) and w.row == 205 for w in forecast.warnings)  # the column picks the unit
    assert any(len(w.units) == 1 and w.row == 17 for w in forecast.warnings)


def test_no_findings_with_rows_leave_the_warnings_alone():
    forecast = SimpleNamespace(units=["成都市"], warnings=[Problem("a note", severity="note")])
    _name_units(forecast, np.arange(1, 11).reshape(1, 10))
    assert forecast.warnings == [Problem("a note", severity="note")]
