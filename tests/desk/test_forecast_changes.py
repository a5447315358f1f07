"""What changed since the last forecast, in words (issue 28): successive forecasts of the winter season sample."""

from __future__ import annotations

import pytest

from app.desk.forecast_changes import change_text, changes_text, previous_forecast
from app.domain.changes import changes_between
from app.domain.engine import evaluate
from app.domain.scheme import load_scheme
from app.importing import load_forecast
from app.paths import SAMPLES_DIR
from maps.derived import scheme_neighbours

SEASON = SAMPLES_DIR / "season-winter"


@pytest.fixture(scope="module")
def ev():
    scheme = load_scheme()
    neighbours = scheme_neighbours(scheme)

    def run(day: str):
        forecast = load_forecast(SEASON / f"forecast-2025-12-{day}.csv")
        return evaluate(forecast, scheme, neighbours, issued_at=forecast.meta.issued_at)
    return run


def test_level_raised_and_moved(ev):
    changes = changes_between(ev("13"), ev("14"))
    text = change_text(next(c for c in changes if c.region == "盆地中部地区"))
    assert text == "盆地中部 由橙色升为红色、整体推迟1天（14日0时—18日24时）"


def test_start_earlier_and_end_later(ev):
    text = changes_text(changes_between(ev("12"), ev("13")))
    assert "盆地东北部 橙色：结束推迟1天（14日0时—17日24时）" in text
    assert "成都平原 橙色：开始提前1天（13日0时—17日24时）" in text
    english = changes_text(changes_between(ev("12"), ev("13")), "en", {"成都平原地区": "Chengdu Plain"})
    assert "Chengdu Plain: starts 1 d earlier (13th 00:00–17th 24:00)" in english


def test_added_and_removed(ev):
    before, after = ev("13"), ev("14")
    added = changes_between(before.__class__(**{**before.__dict__, "episodes": []}), after)
    assert added and all(c.kind == "added" for c in added)
    assert change_text(added[0]).split(" ", 1)[1].startswith("新增")
    removed = changes_between(before, after.__class__(**{**after.__dict__, "episodes": []}))
    assert removed and change_text(removed[0]).split(" ", 1)[1].startswith("原")
    assert changes_text([]) == ""


def test_previous_forecast_is_the_latest_issued_before():
    rows = [{"sha256": "a", "issued_at": "2025-12-12T10:00:00+08:00", "added_at": "1"},
            {"sha256": "b", "issued_at": "2025-12-13T10:00:00+08:00", "added_at": "2"},
            {"sha256": "c", "issued_at": "2025-12-14T10:00:00+08:00", "added_at": "3"}]
    assert previous_forecast(rows, "c", "2025-12-14T10:00:00+08:00")["sha256"] == "b"
    assert previous_forecast(rows, "b", "2025-12-13T10:00:00+08:00")["sha256"] == "a"
    assert previous_forecast(rows, "a", "2025-12-12T10:00:00+08:00") is None
    assert previous_forecast(rows, "z", None)["sha256"] == "c"
    assert previous_forecast(rows[:1], "a", None) is None


# -- the long part, off the GUI thread: find the previous file, load, evaluate, compare (progress and cancel) -------

def _row(day: str, path=None, content=None) -> dict:
    """A case library's forecast row for the season forecast of that day (its original at ``path``)."""
    from app.domain.session import file_sha256

    original = SEASON / f"forecast-2025-12-{day}.csv"
    return {"id": "f" + day, "case_id": "c1", "name": original.stem, "path": str(path or original),
            "sha256": file_sha256(original), "content": content}


def test_compare_with_previous_reads_the_original_and_compares(ev, tmp_path):
    from app.desk.forecast_changes import compare_with_previous
    from app.domain.progress import Progress

    scheme = load_scheme()
    reports = []
    changes = compare_with_previous(_row("13"), tmp_path, ev("14"), scheme, scheme_neighbours(scheme),
                                    mode="calendar", progress=Progress(lambda f, m: reports.append(f)))
    assert changes == changes_between(ev("13"), ev("14"))
    assert reports[0] == 0.0 and reports[-1] == 1.0 and reports == sorted(reports) and len(reports) > 3
    assert not any(tmp_path.iterdir())  # the original is there unchanged: no copy written


def test_compare_with_previous_falls_back_on_the_kept_copy(ev, tmp_path):
    from app.desk.forecast_changes import compare_with_previous

    scheme = load_scheme()
    changed = tmp_path / "moved" / "forecast-2025-12-13.csv"
    changed.parent.mkdir()
    changed.write_bytes((SEASON / "forecast-2025-12-12.csv").read_bytes())  # another file under its name now
    row = _row("13", changed, (SEASON / "forecast-2025-12-13.csv").read_bytes())
    copies = tmp_path / "case-files"
    changes = compare_with_previous(row, copies, ev("14"), scheme, scheme_neighbours(scheme), mode="calendar")
    assert changes == changes_between(ev("13"), ev("14"))
    assert [p.name for p in copies.iterdir()] == [row["sha256"][:16] + ".csv"]


def test_compare_with_previous_without_its_file_is_a_clear_error(ev, tmp_path):
    from app.desk.forecast_changes import compare_with_previous
    from app.errors import InputError

    scheme = load_scheme()
    gone = tmp_path / "forecast-2025-12-13.csv"
    for row in (_row("13", gone), None):
        with pytest.raises(InputError) as raised:
            compare_with_previous(row, tmp_path, ev("14"), scheme, scheme_neighbours(scheme), mode="calendar")
        assert "no longer there" in str(raised.value)
        assert "上一份预报的文件已不在原处" in raised.value.render("zh")
    with pytest.raises(InputError) as raised:
        compare_with_previous(_row("13", gone), tmp_path, ev("14"), scheme, scheme_neighbours(scheme), mode="calendar")
    assert str(gone) in str(raised.value)  # the file it looked for


def test_compare_with_previous_stops_when_cancelled(ev, tmp_path):
    from app.desk.forecast_changes import compare_with_previous
    from app.domain.progress import Cancelled, Progress

    scheme = load_scheme()
    progress = Progress(lambda f, m: progress.cancel() if m == "evaluate" else None)
    with pytest.raises(Cancelled):
        compare_with_previous(_row("13"), tmp_path, ev("14"), scheme, scheme_neighbours(scheme), mode="calendar",
                              progress=progress)
