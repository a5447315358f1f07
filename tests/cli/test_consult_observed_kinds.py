"""The 会商纪要 say what kind of observations the judgement used: the national network's station data with the
number of stations, or a city table's hourly or daily values (the observed loader's kind, kept in the record)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from app import cli
from app.consultation import ConsultationRecord
from app.consultation.record import checked_observed
from app.consultation.text import observed_kinds, observed_sentence
from app.errors import InputError
from app.paths import SAMPLES_DIR
from tests.cli.test_consult_observed import PLAIN, make_running


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def _consult(capsys, *args):
    code = cli.main(["consult", *map(str, args), "--decided-at", "2026-01-09T16:00"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_the_minutes_name_the_networks_station_data_and_their_number(capsys, tmp_path):
    pdf = tmp_path / "纪要.pdf"
    data = _consult(capsys, SAMPLES_DIR / "sample-regional-orange.csv",
                    SAMPLES_DIR / "sample-regional-orange-daily-range.csv",
                    "--observed", SAMPLES_DIR / "stations-regional-orange", "--minutes", pdf)
    (file,) = data["observed"]["files"]
    # the sample's 151 stations less its 2 background stations (对照点) and 4 of neighbouring provinces
    assert (file["kind"], file["stations"]) == ("stations", 145)
    text = _pdf_text(pdf)
    assert ("不计预警提前量。实况数据采用国家空气质量监测网站点逐时数据（145个站点）。") in text


def test_city_tables_are_said_hourly_or_daily(capsys, tmp_path):
    obs, one, two = make_running(tmp_path)  # hourly PM2.5 of the plain's cities, 01-07 … 01-09
    daily = tmp_path / "daily.csv"
    daily.write_text("date,city,pm25\n" + "".join(f"2026-01-0{d},{c},60\n" for d in (5, 6) for c in PLAIN),
                     encoding="utf-8")
    hourly = ConsultationRecord.from_json(_consult(capsys, one, two, "--observed", obs))
    assert [f["kind"] for f in hourly.observed["files"]] == ["hourly"]
    assert observed_sentence(hourly).endswith("不计预警提前量。实况数据采用城市逐时监测数据。")
    both = ConsultationRecord.from_json(_consult(capsys, one, two, "--observed", obs, "--observed", daily))
    assert [(f["kind"], f["stations"]) for f in both.observed["files"]] == [("hourly", None), ("daily-pm25", None)]
    assert observed_sentence(both).endswith("实况数据采用城市逐时监测数据和城市逐日监测数据（PM2.5日均浓度）。")


def _observed(*files):
    return {"files": [{"name": "x", "path": "/tmp/x", "sha256": "0" * 64, "start": start, "end": start, "hours": 1,
                       **extra} for start, extra in files],
            "start": "2026-01-07T00:00:00+08:00", "end": "2026-01-09T23:00:00+08:00", "hours": 72,
            "forecast_start": "2026-01-10T00:00:00+08:00"}


def test_kinds_in_written_chinese():
    early, late = "2026-01-07T00:00:00+08:00", "2026-01-10T00:00:00+08:00"
    stations = {"kind": "stations", "stations": 95}
    assert observed_kinds(_observed((early, stations))) == "国家空气质量监测网站点逐时数据（95个站点）"
    two_folders = _observed((early, stations), (early, {"kind": "stations", "stations": 97}))
    assert observed_kinds(two_folders) == "国家空气质量监测网站点逐时数据（95～97个站点）"
    three = _observed((early, {"kind": "daily-aqi"}), (early, stations), (early, {"kind": "hourly"}))
    assert observed_kinds(three) == ("国家空气质量监测网站点逐时数据（95个站点）、城市逐时监测数据和"
                                     "城市逐日空气质量指数（AQI）数据")
    # a file wholly within the forecasts' period gives no observed hour: not named
    assert observed_kinds(_observed((early, stations), (late, {"kind": "daily-pm25"}))) == (
        "国家空气质量监测网站点逐时数据（95个站点）")
    # a record from before kinds were kept: the period only, no guess at the kind
    record = _observed((early, {}))
    assert observed_kinds(record) == ""


def test_a_records_kind_and_station_count_are_checked():
    early = "2026-01-07T00:00:00+08:00"
    assert checked_observed(_observed((early, {"kind": "stations", "stations": 3})))
    assert checked_observed(_observed((early, {})))  # older records have neither
    for extra, column in (({"kind": "radar"}, "observed.files[0].kind"),
                          ({"kind": "stations", "stations": -1}, "observed.files[0].stations"),
                          ({"kind": "stations", "stations": "95"}, "observed.files[0].stations")):
        with pytest.raises(InputError) as caught:
            checked_observed(_observed((early, extra)))
        assert column in str(caught.value)
