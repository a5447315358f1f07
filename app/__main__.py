"""``python -m app`` is the same as the ``hazedesk`` console script (and the bundle's entry point)."""

import os
import sys

if os.environ.get("HAZEDESK_BENCH_PEAK"):  # hazedesk bench measuring this run: its own peak memory at exit
    from app.bench import write_peak_at_exit

    write_peak_at_exit(os.environ["HAZEDESK_BENCH_PEAK"])

if getattr(sys, "frozen", False):
    from app.frozen import keep_matplotlib_cache

    keep_matplotlib_cache()

from app.cli import main  # noqa: E402 - after the bundle's adjustments

sys.exit(main())
