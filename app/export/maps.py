"""Meeting-map exports: one map (PNG at 300 dpi, PDF or SVG), or a series of numbered PNGs plus an animated GIF.

Every file is written atomically and recorded in the audit log. Fonts: the bundled Chinese fonts, registered by
file (``app.export.fonts``); PDF embeds them as TrueType subsets (text stays searchable), SVG draws text as paths
so that any viewer shows the Chinese exactly as printed, with no font needed.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.atomic import check_output_folder, is_special, write_bytes_atomic
from app.domain.forecast import ForecastMeta
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.proposal import fmt_hour
from app.domain.results import Evaluation
from app.domain.scheme import Scheme
from app.errors import InputError, Problem
from app.export import fonts
from app.export.audit import record_export
from app.export.map_layers import Frame, frame_at, series_steps
from maps.boundaries import Boundaries, load_boundaries
from maps.layout import MapTexts, MeetingMap

FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}
GIF_MAX_WIDTH = 1200


def output_format(path: str | Path, option: str = "--out") -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(Problem("unsupported map file type", file=str(path), column=option,
                                 value=suffix or "(none)", expected=".png, .pdf or .svg"))
    return FORMATS[suffix]


class MapExporter:
    """One page layout reused for every frame of a forecast's maps."""

    def __init__(self, evaluation: Evaluation, meta: ForecastMeta, scheme: Scheme, *, paper: str = "A4",
                 boundaries: Boundaries | None = None):
        if paper not in ("A4", "A3"):
            raise InputError(Problem("unknown paper size", column="--paper", value=paper, expected="A4 or A3"))
        self.evaluation, self.meta, self.scheme = evaluation, meta, scheme
        self.boundaries = boundaries or load_boundaries()
        self.layout = MeetingMap(self.boundaries, paper=paper, rc=fonts.register_matplotlib())

    def texts(self, frame: Frame) -> MapTexts:
        issued = fmt_hour(self.evaluation.issued_at) if self.evaluation.issued_at else "未知"
        producer = self.meta.label or "未注明"
        source_file = Path(self.meta.source_path).name if self.meta.source_path else ""
        return MapTexts(
            title=f"川渝地区{frame.title}",
            subtitle=f"预报时间：{frame.label}　　预报发布：{issued}　　{self.evaluation.aqi_edition}",
            legend_title=frame.legend_title,
            source=(f"数据：{producer}" + (f"（{source_file}）" if source_file else "") +
                    f"；评估：《{self.scheme.title}》{self.scheme.version}；"
                    f"底图：{Path(self.boundaries.source).name}；HazeDesk {__version__}"),
        )

    def render(self, frame: Frame) -> None:
        self.layout.draw(frame.colours, self.texts(frame), frame.legend)

    def to_bytes(self, format: str, dpi: int) -> bytes:
        buffer = io.BytesIO()
        self.layout.save(buffer, format=format, dpi=dpi)
        return buffer.getvalue()


def _check_dpi(dpi: int) -> int:
    if not 50 <= int(dpi) <= 1200:
        raise InputError(Problem("resolution out of range", column="--dpi", value=str(dpi), expected="50 … 1200"))
    return int(dpi)


def _audit(kind: str, paths: Sequence[Path], exporter: MapExporter, details: dict, edits: Sequence[str]) -> None:
    record_export(kind, paths, scheme_id=exporter.scheme.id, scheme_version=exporter.scheme.version,
                  forecast_sha256=exporter.meta.sha256, forecast_path=exporter.meta.source_path, edits=edits,
                  details=details)


def export_map(exporter: MapExporter, out: str | Path, *, layer: str, step: dict, dpi: int = 300,
               edits: Sequence[str] = ()) -> Path:
    """One map of ``layer`` at ``step`` ({"time": …} or {"day": …}) to ``out`` (.png / .pdf / .svg)."""
    format = output_format(out)
    frame = frame_at(exporter.evaluation, layer, **step)
    exporter.render(frame)
    write_bytes_atomic(out, exporter.to_bytes(format, _check_dpi(dpi)))
    _audit("map", [Path(out)], exporter, {"layer": layer, "step": frame.label, "paper": exporter.layout.paper,
                                          "dpi": dpi}, edits)
    return Path(out)


def series_paths(out: str | Path, frames: Sequence[Frame]) -> list[Path]:
    """Numbered frame files beside ``out``: ``map_001_20260113.png`` …"""
    out = Path(out)
    return [out.with_name(f"{out.stem}_{i:03d}_{f.key}{out.suffix}") for i, f in enumerate(frames, start=1)]


def export_series(exporter: MapExporter, out: str | Path, *, layer: str, series: str, gif: str | Path | None = None,
                  dpi: int = 150, frame_ms: int | None = None, progress: Progress = NO_PROGRESS,
                  edits: Sequence[str] = ()) -> list[Path]:
    """Every hour or day as numbered PNGs (and an animated GIF). Cancelling removes the files of this run."""
    from PIL import Image

    if output_format(out) != "png":
        raise InputError(Problem("a series is written as numbered PNG files", file=str(out), column="--out",
                                 expected="OUT.png"))
    if gif is not None and Path(gif).suffix.lower() != ".gif":
        raise InputError(Problem("wrong file type", file=str(gif), column="--gif", expected="a .gif file"))
    dpi = _check_dpi(dpi)
    check_output_folder(out)  # before the rendering, not after it
    if gif is not None:
        check_output_folder(gif)
    frames = [frame_at(exporter.evaluation, layer, **step) for step in series_steps(exporter.evaluation, layer, series)]
    paths = series_paths(out, frames)
    written: list[Path] = []
    images = []
    try:
        for i, (frame, path) in enumerate(zip(frames, paths)):
            progress.report(i / (len(frames) + 1), f"{frame.label} ({i + 1}/{len(frames)})")
            exporter.render(frame)
            data = exporter.to_bytes("png", dpi)
            write_bytes_atomic(path, data)
            written.append(path)
            if gif is not None:
                image = Image.open(io.BytesIO(data)).convert("RGB")
                if image.width > GIF_MAX_WIDTH:
                    image = image.resize((GIF_MAX_WIDTH, round(image.height * GIF_MAX_WIDTH / image.width)),
                                         Image.Resampling.LANCZOS)
                images.append(image.quantize(colors=128, method=Image.Quantize.MEDIANCUT))
        if gif is not None:
            progress.report(len(frames) / (len(frames) + 1), "GIF")
            buffer = io.BytesIO()
            duration = frame_ms or (1000 if series == "daily" else 300)
            images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=duration,
                           loop=0, optimize=False)
            write_bytes_atomic(gif, buffer.getvalue())
            written.append(Path(gif))
        progress.report(1.0, "")
    except BaseException:  # cancelled, disk full, killed (SIGTERM arrives as KeyboardInterrupt): no partial set
        for path in written:
            if not is_special(path):
                with contextlib.suppress(OSError):
                    path.unlink()
        raise
    _audit("map-series", written, exporter, {"layer": layer, "series": series, "frames": len(frames), "dpi": dpi,
                                             "paper": exporter.layout.paper}, edits)
    return written
