"""The finding model (app.errors.Problem): severity, place, read/expected, action, units; the importer and the
engine fill it; ``evaluate --json`` carries it with exit 0, ``--strict`` exits 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.domain.engine import evaluate
from app.domain.scheme import load_scheme
from app.errors import Problem, Report, sorted_findings, worst
from app.importing import load_forecast
from maps.adjacency import scheme_adjacency
from tests.quality.samples import CLEAN_WEEK, write_99999, write_without


def test_place_read_expected_and_action_in_both_languages():
    p = Problem("values above the ceiling", file="f.csv", row=7, column="pm25", value="99999", expected="≤ 1000",
                severity="warning", action="kept", units=["成都市"])
    assert p.units == ("成都市",)
    assert p.place() == "f.csv, row 7, column pm25"
    assert str(p).endswith("(found '99999'; expected ≤ 1000) — kept (used as read)")
    assert p.render("zh").startswith("文件 f.csv，第 7 行，列 pm25：")
    assert p.render("zh").endswith("——已保留（按读到的值计算）")
    grid = Problem("negative cells", file="g.nc", variable="PM2_5", cell="time 3, lat 30.6, lon 104.1",
                   severity="note", action="kept")
    assert grid.place() == "g.nc, variable PM2_5, cell time 3, lat 30.6, lon 104.1"
    assert grid.place("zh") == "文件 g.nc，变量 PM2_5，格点 time 3, lat 30.6, lon 104.1"


def test_round_trip_through_json_and_ordering():
    p = Problem("x", file="f.csv", row=2, severity="warning", action="excluded", units=("成都市", "德阳市"))
    back = Problem.from_dict(json.loads(json.dumps(p.to_dict())))
    assert back == p
    note, warning, error = Problem("n", severity="note"), Problem("w", severity="warning"), Problem("e")
    assert worst([note, warning]) is warning and worst([note, warning, error]) is error and worst([]) is None
    assert sorted_findings([note, warning, error]) == [error, warning, note]
    with pytest.raises(ValueError):
        Problem("x", severity="fatal")
    with pytest.raises(ValueError):
        Problem("x", action="ignored")
    report = Report()
    report.warn("w", action="kept")
    report.note("n")
    assert [(f.severity, f.action) for f in report.warnings] == [("warning", "kept"), ("note", None)]


def test_the_99999_value_is_a_warning_placed_on_chengdu_saying_what_was_done(tmp_path):
    path, row = write_99999(tmp_path)
    fc = load_forecast(path)
    (finding,) = [w for w in fc.warnings if w.value == "99999"]
    assert (finding.severity, finding.row, finding.column) == ("warning", row, "pm25")
    assert finding.action in ("excluded", "kept") and finding.expected
    assert finding.units == ("成都市",)  # the row's unit, for the map's mark


def test_missing_units_and_linkage_cities_are_excluded_findings_from_importer_and_engine(tmp_path):
    gone = ["德阳市", "绵阳市"]
    fc = load_forecast(write_without(tmp_path, gone))
    missing = next(w for w in fc.warnings if "no data in this file" in w.message)
    assert missing.action == "excluded" and set(gone) <= set(missing.units)
    scheme = load_scheme()
    ev = evaluate(fc, scheme, scheme_adjacency(scheme).neighbours)
    linkage = next(f for f in ev.findings if "linkage cities are missing" in f.message)
    assert linkage.units == tuple(gone) and linkage.action == "excluded"
    assert ev.warnings == [f.localized("zh").message for f in ev.findings]
    assert "预报中缺少以下 2 个联动城市，按无数据处理：德阳市、绵阳市" in ev.warnings


def test_insufficient_days_are_one_finding_per_city_in_chinese(tmp_path):
    lines = CLEAN_WEEK.read_text(encoding="utf-8").splitlines(keepends=True)
    # 成都市 loses 06:00–17:00 of 2026-11-03: 12 valid hours that day, fewer than 20
    dropped = [line for line in lines
               if not (line.startswith("2026-11-03 ") and ",成都市," in line and "06:00" <= line[11:16] <= "17:00")]
    path = tmp_path / "gap.csv"
    path.write_text("".join(dropped), encoding="utf-8")
    scheme = load_scheme()
    ev = evaluate(load_forecast(path), scheme, scheme_adjacency(scheme).neighbours)
    chengdu = [f for f in ev.findings if f.units == ("成都市",)]
    assert len(chengdu) == 1 and chengdu[0].action == "excluded"
    assert chengdu[0].render("zh").startswith("成都市：")
    assert "数据不足（有效小时数少于 20），不计为超标" in chengdu[0].render("zh")


def _evaluate_cli(*args):
    return subprocess.run([sys.executable, "-m", "app", "evaluate", *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def test_evaluate_json_carries_import_warnings_with_their_place_and_exits_0(tmp_path):
    path, row = write_99999(tmp_path)
    result = _evaluate_cli(path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    (warning,) = [w for w in out["import_warnings"] if w["value"] == "99999"]
    assert {k: warning[k] for k in ("severity", "file", "row", "column", "value", "units")} == {
        "severity": "warning", "file": str(path), "row": row, "column": "pm25", "value": "99999",
        "units": ["成都市"]}
    assert warning["action"] in ("excluded", "kept") and warning["expected"] and warning["text_zh"]
    assert "findings" in out and "warnings" in out


def test_strict_exits_2_on_any_warning_after_writing_the_json(tmp_path):
    path, _ = write_99999(tmp_path)
    target = tmp_path / "out.json"
    result = _evaluate_cli(path, "--strict", "--json", target)
    assert result.returncode == 2
    assert "--strict:" in result.stderr and "warning(s), the first:" in result.stderr and "99999" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["import_warnings"]
    clean = _evaluate_cli(CLEAN_WEEK, "--strict", "--json", tmp_path / "clean.json")
    assert clean.returncode == 0, clean.stderr


def test_assess_lists_importer_engine_region_and_boundary_findings_worst_first(tmp_path):
    from app.domain.quality import assess

    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    central = next(r for r in scheme.regions if r.name == "盆地中部地区")
    fc = load_forecast(write_without(tmp_path, list(central.members[:9])))
    ev = evaluate(fc, scheme, neighbours)
    gap = Problem("gap narrower than 100 m between 成都市 and 德阳市", severity="warning", action="kept",
                  units=("成都市", "德阳市"))
    quality = assess(fc, ev, scheme, neighbours, [gap, Problem("a note", severity="note")])
    assert quality.findings[-1].severity == "note" and gap in quality.findings
    note = quality.region_note("盆地中部地区")
    assert note.render("zh").startswith("盆地中部地区：17 个城市中 9 个无数据，结果可能偏低")
    assert set(central.members[:9]) | {"成都市", "德阳市"} <= quality.flagged_units
    assert set(central.members[:9]) <= quality.no_data_units
    # a region whose missing city cannot change anything gets no note: the clean week, one remote unit gone
    far = write_without(tmp_path, ["甘孜藏族自治州"], name="far.csv")
    fc2 = load_forecast(far)
    quality2 = assess(fc2, evaluate(fc2, scheme, neighbours), scheme, neighbours)
    assert all(r.finding is None for r in quality2.regions)


def test_a_missing_city_that_cannot_complete_a_cluster_is_not_said_to_change_the_result(tmp_path):
    from app.domain.quality import region_coverage

    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    region = scheme.regions[0]
    one = region.members[0]
    fc = load_forecast(write_without(tmp_path, [one]))
    ev = evaluate(fc, scheme, neighbours)
    (cover,) = [r for r in region_coverage(fc, ev, scheme, neighbours) if r.region == region.name]
    assert cover.no_data == (one,)
    # one city at the top of the scale cannot make 4 adjacent ones on a clean week
    assert cover.could_change is False and cover.finding is None
