"""Consultation inputs that would mislead (issue 22, item 12): one forecast given twice counts twice — refused;
sources whose periods do not overlap are said (a source apart from all others is flagged, none overlapping at
all is refused); and the 会商 window adds the same file only once."""

from __future__ import annotations

import json
import shutil

import pytest

from app.cli import main
from app.paths import SAMPLES_DIR

RED = SAMPLES_DIR / "sample-red-plain-south.csv"  # 12-20 … 12-26
CQ = SAMPLES_DIR / "consult-chongqing.csv"  # 12-20 … 12-26
NOV = SAMPLES_DIR / "sample-clean-week.csv"  # 11-02 … 11-08
JAN = SAMPLES_DIR / "sample-regional-orange.csv"  # 01-10 … 01-16


@pytest.mark.parametrize("copy", [False, True])
def test_the_same_forecast_twice_is_refused(tmp_path, capsys, copy):
    second = RED
    if copy:  # a copy under another name is the same forecast
        second = tmp_path / "again.csv"
        shutil.copy(RED, second)
    assert main(["consult", str(RED), str(second), str(CQ)]) == 2
    err = capsys.readouterr().err
    assert "the same forecast is given twice" in err and "internal error" not in err


def test_sources_sharing_no_day_are_refused(capsys):
    assert main(["consult", str(JAN), str(NOV)]) == 2
    err = capsys.readouterr().err
    assert "do not overlap" in err and "01-10–01-16" in err and "11-02–11-08" in err


def test_a_source_apart_from_the_others_is_flagged(capsys):
    assert main(["consult", str(RED), str(CQ), str(NOV), "--names", "区域中心,重庆,十一月"]) == 0
    out = json.loads(capsys.readouterr().out)
    apart = [g for g in out["missing"] if g["kind"] == "apart"]
    assert [g["source"] for g in apart] == ["十一月"]
    assert apart[0]["text"] == "十一月：预报时段（11月2日–11月8日）与其他来源都不重叠，无从比较"

