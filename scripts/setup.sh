#!/usr/bin/env bash
# Set up HazeDesk on a fresh Debian/Ubuntu machine (or re-check an existing setup in seconds).
#   scripts/setup.sh          runtime + test dependencies (default)
#   scripts/setup.sh --runtime-only
# Installs the system libraries Qt needs to run (also offscreen), creates .venv with Python 3.11 and installs
# the pinned versions of requirements/lock.txt. Safe to run again: it skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

want_dev=1
[ "${1:-}" = "--runtime-only" ] && want_dev=0

source scripts/apt-wait.sh  # apt_run: apt-get that waits (bounded) for another package manager's lock

# System libraries PySide6 loads at run time (offscreen and xcb), fonts config, and poppler for PDF checks.
APT_PACKAGES=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 libsm6 libice6 fontconfig
  poppler-utils)
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    # unpacked or half-configured packages have their libraries on disk (an interrupted apt run leaves them so):
    # they are present for Qt; only packages with no files count as missing
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -Eq "ok (installed|unpacked|half-configured)$" \
      || missing+=("$pkg")
  done
  PY=$(command -v python3.11 || true)
  [ -z "$PY" ] && missing+=(python3 python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[setup] installing system packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    apt_run $SUDO apt-get update -qq
    apt_run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

PY=$(command -v python3.11 || command -v python3)
"$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || {
  echo "[setup] HazeDesk needs Python 3.11 (found $("$PY" --version)); Debian 12 ships it. Elsewhere install" \
       "python3.11 and python3.11-venv (Ubuntu 22.04/24.04: from the deadsnakes PPA), or use the desktop bundle" \
       "(README, Desktop bundle), then run this again" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "[setup] creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi

reqs=(-r requirements/runtime.in)
[ $want_dev = 1 ] && reqs+=(-r requirements/dev.in)
stamp=".venv/.hazedesk-setup-$want_dev"
digest=$(cat requirements/*.in requirements/lock.txt pyproject.toml | sha256sum | cut -c1-16)
# a full setup (runtime + test packages) also satisfies a runtime-only one: `quickstart.sh test` then `app`
# does not run pip again
if [ $want_dev = 0 ] && [ "$(cat .venv/.hazedesk-setup-1 2>/dev/null)" = "$digest" ]; then
  stamp=.venv/.hazedesk-setup-1
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  echo "[setup] installing Python packages (pinned by requirements/lock.txt)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
  .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements/lock.txt "${reqs[@]}"
  # setuptools prints a page of deprecation banners for editable installs: keep them in a log, show on failure
  if ! .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . > .venv/editable-install.log 2>&1; then
    cat .venv/editable-install.log >&2
  fi
  [ -x .venv/bin/hazedesk ] || { echo "[setup] installing the hazedesk package failed" >&2; exit 1; }
  echo "$digest" > "$stamp"
fi
echo "[setup] ready: .venv/bin/hazedesk"
