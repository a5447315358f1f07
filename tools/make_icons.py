"""The application and file-type icons, drawn from simple shapes (no artwork from elsewhere).

Writes resources/icons/:
- ``hazedesk-<N>.png`` for the hicolor sizes 16 … 512 and ``hazedesk.ico`` (Windows, several sizes in one file):
  the application — a basin under a haze of the AQI colours (yellow, orange, red bands over a dark-blue ground)
  with a white warning triangle;
- ``hazedesk-session-<N>.png`` and ``hazedesk-case-<N>.png``: a page with the application's mark, for the
  ``.hazedesk`` session and ``.hzcase`` case MIME types (the Linux package and file managers).

Each size is drawn at 8× and reduced with a Lanczos filter, so small sizes stay crisp. Deterministic: the same
bytes on every run (no timestamps in the PNGs). Run: ``.venv/bin/python -m tools.make_icons``.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
GROUND = (16, 42, 84)
HAZE = [(255, 255, 0), (255, 126, 0), (255, 0, 0)]  # AQI 良 / 轻度 / 中度 colours (HJ 633)
SCALE = 8


def _mark(size: int) -> Image.Image:
    """The application mark on a transparent square of ``size`` pixels."""
    s = size * SCALE
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    pad = s * 0.04
    draw.rounded_rectangle([pad, pad, s - pad, s - pad], radius=s * 0.2, fill=GROUND)
    # the basin: a bowl of hills (a lighter ground) inside the square, haze bands lying in it
    bowl = Image.new("L", (s, s), 0)
    ImageDraw.Draw(bowl).ellipse([s * 0.02, s * 0.55, s * 0.98, s * 1.45], fill=255)
    square = Image.new("L", (s, s), 0)
    ImageDraw.Draw(square).rounded_rectangle([pad, pad, s - pad, s - pad], radius=s * 0.2, fill=255)
    image.paste((34, 78, 130, 255), (0, 0), ImageChops.darker(bowl, square))
    for i, colour in enumerate(HAZE):
        top = s * (0.30 + 0.12 * i)
        draw.rounded_rectangle([s * 0.14, top, s * 0.86, top + s * 0.075], radius=s * 0.04, fill=colour + (235,))
    # the warning: a white triangle with a dark bar and dot, over the haze
    cx, top, half = s * 0.5, s * 0.16, s * 0.22
    draw.polygon([(cx, top), (cx + half, top + half * 1.75), (cx - half, top + half * 1.75)], fill=(255, 255, 255))
    draw.rounded_rectangle([cx - s * 0.028, top + half * 0.55, cx + s * 0.028, top + half * 1.2], radius=s * 0.02,
                           fill=GROUND)
    draw.ellipse([cx - s * 0.032, top + half * 1.32, cx + s * 0.032, top + half * 1.58], fill=GROUND)
    # a rim so that the mark stands on light and dark panels alike
    draw.rounded_rectangle([pad, pad, s - pad, s - pad], radius=s * 0.2, outline=(255, 255, 255, 90),
                           width=max(1, int(s * 0.012)))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _document(size: int, band: tuple[int, int, int]) -> Image.Image:
    """A page with a folded corner, a coloured band and the mark: the icon of a HazeDesk file type."""
    s = size * SCALE
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    left, right, top, bottom, fold = s * 0.16, s * 0.84, s * 0.04, s * 0.96, s * 0.2
    draw.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
                 fill=(250, 250, 250), outline=(120, 120, 120), width=max(1, int(s * 0.015)))
    draw.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=(210, 210, 210))
    draw.rectangle([left + s * 0.01, bottom - s * 0.16, right - s * 0.01, bottom - s * 0.01], fill=band)
    mark = _mark(int(s * 0.5)) if size * SCALE * 0.5 >= 1 else None
    image.alpha_composite(mark, (int(s * 0.25), int(s * 0.3)))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (args.out / f"hazedesk-{size}.png").write_bytes(_png(_mark(size)))
        (args.out / f"hazedesk-session-{size}.png").write_bytes(_png(_document(size, (0, 110, 190))))
        (args.out / f"hazedesk-case-{size}.png").write_bytes(_png(_document(size, (150, 30, 40))))
    large = _mark(256)
    large.save(args.out / "hazedesk.ico", format="ICO", sizes=[(n, n) for n in ICO_SIZES])
    print(f"icons written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
