"""PNG files of a rendered page, written straight from its pixels with numpy and zlib.

Matplotlib hands PNG writing to Pillow, whose encoder tries all five PNG row filters on every row of an A4 page
at 300 dpi (26 MB of pixels) and deflates at level 6: about 0.4 s of CPU, most of the ``map`` command beyond
the imports (issue 26). A meeting map is flat colour — large fills, thin lines, text — which deflate compresses
well without any row filter: unfiltered rows at level 3 take about a sixth of that time and give a smaller file.
The file is a plain PNG (8-bit RGB, or RGBA when any pixel is not opaque) with the print resolution (``pHYs``) and
text entries, as matplotlib writes them.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEVEL = 3  # deflate level: 1–3 cost about the same here, 6 three times as much for a 12 % smaller file
BAND_BYTES = 1 << 20  # rows handed to the compressor at a time (about 100 rows of an A4 page at 300 dpi)


def encode_png(rgba: np.ndarray, *, dpi: float | tuple[float, float] | None = None, text: dict[str, str] | None = None,
               level: int = LEVEL) -> bytes:
    """The PNG file of ``rgba`` (height × width × 4, uint8, top row first; or × 3, opaque RGB); ``dpi`` one
    resolution, or across and down."""
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or pixels.dtype != np.uint8:
        raise ValueError(f"expected height × width × 4 (or 3) uint8 pixels, got {pixels.shape} {pixels.dtype}")
    height, width = pixels.shape[:2]
    opaque = pixels.shape[2] == 3 or bool((pixels[..., 3] == 255).all())
    channels = 3 if opaque else 4
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0))]
    if dpi:
        across, down = dpi if isinstance(dpi, tuple) else (dpi, dpi)
        chunks.append(_chunk(b"pHYs", struct.pack(">IIB", int(across / 0.0254 + 0.5), int(down / 0.0254 + 0.5), 1)))
    for key, value in (text or {}).items():
        chunks.append(_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")))
    chunks.append(_chunk(b"IDAT", _deflate_rows(pixels, channels, level)))
    chunks.append(_chunk(b"IEND", b""))
    return SIGNATURE + b"".join(chunks)


def _deflate_rows(pixels: np.ndarray, channels: int, level: int) -> bytes:
    """The PNG rows (a filter byte 0, then the row's first ``channels`` bytes of each pixel), deflated.

    Rows go to the compressor a band at a time through one small buffer, not as one copy of the page: the
    same deflate stream (zlib's output does not depend on how its input is split), at the same speed, without
    a second page of memory (26 MB for A4 at 300 dpi) at the moment the command's memory peaks."""
    height, width = pixels.shape[:2]
    band = max(1, min(height, BAND_BYTES // (width * channels + 1)))
    rows = np.empty((band, width * channels + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) on every row
    compressor = zlib.compressobj(level)
    out = []
    for top in range(0, height, band):
        count = min(band, height - top)
        pixel_rows = rows[:count, 1:].reshape(count, width, channels)
        for channel in range(channels):  # one channel at a time: numpy copies 3 of 4 bytes at once 6× slower
            pixel_rows[..., channel] = pixels[top:top + count, :, channel]
        out.append(compressor.compress(rows[:count]))
    out.append(compressor.flush())
    return b"".join(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
