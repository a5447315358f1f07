"""Issue 28, Letters: a follow-up about an episode already running in the observed hours says since when it has
been observed ("X起已出现重污染天气（实况）") and carries no lead-time flag — the revise letter of a pending warning
the observations overtook (it moves the start to the forecast's first hour), an extend of such a warning, an
upgrade whose higher level was already observed, a joined cancel — in the letter, its 呈批件 and the record."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from app.domain.engine import evaluate
from app.domain.letter_sets import approval_form
from app.domain.proposal import OfficerFields, build_followup
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from tests.domain.engine_helpers import AQI_250, CLEAN, hourly_forecast, path_graph, pm25_days, toy_scheme

OFFICER = OfficerFields(doc_number="川渝联防办〔2026〕5号", date=date(2026, 1, 10), met_text="静稳")
D = lambda day, hour=0: datetime(2026, 1, day, hour, tzinfo=BEIJING)  # noqa: E731
CITIES = ["成都市", "德阳市", "绵阳市", "眉山市"]
SINCE = "据监测，成都平原地区自2026年1月8日00时起已出现重污染天气（实况）"


def _letter(in_force, observed_days=(AQI_250, AQI_250), forecast_days=(AQI_250, AQI_250, CLEAN, CLEAN, CLEAN)):
    """Observed 01-08 and 01-09 (> 200 in four adjacent cities), the forecast from 01-10 issued 01-10 08:00."""
    scheme = toy_scheme({"成都平原地区": CITIES + ["乐山市", "雅安市"]})
    observed = hourly_forecast({c: pm25_days(*observed_days) for c in CITIES}, start="2026-01-08")
    forecast = hourly_forecast({c: pm25_days(*forecast_days) for c in CITIES}, start="2026-01-10",
                               issued_at=D(10, 8))
    evaluation = evaluate(forecast, scheme, path_graph(CITIES), observed=observed, in_force=in_force)
    (rec,) = evaluation.recommendations
    letter = build_followup(evaluation, forecast.meta, scheme, recommendation=0, officer=OFFICER)
    return rec, letter, letter.full_text.replace("\n", "")


def test_a_revise_of_a_warning_the_observations_overtook_says_since_when_and_has_no_lead_time():
    rec, letter, text = _letter([WarningInForce("成都平原地区", "orange", D(12))])
    assert (rec.action, rec.new_start, rec.process_start) == ("revise", D(10), D(8))
    assert SINCE in text
    assert "建议于2026年1月10日00时启动，预计持续至2026年1月11日24时" in text
    assert "提前量" not in text and "预计于2026年1月10日00时开始" not in text  # it began on the 8th
    assert not letter.approval_notes  # no short (or negative) lead time for the approver: it is running
    form = approval_form(letter)
    assert any("实况：2026年1月8日00时起已出现重污染天气" in line for line in form.summary), form.summary
    assert not form.notes


def test_a_revise_ahead_keeps_its_lead_time():
    """The same pending warning when the observed days were clean: the revise is a start ahead, with its lead."""
    rec, letter, text = _letter([WarningInForce("成都平原地区", "orange", D(13))], observed_days=(CLEAN, CLEAN),
                                forecast_days=(CLEAN, AQI_250, AQI_250, AQI_250, CLEAN))
    assert (rec.action, rec.new_start) == ("revise", D(11))
    assert "已出现" not in text and "实况" not in text
    assert "提前量：距预报发布16小时，不足72小时" in text and letter.approval_notes


def test_an_extend_of_a_running_pending_warning_says_since_when():
    rec, letter, text = _letter([WarningInForce("成都平原地区", "orange", D(10), D(10, 23))])
    assert (rec.action, rec.pending) == ("extend", True)
    assert SINCE in text and "提前量" not in text and not letter.approval_notes
    assert any("实况：2026年1月8日00时起已出现重污染天气" in line for line in approval_form(letter).summary)


def test_an_upgrade_already_observed_carries_no_lead_time_flag():
    """Yellow in effect since the 8th; the two observed days > 200 were already orange: the upgrade is due since
    then and takes effect at the forecast's first hour — 10 h before the issue, which is no lead time to flag."""
    rec, letter, text = _letter([WarningInForce("成都平原地区", "yellow", D(8))])
    assert (rec.action, rec.new_level, rec.from_time, rec.due_since) == ("upgrade", "orange", D(10), D(8))
    assert "实况：该变化自2026年1月8日00时起已经出现，现于本预报期首个时次生效" in text
    assert "提前量" not in text and not letter.approval_notes and not approval_form(letter).notes
    assert any("实况：2026年1月8日00时起已达到橙色预警启动条件" in line for line in approval_form(letter).summary)


def test_an_upgrade_ahead_states_its_lead_time():
    """Yellow in effect since the 9th, clean observed days; orange from the 11th in the forecast: the upgrade
    states its lead time to the 11th, as the spec asks (in the engine a merged 过程 has one level, so an upgrade
    of a 过程 that began in the observed hours is always due since then: the test above)."""
    rec, letter, text = _letter([WarningInForce("成都平原地区", "yellow", D(9))], observed_days=(CLEAN, CLEAN),
                                forecast_days=(CLEAN, AQI_250, AQI_250, CLEAN, CLEAN))
    assert (rec.action, rec.new_level, rec.from_time, rec.due_since) == ("upgrade", "orange", D(11), None), rec
    assert "升级提前量：距预报发布16小时，不足72小时" in text and letter.approval_notes
    assert "实况" not in text


