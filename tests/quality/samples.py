"""Forecast files with known data-quality faults, built from the shipped clean-week sample."""

from __future__ import annotations

from pathlib import Path

from app.paths import SAMPLES_DIR

CLEAN_WEEK = SAMPLES_DIR / "sample-clean-week.csv"


def write_99999(folder: Path, name: str = "f99999.csv", city: str = "成都市") -> tuple[Path, int]:
    """The clean week with one PM2.5 of ``city`` (2026-11-02 12:00) typed as 99999; returns (path, file row)."""
    lines = CLEAN_WEEK.read_text(encoding="utf-8").splitlines(keepends=True)
    header_at = next(i for i, line in enumerate(lines) if line.startswith("time,"))
    column = lines[header_at].strip().split(",").index("pm25")
    for i, line in enumerate(lines):
        if line.startswith(f"2026-11-02 12:00,{city},"):
            cells = line.rstrip("\n").split(",")
            cells[column] = "99999"
            lines[i] = ",".join(cells) + "\n"
            path = folder / name
            path.write_text("".join(lines), encoding="utf-8")
            return path, i + 1
    raise AssertionError(f"the clean-week sample changed: no {city} row at 2026-11-02 12:00")


def write_without(folder: Path, units: list[str], name: str = "partial.csv") -> Path:
    """The clean week without the rows of ``units`` (full names)."""
    lines = CLEAN_WEEK.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(f",{u}," in line for u in units)]
    path = folder / name
    path.write_text("".join(kept), encoding="utf-8")
    return path
