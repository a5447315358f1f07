from __future__ import annotations

import tomllib

import pytest

from app.domain.scheme import load_scheme, parse_scheme
from app.domain.units import load_units
from app.errors import InputError
from app.paths import DEFAULT_SCHEME


def _raw():
    return tomllib.loads(DEFAULT_SCHEME.read_text(encoding="utf-8"))


def test_bundled_scheme_has_four_regions_and_forty_cities():
    scheme = load_scheme()
    assert [r.name for r in scheme.regions] == ["盆地东北部地区", "盆地中部地区", "盆地南部地区", "成都平原地区"]
    assert len(scheme.linkage_cities) == 40
    assert len(set(scheme.linkage_cities)) == 40
    assert scheme.region_of["成都市"] == "成都平原地区"
    assert scheme.region_of["渝中区"] == "盆地南部地区"
    assert "攀枝花市" not in scheme.region_of


def test_bundled_scheme_values_match_the_spec():
    scheme = load_scheme()
    assert scheme.merge_gap_hours == 36 and scheme.episode_aqi_above == 150
    assert scheme.within_region_min_cities == 4 and scheme.across_regions_min_cities == 6
    assert scheme.adjacency.min_shared_km == 1.0 and scheme.adjacency.snap_gap_m == 100.0
    red = scheme.level_rule("red").conditions[0]
    assert (red.aqi_above, red.hours, red.inner.aqi_above, red.inner.hours) == (200, 72, 300, 24)
    assert "分管副省长" in scheme.approval["red"]
    assert "vice governor of Sichuan Province" in scheme.approval_en["red"]
    assert "working-group leader" in scheme.approval_en["yellow"]


def test_units_table_has_59_units_and_resolves_names():
    units = load_units()
    assert len(units) == 59
    assert sum(u.province == "四川省" for u in units) == 21
    assert units.resolve("510100").name == "成都市"
    assert units.resolve("成都").name == "成都市"
    assert units.resolve("开县").name == "开州区"
    assert units.resolve("梁平县").name == "梁平区"
    assert units.resolve("chengdu").name == "成都市"
    assert units.resolve("不存在市") is None
    assert "成都市" in units.suggest("成都区")


@pytest.mark.parametrize("mutate, key", [
    (lambda d: d["regions"][1]["members"].append("火星市"), "regions[1].members[17]"),
    (lambda d: d["episode"].pop("merge_gap_hours"), "episode.merge_gap_hours"),
    (lambda d: d["trigger"].__setitem__("within_region_min_cities", "four"), "trigger.within_region_min_cities"),
    (lambda d: d["regions"][0]["members"].append("成都市"), "regions[3].members[0]"),
    (lambda d: d["levels"][2]["conditions"][0].__setitem__("hours", -1), "levels[2].conditions[0].hours"),
    (lambda d: d["aqi"].__setitem__("daily_mode", "weekly"), "aqi.daily_mode"),
    (lambda d: d["approval_en"].pop("orange"), "approval_en.orange"),
    (lambda d: d["approval_en"].__setitem__("red", 3), "approval_en.red"),
    (lambda d: d["approval_en"].__setitem__("purple", "…"), "approval_en.purple"),
])
def test_bad_scheme_names_the_key(mutate, key):
    data = _raw()
    mutate(data)
    with pytest.raises(InputError) as info:
        parse_scheme(data, "bad.toml")
    assert info.value.problem.column == key
    assert "bad.toml" in str(info.value)


def test_unreadable_scheme_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "s.toml"
    bad.write_text("[scheme\nid=", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_scheme(bad)


def test_english_approval_is_optional_and_empty_without_the_table():
    data = _raw()
    del data["approval_en"]
    scheme = parse_scheme(data, "no-english.toml")
    assert scheme.approval_en == {} and "分管副省长" in scheme.approval["red"]
