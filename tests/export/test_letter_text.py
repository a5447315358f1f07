"""An official letter is written Chinese (issue 13): no machine text, standard 污染程度 terms, titles without repeated
words that break between words, per-side / per-route letters, the 呈批件, the 成文日期 warnings, line breaking."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from app.domain.engine import evaluate
from app.domain.letter_sets import approval_form, date_problems, route_groups, sides
from app.domain.letter_wording import category_counts, counts_text, letter_source, title_lines
from app.domain.proposal import OfficerFields, build_followup, build_proposal, select_episodes
from app.domain.recommend import WarningInForce
from app.domain.scheme import BEIJING
from app.export.gridtext import CLOSING, OPENING, break_lines, place

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}")
ASCII_WORDS = re.compile(r"[A-Za-z]{3,}")  # "HazeDesk", "sample", "generator" … (HJ, PM, AQI are two/three caps)
ENGINE_PHRASES = ("高于现行", "（≥", "建议升级", "建议解除", "建议降级", "建议维持")


def _all_letters(inputs):
    ev = inputs.evaluation
    letters = [build_proposal(ev, inputs.forecast.meta, inputs.scheme, episodes=select_episodes(ev, "all"),
                              met=inputs.forecast.met)]
    letters += [build_proposal(ev, inputs.forecast.meta, inputs.scheme, episodes=[i], met=inputs.forecast.met)
                for i in range(len(ev.episodes))]
    return letters


@pytest.fixture(scope="module")
def followups(orange):
    from maps.adjacency import scheme_adjacency

    first = orange.evaluation.times[0].to_pydatetime() - timedelta(hours=24)  # in effect (spec §7)
    in_force = [WarningInForce("盆地东北部地区", "yellow", first),
                WarningInForce("盆地中部地区", "yellow", first, first + timedelta(hours=48))]
    evaluation = evaluate(orange.forecast, orange.scheme, scheme_adjacency(orange.scheme).neighbours,
                          in_force=in_force)
    assert [r.action for r in evaluation.recommendations] == ["lift", "upgrade"]
    return evaluation, [build_followup(evaluation, orange.forecast.meta, orange.scheme, recommendation=i,
                                       met=orange.forecast.met) for i in (0, 1)]


def _machine_text(letter) -> list[str]:
    text = letter.full_text
    found = ISO_TIME.findall(text) + [w for w in ASCII_WORDS.findall(text) if w not in ("AQI",)]
    found += [p for p in ENGINE_PHRASES if p in text]
    if "建议" in text:
        found += re.findall(r"建议[^。；]*建议", letter.blocks[0].text)
    return found


@pytest.mark.parametrize("sample", ["orange", "red"])
def test_start_letters_carry_no_machine_text(request, sample):
    inputs = request.getfixturevalue(sample)
    assert inputs.forecast.meta.label == "HazeDesk sample generator"  # the producer string the file carries
    for letter in _all_letters(inputs):
        assert _machine_text(letter) == [], letter.title
        assert letter.forecast_source == "西南区域空气质量预测预报中心"
        assert "2026年" in letter.body_text and "时" in letter.body_text


def test_followup_letters_carry_no_machine_text_and_what_a_first_letter_carries(followups):
    _, (lift, upgrade) = followups
    for letter in (lift, upgrade):
        assert _machine_text(letter) == [], letter.title
        body = letter.body_text
        assert "预警城市：" in body and "二、气象条件" in body and "审批程序：" in body
        assert "平均风速约" in letter.met_text
    assert upgrade.title == "关于盆地中部地区重污染天气区域预警由黄色升级为橙色的建议函"
    assert "污染程度：预计日AQI最高" in upgrade.body_text and "预计持续至" in upgrade.body_text
    assert "四川省遂宁市、广安市、南充市；重庆市" in upgrade.body_text
    assert lift.title == "关于解除盆地东北部地区重污染天气区域黄色预警的建议函"
    assert "启动预警情况通报" not in lift.body_text and "解除预警情况通报" in lift.body_text
    assert "启动预警情况通报" not in upgrade.body_text


def test_titles_never_repeat_a_word(orange, red, followups):
    _, letters = followups
    for letter in [*letters, *_all_letters(orange), *_all_letters(red)]:
        for word in ("地区", "川渝", "建议", "预警"):
            assert letter.title.count(word) <= 1, letter.title


def test_pollution_degree_names_the_condition_the_peak_and_nonzero_categories(red):
    letter = _all_letters(red)[0]
    south = next(e for e in letter.episodes if e.region == "盆地南部地区")
    assert south.condition == "日AQI>200持续96小时（其中日AQI>300持续24小时）"
    assert "日AQI>200持续96小时" in letter.body_text
    assert south.degree_text.startswith(f"预计日AQI最高{south.peak_aqi}（{south.peak_city}，")
    assert "严重污染" in south.degree_text and "天次" in south.degree_text
    central = next(e for e in letter.episodes if e.region == "盆地中部地区")
    assert "严重污染" not in central.degree_text  # a zero count is left out
    import numpy as np

    counts = category_counts(np.array([[160.0, 250.0, 320.0]]), [date(2026, 1, d) for d in (1, 2, 3)])
    assert counts_text(counts) == "中度污染1天次、重度污染1天次、严重污染1天次"
    assert counts_text({"中度污染": 0, "重度污染": 2, "严重污染": 0}) == "重度污染2天次"


def test_source_from_setting_or_an_institution_never_a_program():
    default = "西南区域空气质量预测预报中心"
    assert letter_source(None, "HazeDesk sample generator", default) == default
    assert letter_source(None, "四川省环境监测总站", default) == "四川省环境监测总站"
    assert letter_source(None, "WRF-Chem 模式 run 12", default) == default
    assert letter_source("重庆市生态环境监测中心", "x", default) == "重庆市生态环境监测中心"


def test_title_lines_break_between_words_only():
    words = ("关于", "启动", "川渝地区", "重污染天气", "区域", "橙色、", "红色", "预警", "的", "建议函")
    lines = title_lines(words)
    assert "".join(lines) == "".join(words) and all(len(line) <= 20 for line in lines)
    cuts, at = set(), 0
    for w in words:
        at += len(w)
        cuts.add(at)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        assert at in cuts  # never 红｜色
    assert [len(x) for x in lines] == sorted((len(x) for x in lines), reverse=True)


def test_consultation_sentence_goes_into_the_basis(orange):
    officer = OfficerFields(consultation_text="经川渝两地联合会商，各模式对区域过程的判断基本一致")
    letter = build_proposal(orange.evaluation, orange.forecast.meta, orange.scheme, episodes=[0], officer=officer)
    basis = letter.body_text.split("、预测依据")[1].split("、有关要求")[0]
    assert "经川渝两地联合会商，各模式对区域过程的判断基本一致。" in basis


def test_per_side_letters_go_to_their_own_cities(orange):
    ev = orange.evaluation
    combined = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0, 1, 2])
    assert sides(combined) == ["四川省", "重庆市"]
    sichuan = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0, 1, 2],
                             officer=OfficerFields(side="四川省"))
    assert sichuan.signer == "四川省生态环境厅" and "重庆市" not in sichuan.recipients
    assert "重庆市" not in "".join(t.cities_text for t in sichuan.episodes)
    chongqing = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0, 1, 2],
                               officer=OfficerFields(side="重庆市"))
    assert chongqing.signer == "重庆市生态环境局" and chongqing.recipients.startswith("重庆市")


def test_one_letter_per_approval_route(red):
    ev = red.evaluation
    groups = route_groups(ev, select_episodes(ev, "all"))
    assert len(groups) == 2
    levels = [{ev.episodes[i].level for i in g} for g in groups]
    assert {"red"} in levels and {"orange"} in levels


def test_approval_form_carries_the_short_lead_and_the_route(red):
    letter = _all_letters(red)[0]
    form = approval_form(letter)
    assert form.title.startswith("关于") and form.title.endswith("的呈批件") and "的建议函" not in form.title
    assert any("不足方案要求的72小时" in n for n in form.notes)
    assert any("省人民政府" in r for r in form.routes)
    assert form.decision.startswith("同意")


def test_date_warnings_after_start_and_stale_forecast(orange):
    ev = orange.evaluation
    late = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0],
                          officer=OfficerFields(date=date(2026, 1, 20)))
    messages = [p.message for p in date_problems(late, now=datetime(2026, 1, 20, 9, tzinfo=BEIJING))]
    assert any("after the proposed start" in m for m in messages)
    assert any("issued" in m and "days before the letter" in m for m in messages)
    fresh = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0],
                           officer=OfficerFields(date=date(2026, 1, 10)))
    assert date_problems(fresh, now=datetime(2026, 11, 9, 15, tzinfo=BEIJING)) == []  # judged on the letter day
    next_day = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0],
                              officer=OfficerFields(date=date(2026, 1, 11)))  # 38 h after the issue: said in hours
    assert [p.message.split(" (")[0] for p in date_problems(next_day)] == \
        ["the forecast was issued 38 hours before the letter"]
    today = build_proposal(ev, orange.forecast.meta, orange.scheme, episodes=[0])  # dated today: the forecast is old
    assert any("days before the letter" in p.message for p in date_problems(today))
    zh = date_problems(late, now=datetime(2026, 1, 20, 9, tzinfo=BEIJING))[0].render("zh")
    assert "成文日期2026年1月20日晚于建议启动时间" in zh


def _width(unit: str) -> float:
    return 1.0 if len(unit) == 1 and ord(unit) > 0x2000 else 0.5 * len(unit)


@pytest.mark.parametrize("text", [
    "空气质量指数计算依据：HJ 633-2026，按自然日（00—24时）日AQI评估，预测来源为“西南区域空气质量预测预报中心”。",
    "据西南区域空气质量预测预报中心2026年12月19日10时发布的预测，川渝地区可能出现一次重污染天气过程（盆地南部地区）。",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七（八九十）一二三四五六七八九十一二三四五六七八九，。",
])
@pytest.mark.parametrize("measure", [10, 13, 28])
def test_lines_break_both_ways_and_justify(text, measure):
    lines = break_lines(text, _width, [measure - 2, measure])
    joined = "".join("".join(line.units) for line in lines)
    assert joined.replace(" ", "") == text.replace(" ", "")
    for n, line in enumerate(lines):
        assert line.units[-1][-1] not in OPENING, [("".join(x.units)) for x in lines]
        if n:
            assert line.units[0][0] not in CLOSING
        width = measure - 2 if n == 0 else measure
        placed = place(line, _width, width, justify=True)
        end = placed[-1][1] + _width(placed[-1][0]) - placed[-1][2]
        if not line.last:
            assert end == pytest.approx(width, abs=1e-6)  # justified to the right edge
        else:
            assert end <= width + 1e-6
    assert not any(u in ("20", "26", "63", "3-2026") for line in lines for u in line.units)  # numbers stay whole
