#!/usr/bin/env bash
# Build the desktop bundle from a fresh virtual environment with the pinned versions, copy it elsewhere, and
# run every subcommand from the copy with an empty HOME and no repository on the path (tools/bundle_smoke.py).
#
#   bash scripts/bundle-smoke.sh            # everything in a new temporary folder, removed afterwards
#   bash scripts/bundle-smoke.sh --keep     # keep the folder (venv, build, the copied bundle, outputs)
#   HAZEDESK_SMOKE_DIR=DIR bash scripts/bundle-smoke.sh   # work in DIR (a venv already there is reused)
#
# Exit status 0 only when the build succeeded and every check passed. Needs Python 3.11 and the network (or a
# pip cache / wheel folder) to install the pinned packages; the bundle itself then runs offline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
keep=0
[ "${1:-}" = "--keep" ] && keep=1
work=${HAZEDESK_SMOKE_DIR:-}
if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/hazedesk-smoke.XXXXXX")
  [ $keep = 1 ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
started=$(date +%s)
log() { echo "[bundle-smoke $(( $(date +%s) - started ))s] $*"; }

PY=$(command -v python3.11 || command -v python3)
"$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || {
  echo "[bundle-smoke] needs Python 3.11 (found $("$PY" --version))" >&2; exit 1; }

# 1. A fresh environment: only the pinned runtime and build requirements, not the developer's .venv.
if [ ! -x "$work/venv/bin/pyinstaller" ]; then
  log "fresh virtual environment with the pinned versions (requirements/lock.txt)"
  "$PY" -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
  "$work/venv/bin/python" -m pip install -q --disable-pip-version-check -c "$root/requirements/lock.txt" \
    -r "$root/requirements/runtime.in" -r "$root/requirements/build.in"
fi

# 2. The bundle, from a copy of the tracked files (what a fresh clone holds: no caches, no .venv, no dist/).
log "PyInstaller build"
rm -rf "$work/src" "$work/dist" "$work/build"
mkdir -p "$work/src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) \
  | tar -xf - -C "$work/src"
(cd "$work/src" && "$work/venv/bin/pyinstaller" build/pyinstaller.spec --noconfirm --log-level WARN \
  --distpath "$work/dist" --workpath "$work/build") > "$work/pyinstaller.log" 2>&1 || {
  tail -40 "$work/pyinstaller.log" >&2; echo "[bundle-smoke] PyInstaller failed" >&2; exit 1; }
log "built in $(( $(date +%s) - started ))s"

# 3. Copied elsewhere, as an office would copy the folder; then every subcommand from the copy.
rm -rf "$work/copy"
mkdir -p "$work/copy"
cp -a "$work/dist/hazedesk" "$work/copy/"
rm -rf "$work/src"  # no repository left anywhere the bundle could find it
log "checks"
status=0
"$work/venv/bin/python" "$root/tools/bundle_smoke.py" "$work/copy/hazedesk" --work "$work/run" \
  --samples "$root/data/samples" --repo "$root" || status=$?

# 4. The Linux package built from the same bundle, installed, checked, removed (root and dpkg only;
#    HAZEDESK_DEB=0 skips it).
if [ "${HAZEDESK_DEB:-1}" != 0 ]; then
  log "the .deb package"
  bash "$root/scripts/deb-smoke.sh" "$work/dist/hazedesk" "$work/deb" "$work/venv/bin/python" || status=$((status + $?))
fi
log "done (exit $status)"
exit $status
