"""Export benchmarks: the proposal letter (docx + pdf, goal ≤ 1 s), one A4 meeting map at 300 dpi (≤ 3 s),
a seven-day daily map series with its GIF (≤ 20 s), and the briefing pack (no goal; reported).

Every export writes to a temporary folder through the real code path (atomic write + audit entry); the
state folder is a temporary one too, so the user's audit log is never touched."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from app.bench import figure, timed


@contextmanager
def _scratch():
    with tempfile.TemporaryDirectory(prefix="hazedesk-bench-") as folder:
        old = os.environ.get("HAZEDESK_HOME")
        os.environ["HAZEDESK_HOME"] = str(Path(folder) / "state")
        try:
            yield Path(folder)
        finally:
            if old is None:
                os.environ.pop("HAZEDESK_HOME", None)
            else:
                os.environ["HAZEDESK_HOME"] = old


def _inputs():
    from app.export.inputs import load_and_evaluate
    from app.paths import SAMPLES_DIR

    return load_and_evaluate(str(SAMPLES_DIR / "sample-regional-orange.csv"))


def _letter(inputs):
    from app.domain.proposal import OfficerFields, build_proposal

    return build_proposal(inputs.evaluation, inputs.forecast.meta, inputs.scheme,
                          episodes=list(range(len(inputs.evaluation.episodes))),
                          officer=OfficerFields(doc_number="川渝联防办〔2026〕3号"), met=inputs.forecast.met)


def bench_proposal() -> list[dict]:
    from docx import Document

    from app.export.letters import export_proposal

    inputs = _inputs()
    with _scratch() as folder:
        def both():
            letter = _letter(inputs)
            export_proposal(letter, docx=folder / "p.docx", pdf=folder / "p.pdf", scheme=inputs.scheme,
                            meta=inputs.forecast.meta, word_fonts="office")

        def plain_docx():  # baseline: the same paragraphs through bare python-docx, no template, no styles
            document = Document()
            for block in _letter(inputs).blocks:
                document.add_paragraph(block.text)
            document.save(str(folder / "plain.docx"))

        value, _ = timed(both, repeat=5, warmup=1)
        base, _ = timed(plain_docx, repeat=5, warmup=1)
    return [figure("exports.proposal_docx_pdf", value, "s", 1.0, baseline=("python-docx plain paragraphs", base),
                   notes=f"{len(inputs.evaluation.episodes)} episodes, content + docx (docxtpl) + pdf (ReportLab, "
                         "embedded CJK subsets) + audit entry")]


def bench_map() -> list[dict]:
    import matplotlib

    matplotlib.use("Agg")
    import geopandas  # noqa: F401  (baseline below)
    from matplotlib.figure import Figure

    from app.export.map_layers import default_step
    from app.export.maps import MapExporter, export_map
    from maps.boundaries import load_boundaries

    inputs = _inputs()
    boundaries = load_boundaries()
    boundaries.prepare_for_drawing()
    with _scratch() as folder:
        exporter = MapExporter(inputs.evaluation, inputs.forecast.meta, inputs.scheme, boundaries=boundaries)
        step = default_step(inputs.evaluation, "warning")
        value, _ = timed(lambda: export_map(exporter, folder / "m.png", layer="warning", step=step, dpi=300),
                         repeat=3, warmup=1)
        cold, _ = timed(lambda: export_map(MapExporter(inputs.evaluation, inputs.forecast.meta, inputs.scheme,
                                                       boundaries=boundaries), folder / "c.png", layer="warning",
                                           step=step, dpi=300), repeat=2, warmup=0)
        pdf, _ = timed(lambda: export_map(exporter, folder / "m.pdf", layer="warning", step=step), repeat=3)

        def geopandas_plot():  # baseline: GeoSeries.plot of the same polygons at 300 dpi, no layout at all
            fig = Figure(figsize=(297 / 25.4, 210 / 25.4))
            ax = fig.add_subplot(1, 1, 1)
            boundaries.lod("fine").plot(ax=ax, color="#ff7e00", edgecolor="#555555", linewidth=0.3)
            fig.savefig(folder / "g.png", dpi=300)

        base, _ = timed(geopandas_plot, repeat=3, warmup=1)
    return [figure("exports.map_a4_300dpi_png", value, "s", 3.0, baseline=("geopandas plot, no layout", base),
                   notes="layout built once, recolour + save (3507×2480 px)"),
            figure("exports.map_a4_300dpi_png_cold", cold, "s", 3.0,
                   notes="including building the page layout (first map of a session)"),
            figure("exports.map_a4_pdf", pdf, "s", notes="vector PDF, fonts embedded")]


def bench_series() -> list[dict]:
    from app.export.maps import MapExporter, export_series

    inputs = _inputs()
    with _scratch() as folder:
        def series(dpi: int):
            exporter = MapExporter(inputs.evaluation, inputs.forecast.meta, inputs.scheme)
            return export_series(exporter, folder / f"d{dpi}.png", layer="daily", series="daily",
                                 gif=folder / f"d{dpi}.gif", dpi=dpi)

        value, _ = timed(lambda: series(150), repeat=2, warmup=0)
        high, _ = timed(lambda: series(300), repeat=1, warmup=0)
    return [figure("exports.series_7day_daily_gif", value, "s", 20.0,
                   notes="7 daily A4 PNGs at 150 dpi (the series default) + 1200 px GIF, layout included"),
            figure("exports.series_7day_daily_gif_300dpi", high, "s", 20.0,
                   notes="the same at 300 dpi")]


def bench_briefing() -> list[dict]:
    from app.export.briefing import export_briefing

    inputs = _inputs()
    with _scratch() as folder:
        value, _ = timed(lambda: export_briefing(inputs.evaluation, inputs.forecast.meta, inputs.scheme,
                                                 folder / "b.pdf", proposal=_letter(inputs)), repeat=1, warmup=0)
    return [figure("exports.briefing_pack", value, "s",
                   notes="cover, summary, 7 maps and 3 timelines at 200 dpi, the 4-page letter; one PDF")]


BENCHES = [("exports.proposal", bench_proposal), ("exports.map", bench_map), ("exports.series", bench_series),
           ("exports.briefing", bench_briefing)]
