"""What the proposal letter says (spec §6): level, cities by province, degree, times, lead flag, approval, 抄报."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.proposal import (
    OfficerFields,
    build_followup,
    build_proposal,
    episode_text,
    fmt_end,
    select_episodes,
)
from app.domain.results import Recommendation
from app.domain.units import load_units
from app.errors import InputError

RED_ROUTE = "工作小组组长审核，报四川省人民政府和重庆市人民政府分管副省长（市长）审批"
ORANGE_ROUTE = "工作小组组长（或其委托的副组长）审批"


def _letter(inputs, episodes, **kw):
    return build_proposal(inputs.evaluation, inputs.forecast.meta, inputs.scheme, episodes=episodes,
                          met=inputs.forecast.met, **kw)


def test_orange_letter_states_every_section_fact(orange):
    letter = _letter(orange, [0, 2], officer=OfficerFields(doc_number="川渝联防办〔2026〕3号", date=date(2026, 1, 9)),
                     edits=["成都市 1月13日 PM2.5 ×1.1"])
    body = letter.body_text
    assert letter.title == "关于启动川渝地区重污染天气区域橙色预警的建议函"
    assert letter.level == "orange" and letter.date_text == "2026年1月9日"
    assert [e.region for e in letter.episodes] == ["盆地中部地区", "成都平原地区"]
    assert f"5.审批程序：{ORANGE_ROUTE}。" in body
    assert letter.copy_report == "生态环境部" and "抄报生态环境部" in body
    assert "HJ 633-2012" in body and "自然日" in body
    assert "会商对预测作了如下订正：成都市 1月13日 PM2.5 ×1.1。" in body
    assert "西南区域空气质量预测预报中心2026年1月9日10时发布的" in body
    # 盆地中部 starts 62 h after issue: flagged on the 呈批件, not in the letter; 成都平原 86 h: not flagged
    central, plain = letter.episodes
    assert central.lead_short and "不足72小时" in central.lead_text
    assert not plain.lead_short and "满足提前72小时要求" in plain.lead_text
    assert "提前" not in body and len(letter.approval_notes) == 1 and "盆地中部地区" in letter.approval_notes[0]
    assert "建议于2026年1月12日00时启动，预计持续至2026年1月15日24时" in body
    # cities grouped by province, Sichuan first
    assert [p for p, _ in central.cities_by_province] == ["四川省", "重庆市"]
    assert central.cities_by_province[0][1] == ("遂宁市", "广安市", "南充市")
    assert letter.recipients.startswith("四川省遂宁市、广安市、南充市、成都市")
    # pollution degree from the evaluation's daily AQI
    assert central.peak_aqi is not None and central.peak_city in dict(central.cities_by_province)["重庆市"]
    assert f"预计日AQI最高{central.peak_aqi}（{central.peak_city}" in body
    assert "首要污染物为PM2.5" in body
    assert "平均风速约" in letter.met_text  # prefilled from the met columns
    assert letter.missing_fields() == []


def test_red_letter_uses_the_red_approval_route_and_flags_short_lead(red):
    letter = _letter(red, select_episodes(red.evaluation, "all"))
    assert letter.level == "red"
    assert "红色" in letter.title and "橙色" in letter.title  # one orange and two red regions
    reds = [e for e in letter.episodes if e.level == "red"]
    assert reds and all(e.approval == RED_ROUTE for e in reds)
    assert f"5.审批程序：{RED_ROUTE}。" in letter.body_text
    assert all(e.lead_short for e in letter.episodes)
    assert len(letter.approval_notes) == 3 and all("仅38小时" in n for n in letter.approval_notes)


def test_officer_text_overrides_prefill_and_missing_fields_are_listed(orange):
    letter = _letter(orange, [1], officer=OfficerFields(met_text="静稳、高湿、逆温。", signer=""))
    assert letter.met_text == "静稳、高湿、逆温。" and "静稳、高湿、逆温。" in letter.body_text
    assert letter.missing_fields() == ["文号", "署名"]
    assert "订正" not in letter.body_text


def test_own_higher_cities_are_marked(orange):
    episode = orange.evaluation.episodes[0]
    warned = dict(episode.warned_cities, 江北区="red")
    marked = replace(episode, warned_cities=warned, own_higher=["江北区"])
    text = episode_text(1, marked, orange.evaluation, load_units())
    assert "江北区（按自身红色预警执行）" in dict(text.cities_by_province)["重庆市"]
    assert text.own_higher == {"江北区": "red"}


def test_episode_selection_is_checked(orange):
    assert select_episodes(orange.evaluation, "all") == [0, 1, 2]
    assert select_episodes(orange.evaluation, [3, 1, 3]) == [0, 2]
    with pytest.raises(InputError, match="1 … 3 or all"):
        select_episodes(orange.evaluation, [4])
    with pytest.raises(InputError, match="no regional episode selected"):
        _letter(orange, [])


def test_end_hour_is_written_as_24h_of_the_last_day(orange):
    end = orange.evaluation.episodes[0].end
    assert fmt_end(end) == "2026年1月15日24时"
    assert fmt_end(end - timedelta(hours=5)) == "2026年1月15日19时"


@pytest.mark.parametrize("action,new,title,route", [
    ("upgrade", "red", "关于盆地中部地区重污染天气区域预警由橙色升级为红色的建议函", RED_ROUTE),
    ("downgrade", "yellow", "关于盆地中部地区重污染天气区域预警由橙色降级为黄色的建议函", ORANGE_ROUTE),
    ("lift", "none", "关于解除盆地中部地区重污染天气区域橙色预警的建议函", ORANGE_ROUTE),
])
def test_followup_letters(orange, action, new, title, route):
    evaluation = copy.copy(orange.evaluation)
    start = evaluation.times[0].to_pydatetime()
    evaluation.recommendations = [Recommendation("盆地中部地区", "orange", start, action, new,
                                                 start + timedelta(hours=48), "预测示例理由")]
    letter = build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=0)
    assert letter.kind == action and letter.title == title
    assert f"{route}。" in letter.body_text and "预测示例理由" not in letter.body_text  # no engine phrases
    assert letter.level == (new if action != "lift" else "none")
    if action != "upgrade":
        assert "持续36小时及以上" in letter.body_text
    assert ("启动预警情况通报" in letter.body_text) is False
    assert "四川省遂宁市" in letter.body_text and "重庆市涪陵区" in letter.body_text  # cities by province


def test_followup_rejects_keep(orange):
    evaluation = copy.copy(orange.evaluation)
    start = evaluation.times[0].to_pydatetime()
    evaluation.recommendations = [Recommendation("盆地中部地区", "orange", start, "keep", "orange", None, "")]
    with pytest.raises(InputError, match="needs no letter"):
        build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=0)


def test_whatif_edits_are_described_in_the_letter(orange):
    from datetime import datetime

    from app.domain.scheme import BEIJING
    from app.domain.whatif import Edit

    edit = Edit("成都市", datetime(2026, 1, 13, tzinfo=BEIJING), datetime(2026, 1, 13, 23, tzinfo=BEIJING),
                "add", -20.0, note="会商订正")
    letter = _letter(orange, [2], edits=[edit, "人工说明"])
    assert letter.edits[0] == "成都市1月13日00时至24时PM2.5浓度下调20微克/立方米（会商订正）"
    assert letter.edits[1] == "人工说明"
    assert f"会商对预测作了如下订正：{letter.edits[0]}；人工说明。" in letter.body_text
