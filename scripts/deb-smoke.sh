#!/usr/bin/env bash
# The Linux package end to end, on this machine: build hazedesk_<version>_<arch>.deb from a built bundle, install
# it with dpkg, run the bundle checks against the installed program (/opt/hazedesk), open a case file by its MIME
# type with xdg-open under Xvfb (the desktop's double-click), remove and purge the package, and check that only
# the users' state is left.
#   bash scripts/deb-smoke.sh BUNDLE_DIR WORK_DIR [PYTHON]     (called by scripts/bundle-smoke.sh; needs root)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=$1; work=$2; PY=${3:-python3}
started=$(date +%s)
log() { echo "[deb-smoke $(( $(date +%s) - started ))s] $*"; }
fail() { echo "FAIL deb: $*"; failures=$((failures + 1)); }
failures=0
if [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null; then
  log "skipped: installing a package needs root and dpkg"; exit 0
fi
if ! command -v dpkg-shlibdeps >/dev/null; then  # .ci/run installs dpkg-dev best effort
  log "skipped: building the package needs dpkg-shlibdeps (apt-get install dpkg-dev)"; exit 0
fi
if dpkg -s hazedesk >/dev/null 2>&1; then
  echo "[deb-smoke] a hazedesk package is installed already: remove it first (dpkg -r hazedesk)" >&2; exit 2
fi
mkdir -p "$work"
PYTHON=$PY bash "$root/scripts/build-deb.sh" "$bundle" "$work/deb"
deb=$(ls "$work"/deb/hazedesk_*.deb)
# lintian reads every file of the 616 MiB bundle (about 15 minutes on 2 cores): on request only. Its tags on this
# package and why each stays are in the README (Linux package).
if [ "${HAZEDESK_DEB_LINTIAN:-0}" = 1 ] && command -v lintian >/dev/null; then
  lintian --no-tag-display-limit "$deb" > "$work/lintian.txt" 2>&1 || true
  log "lintian: $(grep -c '^E:' "$work/lintian.txt" || true) errors, $(grep -c '^W:' "$work/lintian.txt" || true) warnings (tags: $(cut -d: -f3 "$work/lintian.txt" | awk '{print $1}' | sort | uniq -c | sort -rn | awk '{printf "%s×%s ", $2, $1}'))"
fi

log "dpkg -i"
if ! dpkg -i "$deb" > "$work/dpkg-i.log" 2>&1; then  # a dependency missing: let apt bring it, as a user would
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q > "$work/apt-f.log" 2>&1 || { cat "$work/dpkg-i.log"; exit 1; }
fi
dpkg -s hazedesk | grep -q "Status: install ok installed" || { echo "FAIL deb: not installed"; exit 1; }
# installed by this run: purged whatever happens next, so that a failed run leaves no package behind
trap 'dpkg -P hazedesk >/dev/null 2>&1 || true' EXIT

# the installed program, from PATH, with a user's empty HOME
export HOME=$work/home
mkdir -p "$HOME"
[ "$(command -v hazedesk-cli)" = /usr/bin/hazedesk-cli ] || fail "hazedesk-cli is not on PATH"
hazedesk-cli --version | grep -q '^hazedesk ' || fail "hazedesk-cli --version"
man -w hazedesk-cli >/dev/null 2>&1 || fail "no man page for hazedesk-cli"
printf '{}' > "$work/duty.hazedesk"; printf '{}' > "$work/x.hzcase"
if command -v xdg-mime >/dev/null; then
  [ "$(xdg-mime query filetype "$work/duty.hazedesk")" = application/x-hazedesk-session ] || fail "a .hazedesk file is not a HazeDesk session to the desktop"
  [ "$(xdg-mime query filetype "$work/x.hzcase")" = application/x-hazedesk-case ] || fail "a .hzcase file is not a HazeDesk case to the desktop"
  [ "$(xdg-mime query default application/x-hazedesk-case)" = hazedesk.desktop ] || fail "HazeDesk does not open .hzcase files"
else
  log "no xdg-mime (xdg-utils): the MIME checks are skipped"
fi
log "the bundle checks against the installed program"
"$PY" "$root/tools/bundle_smoke.py" /opt/hazedesk --work "$work/installed" --samples "$root/data/samples" \
  || fail "bundle checks of the installed program"

# double-click: xdg-open a case exported by one desk; the window of another user's desk opens and imports it
if command -v xvfb-run >/dev/null && command -v xdg-open >/dev/null; then
  log "xdg-open a .hzcase under Xvfb"
  case_id=$(hazedesk-cli case new "双击打开的案例" | tail -1 | grep -oE '[0-9a-f]{8,}' | head -1 || true)
  hazedesk-cli case export "$case_id" "$work/双击.hzcase" >/dev/null 2>&1 || fail "case export"
  export HOME=$work/home2
  mkdir -p "$HOME"
  # xdg-open without a desktop session runs the program in the foreground: in the background here
  xvfb-run -a -s "-screen 0 1366x768x24" sh -c "xdg-open '$work/双击.hzcase' & \
    for i in \$(seq 1 90); do hazedesk-cli case list 2>/dev/null | grep -q 双击打开的案例 && break; sleep 1; done; \
    pkill -f /opt/hazedesk/hazedesk || true" > "$work/xdg-open.log" 2>&1 || true
  hazedesk-cli case list 2>/dev/null | grep -q 双击打开的案例 \
    && log "the window opened by xdg-open imported the case" || fail "xdg-open of a .hzcase did not open it in HazeDesk ($(tail -3 "$work/xdg-open.log"))"
else
  log "no xvfb-run: the double-click check is skipped"
fi

log "dpkg -r, then dpkg -P"
state_before=$(find "$work/home/.local/state/hazedesk" -type f 2>/dev/null | sort | md5sum)
dpkg -r hazedesk > /dev/null
for path in /opt/hazedesk /usr/bin/hazedesk /usr/bin/hazedesk-cli /usr/share/applications/hazedesk.desktop \
            /usr/share/mime/packages/hazedesk.xml /usr/share/icons/hicolor/48x48/apps/hazedesk.png; do
  [ ! -e "$path" ] || fail "$path is left after dpkg -r"
done
dpkg -P hazedesk > /dev/null
dpkg -s hazedesk >/dev/null 2>&1 && fail "the package is still known to dpkg after a purge"
if command -v xdg-mime >/dev/null; then
  [ "$(xdg-mime query filetype "$work/x.hzcase")" != application/x-hazedesk-case ] || fail "the MIME type outlives the package"
fi
[ -d "$work/home/.local/state/hazedesk" ] || fail "the user's state folder was removed"
[ "$(find "$work/home/.local/state/hazedesk" -type f 2>/dev/null | sort | md5sum)" = "$state_before" ] \
  || fail "the user's state changed on removal"
if [ $failures = 0 ]; then log "the package installs, runs, opens a case by double-click and removes cleanly"; fi
exit $failures
