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
    # named by its producer (the regional centre when the file names none), never by its file name
    assert "西南区域空气质量预测预报中心" in json.loads(target.read_text(encoding="utf-8"))["overall"]


def test_bad_names_and_files_exit_2(capsys, tmp_path):
    assert main(["review", "--observed", OBS, "--forecast", FC, FC, "--names", "a"]) == 2
    assert "--names needs one distinct" in capsys.readouterr().err
    assert main(["review", "--observed", str(tmp_path / "none.csv"), "--forecast", FC]) == 2
    assert "no such file" in capsys.readouterr().err


def test_with_several_forecasts_read_together_the_first_error_is_the_one_reading_in_order_meets(capsys, tmp_path):
    """Forecasts and observations are read two at a time: the error reported is still the first the order
    forecasts → names → observations meets, and the JSON is that of reading them one after the other."""
    bad = tmp_path / "bad.csv"
    bad.write_text("time,city,pm25\n2026-01-10 00:00,成都市,abc\n", encoding="utf-8")
    none = str(tmp_path / "none.csv")
    assert main(["review", "--observed", none, "--forecast", FC, str(bad), FC, "--names", "a"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "abc" in err and "--names" not in err and "none.csv" not in err
    assert main(["review", "--observed", none, "--forecast", FC, FC, "--names", "a"]) == 2
    err = capsys.readouterr().err
    assert "--names needs one distinct" in err and "none.csv" not in err
    assert main(["review", "--observed", none, "--forecast", FC, FC]) == 2
    assert "no such file" in capsys.readouterr().err


def test_forecasts_read_together_give_the_json_of_reading_them_in_turn(capsys, monkeypatch):
    from app.cli import review as command

    argv = ["review", "--observed", OBS, "--forecast", FC, str(SAMPLES_DIR / "consult-chongqing.csv"), FC]
    assert main(argv) == 0
    together = capsys.readouterr().out

    def in_turn(paths, load, observed, named):
        forecasts = [load(p) for p in paths]
        return forecasts, named(forecasts), observed()

    monkeypatch.setattr(command, "load_inputs", in_turn)
    assert main(argv) == 0
    assert capsys.readouterr().out == together


def test_what_is_computed_ahead_while_reading_changes_nothing_and_its_errors_come_in_their_turn(capsys,
                                                                                               monkeypatch):
    """Each forecast's evaluation and daily values are computed by the reader threads; one that fails there is
    computed again by the review (the same error where it always came), and the adjacency's error comes after
    the files' (here: the observations' missing file)."""
    from app.review import review as reviewing

    argv = ["review", "--observed", OBS, "--forecast", FC, str(SAMPLES_DIR / "consult-chongqing.csv")]
    assert main(argv) == 0
    ahead = capsys.readouterr().out
    computed = []
    real = reviewing.forecast_parts

    def failing(forecast, *args):
        computed.append(forecast.meta.source_path)
        if len(computed) == 1:
            raise RuntimeError("not this time")
        return real(forecast, *args)

    monkeypatch.setattr(reviewing, "forecast_parts", failing)
    assert main(argv) == 0
    assert capsys.readouterr().out == ahead and len(computed) == 2

    def broken(scheme):
        raise OSError("adjacency unreadable")

    monkeypatch.setattr("maps.derived.scheme_neighbours", broken)
    assert main(["review", "--observed", OBS + ".none", "--forecast", FC, FC]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(argv) == 1  # an internal error, after the files were read
    assert "adjacency unreadable" in capsys.readouterr().err


def test_review_with_a_case_writes_the_report_and_stores_the_review(capsys, tmp_path):
    from datetime import datetime

    from app.cases.library import LetterChange, open_library
    from app.domain.scheme import BEIJING

    db = tmp_path / "cases.sqlite"
    assert main(["case", "--db", str(db), "new", "2026年1月过程"]) == 0
    case = capsys.readouterr().out.strip()
    lib = open_library(db)
    lib.issue_letter(case, kind="first", issued_at=datetime(2026, 1, 9, 16, tzinfo=BEIJING), number="1号",
                     changes=[LetterChange("start", "盆地中部地区", "orange", datetime(2026, 1, 12, tzinfo=BEIJING))])
    pdf = tmp_path / "review.pdf"
    assert main(["review", "--observed", OBS, "--forecast", FC, "--case", case, "--cases-db", str(db),
                 "--pdf", str(pdf)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["report"] == {"pdf": str(pdf.resolve())} and pdf.read_bytes().startswith(b"%PDF")
    middle = out["regions"]["盆地中部地区"]
    assert middle["issued_warnings"][0]["level"] == "orange"  # never lifted: runs to the end of the period
    assert middle["issued_matches"][0]["outcome"] == "hit"
    assert open_library(db).latest_review(case)["regions"]["盆地中部地区"]["issued_matches"] == \
        middle["issued_matches"]


def test_case_command_lists_exports_and_imports(capsys, tmp_path):
    db, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert main(["case", "--db", str(db), "new", "过程"]) == 0
    case = capsys.readouterr().out.strip()
    target = tmp_path / "c.hzcase"
    assert main(["case", "--db", str(db), "export", case, str(target)]) == 0
    assert main(["case", "--db", str(other), "import", str(target)]) == 0
    capsys.readouterr()
    assert main(["case", "--db", str(other), "list"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "过程"
    assert main(["case", "--db", str(other), "export", "nope", str(target)]) == 2
    assert "no such case" in capsys.readouterr().err


def test_the_real_cnemc_file_reviews_from_the_command_line(capsys, tmp_path):
    """A daily AQI forecast file for the 8 cities of the real 2014–2015 CNEMC file, reviewed against it."""
    from pathlib import Path

    real = Path(__file__).resolve().parent.parent / "data" / "sichuan8_daily_2014_2015.csv"
    cities = ("成都市", "德阳市", "泸州市", "绵阳市", "南充市", "攀枝花市", "宜宾市", "自贡市")
    rows = ["# issued_at: 2014-01-04 16:00", "date,city,aqi"]
    rows += [f"2014-01-{d:02d},{c},{160 + 10 * (d - 5)}" for c in cities for d in range(5, 12)]
    forecast = tmp_path / "forecast-2014-01-04.csv"
    forecast.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["review", "--observed", str(real), "--forecast", str(forecast), "--names", "省站"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["observed"]["start"] == "2014-01-01" and out["observed"]["end"] == "2015-12-31"
    assert out["period"] == {"start": "2014-01-05", "end": "2014-01-11"}
    assert all(out["cities"][c]["省站"]["days"] == 7 for c in cities)
    assert out["forecasts"]["省站"]["issued_at"] == "2014-01-04T16:00:00+08:00"
    assert out["regions"]["成都平原地区"]["partial"] and "眉山市" in out["regions"]["成都平原地区"]["missing_cities"]
    assert "重庆" not in "".join(out["observed"]["cities_present"])
