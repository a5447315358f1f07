# shellcheck shell=bash
# Sourced by scripts/setup.sh (and its test, tests/test_setup_script.py).
# apt-get, waiting (bounded) while another package manager holds its lock: unattended-upgrades, or a software
# centre, takes it for minutes after a fresh install boots. HAZEDESK_APT_WAIT seconds (default 600) in all.
apt_run() {
  local waited=0 limit=${HAZEDESK_APT_WAIT:-600} poll=${HAZEDESK_APT_POLL:-5} out rc
  while :; do
    rc=0; out=$("$@" 2>&1) || rc=$?
    if [ $rc -eq 0 ]; then return 0; fi
    if ! grep -qiE "could not get lock|unable to acquire the dpkg|is another process using it" <<<"$out"; then
      echo "$out" >&2
      echo "[setup] apt-get failed (exit $rc): $*" >&2
      exit 1
    fi
    if [ $waited -ge "$limit" ]; then
      echo "[setup] another package manager has held the apt/dpkg lock for ${limit} s (unattended-upgrades or a" \
           "software centre): let it finish, or stop it, then run this command again" >&2
      exit 1
    fi
    [ $waited -eq 0 ] && echo "[setup] waiting for another package manager to release the apt/dpkg lock (up to ${limit} s)…"
    sleep "$poll"; waited=$((waited + poll))
  done
}

