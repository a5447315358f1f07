"""``python -m app`` is the same as the ``hazedesk`` console script (and the bundle's entry point)."""

import sys

if getattr(sys, "frozen", False):
    from app.frozen import keep_matplotlib_cache

    keep_matplotlib_cache()

from app.cli import main  # noqa: E402 - after the bundle's adjustments

sys.exit(main())
