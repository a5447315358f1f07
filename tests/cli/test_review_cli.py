"""``hazedesk review``: the JSON on stdout, names, exit codes and messages for bad input."""

from __future__ import annotations

import json

from app.cli import main
from app.paths import SAMPLES_DIR

OBS = str(SAMPLES_DIR / "observed-regional-orange-daily.csv")
FC = str(SAMPLES_DIR / "sample-regional-orange.csv")


def test_review_prints_one_json_object(capsys):
    assert main(["review", "--observed", OBS, "--forecast", FC, FC, "--names", "区域中心,省站"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["cities"]["成都市"]) == {"区域中心", "省站"}
    assert out["observed"]["kind"] == "daily-pm25" and out["observed"]["start"] == "2026-01-10"
    assert out["regions"]["盆地中部地区"]["missing_cities"] == ["遂宁市"]
    assert out["forecasts"]["省站"]["sha256"]


def test_review_writes_json_to_a_file(tmp_path):
    target = tmp_path / "r.json"
    assert main(["review", "--observed", OBS, "--forecast", FC, "--json", str(target)]) == 0
    assert "sample-regional-orange" in json.loads(target.read_text(encoding="utf-8"))["overall"]


def test_bad_names_and_files_exit_2(capsys, tmp_path):
    assert main(["review", "--observed", OBS, "--forecast", FC, FC, "--names", "a"]) == 2
    assert "--names needs one distinct" in capsys.readouterr().err
    assert main(["review", "--observed", str(tmp_path / "none.csv"), "--forecast", FC]) == 2
    assert "no such file" in capsys.readouterr().err
