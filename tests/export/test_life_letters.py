"""The letters of spec §7 (a warning over its life): the default set with warnings in force — one follow-up for
each advice other than keep and ended, one start letter per new warning — each stating one end; a lift followed by
a return says so in both letters and the 呈批件; revise, cancel and extend letters; a running episode's start
letter; and the letters, read back from the files written, leave the warnings in force the engine's
``apply_advice`` says they leave (§7 "successive forecasts")."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from app.domain.engine import evaluate
from app.domain.letter_sets import approval_form, check_start_selection, default_letters
from app.domain.proposal import OfficerFields, build_followup, build_proposal
from app.domain.recommend import WarningInForce, apply_advice
from app.domain.scheme import BEIJING
from app.errors import InputError

OFFICER = OfficerFields(doc_number="川渝联防办〔2026〕5号", date=date(2026, 1, 9), met_text="静稳")
D = lambda day, hour=0: datetime(2026, 1, day, hour, tzinfo=BEIJING)  # noqa: E731


def _evaluate(orange, in_force):
    from maps.adjacency import scheme_adjacency

    return evaluate(orange.forecast, orange.scheme, scheme_adjacency(orange.scheme).neighbours, in_force=in_force)


def _letters(orange, evaluation):
    return [build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=p.recommendation,
                           officer=OFFICER) if p.recommendation is not None else
            build_proposal(evaluation, orange.forecast.meta, orange.scheme, episodes=list(p.episodes),
                           officer=OFFICER) for p in default_letters(evaluation)]


def _flat(letter) -> str:
    return letter.full_text.replace("\n", "")


def _ends(letter) -> set[str]:
    """Every end of a period the letter states ("…持续至X", "延长至X")."""
    return set(re.findall(r"(?:持续至|延长至)(\d{4}年\d+月\d+日\d+时)", _flat(letter)))


@pytest.fixture(scope="module")
def returns(orange):
    """Issue 28's case: 盆地中部 red and 盆地南部 orange in force since 01-08; the sample is clean on 10–11日 and
    orange again from 12日 (盆地中部, 盆地南部) and 13日 (成都平原)."""
    in_force = [WarningInForce("盆地中部地区", "red", D(8)), WarningInForce("盆地南部地区", "orange", D(8))]
    return in_force, _evaluate(orange, in_force)


def test_two_lifts_and_three_start_letters_each_with_one_end(orange, returns):
    _, evaluation = returns
    letters = _letters(orange, evaluation)
    assert [(x.kind, x.title) for x in letters] == [
        ("lift", "关于解除盆地中部地区重污染天气区域红色预警的建议函"),
        ("lift", "关于解除盆地南部地区重污染天气区域橙色预警的建议函"),
        ("start", "关于启动川渝地区重污染天气区域橙色预警的建议函"),
        ("start", "关于启动川渝地区重污染天气区域橙色预警的建议函"),
        ("start", "关于启动川渝地区重污染天气区域橙色预警的建议函")]
    assert [x.proposed_start for x in letters] == [D(10), D(10), D(12), D(12), D(13)]
    assert [x.episodes[0].region for x in letters[2:]] == ["盆地中部地区", "盆地南部地区", "成都平原地区"]
    for letter in letters:
        assert len(_ends(letter)) <= 1, (letter.title, _ends(letter))  # never two ends
    for start in letters[2:]:
        assert _ends(start) == {"2026年1月15日24时"}
    for lift in letters[:2]:
        assert "建议于2026年1月10日00时解除" in _flat(lift) and not _ends(lift)


def test_a_lift_followed_by_a_return_says_so_in_both_letters_and_the_approval_form(orange, returns):
    _, evaluation = returns
    lift, _, start = _letters(orange, evaluation)[:3]
    assert "预计2026年1月12日00时起该区域将再次出现重污染天气过程，达到区域橙色预警启动条件" in _flat(lift)
    assert "盆地中部地区现行红色预警已建议自2026年1月10日00时起解除；预计2026年1月12日00时起再次出现" in _flat(start)
    for letter in (lift, start):
        form = approval_form(letter)
        assert any("再次出现" in line for line in form.summary), form.summary
    # a fresh forecast (nothing in force) says nothing of a return
    fresh = build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme, episodes=[0], officer=OFFICER)
    assert "再次出现" not in _flat(fresh)


def test_an_ongoing_process_never_gets_a_start_letter(orange, returns):
    in_force = [WarningInForce("成都平原地区", "orange", D(13))]  # pending, as the forecast has it: keep
    evaluation = _evaluate(orange, in_force)
    assert [r.action for r in evaluation.recommendations] == ["keep"]
    plans = default_letters(evaluation)
    regions = [evaluation.episodes[p.episodes[0]].region for p in plans]
    assert regions == ["盆地中部地区", "盆地南部地区"]  # not 成都平原: its 过程 is the warning's
    owned = evaluation.recommendations[0].episode_index
    with pytest.raises(InputError, match="过程 of a warning in force"):
        check_start_selection(evaluation, [owned])


def test_pending_warnings_moved_or_dropped_are_revised_or_cancelled(orange):
    in_force = [WarningInForce("盆地中部地区", "yellow", D(13)),  # the forecast: orange from 12日
                WarningInForce("盆地东北部地区", "orange", D(12))]  # the forecast: nothing there
    evaluation = _evaluate(orange, in_force)
    assert [r.action for r in evaluation.recommendations] == ["revise", "cancel"]
    revise, cancel = (build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=i,
                                     officer=OFFICER) for i in (0, 1))
    assert revise.title == "关于调整盆地中部地区重污染天气区域预警的建议函"
    text = _flat(revise)
    assert "原建议于2026年1月13日00时启动" in text and "由黄色预警调整为橙色预警" in text
    assert "建议于2026年1月12日00时启动，预计持续至2026年1月15日24时" in text
    assert _ends(revise) == {"2026年1月15日24时"}
    assert revise.approval_routes == (orange.scheme.approval["orange"],)  # the new level's route
    assert cancel.title == "关于取消盆地东北部地区重污染天气区域橙色预警的建议函"
    assert "建议取消原定于2026年1月12日00时启动的橙色预警" in _flat(cancel) and not _ends(cancel)


def test_an_episode_lasting_past_the_expected_end_is_an_extension(orange):
    in_force = [WarningInForce("盆地南部地区", "orange", D(9), D(13, 23))]  # in effect, expected to end 13日24时
    evaluation = _evaluate(orange, in_force)
    (rec,) = evaluation.recommendations
    assert rec.action == "extend" and rec.until == D(15, 23)
    letter = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=0, officer=OFFICER)
    assert letter.title == "关于延长盆地南部地区重污染天气区域橙色预警的建议函"
    assert "建议橙色预警延长至2026年1月15日24时" in _flat(letter) and len(_ends(letter)) == 1


@pytest.mark.parametrize("in_force", [
    [WarningInForce("盆地中部地区", "red", D(8)), WarningInForce("盆地南部地区", "orange", D(8))],
    [WarningInForce("盆地中部地区", "yellow", D(13)), WarningInForce("盆地东北部地区", "orange", D(12))],
    [WarningInForce("盆地南部地区", "orange", D(9), D(13, 23)), WarningInForce("盆地东北部地区", "yellow", D(9))],
    [WarningInForce("盆地中部地区", "yellow", D(9), D(11)), WarningInForce("成都平原地区", "orange", D(13))],
], ids=["lift-return", "revise-cancel", "extend-lift", "upgrade-keep"])
def test_letters_read_back_leave_what_the_engine_says_they_leave(orange, tmp_path, in_force):
    """Exported, read back from the .docx and applied in order, the day's letters give the next day's warnings
    in force exactly as ``apply_advice`` computes them (spec §7 "successive forecasts")."""
    from app.export.letters import export_proposal
    from app.export.proposal_readback import apply_letters, read_issued_letters

    evaluation = _evaluate(orange, in_force)
    letters = _letters(orange, evaluation)
    path = tmp_path / "day.docx"
    export_proposal(letters, docx=path, scheme=orange.scheme, meta=orange.forecast.meta)
    read = apply_letters(list(in_force), read_issued_letters(path, orange.scheme))
    expected = apply_advice(in_force, evaluation)

    def key(w):
        return (w.region, w.level, w.start, w.end, w.end_at_least, w.change_at and w.previous_level, w.change_at)
    assert sorted(map(key, read)) == sorted(map(key, expected))


def test_a_running_episode_says_since_when_it_was_observed_and_has_no_lead_time():
    """Spliced observations (§7): two observed days > 200 in four adjacent cities and one forecast day > 200 are
    one orange episode that began in the observed past — a new warning whose letter says since when it has been
    observed, starts at the forecast's first hour and carries no lead-time flag."""
    from tests.domain.engine_helpers import AQI_250, CLEAN, hourly_forecast, path_graph, pm25_days, toy_scheme

    cities = ["成都市", "德阳市", "绵阳市", "眉山市"]
    scheme = toy_scheme({"成都平原地区": cities + ["乐山市", "雅安市"]})
    observed = hourly_forecast({c: pm25_days(AQI_250, AQI_250) for c in cities}, start="2026-01-08")
    forecast = hourly_forecast({c: pm25_days(AQI_250, CLEAN, CLEAN, CLEAN, CLEAN) for c in cities},
                               start="2026-01-10", issued_at=D(9, 10))
    evaluation = evaluate(forecast, scheme, path_graph(cities), observed=observed, in_force=[])
    (episode,) = evaluation.episodes
    assert (episode.start, episode.observed_hours, episode.level) == (D(8), 48, "orange")
    (warning,) = evaluation.new_warnings
    letter = build_proposal(evaluation, forecast.meta, scheme, episodes=[warning.episode_index], officer=OFFICER)
    text = _flat(letter)
    assert "据监测，成都平原地区自2026年1月8日00时起已出现重污染天气" in text
    assert "建议于2026年1月10日00时启动" in text and _ends(letter) == {"2026年1月10日24时"}
    assert letter.episodes[0].lead_hours is None and not letter.approval_notes


