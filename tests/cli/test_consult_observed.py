"""``hazedesk consult --observed``: every source and the consensus judged with the observations spliced before
them (spec §7), the record naming the observed files, reopening it, and a bad observed file."""

from __future__ import annotations

import json

import pytest

from app import cli
from app.consultation.reopen import reopen
from app.domain.scheme import load_scheme
from maps.derived import scheme_neighbours
from tests.domain.engine_helpers import AQI_175, CLEAN, hourly_forecast, pm25_days

PLAIN = ["成都市", "德阳市", "绵阳市", "眉山市", "乐山市", "雅安市"]


def _table(path, forecast, producer: str, issued: str) -> None:
    frame = forecast.to_long_frame()
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    text = frame[["time", "city", "pm25"]].to_csv(index=False)
    path.write_text(f"# producer: {producer}\n# issued_at: {issued}\n{text}", encoding="utf-8")


@pytest.fixture
def running(tmp_path):
    return make_running(tmp_path)


def make_running(tmp_path):
    """Observed 01-08 and 01-09 above 150 in the Chengdu plain; two forecasts from 01-10, both with 01-10 above
    150 and clean after (one a little higher): 72 h above 150 with the observed days, 24 h without.
    (observed.csv, centre.csv, sichuan.csv)"""
    observed = hourly_forecast({c: pm25_days(CLEAN, AQI_175, AQI_175) for c in PLAIN}, start="2026-01-07")
    obs = tmp_path / "observed.csv"
    frame = observed.to_long_frame()
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    frame[["time", "city", "pm25"]].to_csv(obs, index=False)
    one, two = tmp_path / "centre.csv", tmp_path / "sichuan.csv"
    _table(one, hourly_forecast({c: pm25_days(AQI_175, CLEAN, CLEAN, CLEAN) for c in PLAIN}, start="2026-01-10"),
           "区域中心", "2026-01-09 10:00")
    _table(two, hourly_forecast({c: pm25_days(AQI_175 + 4, CLEAN, CLEAN, CLEAN) for c in PLAIN},
                                start="2026-01-10"), "四川省站", "2026-01-09 09:00")
    return obs, one, two


def _consult(capsys, *args):
    code = cli.main(["consult", *map(str, args), "--decided-at", "2026-01-09T16:00"])
    return code, capsys.readouterr()


@pytest.mark.parametrize("method", ["median", "majority", "source:区域中心"])
def test_a_running_episode_is_judged_with_its_observed_days(capsys, running, method):
    obs, one, two = running
    code, out = _consult(capsys, one, two, "--observed", obs, "--consensus", method)
    assert code == 0, out.err
    data = json.loads(out.out)
    (episode,) = data["consensus"]["episodes"]
    assert (episode["region"], episode["level"], episode["start"], episode["end"], episode["observed_hours"],
            episode["lead_time_hours"], episode["lead_time_short"]) == (
        "成都平原地区", "orange", "2026-01-08T00:00:00+08:00", "2026-01-10T23:00:00+08:00", 48, None, False)
    # every source sees the 72 h run: orange on 01-08 … 01-10 in each
    for day in ("2026-01-08", "2026-01-09", "2026-01-10"):
        assert data["regions"]["成都平原地区"][day]["levels"] == {"区域中心": "orange", "四川省站": "orange"}
    assert data["consensus"]["levels"]["成都平原地区"]["2026-01-10"] == "orange"
    observed = data["observed"]
    (file,) = observed["files"]
    assert (file["name"], file["path"], file["hours"]) == ("observed.csv", str(obs.resolve()), 72)
    assert len(file["sha256"]) == 64
    assert (observed["start"], observed["end"], observed["hours"], observed["forecast_start"]) == (
        "2026-01-07T00:00:00+08:00", "2026-01-09T23:00:00+08:00", 72, "2026-01-10T00:00:00+08:00")


def test_without_the_observations_the_one_forecast_day_is_nothing(capsys, running):
    _, one, two = running
    code, out = _consult(capsys, one, two)
    data = json.loads(out.out)
    assert code == 0 and data["consensus"]["episodes"] == [] and data["observed"] is None
    assert "observed_warnings" not in data


def test_observations_overlapping_the_forecasts_are_said_per_source(capsys, running, tmp_path):
    obs, one, two = running
    late = hourly_forecast({c: pm25_days(AQI_175) for c in PLAIN}, start="2026-01-10")
    late_path = tmp_path / "late.csv"
    frame = late.to_long_frame()
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    frame[["time", "city", "pm25"]].to_csv(late_path, index=False)
    code, out = _consult(capsys, one, two, "--observed", obs, "--observed", late_path)
    assert code == 0, out.err
    data = json.loads(out.out)
    overlap = [w for w in data["observed_warnings"] if "overlap" in w["message"]]
    assert sorted(w["source"] for w in overlap) == ["区域中心", "四川省站"]
    assert [f["name"] for f in data["observed"]["files"]] == ["observed.csv", "late.csv"]
    assert data["observed"]["hours"] == 72  # only what precedes the forecasts is spliced


