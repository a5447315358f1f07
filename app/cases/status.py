"""One case's state as one JSON object (``hazedesk case status ID --json -``): the letters, the warnings in
force, each warned city's start against each letter, the daily reports city × day, and the problem leads."""

from __future__ import annotations

from datetime import datetime, time

from app.cases.leads import lead_counts, leads
from app.cases.library import iso, now
from app.cases.reports import DEFAULT_DEADLINE, report_grid
from app.cases.response import starts, summary


def case_status(library, case_id: str, scheme, *, at: datetime | None = None,
                deadline: time = DEFAULT_DEADLINE) -> dict:
    at = at or now()
    row = library._require(case_id)
    items = starts(library, case_id, scheme)
    register = leads(library, case_id, scheme, at=at)
    grid = report_grid(library, case_id, scheme, at=at, deadline=deadline)
    states = [s for cells in grid["cells"].values() for s in cells.values()]
    return {
        "case": {"id": row["id"], "title": row["title"], "status": row["status"]},
        "at": iso(at),
        "letters": [{"id": x["id"], "doc_number": x["number"], "kind": x["kind"], "issued_at": x["issued_at"],
                     "sender": x["sender"], "changes": x["changes"]} for x in library.letters(case_id)],
        "in_force": [{"region": w.region, "level": w.level, "start": iso(w.start), "end": iso(w.end)}
                     for w in library.warnings_in_force(case_id)],
        "starts": [s.to_json() | {"outcome_zh": s.text_zh} for s in items],
        "starts_summary": summary(items),
        "reports": {**grid, "summary": {k: states.count(k) for k in ("reported", "corrected", "missing", "due")}},
        "leads": {"summary": lead_counts(register), "items": [x.to_json() for x in register]},
    }


def response_facts(library, case_id: str, scheme, *, at: datetime | None = None,
                   deadline: time = DEFAULT_DEADLINE) -> dict:
    """What the review report's 四 and 五 state from the case (plain data): each city's start against each
    letter, the daily reports per city (warned days, reported, corrected, missing), the days a 调度日报 was
    written, each city's reports in day order, and the leads with their steps and status."""
    at = at or now()
    items = starts(library, case_id, scheme)
    grid = report_grid(library, case_id, scheme, at=at, deadline=deadline)
    per_city = {}
    for city in grid["cities"]:
        cells = grid["cells"].get(city, {})
        per_city[city] = {"warned": len(cells),
                          "reported": sum(1 for s in cells.values() if s in ("reported", "corrected")),
                          "corrected": sum(1 for s in cells.values() if s == "corrected"),
                          "missing": [d for d, s in cells.items() if s == "missing"]}
    from app.cases.reports import reports

    measures: dict[str, list[dict]] = {}
    order = {c: i for i, c in enumerate(scheme.linkage_cities)}
    for r in sorted(reports(library, case_id), key=lambda r: (order.get(r["city"], len(order)), r["day"])):
        measures.setdefault(r["city"], []).append({"day": r["day"], **r["fields"]})
    register = leads(library, case_id, scheme, at=at)
    dispatch = [r[0] for r in library.conn.execute("SELECT DISTINCT day FROM dispatches WHERE case_id = ? ORDER BY "
                                                   "day", (case_id,))]
    return {"starts": [s.to_json() | {"outcome_zh": s.text_zh} for s in items], "starts_summary": summary(items),
            "reports": per_city, "report_days": grid["days"], "deadline": grid["deadline"],
            "dispatch_days": dispatch, "measures": measures,
            "leads": [x.to_json() for x in register], "lead_counts": lead_counts(register)}


def case_for_report(library, case_id: str, scheme, *, at: datetime | None = None) -> dict:
    """The case's rows as the review report reads them, with its response facts (as of ``at``, default now)
    under "response"."""
    return {**library.case(case_id),
            "response": response_facts(library, case_id, scheme, at=at, deadline=_deadline(scheme))}


def _deadline(scheme) -> time:
    from app.cases.reports import parse_deadline

    return parse_deadline(getattr(scheme, "report_deadline", "18:00"))
