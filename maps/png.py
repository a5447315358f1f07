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


def encode_png(rgba: np.ndarray, *, dpi: float | None = None, text: dict[str, str] | None = None,
               level: int = LEVEL) -> bytes:
    """The PNG file of ``rgba`` (height × width × 4, uint8, top row first)."""
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels.dtype != np.uint8:
        raise ValueError(f"expected height × width × 4 uint8 pixels, got {pixels.shape} {pixels.dtype}")
    height, width = pixels.shape[:2]
    opaque = bool((pixels[..., 3] == 255).all())
    channels = 3 if opaque else 4
    rows = np.empty((height, width * channels + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) on every row
    pixel_rows = rows[:, 1:].reshape(height, width, channels)
    for channel in range(channels):  # one channel at a time: numpy copies 3 of 4 bytes at once 6× slower
        pixel_rows[..., channel] = pixels[..., channel]
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0))]
    if dpi:
        per_metre = int(dpi / 0.0254 + 0.5)
        chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    for key, value in (text or {}).items():
        chunks.append(_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")))
    chunks.append(_chunk(b"IDAT", zlib.compress(rows, level)))
    chunks.append(_chunk(b"IEND", b""))
    return SIGNATURE + b"".join(chunks)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
