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
from typing import TYPE_CHECKING

from app.atomic import check_output_folder, is_special, write_bytes_atomic
from app.domain.forecast import ForecastMeta
from app.domain.letter_wording import fmt_hour, letter_source, version_text
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.proposal import DEFAULT_SOURCE
from app.domain.results import Evaluation
from app.domain.scheme import Scheme
from app.errors import InputError, Problem
from app.export import fonts
from app.export.audit import record_export
from app.export.map_layers import Frame, frame_at, series_steps
from maps.derived import drawing_geometry
from maps.page import MapTexts

if TYPE_CHECKING:
    from collections.abc import Callable

    from maps.boundaries import Boundaries

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
                 boundaries: Boundaries | None = None, forecast_source: str | None = None,
                 edits: Sequence[str] = (), page: Callable | None = None):
        if paper not in ("A4", "A3"):
            raise InputError(Problem("unknown paper size", column="--paper", value=paper, expected="A4 or A3"))
        self.evaluation, self.meta, self.scheme = evaluation, meta, scheme
        self.boundaries = boundaries
        # without boundaries given: the window's drawing data (shipped or cached by maps.derived), read in
        # milliseconds, instead of the boundary file read, merged and simplified at every export (issue 26)
        shapes = boundaries if boundaries is not None else drawing_geometry(scheme=scheme)
        # the page: ``page(shapes, paper)`` when given (the Qt page of app.export_qt draws the map command's
        # PNGs), else the matplotlib page (PNG, PDF, SVG)
        self.layout = (page or matplotlib_page)(shapes, paper)
        self.source = letter_source(forecast_source, meta.label, DEFAULT_SOURCE)
        self.edits = list(edits)  # what-if edits in force, as sentences: the "含情景修改" note on every frame

    def texts(self, frame: Frame) -> MapTexts:
        issued = fmt_hour(self.evaluation.issued_at) if self.evaluation.issued_at else ""
        version = version_text(self.scheme.version) if self.scheme.version else ""
        note = ("含情景修改（非原始预报）：" + "；".join(self.edits) + "。") if self.edits else ""
        return MapTexts(
            title=f"川渝地区{frame.title}" + ("（含情景修改）" if self.edits else ""),
            subtitle=f"预报时间：{frame.label}　　预报发布：{issued or '未知'}　　{self.evaluation.aqi_edition}",
            legend_title=frame.legend_title,
            source=(f"预报来源：{self.source}{issued + '发布' if issued else ''}；"
                    f"预警评估依据：《{self.scheme.title}》（{version}）"),  # the program's name is in the file's metadata
            note=note,
        )

    def render(self, frame: Frame) -> None:
        self.layout.draw(frame.colours, self.texts(frame), frame.legend, frame.regions)

    def to_bytes(self, format: str, dpi: int) -> bytes:
        buffer = io.BytesIO()
        self.layout.save(buffer, format=format, dpi=dpi)
        return buffer.getvalue()


def matplotlib_page(shapes, paper: str):
    """The matplotlib page (:class:`maps.layout.MeetingMap`): PNG, PDF and SVG; matplotlib imported only here."""
    from maps.layout import MeetingMap

    return MeetingMap(shapes, paper=paper, rc=fonts.register_matplotlib())


def gif_frames(images: Sequence, fixed: Sequence[tuple[int, int, int]] = ()) -> list:
    """The frames on one global palette, so a legend colour is the same index and the same colour in every
    frame (a per-frame palette shifts colours as the map changes). The palette holds the legend's colours
    exactly, then the colours the frames need most (text, outlines, anti-aliasing), from all frames at once."""
    from PIL import Image

    exact = list(dict.fromkeys(tuple(int(v) for v in c) for c in fixed))[:64]
    sample_w = 320
    strip = Image.new("RGB", (sample_w, sum(max(1, round(im.height * sample_w / im.width)) for im in images)))
    y = 0
    for im in images:
        small = im.resize((sample_w, max(1, round(im.height * sample_w / im.width))), Image.Resampling.NEAREST)
        strip.paste(small, (0, y))
        y += small.height
    learned = strip.quantize(colors=256 - len(exact), method=Image.Quantize.MEDIANCUT).getpalette()
    colours = exact + [tuple(learned[i:i + 3]) for i in range(0, len(learned), 3)]
    colours = (colours + [(0, 0, 0)] * 256)[:256]
    return [_index_exactly(im, colours) for im in images]


def _index_exactly(image, colours: list[tuple[int, int, int]]):
    """``image`` as palette indices into ``colours``: every pixel gets its nearest palette colour, computed
    exactly (Pillow's palette conversion looks colours up at reduced precision, so a legend orange could come
    out as a neighbouring entry). Distinct colours are few (flat map fills, text), so this is one lookup each."""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(image.convert("RGB"), dtype=np.int32)
    packed = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    unique, inverse = np.unique(packed.ravel(), return_inverse=True)
    wanted = np.stack([(unique >> 16) & 255, (unique >> 8) & 255, unique & 255], axis=1)
    table = np.asarray(colours, dtype=np.int32)
    nearest = np.empty(len(unique), dtype=np.uint8)
    for start in range(0, len(unique), 4096):
        block = wanted[start:start + 4096]
        distance = ((block[:, None, :] - table[None, :, :]) ** 2).sum(axis=2)
        nearest[start:start + 4096] = distance.argmin(axis=1)
    out = Image.fromarray(nearest[inverse].reshape(packed.shape), mode="P")
    out.putpalette([v for c in colours for v in c])
    return out


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
    if edits:
        exporter.edits = list(edits)
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
    if edits:
        exporter.edits = list(edits)
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
                images.append(image)
        if gif is not None:
            progress.report(len(frames) / (len(frames) + 1), "GIF")
            buffer = io.BytesIO()
            duration = frame_ms or (1000 if series == "daily" else 300)
            indexed = gif_frames(images, [e.rgb for f in frames for e in f.legend] +
                                 [r.rgb for f in frames for r in f.regions])
            # palette=: Pillow writes it as the global colour table and no local table per frame
            indexed[0].save(buffer, format="GIF", save_all=True, append_images=indexed[1:], duration=duration,
                            loop=0, optimize=False, palette=bytes(indexed[0].getpalette()))
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
