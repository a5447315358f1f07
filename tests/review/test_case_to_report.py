"""End to end: a case carried from a first letter through an upgrade and a lift to the review report, with the
letters really exported (Word + PDF with their records) and recorded in the case library, then the review of
the forecasts and of the warnings against the observations, written as Word and PDF."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import datetime

import numpy as np
import pandas as pd

from app.cases.exchange import export_case, import_case
from app.cases.library import open_library
from app.domain.engine import evaluate
from app.domain.proposal import OfficerFields, build_followup, build_proposal
from app.domain.scheme import BEIJING, load_scheme
from app.export.case_letters import record_letters
from app.export.letters import export_proposal
from app.export.review_report import write_review_report
from app.importing import load_forecast
from app.importing.observed import load_observations
from app.paths import SAMPLES_DIR
from app.review.jsonout import review_to_json
from app.review.review import review
from maps.adjacency import scheme_adjacency


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def scaled(forecast, factor: float, issued_at: datetime, tag: str, shift_days: int = 0):
    """The forecast with its values × factor (and its times moved on by whole days), issued at another time."""
    values = {k: v * factor for k, v in forecast.values.items()}
    meta = replace(forecast.meta, issued_at=issued_at, sha256=f"{tag:0<64}"[:64])
    times = forecast.times + pd.Timedelta(days=shift_days)
    return replace(forecast.copy(), values=values, meta=meta, times=times)


def test_first_letter_upgrade_lift_and_review_report(tmp_path):
    scheme = load_scheme()
    neighbours = scheme_adjacency(scheme).neighbours
    lib = open_library(tmp_path / "cases.sqlite")
    case = lib.create_case("2026年1月川渝盆地区域性重污染过程")
    first = load_forecast(SAMPLES_DIR / "sample-regional-orange.csv")
    lib.add_forecast(case, first.meta, name="首报", content=(SAMPLES_DIR / "sample-regional-orange.csv").read_bytes())

    def issue(proposal, forecast, name: str, when: datetime) -> None:
        docx, pdf = tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf"
        export_proposal(proposal, scheme=scheme, meta=forecast.meta, docx=docx, pdf=pdf)
        record_letters(lib, case, [docx, pdf], scheme=scheme, issued_at=when)

    # 1. the first letter, from the forecast issued 01-09 10:00
    ev1 = evaluate(first, scheme, neighbours)
    regions = sorted({e.region for e in ev1.episodes})
    assert len(regions) >= 2
    issue(build_proposal(ev1, first.meta, scheme, episodes=list(range(len(ev1.episodes))),
                         officer=OfficerFields(doc_number="川渝联防办〔2026〕1号")), first, "first", bj(2026, 1, 9, 16))
    in_force = lib.warnings_in_force(case)
    assert sorted(w.region for w in in_force) == regions and {w.level for w in in_force} == {"orange"}

    # 2. a worse forecast three days later, from 01-13 on (the warnings of 01-12 are in effect, spec §7): the
    # engine advises an upgrade, the office sends it
    worse = scaled(first, 1.9, bj(2026, 1, 12, 10), "b", shift_days=3)
    lib.add_forecast(case, worse.meta, name="更新")
    ev2 = evaluate(worse, scheme, neighbours, in_force=in_force)
    upgrade = next(i for i, r in enumerate(ev2.recommendations) if r.action == "upgrade")
    upgraded_region = ev2.recommendations[upgrade].region
    issue(build_followup(ev2, worse.meta, scheme, recommendation=upgrade,
                         officer=OfficerFields(doc_number="川渝联防办〔2026〕2号")), worse, "upgrade", bj(2026, 1, 11, 16))
    levels = {w.region: w.level for w in lib.warnings_in_force(case)}
    assert levels[upgraded_region] == ev2.recommendations[upgrade].new_level != "orange"

    # 3. a clean forecast from 01-15 on (a cold front), before the warnings' expected end: every warning
    # lifted, letter by letter
    clean = scaled(first, 0.3, bj(2026, 1, 14, 10), "c", shift_days=5)
    ev3 = evaluate(clean, scheme, neighbours, in_force=lib.warnings_in_force(case))
    lifts = [i for i, r in enumerate(ev3.recommendations) if r.action == "lift"]
    assert len(lifts) == len(regions)
    for n, i in enumerate(lifts, start=3):
        issue(build_followup(ev3, clean.meta, scheme, recommendation=i,
                             officer=OfficerFields(doc_number=f"川渝联防办〔2026〕{n}号")), clean, f"lift{n}",
              bj(2026, 1, 15, 16))
    assert lib.warnings_in_force(case) == []
    kinds = [x["kind"] for x in lib.letters(case)]
    assert kinds[:2] == ["first", "upgrade"] and set(kinds[2:]) == {"lift"}
    assert all(len(f["sha256"]) == 64 for x in lib.letters(case) for f in x["files"])

    # 4. the review: forecasts and issued warnings against what was observed; the officer's sections
    lib.set_report_text(case, "problems", "首报对过程开始时间的预报偏早一天。\n应加强对冷空气到达时间的会商研判。")
    observations = load_observations(SAMPLES_DIR / "observed-regional-orange.csv")
    issued, issued_times = lib.issued_warnings(case)
    assert {w.region for w in issued} == set(regions)
    periods = lib.warning_periods(case)
    rv = review(observations, {"首报": first, "更新": worse}, scheme, neighbours, issued=issued,
                issued_times=issued_times, issued_periods=periods)
    # the timeline's 已发预警 row shows each day the level in force that day, period by period
    from app.domain.scheme import LEVEL_RANK
    from app.export.review_figures import issued_days

    days = rv.observed_window.days
    for region in regions:
        mine = [p for p in periods if p.region == region]
        expected = [max([LEVEL_RANK[p.level] for p in mine
                         if p.start.date() <= d.date() <= (p.end or bj(2100, 1, 1)).date()], default=0)
                    for d in days]
        assert issued_days(rv, region, days).tolist() == expected
    result = review_to_json(rv, scheme)
    lib.record_review(case, observations, result)
    for region in regions:
        outcomes = [m["outcome"] for m in result["regions"][region]["issued_matches"]]
        observed = result["regions"][region]["observed_episodes"]
        assert ("hit" in outcomes) == bool(observed)
    upgraded = next(w for w in issued if w.region == upgraded_region)
    assert upgraded.level == ev2.recommendations[upgrade].new_level  # the span keeps the highest level

    # 5. the case travels to the other office and gives the same report there
    other = open_library(tmp_path / "other.sqlite")
    import_case(other, export_case(lib, case, tmp_path / "case.hzcase"))
    assert other.issued_warnings(case) == (issued, issued_times)
    written = write_review_report(rv, scheme, docx=tmp_path / "review.docx", pdf=tmp_path / "review.pdf",
                                  texts=other.report_texts(case), case=other.case(case))
    assert set(written) == {"docx", "pdf"}
    text = subprocess.run(["pdftotext", "-layout", written["pdf"], "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in ("一、预测预报情况", "二、形势分析情况", "三、预警发布情况", "四、应急响应情况",
                    "五、措施落实情况及环境效益", "六、存在的问题及改进措施"):
        assert heading in text
    for expected in ("川渝联防办〔2026〕1号", "首次预警", "升级", "解除", "首报对过程开始时间的预报偏早一天",
                     "2026年1月川渝盆地区域性重污染过程"):
        assert expected in text.replace(" ", "").replace("\n", "")
    assert "按日对比预警级别" in text.replace(" ", "").replace("\n", "")
    from docx import Document

    body = "\n".join(p.text for p in Document(written["docx"]).paragraphs)
    assert "六、存在的问题及改进措施" in body and "应加强对冷空气到达时间的会商研判" in body
    assert np.isfinite(result["overall"]["首报"]["rmse"])