def test_the_record_reopens_to_the_same_consensus_and_says_when_the_observed_file_changed(capsys, running):
    obs, one, two = running
    code, out = _consult(capsys, one, two, "--observed", obs, "--consensus", "majority")
    data = json.loads(out.out)
    scheme = load_scheme()
    again = reopen(data, scheme, scheme_neighbours(scheme))
    assert again.complete and again.problem() is None
    (episode,) = again.consensus.episodes
    assert (episode.level, episode.observed_hours, episode.lead_time_hours) == ("orange", 48, None)
    assert again.record.observed == data["observed"]
    obs.write_text(obs.read_text(encoding="utf-8").replace(f"{AQI_175}", "140.0"), encoding="utf-8")
    changed = reopen(data, scheme, scheme_neighbours(scheme))
    assert not changed.complete and changed.observed_changed == [str(obs.resolve())]
    assert "changed" in changed.problem().message and changed.problem().file == str(obs.resolve())
    obs.unlink()
    gone = reopen(data, scheme, scheme_neighbours(scheme))
    assert not gone.complete and gone.observed_missing == [str(obs.resolve())]
    assert "not there" in gone.problem().message


def test_a_bad_observed_file_is_bad_input(capsys, running, tmp_path):
    _, one, two = running
    bad = tmp_path / "obs-bad.csv"
    bad.write_text("time,city,pm25\n2026-01-08 00:00,成都市,41\n2026-01-08 01:00,成都市,abc\n", encoding="utf-8")
    code, out = _consult(capsys, one, two, "--observed", bad)
    assert code == 2 and "Traceback" not in out.err and out.out == ""
    assert "obs-bad.csv" in out.err and "3" in out.err and "pm25" in out.err


def test_the_minutes_say_the_judgement_includes_the_observations(capsys, running, tmp_path):
    from docx import Document

    from app.consultation import ConsultationRecord
    from app.export.minutes import grid_day, sections

    obs, one, two = running
    docx = tmp_path / "纪要.docx"
    code, out = _consult(capsys, one, two, "--observed", obs, "--minutes", docx)
    assert code == 0, out.err
    record = ConsultationRecord.from_json(json.loads(out.out))
    head = sections(record)[0][1]
    assert "本次会商研判纳入了1月7日00时至1月9日24时的实况监测数据（共72小时），衔接于各家预报之前" in "".join(head)
    decision = "".join(sections(record)[3][1])
    assert "成都平原地区：橙色预警，1月8日00时至1月10日24时（实况：1月8日00时起已出现重污染天气）" in decision
    assert [grid_day(record, d) for d in record.days[:4]] == ["1月7日（实况）", "1月8日（实况）", "1月9日（实况）",
                                                              "1月10日"]
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "实况监测数据" in text and "已出现重污染天气" in text
    header = [c.text for c in Document(str(docx)).tables[-1].rows[0].cells]
    assert header[1] == "1月7日（实况）" and header[4] == "1月10日"
    # without observations none of it
    code, out = _consult(capsys, one, two)
    plain = ConsultationRecord.from_json(json.loads(out.out))
    assert "实况" not in "".join(line for _, lines in sections(plain) for line in lines)


def test_the_case_keeps_the_observed_files_and_refuses_a_bad_one(capsys, running, tmp_path):
    from app.cases.library import open_library
    from app.cases.validate import _check_consultation
    from app.errors import InputError

    obs, one, two = running
    record = tmp_path / "会商.json"
    code, out = _consult(capsys, one, two, "--observed", obs, "--json", record)
    assert code == 0, out.err
    db = str(tmp_path / "cases.sqlite")
    assert cli.main(["case", "--db", db, "new", "2026年1月过程"]) == 0
    case = capsys.readouterr().out.strip()
    assert cli.main(["case", "--db", db, "consultation", case, str(record)]) == 0
    [row] = open_library(db).case(case)["consultations"]
    kept = json.loads(row["data"])["observed"]
    assert kept == json.loads(record.read_text("utf-8"))["observed"] and kept["files"][0]["name"] == "observed.csv"
    data = json.loads(row["data"])
    data["observed"]["files"][0]["path"] = "/tmp/x\x00.csv"
    with pytest.raises(InputError) as caught:
        _check_consultation("consultations[0].data", data)
    assert "consultations[0].data.observed.files[0].path" in str(caught.value)


def test_a_letter_from_the_record_is_judged_with_the_consultations_observations(capsys, running, tmp_path):
    """``proposal --consultation`` rebuilds the consensus with the record's observed files: the start letter says
    since when the episode has been observed (the forecasts lack most cities: the data-quality check must still
    read the spliced evaluation against the forecast's own hours)."""
    from docx import Document

    obs, one, two = running
    record = tmp_path / "会商.json"
    code, out = _consult(capsys, one, two, "--observed", obs, "--json", record)
    assert code == 0, out.err
    letter = tmp_path / "函.docx"
    code = cli.main(["proposal", str(one), "--consultation", str(record), "--docx", str(letter),
                     "--date", "2026-01-09"])
    out = capsys.readouterr()
    assert code == 0, out.err
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    assert "据监测，成都平原地区自2026年1月8日00时起已出现重污染天气。据2026年1月9日16时会商研判" in text
    assert "会商研判衔接了1月7日00时至1月9日24时的实况监测数据。" in text
    obs.unlink()
    code = cli.main(["proposal", str(one), "--consultation", str(record), "--docx", str(tmp_path / "b.docx")])
    err = capsys.readouterr().err
    assert code == 2 and "observed.csv" in err and "Traceback" not in err


def test_the_minutes_say_the_observed_hours_once(capsys, running):
    from app.consultation import ConsultationRecord
    from app.export.minutes import sections

    obs, one, two = running
    code, out = _consult(capsys, one, two, "--observed", obs)
    head = "".join(sections(ConsultationRecord.from_json(json.loads(out.out)))[0][1])
    assert head.count("1月7日00时至1月9日24时") == 1
