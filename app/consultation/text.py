"""The consultation in written Chinese, as the letter and the 会商纪要 state it (from the recorded decision)."""

from __future__ import annotations

from datetime import date, datetime

from app.consultation.record import ConsultationRecord
from app.domain.scheme import BEIJING

LEVEL_ZH = {"none": "无预警", "yellow": "黄色", "orange": "橙色", "red": "红色"}
LEVEL_SHORT = {"none": "无", "yellow": "黄", "orange": "橙", "red": "红"}


def when(t: datetime | str | None) -> str:
    if t is None:
        return "发布时间不详"
    if isinstance(t, str):
        t = datetime.fromisoformat(t)
    t = t.astimezone(BEIJING)  # the hour in two digits, as the letters write it: 9日08时, 21日00时
    return f"{t.month}月{t.day}日{t.hour:02d}时" + (f"{t.minute:02d}分" if t.minute else "")


def end_when(t: datetime | str) -> str:
    """An inclusive last hour as the letters write it: 23:00 of a day is that day's 24时."""
    if isinstance(t, str):
        t = datetime.fromisoformat(t)
    t = t.astimezone(BEIJING)
    return f"{t.month}月{t.day}日24时" if t.hour == 23 else when(t)


def day_text(day: str | date) -> str:
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d.month}月{d.day}日"


def method_sentence(record: ConsultationRecord) -> str:
    c = record.consensus
    method = c.get("method", "")
    if method == "median":
        return "会商结论取各家逐时PM2.5预报的集合中位数，按预警方案重新评估"
    if method == "majority":
        k = c.get("k")
        need = f"至少{k}家" if k else "过半数"
        return f"会商结论按多数一致原则确定，即各区域取{need}参加会商的预报达到的预警等级"
    chosen = c.get("chosen", {}) or {}
    names = sorted(set(chosen.values()))
    if len(names) == 1:
        return f"会商结论采用{names[0]}的预报"
    parts = "，".join(f"{region}采用{name}的预报" for region, name in chosen.items())
    return f"会商结论按区域指定预报：{parts}"


def sources_phrase(record: ConsultationRecord) -> str:
    return "、".join(f"{s.name}（{when(s.issued_at)}发布）" for s in record.sources)


def basis_sentence(record: ConsultationRecord, *, observed: bool = True) -> str:
    """The sentence for the letter's 预测依据: which forecasts were consulted and how the consensus was reached
    (and, with ``observed``, the observed hours it was judged with; the minutes say those in a sentence of
    their own, :func:`observed_sentence`)."""
    spliced = record.observed or {}
    joined = (f"会商研判衔接了{when(spliced['start'])}至{end_when(spliced['end'])}的实况监测数据。"
              if observed and spliced.get("hours") else "")
    return (f"本预测经{len(record.sources)}家预报会商形成：{sources_phrase(record)}；"
            f"{method_sentence(record)}。{joined}")


def dissent_lines(record: ConsultationRecord) -> list[str]:
    """Grouped by region and source: on which days a source differed from the consensus, and how."""
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    for d in record.dissent:
        key = (d["region"], d["source"], d["level"], d["consensus"])
        grouped.setdefault(key, []).append(d["day"])
    lines = []
    for (region, source, level, agreed), days in grouped.items():
        own = f"达到{LEVEL_ZH[level]}预警" if level != "none" else "未达到区域预警条件"
        verdict = f"为{LEVEL_ZH[agreed]}预警" if agreed != "none" else "为不启动预警"
        lines.append(f"{region}：{source}预报{_days(days)}{own}，会商结论{verdict}。")
    return lines


def _days(days: list[str]) -> str:
    days = sorted(days)
    if len(days) > 2:
        consecutive = all((date.fromisoformat(b) - date.fromisoformat(a)).days == 1 for a, b in zip(days, days[1:]))
        if consecutive:
            return f"{day_text(days[0])}至{day_text(days[-1])}"
    return "、".join(day_text(d) for d in days)


