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


def test_offscreen_the_picture_is_the_backing_store_and_elsewhere_drawn_again(desk, qtbot, monkeypatch):
    """--screenshot copies what the window last drew (offscreen, nothing can be over it) instead of drawing
    every widget again; it is the window.grab() picture to the disabled undo/redo arrows' edges."""
    from PySide6.QtGui import QGuiApplication

    from app.gui.screenshot import window_picture

    window = desk.window
    window.resize(1366, 768)
    qtbot.wait(50)
    grabbed = window.grab().toImage()
    redrawn, original = [], type(window).grab

    def grab(widget, *args):
        redrawn.append(widget)
        return original(widget, *args)

    monkeypatch.setattr(type(window), "grab", grab)
    picture = window_picture(window)
    assert redrawn == []  # copied, not drawn again
    assert (picture.width(), picture.height()) == (grabbed.width(), grabbed.height())
    assert np.array_equal(_pixels(picture), _pixels(window.screen().grabWindow(window.winId()).toImage()))
    differ = np.any(_pixels(picture).reshape(picture.height(), -1, 4) != _pixels(grabbed).reshape(
        grabbed.height(), -1, 4), axis=2)
    assert differ.sum() <= 0.001 * differ.size
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))  # a real display
    assert np.array_equal(_pixels(window_picture(window)), _pixels(grabbed)) and redrawn == [window]
