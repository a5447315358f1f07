"""Map labels and region names are copied from images of each text with its halo, made once (issue 26): the
copy is what drawing the text with its halo gave, at whole device pixels, crisp at ratio 1 and 2; a new font,
language or screen makes new images, a new view none."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from app.gui.map.halo_text import HALO_OFFSETS, HaloText
from app.gui.map.renderer import LABEL_HALO, LABEL_TEXT

TEXT = "成都 Dy"


def _font(size=13):
    font = QFont()
    font.setPixelSize(size)
    return font


def _image(dpr, draw):
    image = QImage(int(120 * dpr), int(40 * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(250, 240, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(-3, -2)  # the renderer's painter is translated to the overlay's origin
    draw(painter)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).astype(int)


def _direct(painter, at):  # what the renderer did before: the text eight times around itself, then on top
    painter.setFont(_font())
    painter.setPen(LABEL_HALO)
    for dx, dy in HALO_OFFSETS:
        painter.drawText(at + QPointF(dx, dy), TEXT)
    painter.setPen(LABEL_TEXT)
    painter.drawText(at, TEXT)


def test_a_copied_label_is_the_label_drawn_at_the_nearest_device_pixel(qapp):
    for dpr in (1.0, 2.0):
        for x, y in ((10.0, 20.0), (33.0, 21.5), (10.3, 19.7), (12.75, 20.2)):
            texts = [(QPointF(x, y), TEXT)]
            copied = _image(dpr, lambda p, texts=texts: HaloText().draw(p, texts, _font(), LABEL_TEXT, LABEL_HALO))
            # the same origin rounded to a whole device pixel (vertically drawText rounds so too)
            at = QPointF(np.floor((x - 3) * dpr + 0.5) / dpr + 3, np.floor((y - 2) * dpr + 0.5) / dpr + 2)
            drawn = _image(dpr, lambda p, at=at: _direct(p, at))
            assert np.abs(copied - drawn).max() <= 1, (dpr, x, y)  # composed once instead of nine times
            assert (np.abs(copied - _image(dpr, lambda p: None)) > 40).sum() > 150 * dpr * dpr  # text is there


def test_images_are_made_once_per_text_font_colour_and_ratio(qapp):
    sprites = HaloText()
    font = _font()
    first, ox, oy = sprites.image("成都", font, LABEL_TEXT, LABEL_HALO, 1.0)
    assert sprites.image("成都", font, LABEL_TEXT, LABEL_HALO, 1.0)[0] is first and sprites.made == 1
    double, ox2, oy2 = sprites.image("成都", font, LABEL_TEXT, LABEL_HALO, 2.0)  # another screen
    assert sprites.made == 2 and abs(double.width() - 2 * first.width()) <= 2 and abs(oy2 - 2 * oy) <= 2
    sprites.image("Chengdu", font, LABEL_TEXT, LABEL_HALO, 1.0)  # the English interface
    sprites.image("成都", _font(12), LABEL_TEXT, LABEL_HALO, 1.0)  # a narrower window's smaller labels
    sprites.image("成都", font, QColor(16, 36, 96), LABEL_HALO, 1.0)  # a region name's colour
    assert sprites.made == 5
    small = HaloText(limit=2)
    for text in ("a", "b", "c"):
        small.image(text, font, LABEL_TEXT, LABEL_HALO, 1.0)
    assert len(small._images) == 2


def test_the_halo_reaches_one_pixel_around_the_ink(qapp):
    image, ox, oy = HaloText().image("成", _font(), LABEL_TEXT, LABEL_HALO, 1.0)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)[:, :image.width() * 4]
    alpha = pixels.reshape(image.height(), image.width(), 4)[:, :, 3]
    assert alpha[0].max() == 0 and alpha[-1].max() == 0 and alpha[:, 0].max() == 0 and alpha[:, -1].max() == 0
    assert 0 <= ox < image.width() and 0 <= oy < image.height()  # the origin is inside the image
    assert image.hasAlphaChannel() and image.format() == QImage.Format.Format_ARGB32_Premultiplied
    white = (pixels.reshape(image.height(), image.width(), 4)[:, :, :3].min(axis=2) > 180) & (alpha > 180)
    assert white.sum() > 20  # the white halo


def test_new_views_make_no_new_label_images(canvas, qtbot):
    """Panning and zooming back and forth copies the labels made for the first views; switching the screen's
    ratio is another set."""
    from app.gui.map.halo_text import SPRITES

    canvas.focus_unit("成都市")
    canvas.view.scale = 1 / 250.0
    for move in (lambda: canvas.zoom_by(1.25), lambda: canvas.zoom_by(1 / 1.25), lambda: canvas.pan_by(80, 0)):
        move()
        canvas.repaint()
    made = SPRITES.made
    for move in (lambda: canvas.pan_by(0, 80), lambda: canvas.zoom_by(1.25), lambda: canvas.pan_by(-80, 0),
                 lambda: canvas.zoom_by(1 / 1.25), lambda: canvas.pan_by(0, -80)):
        move()
        canvas.repaint()
    assert SPRITES.made == made