@pytest.mark.parametrize("in_force", [
    [WarningInForce("成都平原地区", "orange", D(8)), WarningInForce("成都平原地区", "orange", D(11))],
])
def test_a_joined_cancel_says_since_when_the_process_has_been_observed(in_force):
    scheme = toy_scheme({"成都平原地区": CITIES + ["乐山市", "雅安市"]})
    observed = hourly_forecast({c: pm25_days(AQI_250, AQI_250) for c in CITIES}, start="2026-01-08")
    forecast = hourly_forecast({c: pm25_days(AQI_250, AQI_250, CLEAN, CLEAN, CLEAN) for c in CITIES},
                               start="2026-01-10", issued_at=D(10, 8))
    evaluation = evaluate(forecast, scheme, path_graph(CITIES), observed=observed, in_force=in_force)
    actions = [(r.in_force_start, r.action, r.joined) for r in evaluation.recommendations]
    assert (D(11), "cancel", True) in actions, actions
    i = next(k for k, r in enumerate(evaluation.recommendations) if r.action == "cancel")
    letter = build_followup(evaluation, forecast.meta, scheme, recommendation=i, officer=OFFICER)
    text = letter.full_text.replace("\n", "")
    assert "已并入本区域此前的预警" in text and "自2026年1月8日00时起已出现重污染天气（实况）" in text
    assert "提前量" not in text


def test_a_running_start_letters_approval_form_says_since_when():
    """The start letter of a new warning already running says it in its body (test_life_letters); its 呈批件 line
    says it too, beside the start at the forecast's first hour."""
    from app.domain.proposal import build_proposal

    scheme = toy_scheme({"成都平原地区": CITIES + ["乐山市", "雅安市"]})
    observed = hourly_forecast({c: pm25_days(AQI_250, AQI_250) for c in CITIES}, start="2026-01-08")
    forecast = hourly_forecast({c: pm25_days(AQI_250, CLEAN, CLEAN, CLEAN) for c in CITIES}, start="2026-01-10",
                               issued_at=D(10, 8))
    evaluation = evaluate(forecast, scheme, path_graph(CITIES), observed=observed, in_force=[])
    (warning,) = evaluation.new_warnings
    letter = build_proposal(evaluation, forecast.meta, scheme, episodes=[warning.episode_index], officer=OFFICER)
    form = approval_form(letter)
    assert any(line.startswith("成都平原地区：建议2026年1月10日00时启动橙色预警（实况：2026年1月8日00时起已出现重污染天气）")
               for line in form.summary), form.summary
    assert not form.notes


@pytest.mark.parametrize("level,observed_days,action,since,note", [
    ("red", (AQI_250, AQI_250), "downgrade", "2026年1月8日00时", "已降至橙色预警条件"),
    ("orange", (AQI_250, CLEAN), "lift", "2026年1月9日00时", "已不再满足区域预警启动条件"),
])
def test_a_change_already_observed_is_said_in_the_approval_form(level, observed_days, action, since, note):
    """A warning in effect whose downgrade or lift was already due in the observed hours: the letter says so
    (实况：该变化自…) and so does its 呈批件 line; neither states a lead time."""
    forecast_days = (AQI_250, AQI_250, CLEAN, CLEAN, CLEAN) if action == "downgrade" else (CLEAN,) * 5
    rec, letter, text = _letter([WarningInForce("成都平原地区", level, D(8))], observed_days=observed_days,
                                forecast_days=forecast_days)
    assert rec.action == action and rec.from_time == D(10) and rec.due_since is not None
    assert f"实况：该变化自{since}起已经出现" in text and "提前量" not in text
    form = approval_form(letter)
    assert any(line.endswith(f"（实况：{since}起{note}）。") for line in form.summary), form.summary


def test_a_peak_in_the_observed_days_is_not_called_a_forecast():
    """The 过程 began in the observed hours and peaked there: the letter's 污染程度 gives that peak as 实况, not
    预计; a peak in the forecast part stays 预计 (the tests above)."""
    from tests.domain.engine_helpers import AQI_350

    rec, letter, text = _letter([WarningInForce("成都平原地区", "orange", D(12))], observed_days=(AQI_350, AQI_350))
    assert (rec.action, rec.new_level) == ("revise", "red")
    degree = next(b.text for b in letter.blocks if "污染程度" in b.text)
    assert re.search(r"污染程度：日AQI最高\d+（\w+，1月8日，实况，严重污染）", degree), degree
    _, ahead, _ = _letter([WarningInForce("成都平原地区", "orange", D(12))],
                          forecast_days=(AQI_350, AQI_350, CLEAN, CLEAN, CLEAN))  # the peak ahead: forecast
    assert re.search(r"污染程度：预计日AQI最高\d+（\w+，1月1[01]日，严重污染）", ahead.body_text), ahead.body_text
