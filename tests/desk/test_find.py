"""Finding a unit by Chinese name, pinyin, initials, English name or adcode; the shipped pinyin table."""

from __future__ import annotations

from app.desk.find import EXACT, UnitFinder, load_pinyin
from app.domain.units import load_units


def _first(query: str) -> str:
    matches = UnitFinder().find(query)
    return matches[0].unit if matches else ""


def test_chinese_pinyin_english_and_adcode_find_the_unit():
    assert _first("渝中") == "渝中区"
    assert _first("渝中区") == "渝中区"
    assert _first("yuzhong") == "渝中区"
    assert _first("Yu Zhong") == "渝中区"
    assert _first("YUZHONGQU") == "渝中区"
    assert _first("500103") == "渝中区"
    assert _first("chengdu") == "成都市"
    assert _first("cd") == "成都市"  # initials
    assert _first("开县") == "开州区"  # former name
    assert _first("fengdu") == "丰都县"  # 都 read dū in the place name
    assert _first("nanan") == "南岸区" and _first("nan'an") == "南岸区"
    assert _first("Garze") == "甘孜藏族自治州" or _first("ganzi") == "甘孜藏族自治州"


def test_exact_matches_rank_before_prefixes():
    matches = UnitFinder().find("江北")
    assert matches[0].unit == "江北区" and matches[0].rank == EXACT
    yu = [m.unit for m in UnitFinder().find("yu")]
    assert {"渝中区", "渝北区", "云阳县"} & set(yu) and "渝中区" in yu
    prefix = [m.unit for m in UnitFinder().find("5001")]
    assert len(prefix) == 10 and all(load_units().by_name[u].adcode.startswith("5001") for u in prefix)


def test_nothing_found_and_empty_query():
    assert UnitFinder().find("") == [] and UnitFinder().find("xyzzy") == [] and UnitFinder().find("北京") == []


def test_restricted_to_the_units_on_the_map():
    finder = UnitFinder(names=["成都市", "德阳市"])
    assert [m.unit for m in finder.find("chengdu")] == ["成都市"] and finder.find("yuzhong") == []


def test_shipped_pinyin_agrees_with_the_english_names():
    pinyin = load_pinyin()
    units = load_units()
    assert set(pinyin) == set(units.names())
    for unit in units:
        if " " in unit.name_en or "ê" in unit.name_en:
            continue
        assert "".join(pinyin[unit.name][1]) == unit.name_en.replace("'", "").lower(), unit.name
        assert len(pinyin[unit.name][0]) == len(unit.name)  # one syllable per character
