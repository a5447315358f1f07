import pytest

from app.domain.progress import Cancelled, Progress


def test_progress_reports_and_maps_sub_ranges():
    seen = []
    p = Progress(lambda f, m: seen.append((round(f, 3), m)))
    child = p.sub(0.5, 1.0)
    child.report(0.5, "half of the second half")
    assert seen[-1] == (0.75, "half of the second half")


def test_cancel_raises_at_next_report_also_in_children():
    p = Progress()
    child = p.sub(0, 0.5)
    p.cancel()
    with pytest.raises(Cancelled):
        child.report(0.1)
