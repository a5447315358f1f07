"""Case library benchmark: export one case to a file and import it into another library (issue 16: ≤ 1 s)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.bench import figure, timed


def _full_case(lib, folder: Path) -> str:
    """A case as an episode leaves it: the three sample forecasts copied in (≈ 1.5 MB), three letters with
    their files, an observed file, city notices, a stored review and the officer's three report sections."""
    from datetime import datetime, timedelta

    from app.cases.library import LetterChange
    from app.domain.scheme import BEIJING
    from app.importing import load_forecast
    from app.importing.observed import load_observations
    from app.paths import SAMPLES_DIR

    case = lib.create_case("bench")
    for name in ("sample-regional-orange.csv", "sample-red-plain-south.csv", "sample-clean-week.csv"):
        path = SAMPLES_DIR / name
        lib.add_forecast(case, load_forecast(path).meta, content=path.read_bytes())
    t0 = datetime(2026, 1, 9, 16, tzinfo=BEIJING)
    letter = folder / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 bench" * 20000)
    regions = ("成都平原地区", "盆地南部地区", "盆地中部地区")
    lib.issue_letter(case, kind="start", issued_at=t0, files=[letter],
                     changes=[LetterChange("start", r, "orange", t0 + timedelta(days=3)) for r in regions])
    lib.issue_letter(case, kind="upgrade", issued_at=t0 + timedelta(days=2), files=[letter],
                     changes=[LetterChange("upgrade", regions[0], "red", t0 + timedelta(days=4))])
    lib.issue_letter(case, kind="lift", issued_at=t0 + timedelta(days=6), files=[letter],
                     changes=[LetterChange("lift", r, "none") for r in regions])
    obs_path = SAMPLES_DIR / "observed-regional-orange.csv"
    observations = load_observations(obs_path)
    lib.add_observations(case, observations, content=obs_path.read_bytes())
    for i in range(40):
        lib.add_city_notice(case, f"城市{i}", t0 + timedelta(hours=i), "orange")
    lib.record_review(case, observations, {"cities": {f"c{i}": {"f": {"days": 7}} for i in range(40)}})
    for section in ("response", "measures", "problems"):
        lib.set_report_text(case, section, "应急响应情况。" * 200)
    return case


def bench_exchange() -> list[dict]:
    from app.cases.exchange import export_case, import_case
    from app.cases.library import open_library

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        origin = open_library(folder / "origin.sqlite")
        case = _full_case(origin, folder)
        counter = iter(range(1000))

        def round_trip():
            n = next(counter)
            path = export_case(origin, case, folder / f"case{n}.hzcase")
            other = open_library(folder / f"other{n}.sqlite")
            import_case(other, path)
            other.close()
            return path

        size = round_trip().stat().st_size
        value, _ = timed(round_trip, repeat=5, warmup=1)
        origin.close()
    return [figure("cases.export_import", value, "s", 1.0,
                   notes=f"one case (3 forecasts copied in, 3 letters, observations, 40 city notices, a review, "
                         f"report texts) exported to a {size / 1e6:.1f} MB .hzcase file and imported into a new "
                         f"library (created in the run)")]


BENCHES = [("cases.export_import", bench_exchange)]
