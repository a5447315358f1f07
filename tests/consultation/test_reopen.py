"""A recorded 会商 decision reopened from its source files gives the very consensus adopted; missing or changed
source files are named instead (nothing rebuilt from other data)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from app.consultation import ConsultationRecord, build_consensus, compare, make_record, name_sources
from app.consultation.reopen import method_of, reopen
from app.domain import session
from app.domain.scheme import load_scheme
from app.importing import load_forecast
from app.paths import SAMPLES_DIR

FILES = ["sample-red-plain-south.csv", "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture(scope="module")
def neighbours(scheme):
    from maps.adjacency import scheme_adjacency

    return scheme_adjacency(scheme).neighbours


@pytest.fixture
def copies(tmp_path):
    out = []
    for name in FILES:
        shutil.copy(SAMPLES_DIR / name, tmp_path / name)
        out.append(tmp_path / name)
    return out


def _record(paths, scheme, neighbours, method, **kw):
    sources = name_sources([load_forecast(p) for p in paths], ["区域中心", "四川省站", "重庆市站"])
    cmp = compare(sources, scheme, neighbours, mode="calendar")
    consensus = build_consensus(cmp, method, **kw)
    return make_record(cmp, consensus, recorded_by="值班员甲"), consensus


@pytest.mark.parametrize("method, kw", [("median", {}), ("majority", {"k": 1}), ("majority", {}),
                                        ("source", {"chosen": None})])
def test_the_adopted_consensus_comes_back_from_the_record(copies, scheme, neighbours, method, kw):
    if method == "source":
        kw = {"chosen": {r.name: ("重庆市站" if i % 2 else "四川省站") for i, r in enumerate(scheme.regions)}}
    record, adopted = _record(copies, scheme, neighbours, method, **kw)
    text = record.dumps()  # as the autosave and the case library keep it
    again = reopen(ConsultationRecord.from_json(text), scheme, neighbours)
    assert again.complete and not again.missing and not again.changed
    assert again.consensus.method == adopted.method and again.consensus.k == adopted.k
    assert again.consensus.chosen == adopted.chosen
    np.testing.assert_array_equal(again.consensus.level, adopted.level)
    assert [(e.region, e.level, e.start, e.end) for e in again.consensus.episodes] == \
        [(e.region, e.level, e.start, e.end) for e in adopted.episodes]
    assert again.consensus.forecast.meta.source_format == "consensus"
    # the consensus has no file: its identity is a digest of what makes it, the same when it is rebuilt
    sha = adopted.forecast.meta.sha256
    assert len(sha) == 64 and again.consensus.forecast.meta.sha256 == sha


def test_two_different_consensuses_have_different_identities(copies, scheme, neighbours):
    _, one = _record(copies, scheme, neighbours, "majority", k=1)
    _, two = _record(copies, scheme, neighbours, "majority", k=2)
    _, median = _record(copies, scheme, neighbours, "median")
    shas = {c.forecast.meta.sha256 for c in (one, two, median)}
    assert len(shas) == 3 and "" not in shas


def test_source_name_method_without_the_region_list():
    record = ConsultationRecord(sources=[], days=[], regions={"A": {}, "B": {}},
                                consensus={"method": "source:WRF-Chem", "k": None})
    assert method_of(record) == ("source", None, {"A": "WRF-Chem", "B": "WRF-Chem"})


def test_missing_and_changed_sources_are_named_and_nothing_is_rebuilt(copies, scheme, neighbours):
    record, _ = _record(copies, scheme, neighbours, "median")
    copies[1].unlink()
    with copies[2].open("a", encoding="utf-8") as f:
        f.write("\n")
    again = reopen(record, scheme, neighbours)
    assert not again.complete and again.comparison is None
    assert again.missing == ["四川省站"] and again.changed == ["重庆市站"]
    assert session.consultation_files(record.to_json()) == (["四川省站"], ["重庆市站"])


def test_working_state_keeps_the_consultation_and_the_case(copies, scheme, neighbours):
    record, _ = _record(copies, scheme, neighbours, "majority", k=2)
    saved = session.WorkingState(consultation=record.to_json(), case_id="c-1")
    back = session.WorkingState.from_json(saved.to_json())
    assert back.case_id == "c-1" and back.consultation == record.to_json()
    plan = session.plan_restore(back, crashed=False)
    assert plan.file_found and plan.same_data  # the consensus's data are its sources' files
    copies[0].write_text("changed", encoding="utf-8")
    plan = session.plan_restore(back, crashed=False)
    assert plan.file_found and not plan.same_data


def test_a_clean_exit_with_a_consensus_shown_is_offered_back(copies, scheme, neighbours):
    record, _ = _record(copies, scheme, neighbours, "median")
    session.save(session.WorkingState(consultation=record.to_json()))
    session.mark_clean_exit()
    plan = session.previous_session()
    assert plan is not None and plan.state.consultation["consensus"]["method"] == "median"


def test_a_damaged_consultation_in_the_autosave_is_refused():
    import json

    from app.errors import InputError

    text = json.loads(session.WorkingState().to_json())
    text["consultation"] = {"no": "sources"}
    with pytest.raises(InputError):
        session.WorkingState.from_json(json.dumps(text))


def test_the_consensus_carries_the_sources_meteorology(copies, scheme, neighbours):
    """The letter's 气象条件 is prefilled from the forecast's meteorology: the consensus takes each value from the
    first source that has it (the daily Sichuan table has none; Chongqing's fills what the centre lacks)."""
    _, consensus = _record(copies, scheme, neighbours, "majority")
    centre = load_forecast(copies[0])
    fc = consensus.forecast
    assert set(fc.met) == set(centre.met)
    for unit in ("成都市", "渝中区"):
        np.testing.assert_array_equal(fc.met["wind_speed"][fc.units.index(unit)],
                                      centre.met["wind_speed"][centre.row(unit)])
    from app.domain.engine import evaluate
    from app.domain.proposal import build_proposal

    evaluation = evaluate(fc, scheme, neighbours)
    letter = build_proposal(evaluation, fc.meta, scheme, episodes=list(range(len(evaluation.episodes))), met=fc.met)
    assert "米/秒" in letter.met_text and "值班人员填写" not in letter.met_text
