"""The consultation package: comparison per region/day and city/day, the three consensus methods, the record."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from app.consultation import (
    MISSING,
    ConsultationRecord,
    build_consensus,
    compare,
    dissent,
    make_record,
    name_sources,
    parse_method,
)
from app.consultation.consensus import vote
from app.domain.engine import evaluate
from app.domain.forecast import Forecast
from app.domain.scheme import LEVELS, load_scheme
from app.errors import InputError
from app.importing import load_forecast
from app.paths import SAMPLES_DIR


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture(scope="module")
def neighbours(scheme):
    from maps.adjacency import scheme_adjacency

    return scheme_adjacency(scheme).neighbours


@pytest.fixture(scope="module")
def red():
    return load_forecast(SAMPLES_DIR / "sample-red-plain-south.csv")


@pytest.fixture(scope="module")
def clean_on_red_days(red):
    """The clean week's values laid on the red week's dates: a forecast that warns nowhere."""
    clean = load_forecast(SAMPLES_DIR / "sample-clean-week.csv")
    rows = [clean.row(u) for u in red.units]
    return Forecast(red.times, list(red.units), {"pm25": clean.values["pm25"][rows]},
                    meta=replace(red.meta, label="clean", source_path="/x/clean.csv", sha256="c" * 64))


def _levels_by_day(ev, region, days):
    """Naive: the warned level of the region on each day, from the source's episodes' own start and end."""
    out = []
    for day in days:
        level = 0
        for e in ev.episodes:
            if e.region == region and e.start.date() <= day <= e.end.date():
                level = max(level, LEVELS.index(e.level))
        out.append(level)
    return out


def test_each_sources_level_is_its_episode_in_force_that_day_and_counts_are_at_or_above(
        scheme, neighbours, red, clean_on_red_days):
    sources = name_sources([red, clean_on_red_days, red], names=["A", "B", "C"])
    cmp = compare(sources, scheme, neighbours)
    assert cmp.days[0].isoformat() == "2026-12-20" and len(cmp.days) == 7
    ev_red = evaluate(red, scheme, neighbours)
    for r, region in enumerate(cmp.regions):
        expected = _levels_by_day(ev_red, region, cmp.days)
        assert cmp.region_level[0, r].tolist() == expected == cmp.region_level[2, r].tolist()
        assert cmp.region_level[1, r].tolist() == [0] * 7
        counts = cmp.counts()[r]
        for d, level in enumerate(expected):
            assert counts[d].tolist() == [2 if level >= k else 0 for k in (1, 2, 3)]
    assert any(level == 3 for level in cmp.region_level[0].ravel())  # the sample does reach red


def test_majority_median_and_chosen_source(scheme, neighbours, red, clean_on_red_days):
    sources = name_sources([red, clean_on_red_days, clean_on_red_days], names=["red", "clean1", "clean2"])
    cmp = compare(sources, scheme, neighbours)
    majority = build_consensus(cmp, "majority")
    assert majority.episodes == [] and int(majority.level.max()) == 0  # 2 of 3 say nothing
    one = build_consensus(cmp, "majority", k=1)
    ev_red = evaluate(red, scheme, neighbours)
    assert [(e.region, e.level) for e in one.episodes] == [(e.region, e.level) for e in ev_red.episodes]
    assert np.array_equal(one.level, cmp.region_level[0])
    median = build_consensus(cmp, "median")
    assert median.episodes == []  # the median of (red, clean, clean) is a clean forecast
    chosen = build_consensus(cmp, "source", chosen={r: "red" for r in cmp.regions})
    assert [(e.region, e.level, e.start) for e in chosen.episodes] == \
        [(e.region, e.level, e.start) for e in ev_red.episodes]
    disagreements = dissent(cmp, chosen)
    assert disagreements and {d["source"] for d in disagreements} == {"clean1", "clean2"}


def test_majority_of_identical_sources_is_the_source_and_nobody_dissents(scheme, neighbours, red):
    cmp = compare(name_sources([red, red, red], names=["a", "b", "c"]), scheme, neighbours)
    ev_red = evaluate(red, scheme, neighbours)
    for method in ("majority", "median"):
        c = build_consensus(cmp, method)
        assert [(e.region, e.level, e.start, e.end) for e in c.episodes] == \
            [(e.region, e.level, e.start, e.end) for e in ev_red.episodes]
        assert dissent(cmp, c) == []


def test_vote_counts_only_covering_sources():
    levels = np.array([[3, 2, MISSING, 0], [2, 2, MISSING, MISSING], [0, 1, 1, MISSING]], dtype=np.int8)
    assert vote(levels, None).tolist() == [2, 2, 1, 0]  # majority of those covering: 2 of 3, 2 of 3, 1 of 1, 1 of 1
    assert vote(levels, 1).tolist() == [3, 2, 1, 0]
    assert vote(levels, 3).tolist() == [0, 1, 0, 0]
    assert vote(np.full((2, 1), MISSING, dtype=np.int8), None).tolist() == [MISSING]


def test_sources_that_differ_in_period_step_and_units_are_compared_on_what_they_share(scheme, neighbours):
    files = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
             "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]
    sources = name_sources([load_forecast(SAMPLES_DIR / f) for f in files])
    assert [s.name for s in sources] == ["西南区域空气质量预测预报中心", "WRF-Chem", "CMAQ CN36_SC", "四川省站", "重庆市站"]
    cmp = compare(sources, scheme, neighbours)
    cmaq, chongqing = 2, 4
    plain = cmp.regions.index("成都平原地区")
    assert (cmp.region_level[chongqing, plain] == MISSING).all()  # no Chengdu-plain city in the Chongqing file
    assert cmp.region_level[cmaq, plain].tolist()[0] == MISSING and cmp.region_level[cmaq, plain, 1] != MISSING
    texts = [g.text("zh") for g in cmp.missing]
    assert "重庆市站：没有成都平原地区的预报" in texts
    assert "CMAQ CN36_SC：未覆盖 12月20日、12月24日、12月25日、12月26日" in texts
    assert any(t.startswith("四川省站：盆地南部地区缺少 8/13 个城市") for t in texts)
    counts, covering = cmp.counts(), cmp.covering()
    assert (counts[..., 0] <= covering).all() and covering[plain, 0] == 3  # centre, WRF, Sichuan on 12-20
    median = build_consensus(cmp, "median")
    assert [g.text("zh") for g in median.gaps] == ["四川省站：没有逐时 PM2.5，不参与中位数"]
    low, mid, high = cmp.city_spread()
    chengdu = cmp.units.index("成都市")
    assert np.all(low[chengdu] <= mid[chengdu]) and np.all(mid[chengdu] <= high[chengdu])
    lo, hi = cmp.peak_spread()
    assert np.nanmax(hi - lo) > 0


def test_record_round_trips_through_json_and_has_the_contract_shape(scheme, neighbours, red, clean_on_red_days):
    cmp = compare(name_sources([red, clean_on_red_days], names=["区域中心", "清洁"]), scheme, neighbours)
    consensus = build_consensus(cmp, "source", chosen={r: "区域中心" for r in cmp.regions})
    record = make_record(cmp, consensus, recorded_by="值班员甲", note="同意区域中心预报")
    data = json.loads(json.dumps(record.to_json(), ensure_ascii=False))
    assert data["consensus"]["method"] == "source:区域中心"
    assert set(data["sources"][0]) == {"name", "path", "sha256", "issued_at"}
    day = data["regions"]["成都平原地区"]["2026-12-23"]
    assert set(day) == {"levels", "count"} and set(day["count"]) == {"yellow", "orange", "red"}
    assert day["levels"]["清洁"] == "none"
    again = ConsultationRecord.from_json(data)
    assert again.to_json() == data and again.recorded_by == "值班员甲"


def test_bad_choices_are_refused_with_the_name(scheme, neighbours, red, clean_on_red_days):
    cmp = compare(name_sources([red, clean_on_red_days], names=["a", "b"]), scheme, neighbours)
    with pytest.raises(InputError, match="no source of that name"):
        parse_method("source:z", cmp.names, cmp.regions)
    with pytest.raises(InputError, match="unknown consensus method"):
        parse_method("mean", cmp.names, cmp.regions)
    with pytest.raises(InputError, match="k is out of range"):
        build_consensus(cmp, "majority", k=3)
    with pytest.raises(InputError, match="same name"):
        name_sources([red, red], names=["a", "a"])
    with pytest.raises(InputError, match="2 names for 3 forecasts"):
        name_sources([red, red, red], names=["a", "b"])
    with pytest.raises(InputError, match="at least two forecasts"):
        compare(name_sources([red]), scheme, neighbours)


def test_names_default_to_the_producer_or_the_file_name(red, clean_on_red_days):
    names = [s.name for s in name_sources([red, red, clean_on_red_days])]
    assert names == ["西南区域空气质量预测预报中心", "西南区域空气质量预测预报中心 (2)", "clean"]  # never a file name
    assert pd.Timestamp(red.meta.issued_at).hour == 10


def test_the_case_library_keeps_the_record_and_gives_it_back(scheme, neighbours, red, clean_on_red_days, tmp_path):
    from app.cases.library import open_library

    cmp = compare(name_sources([red, clean_on_red_days], names=["区域中心", "清洁"]), scheme, neighbours)
    record = make_record(cmp, build_consensus(cmp, "median"), recorded_by="值班员丙")
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("12月红色过程")
    lib.add_consultation(case, record)
    [row] = lib.case(case)["consultations"]
    again = ConsultationRecord.from_json(row["data"])
    assert again.to_json() == json.loads(json.dumps(record.to_json(), ensure_ascii=False))
    assert again.recorded_by == "值班员丙" and again.source_names == ["区域中心", "清洁"]
