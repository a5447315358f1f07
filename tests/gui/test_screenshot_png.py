"""The screenshot's PNG, written by our own few lines (no row filter, zlib level 1: 2.5× faster than Qt's writer
for the window's flat colours): Qt reads back exactly the pixels and the resolution it was given."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

from app.gui.screenshot import png_bytes


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 4].copy()


def test_an_odd_width_image_reads_back_pixel_for_pixel(qapp):
    image = QImage(7, 5, QImage.Format.Format_RGB32)  # RGB rows of 21 bytes, padded to 24 in Qt's memory
    rng = np.random.default_rng(26)
    for y in range(5):
        for x in range(7):
            image.setPixelColor(x, y, QColor(*rng.integers(0, 256, 3).tolist()))
    image.setDotsPerMeterX(5905)  # 150 dpi
    image.setDotsPerMeterY(3780)
    data = png_bytes(image)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    back = QImage.fromData(data, "PNG")
    assert (back.width(), back.height()) == (7, 5)
    assert np.array_equal(_pixels(back), _pixels(image))
    assert (back.dotsPerMeterX(), back.dotsPerMeterY()) == (5905, 3780)


def test_the_window_picture_reads_back_as_grabbed(desk):
    image = desk.window.grab().toImage()
    back = QImage.fromData(png_bytes(image), "PNG")
    assert np.array_equal(_pixels(back), _pixels(image))
