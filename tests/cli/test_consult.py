"""``hazedesk consult``: the JSON of issue 15 on the samples, consensus choices, exit codes."""

from __future__ import annotations

import json

import pytest

from app import cli
from app.paths import SAMPLES_DIR

FILES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
         "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]
NAMES = "区域中心,WRF-Chem,CMAQ,四川省站,重庆市站"
RANK = {"none": 0, "yellow": 1, "orange": 2, "red": 3}


def _consult(capsys, *extra):
    code = cli.main(["consult", *(str(SAMPLES_DIR / f) for f in FILES), "--names", NAMES, *extra])
    out = capsys.readouterr()
    return code, out


@pytest.fixture(scope="module")
def majority():
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = cli.main(["consult", *(str(SAMPLES_DIR / f) for f in FILES), "--names", NAMES,
                         "--consensus", "majority"])
    assert code == 0
    return json.loads(buffer.getvalue())


def test_sources_regions_and_counts_have_the_issues_shape(majority):
    assert [s["name"] for s in majority["sources"]] == NAMES.split(",")
    for s in majority["sources"]:
        assert set(s) == {"name", "path", "sha256", "issued_at"} and len(s["sha256"]) == 64
    assert majority["sources"][1]["issued_at"] == "2026-12-19T08:00:00+08:00"
    days = [f"2026-12-{d}" for d in range(20, 27)]
    assert set(majority["regions"]) == {"成都平原地区", "盆地南部地区", "盆地中部地区", "盆地东北部地区"}
    for by_day in majority["regions"].values():
        assert list(by_day) == days  # every day any source covers
        for cell in by_day.values():
            assert set(cell) == {"levels", "count"}
            assert set(cell["levels"].values()) <= set(RANK)
            for level in ("yellow", "orange", "red"):
                assert cell["count"][level] == sum(RANK[v] >= RANK[level] for v in cell["levels"].values())
    plain = majority["regions"]["成都平原地区"]
    assert "重庆市站" not in plain["2026-12-22"]["levels"]  # no Chengdu-plain city in its file
    assert "CMAQ" not in plain["2026-12-20"]["levels"] and "CMAQ" in plain["2026-12-21"]["levels"]


def test_majority_episodes_have_evaluates_form_and_follow_the_vote(majority, capsys):
    code = cli.main(["evaluate", str(SAMPLES_DIR / FILES[0])])
    evaluate_keys = set(json.loads(capsys.readouterr().out)["episodes"][0])
    consensus = majority["consensus"]
    assert consensus["method"] == "majority" and consensus["episodes"]
    for e in consensus["episodes"]:
        assert set(e) == evaluate_keys
        for day in e["triggered_days"]:
            cell = majority["regions"][e["region"]][day]
            agreed = consensus["levels"][e["region"]][day]
            # the day's consensus level is reached by a majority of the sources covering that day
            assert cell["count"][agreed] >= len(cell["levels"]) // 2 + 1
            assert RANK[agreed] <= RANK[e["level"]]
    assert code == 0


def test_source_consensus_is_that_sources_evaluation(capsys):
    code, out = _consult(capsys, "--consensus", "source:WRF-Chem")
    assert code == 0
    data = json.loads(out.out)
    assert data["consensus"]["method"] == "source:WRF-Chem"
    cli.main(["evaluate", str(SAMPLES_DIR / FILES[1])])
    alone = json.loads(capsys.readouterr().out)["episodes"]
    assert [(e["region"], e["level"], e["start"], e["end"]) for e in data["consensus"]["episodes"]] == \
        [(e["region"], e["level"], e["start"], e["end"]) for e in alone]


def test_median_is_the_default_and_json_goes_to_a_file(capsys, tmp_path):
    target = tmp_path / "c.json"
    code, out = _consult(capsys, "--json", str(target), "--recorded-by", "值班员")
    assert code == 0 and out.out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["consensus"]["method"] == "median" and data["decision"]["recorded_by"] == "值班员"
    assert any(m["text"] == "四川省站：没有逐时 PM2.5，不参与中位数" for m in data["missing"])


@pytest.mark.parametrize("extra, text", [
    (["--consensus", "source:nobody"], "no source of that name"),
    (["--consensus", "mean"], "unknown consensus method"),
    (["--consensus", "median", "--k", "2"], "--k applies only to the majority consensus"),
    (["--consensus", "majority", "--k", "9"], "k is out of range"),
    (["--minutes", "x.txt"], "the minutes are written as PDF or Word"),
])
def test_bad_choices_exit_2_with_one_clear_line(capsys, monkeypatch, extra, text):
    monkeypatch.setenv("HAZEDESK_LANG", "en")
    code, out = _consult(capsys, *extra)
    assert code == 2 and text in out.err and "Traceback" not in out.err and out.out == ""


def test_names_that_do_not_match_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("HAZEDESK_LANG", "zh")
    code = cli.main(["consult", str(SAMPLES_DIR / FILES[0]), str(SAMPLES_DIR / FILES[1]), "--names", "a"])
    err = capsys.readouterr().err
    assert code == 2 and "给出 1 个名称，但有 2 份预报" in err
