"""The factual part of the review report's 四、应急响应情况 and 五、措施落实情况及环境效益, from the case's response
facts (``app.cases.status.response_facts``): the cities' starts against each letter, the daily reports and the
dispatch days; the measures each city reported and the problem leads with their closure. The officer's
judgement follows it, as written in the window."""

from __future__ import annotations

from app.cases.leads import SOURCES, STEP_ZH, STEPS
from app.cases.response import OUTCOMES
from app.domain.scheme import LEVEL_ZH
from app.export.dispatch import excerpt
from app.export.review_report import Block

OUTCOME_WORDS = {"on_time": "按时启动", "higher": "按自身更高级别执行", "late": "滞后启动", "lower": "低于要求级别",
                 "not_notified": "未通报"}


def _day(text: str) -> str:
    return f"{int(text[5:7])}月{int(text[8:10])}日"


def _time(text: str | None) -> str:
    return "—" if not text else f"{int(text[5:7])}月{int(text[8:10])}日{text[11:16]}"


def response_blocks(facts: dict) -> list[Block]:
    out: list[Block] = []
    starts = facts["starts"]
    if starts:
        counts = facts["starts_summary"]
        said = "、".join(f"{OUTCOME_WORDS[k]}{counts[k]}个" for k in OUTCOMES if counts[k])
        out.append(Block("p", f"（一）启动预警情况。对照{len({s['letter_id'] for s in starts})}份预警函件，"
                              f"相关城市应启动或调整预警共{len(starts)}城次：{said}。自身预警级别高于区域级别的城市"
                              "按自身级别执行，符合方案要求。"))
        rows = [["函件", "区域", "城市", "要求", "通报", "结果"]]
        for s in starts:
            asked = "解除" if s["asked_level"] == "none" else LEVEL_ZH.get(s["asked_level"], s["asked_level"])
            told = "—" if s["notified_level"] is None else (
                "解除" if s["notified_level"] == "none" else LEVEL_ZH.get(s["notified_level"], s["notified_level"]))
            rows.append([s["doc_number"] or "—", s["region"], s["city"], f"{asked}，{_time(s['asked_start'])}",
                         f"{told}，{_time(s['notified_at'])}" if s["notified_at"] else "未通报", s["outcome_zh"]])
        out.append(Block("table", rows=rows))
    else:
        out.append(Block("p", "（一）启动预警情况。案例库中未记录预警函件，无法对照各城市启动情况。"))
    per_city = facts["reports"]
    if per_city:
        due = sum(c["warned"] for c in per_city.values())
        done = sum(c["reported"] for c in per_city.values())
        corrected = sum(c["corrected"] for c in per_city.values())
        missing = [f"{city}{_day(d)}" for city, c in per_city.items() for d in c["missing"]]
        text = (f"（二）应对情况报送。预警期间（{_day(facts['report_days'][0])}至{_day(facts['report_days'][-1])}），"
                f"{len(per_city)}个预警城市应报送应对情况{due}份，已报送{done}份")
        if corrected:
            text += f"（其中{corrected}份报送了更正版本）"
        text += f"；逾期（{facts['deadline']}后）未报送{len(missing)}份：{'、'.join(missing)}。" if missing else "，无缺报。"
        out.append(Block("p", text))
    days = facts["dispatch_days"]
    if days:
        out.append(Block("p", f"（三）调度情况。工作小组办公室编发调度日报{len(days)}期（{'、'.join(_day(d) for d in days)}）。"))
    else:
        out.append(Block("p", "（三）调度情况。案例库中未记录编发的调度日报。"))
    return out


def measures_blocks(facts: dict) -> list[Block]:
    out: list[Block] = []
    measures = facts["measures"]
    if measures:
        out.append(Block("p", "（一）各城市报送的主要措施（摘自各城市最近一次报送的应对情况）："))
        for city, items in measures.items():
            last = items[-1]
            said = excerpt(last.get("work", "")) or excerpt(last.get("leaders", ""))
            out.append(Block("p", f"{city}（报送{len(items)}天）：{said}"))
    else:
        out.append(Block("p", "（一）案例库中没有城市报送的应对情况。"))
    leads = facts["leads"]
    counts = facts["lead_counts"]
    if leads:
        by_source = "、".join(f"{s}{n}条" for s in SOURCES if (n := sum(1 for x in leads if x["source"] == s)))
        stages = "、".join(f"{STEP_ZH[s]}{counts[s]}条" for s in reversed(STEPS[:-1]) if counts[s])
        text = f"（二）跨区域问题线索。共登记问题线索{counts['total']}条（{by_source}），已销号{counts['closed']}条"
        if stages:
            text += f"，在办{counts['total'] - counts['closed']}条（{stages}）"
        overdue = [x["number"] for x in leads if x["overdue"]]
        text += f"，超过办理时限{len(overdue)}条（{'、'.join(overdue)}）。" if overdue else "，无逾期。"
        out.append(Block("p", text))
        rows = [["编号", "类别", "地点", "问题", "推送", "环节", "时限"]]
        for x in leads:
            rows.append([x["number"], f"{x['source']}／{x['origin']}", x["unit"], excerpt(x["description"], 40),
                         f"{x['found_by']}→{x['pushed_to']}", x["status_zh"],
                         "已销号" if x["status"] == "closed" else ("逾期" if x["overdue"] else _time(x["due"]))])
        out.append(Block("table", rows=rows))
    else:
        out.append(Block("p", "（二）跨区域问题线索。案例库中未登记问题线索。"))
    return out
