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
THREADS = 2  # parts of the page deflated at once (the machines are 2 cores or more)
MIN_PART_ROWS = 64  # a smaller image is deflated in one part


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
    """The PNG rows (a filter byte 0, then the row's first ``channels`` bytes of each pixel) as one zlib stream,
    deflated in :data:`THREADS` parts of the page at once.

    zlib lets go of the interpreter while it deflates (and numpy while it copies rows), so the parts run on as
    many cores: each part is a raw deflate stream of its rows, every part but the last ended by a sync flush
    (which ends on a byte boundary and leaves the stream open), the parts one after another after one zlib
    header, and the Adler-32 of all the rows, combined from the parts', at the end — one valid stream, which any
    inflater reads as one. A part starts without the previous part's last 32 KiB as its dictionary: on an A4
    page at 300 dpi the file grows by a few hundred bytes."""
    height = pixels.shape[0]
    parts = max(1, min(THREADS, height // MIN_PART_ROWS))
    bounds = [height * k // parts for k in range(parts + 1)]
    if parts == 1:
        data, adler = _deflate_part(pixels, channels, level, 0, height, zlib.Z_FINISH)
    else:
        import threading

        results: list = [None] * parts

        def deflate(k: int) -> None:
            try:
                results[k] = _deflate_part(pixels, channels, level, bounds[k], bounds[k + 1],
                                           zlib.Z_FINISH if k == parts - 1 else zlib.Z_SYNC_FLUSH)
            except BaseException as exc:  # raised again below, in the caller's thread
                results[k] = exc

        threads = [threading.Thread(target=deflate, args=(k,), daemon=True) for k in range(1, parts)]
        for thread in threads:
            thread.start()
        deflate(0)  # the first part in this thread
        for thread in threads:
            thread.join()
        for result in results:
            if isinstance(result, BaseException):
                raise result
        data, adler = b"".join(r[0] for r in results), results[0][1]
        row_bytes = pixels.shape[1] * channels + 1
        for (_, part_adler), top, bottom in zip(results[1:], bounds[1:-1], bounds[2:]):
            adler = _adler32_combine(adler, part_adler, (bottom - top) * row_bytes)
    return _zlib_header(level) + data + struct.pack(">I", adler)


def _deflate_part(pixels: np.ndarray, channels: int, level: int, top: int, bottom: int,
                  flush: int) -> tuple[bytes, int]:
    """Rows top…bottom-1 as raw deflate data ended by ``flush``, and their Adler-32.

    Rows go to the compressor a band at a time through one small buffer, not as one copy of the page: the
    same deflate stream (zlib's output does not depend on how its input is split), at the same speed, without
    a second page of memory (26 MB for A4 at 300 dpi) at the moment the command's memory peaks."""
    width = pixels.shape[1]
    band = max(1, min(bottom - top, BAND_BYTES // (width * channels + 1)))
    rows = np.empty((band, width * channels + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) on every row
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    out, adler = [], 1
    for start in range(top, bottom, band):
        count = min(band, bottom - start)
        pixel_rows = rows[:count, 1:].reshape(count, width, channels)
        for channel in range(channels):  # one channel at a time: numpy copies 3 of 4 bytes at once 6× slower
            pixel_rows[..., channel] = pixels[start:start + count, :, channel]
        adler = zlib.adler32(rows[:count], adler)
        out.append(compressor.compress(rows[:count]))
    out.append(compressor.flush(flush))
    return b"".join(out), adler


def _zlib_header(level: int) -> bytes:
    """The two bytes zlib starts a stream with (deflate, 32 KiB window, the level's class; RFC 1950)."""
    speed = 0 if level in (0, 1) else 1 if 2 <= level <= 5 else 2 if level in (6, -1) else 3
    cmf, flags = 0x78, speed << 6
    return bytes((cmf, flags + 31 - (cmf * 256 + flags) % 31))


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two pieces one after the other, from theirs and the second's length (zlib's
    adler32_combine, which Python's zlib does not offer)."""
    base = 65521
    remainder = second_length % base
    low = ((first & 0xFFFF) + (second & 0xFFFF) + base - 1) % base
    high = (remainder * (first & 0xFFFF) + (first >> 16) + (second >> 16) + base - remainder) % base
    return low | (high << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
