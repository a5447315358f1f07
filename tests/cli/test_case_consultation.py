"""``hazedesk case consultation ID RECORD.json``: the decision ``hazedesk consult --json`` wrote goes into the case
with the forecasts it compared, once however often it is recorded."""

from __future__ import annotations

import json

from app import cli
from app.cases.library import open_library
from app.paths import SAMPLES_DIR

FILES = ["sample-red-plain-south.csv", "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]


def test_a_consultation_and_its_forecasts_go_into_the_case(tmp_path, capsys):
    record = tmp_path / "会商.json"
    assert cli.main(["consult", *(str(SAMPLES_DIR / f) for f in FILES), "--names", "区域中心,四川省站,重庆市站",
                     "--consensus", "majority", "--k", "2", "--json", str(record)]) == 0
    db = str(tmp_path / "cases.sqlite")
    assert cli.main(["case", "--db", db, "new", "2026年12月过程"]) == 0
    case = capsys.readouterr().out.strip()
    for _ in range(2):
        assert cli.main(["case", "--db", db, "consultation", case, str(record)]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["forecasts"] == ["区域中心", "四川省站", "重庆市站"]
    stored = open_library(db).case(case)
    [row] = stored["consultations"]
    assert json.loads(row["data"])["consensus"]["k"] == 2
    assert sorted(f["name"] for f in stored["forecasts"]) == ["区域中心", "四川省站", "重庆市站"]
    kept = open_library(db).forecast_content(case, json.loads(record.read_text("utf-8"))["sources"][0]["sha256"])
    assert kept == (SAMPLES_DIR / FILES[0]).read_bytes()  # copied in: the case opens elsewhere


def test_a_case_that_does_not_exist_or_a_bad_record_exit_2(tmp_path, capsys):
    bad = tmp_path / "x.json"
    bad.write_text('{"sources": 1}', encoding="utf-8")
    db = str(tmp_path / "cases.sqlite")
    assert cli.main(["case", "--db", db, "new", "过程"]) == 0
    case = capsys.readouterr().out.strip()
    assert cli.main(["case", "--db", db, "consultation", case, str(bad)]) == 2
    assert "not a consultation record" in capsys.readouterr().err
    assert cli.main(["case", "--db", db, "consultation", case]) == 2
    assert "case consultation ID RECORD.json" in capsys.readouterr().err
