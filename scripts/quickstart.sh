#!/usr/bin/env bash
# The README's two commands:
#   bash scripts/quickstart.sh app    set up, then open HazeDesk on its bundled sample forecast
#   bash scripts/quickstart.sh test   set up, then run the whole test suite headless (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  app)
    bash scripts/setup.sh --runtime-only
    shift
    exec .venv/bin/hazedesk "$@"
    ;;
  test)
    bash scripts/setup.sh
    shift
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash scripts/quickstart.sh app|test [args…]" >&2
    exit 2
    ;;
esac