def observed_sentence(record: ConsultationRecord) -> str:
    """The observations the judgement includes (spec §7), as the minutes say it; "" when there were none."""
    observed = record.observed or {}
    if not observed.get("files"):
        return ""
    if not observed.get("hours"):
        return ("会商时另附实况监测数据，但均在预报时段之内，未纳入研判（预报时段内以预报为准）。")
    start, end = observed["start"], observed["end"]
    kinds = observed_kinds(observed)
    return (f"本次会商研判纳入了{when(start)}至{end_when(end)}的实况监测数据（共{observed['hours']}小时），"
            f"衔接于各家预报之前；已在实况中出现的污染过程按实况起算，不计预警提前量。"
            + replaced_sentence(observed)
            + (f"实况数据采用{kinds}。" if kinds else ""))


def replaced_sentence(observed: dict) -> str:
    """Sources that start on different days: the consultation is judged from the newest source's first hour and
    an older source's earlier hours were replaced by the observations ("" when none were)."""
    replaced = observed.get("replaced") or []
    if not replaced or not observed.get("forecast_start"):
        return ""
    parts = "，".join(f"{r['source']}{when(r['start'])}至{end_when(r['end'])}的预报" for r in replaced)
    return (f"会商按最新预报的首个时次{when(observed['forecast_start'])}起研判，{parts}时段已过，以实况代替。")


KIND_ZH = {"stations": "国家空气质量监测网站点逐时数据", "hourly": "城市逐时监测数据",
           "daily-pm25": "城市逐日监测数据（PM2.5日均浓度）", "daily-aqi": "城市逐日空气质量指数（AQI）数据"}


def observed_kinds(observed: dict) -> str:
    """What kind of observations the judgement used, in written Chinese: the kinds of the files that give hours
    before the forecasts (a file wholly within the forecast period is not used), station files with their number
    of stations ("" when the record does not say: one from before kinds were kept)."""
    first = observed.get("forecast_start")
    used = [f for f in observed.get("files", [])
            if not first or datetime.fromisoformat(f["start"]) < datetime.fromisoformat(first)]
    if not used or any(not f.get("kind") for f in used):
        return ""
    phrases = []
    for kind in KIND_ZH:
        files = [f for f in used if f["kind"] == kind]
        if not files:
            continue
        counts = sorted({f["stations"] for f in files if f.get("stations") is not None})
        if kind == "stations" and counts:
            number = f"{counts[0]}个" if len(counts) == 1 else f"{counts[0]}～{counts[-1]}个"
            phrases.append(f"{KIND_ZH[kind]}（{number}站点）")
        else:
            phrases.append(KIND_ZH[kind])
    return "和".join(phrases) if len(phrases) <= 2 else "、".join(phrases[:-1]) + "和" + phrases[-1]


def observed_day(record: ConsultationRecord, day: str) -> bool:
    """The whole day lies before the forecasts' first hour: it is 实况 in the grid."""
    observed = record.observed or {}
    first = observed.get("forecast_start")
    if not observed.get("hours") or not first:
        return False
    return date.fromisoformat(day) < datetime.fromisoformat(first).date()


def current_episodes(record: ConsultationRecord) -> list[dict]:
    """The consensus's episodes that end at or after the forecasts' first hour: those that ended in the observed
    past are history, not warnings (spec §7); without observations, all of them."""
    episodes = record.consensus.get("episodes", [])
    first = (record.observed or {}).get("forecast_start")
    if not (record.observed or {}).get("hours") or not first:
        return list(episodes)
    f = datetime.fromisoformat(first)
    return [e for e in episodes if datetime.fromisoformat(e["end"]) >= f]


def decision_lines(record: ConsultationRecord) -> list[str]:
    episodes = current_episodes(record)
    if not episodes:
        return ["会商结论：预报期内各区域均未达到区域预警启动条件。"]
    lines = []
    for e in episodes:
        start, end = datetime.fromisoformat(e["start"]), datetime.fromisoformat(e["end"])
        running = f"（实况：{when(start)}起已出现重污染天气）" if e.get("observed_hours") else ""
        lines.append(f"{e['region']}：{LEVEL_ZH[e['level']]}预警，{when(start)}至{end_when(end)}{running}，"
                     f"触发城市{'、'.join(e['trigger_cities'])}。")
    return lines
