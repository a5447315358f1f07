"""maps.png: the PNG writer of meeting maps — what Pillow reads back is the pixels given, with their print
resolution and text entries (tests/export/test_maps.py: a map's PNG is what matplotlib's savefig draws)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from maps.png import encode_png


def _read(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_opaque_pixels_are_rgb_and_exact():
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    image = _read(encode_png(pixels, dpi=300, text={"Software": "HazeDesk"}))
    assert image.mode == "RGB" and image.size == (53, 37)
    assert np.array_equal(np.asarray(image), pixels[..., :3])
    assert image.info["Software"] == "HazeDesk"
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)


def test_any_transparent_pixel_keeps_alpha():
    pixels = np.full((4, 6, 4), 200, dtype=np.uint8)
    pixels[2, 3, 3] = 0
    image = _read(encode_png(pixels))
    assert image.mode == "RGBA" and np.array_equal(np.asarray(image), pixels)
    assert "dpi" not in image.info


def test_refuses_what_is_not_rgba_or_rgb():
    for pixels in (np.zeros((4, 4, 2), dtype=np.uint8), np.zeros((4, 4, 3), dtype=np.float32)):
        with pytest.raises(ValueError, match="× 4 \\(or 3\\) uint8"):
            encode_png(pixels)


def test_rgb_pixels_are_written_as_an_opaque_rgb_png_with_their_resolution_across_and_down():
    rgb = np.random.default_rng(1).integers(0, 256, (5, 7, 3), dtype=np.uint8)
    with Image.open(io.BytesIO(encode_png(rgb[:, :, :], dpi=(150, 96)))) as image:
        assert image.mode == "RGB"
        assert np.array_equal(np.asarray(image), rgb)
        assert image.info["dpi"] == pytest.approx((150, 96), abs=0.02)  # whole dots a metre


@pytest.mark.parametrize("height", [1, 7, 300])
def test_rows_deflated_in_bands_are_the_stream_of_the_whole_page(monkeypatch, height):
    """Bands of rows (here 1–300 rows each, and a last band shorter than the others) give the bytes that
    deflating all the rows at once gives, and read back as the pixels."""
    import zlib

    import maps.png as png

    rng = np.random.default_rng(height)
    pixels = np.repeat(rng.integers(0, 256, size=(height, 40, 4), dtype=np.uint8), 3, axis=1)
    pixels[..., 3] = 255
    rows = np.concatenate([np.zeros((height, 1), np.uint8), pixels[..., :3].reshape(height, -1)], axis=1)
    whole = zlib.compress(rows.tobytes(), png.LEVEL)
    monkeypatch.setattr(png, "BAND_BYTES", 2 * rows.shape[1] + 5)  # two rows a band
    monkeypatch.setattr(png, "THREADS", 1)
    banded = encode_png(pixels)
    start = banded.index(b"IDAT") + 4
    assert banded[start:start + len(whole)] == whole
    assert np.array_equal(np.asarray(_read(banded)), pixels[..., :3])


@pytest.mark.parametrize("threads, height", [(2, 300), (2, 301), (3, 1000), (2, 64)])
def test_rows_deflated_in_parts_at_once_are_one_valid_zlib_stream_of_the_rows(monkeypatch, threads, height):
    """The page deflated in parts on several threads: one zlib stream (header, the parts' data, the Adler-32 of
    all the rows) that zlib inflates in one go to exactly the rows, and Pillow reads as the pixels."""
    import struct
    import zlib

    import maps.png as png

    rng = np.random.default_rng(height)
    pixels = rng.integers(0, 256, size=(height, 40, 3), dtype=np.uint8)
    pixels[: height // 2, :20] = 7  # something deflate compresses, beside noise
    monkeypatch.setattr(png, "THREADS", threads)
    monkeypatch.setattr(png, "MIN_PART_ROWS", 32)
    monkeypatch.setattr(png, "BAND_BYTES", 7 * (40 * 3 + 1))  # bands that do not divide the parts
    data = encode_png(pixels, dpi=300)
    start = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[start - 4:start])
    stream = data[start + 4:start + 4 + length]
    rows = np.concatenate([np.zeros((height, 1), np.uint8), pixels.reshape(height, -1)], axis=1).tobytes()
    inflater = zlib.decompressobj()
    assert inflater.decompress(stream) == rows
    assert inflater.eof and not inflater.unused_data  # the Adler-32 at the end checked by zlib
    assert struct.unpack(">I", stream[-4:])[0] == zlib.adler32(rows)
    assert np.array_equal(np.asarray(_read(data)), pixels)
