"""``python -m app`` is the same as the ``hazedesk`` console script."""

import sys

from app.cli import main

sys.exit(main())