def test_an_extension_followed_by_a_return_says_so_in_both_letters_and_the_approval_form():
    """The season walk, 12-18 (observed to 12-17): 盆地中部 red in force to 17日24时, its 过程 goes on to 18日24时
    (extend); the same forecast has 盆地中部 orange again from 23日, after four clean days (a new warning). Spec §7:
    whenever a follow-up and a new warning of one region come from one forecast, both letters and the 呈批件 say
    so — the extension letter and the start letter said nothing of each other."""
    from app.domain.scheme import load_scheme
    from app.importing.api import load_forecast
    from app.importing.observed import load_observed_series
    from app.paths import SAMPLES_DIR
    from maps.adjacency import scheme_adjacency

    season = SAMPLES_DIR / "season-winter"
    scheme = load_scheme()
    forecast = load_forecast(season / "forecast-2025-12-18.csv")
    observed = load_observed_series([season / "observed-hourly.csv"], scheme=scheme).forecast
    red = dict(previous_level="orange", change_at=datetime(2025, 12, 16, tzinfo=BEIJING))
    in_force = [WarningInForce("盆地中部地区", "red", datetime(2025, 12, 13, tzinfo=BEIJING),
                               datetime(2025, 12, 17, 23, tzinfo=BEIJING), **red)]
    evaluation = evaluate(forecast, scheme, scheme_adjacency(scheme).neighbours, in_force=in_force, observed=observed)
    assert [r.action for r in evaluation.recommendations] == ["extend"]
    (again,) = [w for w in evaluation.new_warnings if w.region == "盆地中部地区"]
    assert (again.level, again.start) == ("orange", datetime(2025, 12, 23, tzinfo=BEIJING))
    extend = build_followup(evaluation, forecast.meta, scheme, recommendation=0, officer=OFFICER)
    start = build_proposal(evaluation, forecast.meta, scheme, episodes=[again.episode_index], officer=OFFICER)
    assert "建议将红色预警延长至2025年12月18日24时。预计2025年12月23日00时起该区域将再次出现重污染天气过程，" \
           "达到区域橙色预警启动条件" in _flat(extend)
    assert "盆地中部地区现行红色预警已另函建议延长；预计2025年12月23日00时起再次出现重污染天气过程" in _flat(start)
    # its 过程 runs to the forecast's end (open): "至X（或更晚）", not "至X以后" ("until after X")
    assert "2025年12月23日00时至12月24日24时（或更晚），川渝地区可能出现一次重污染天气过程" in _flat(start)
    for letter in (extend, start):
        assert len(_ends(letter)) == 1, _ends(letter)  # still one end each
        assert any("再次出现" in line for line in approval_form(letter).summary)
