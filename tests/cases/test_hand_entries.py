"""Hand-entered warnings in force and cities' notices typed in the window: kept in the case, apart from letters."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.cases.exchange import export_case, import_case
from app.cases.library import LetterChange, open_library
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.errors import InputError


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def lettered(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    lib.issue_letter(case, kind="start", issued_at=bj(2026, 1, 9, 16), changes=[
        LetterChange("start", "成都平原地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23)),
        LetterChange("start", "盆地南部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))])
    return lib, case


def test_hand_entries_differ_from_the_letters_and_are_restored(tmp_path):
    lib, case = lettered(tmp_path)
    letters = lib.warnings_in_force(case)
    assert lib.set_hand_warnings(case, letters) == 0  # the letters' own list: nothing entered by hand
    assert lib.hand_warnings(case) == []
    # the officer raises 成都平原 to red by hand, removes 盆地南部 and adds 渝东北
    typed = [WarningInForce("成都平原地区", "red", bj(2026, 1, 13, 8), None),
             WarningInForce("渝东北地区", "yellow", bj(2026, 1, 14), bj(2026, 1, 16, 23))]
    assert lib.set_hand_warnings(case, typed) == 3
    assert {(h["region"], h["level"]) for h in lib.hand_warnings(case)} == \
        {("成都平原地区", "red"), ("盆地南部地区", "none"), ("渝东北地区", "yellow")}
    lib.close()
    again = open_library(tmp_path / "cases.sqlite")  # reopened: the window's list comes back, origins kept
    restored = again.in_force_with_origin(case)
    assert [(w.region, w.level, w.start, w.end, o) for w, o in restored] == [
        ("成都平原地区", "red", bj(2026, 1, 13, 8), None, "hand"),
        ("渝东北地区", "yellow", bj(2026, 1, 14), bj(2026, 1, 16, 23), "hand")]
    assert [s.in_force for s in again.list_cases()] == [2]
    # the letters themselves are untouched: the review compares the observations with what was issued
    assert [(w.region, w.level) for w in again.letter_warnings_in_force(case)] == \
        [("成都平原地区", "orange"), ("盆地南部地区", "orange")]
    assert len(again.case(case)["letters"]) == 1


def test_a_later_letter_supersedes_the_hand_entry_of_its_region(tmp_path):
    lib, case = lettered(tmp_path)
    lib.set_hand_warnings(case, [WarningInForce("成都平原地区", "red", bj(2026, 1, 13, 8)),
                                 WarningInForce("盆地南部地区", "orange", bj(2026, 1, 12), bj(2026, 1, 15, 23))])
    lib.issue_letter(case, kind="lift", issued_at=bj(2026, 1, 16, 9),
                     changes=[LetterChange("lift", "成都平原地区", "none", bj(2026, 1, 16, 10))])
    assert lib.hand_warnings(case) == []
    assert [(w.region, o) for w, o in lib.in_force_with_origin(case)] == [("盆地南部地区", "letter")]


def test_hand_entries_travel_with_the_case(tmp_path):
    lib, case = lettered(tmp_path)
    lib.set_hand_warnings(case, [WarningInForce("成都平原地区", "red", bj(2026, 1, 13, 8))])
    path = export_case(lib, case, tmp_path / "c.hzcase")
    other = open_library(tmp_path / "other.sqlite")
    import_case(other, path)
    import_case(other, path)  # twice: nothing changes
    assert [(w.region, w.level, o) for w, o in other.in_force_with_origin(case)] == [("成都平原地区", "red", "hand")]


def test_city_notice_corrected_and_deleted(tmp_path):
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("t")
    lib.add_city_notice(case, "自贡市", bj(2026, 1, 12, 8), "orange")
    lib.add_city_notice(case, "成都市", bj(2026, 1, 12, 12), "yellow", "县区同步")
    zigong, chengdu = lib.city_notices(case)
    lib.update_city_notice(case, zigong["id"], "自贡市", bj(2026, 1, 12, 9), "red", "改")
    with pytest.raises(InputError) as err:  # onto another notice's city and time: refused, nothing changed
        lib.update_city_notice(case, zigong["id"], "成都市", bj(2026, 1, 12, 12), "red")
    assert "already has a notice" in err.value.problems[0].message
    assert [(n["city"], n["time"][:16], n["level"], n["note"]) for n in lib.city_notices(case)] == [
        ("自贡市", "2026-01-12T09:00", "red", "改"), ("成都市", "2026-01-12T12:00", "yellow", "县区同步")]
    lib.delete_city_notice(case, chengdu["id"])
    assert [n["city"] for n in lib.city_notices(case)] == ["自贡市"]
