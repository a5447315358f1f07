"""The qualifying runs of the engine's episodes (``CityEpisode.runs``, ``RegionalEpisode.qualifying_runs``) are
made when first read (issue 26: a replay reads none), and every way of reading an episode — attribute, ==, hash,
repr, asdict, replace, pickle, copy — sees the runs the rules give, whichever is read first."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import datetime

from app.domain.engine import evaluate
from app.domain.results import CityEpisode, Deferred, QualifyingRun
from app.domain.scheme import BEIJING
from tests.domain.engine_helpers import daily_forecast, path_graph, toy_scheme

A = ["成都市", "德阳市", "绵阳市", "眉山市"]  # four adjacent: a regional episode
SCHEME = toy_scheme({"甲区": A})
RED = [60, 250, 350, 250, 60, 60, 60]  # > 200 for 72 h with > 300 for 24 h inside
ORANGE = [60, 250, 250, 60, 60, 60, 60]  # > 200 for 48 h


def at(day: int) -> datetime:
    return datetime(2025, 1, day, tzinfo=BEIJING)


RUN = QualifyingRun("成都市", at(6), at(8), 200, 72)


def test_deferred_runs_are_made_once_on_first_read_and_every_reading_sees_them():
    calls = []

    def make():
        calls.append(1)
        return (RUN,)

    lazy = CityEpisode("成都市", "red", at(6), at(8), 350, Deferred(make))
    assert calls == []  # nothing made by the construction
    plain = CityEpisode("成都市", "red", at(6), at(8), 350, (RUN,))
    assert vars(lazy) == vars(plain) and calls == [1]  # seen raw, the value it makes
    assert lazy == plain and hash(lazy) == hash(plain) and repr(lazy) == repr(plain)
    assert lazy.runs == (RUN,) and calls == [1]  # made once, kept
    assert dataclasses.asdict(lazy) == dataclasses.asdict(plain)
    assert dataclasses.replace(lazy, level="orange").runs == (RUN,)
    assert CityEpisode("成都市", "red", at(6), at(8)).runs == ()  # the default is still the empty tuple


def test_pickle_and_copy_carry_the_made_runs_not_the_function():
    episode = CityEpisode("成都市", "red", at(6), at(8), 350, Deferred(lambda: (RUN,)))  # a lambda: unpicklable
    assert pickle.loads(pickle.dumps(episode)) == episode
    assert copy.deepcopy(episode).runs == (RUN,) and copy.copy(episode).runs == (RUN,)


def _evaluation():
    return evaluate(daily_forecast({name: RED for name in A}), SCHEME, path_graph(A))


def test_the_engine_defers_the_runs_and_they_match_the_regional_reason_in_either_order():
    ev = _evaluation()
    (episode,) = ev.cities["成都市"].episodes
    (regional,) = ev.episodes
    # not made by the evaluation
    assert isinstance(episode.__dict__["runs"], Deferred)
    assert isinstance(regional.__dict__["qualifying_runs"], Deferred)
    expected = [(200, 72, 6), (300, 24, 7)]
    assert [(r.aqi_above, r.hours, r.start.day) for r in episode.runs] == expected
    assert regional.level == "red" and set(regional.qualifying_runs) == set(A)
    assert all(regional.qualifying_runs[c] == list(ev.cities[c].episodes[0].runs) for c in A)
    # read the other way round, the same runs; a copy of an unread episode carries them
    again = _evaluation()
    assert copy.copy(again.episodes[0]).qualifying_runs == regional.qualifying_runs
    assert pickle.loads(pickle.dumps(again.episodes[0])) == regional
    assert again.episodes[0].qualifying_runs["成都市"] == list(again.cities["成都市"].episodes[0].runs)
    assert again.cities["成都市"].episodes[0] == episode


def test_a_red_city_in_an_orange_region_shows_the_runs_at_the_region_level_and_its_own():
    ev = evaluate(daily_forecast({A[0]: RED, A[1]: ORANGE, A[2]: ORANGE, A[3]: ORANGE}), SCHEME, path_graph(A))
    (regional,) = ev.episodes
    assert regional.level == "orange"
    assert {(r.aqi_above, r.hours) for r in regional.qualifying_runs[A[0]]} == {(200, 72), (150, 72)}
    assert {(r.aqi_above, r.hours) for r in ev.cities[A[0]].episodes[0].runs} == {(200, 72), (300, 24)}
