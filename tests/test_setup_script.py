"""scripts/setup.sh's apt-get wrapper waits while another package manager holds the lock, and says in one line
what to do when the wait runs out (a raw "Could not get lock …" and exit 100 stopped a fresh machine's setup)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKED = "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)"


def _fake_apt(tmp_path: Path, locked_times: int, other_error: bool = False) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fail = 'echo "E: Unable to locate package nosuch" >&2; exit 100' if other_error else f'echo "{LOCKED}" >&2; exit 100'
    script = bin_dir / "apt-get"
    script.write_text(f"""#!/bin/bash
n=$(cat {tmp_path}/calls 2>/dev/null || echo 0); echo $((n + 1)) > {tmp_path}/calls
if [ "$n" -lt {locked_times} ]; then {fail}; fi
echo installed "$@"
""")
    script.chmod(0o755)
    return bin_dir


def _run(tmp_path: Path, bin_dir: Path, wait: int) -> subprocess.CompletedProcess:
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HAZEDESK_APT_WAIT": str(wait), "HAZEDESK_APT_POLL": "0"}
    return subprocess.run(["bash", "-c", "set -euo pipefail; source scripts/apt-wait.sh; apt_run apt-get install -y x; "
                           "echo after"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_waits_for_the_lock_then_installs(tmp_path):
    result = _run(tmp_path, _fake_apt(tmp_path, locked_times=3), wait=600)
    assert result.returncode == 0, result.stderr
    assert "waiting for another package manager" in result.stdout
    assert result.stdout.strip().endswith("after")
    assert (tmp_path / "calls").read_text().strip() == "4"


def test_gives_up_with_one_line_saying_what_to_do(tmp_path):
    result = _run(tmp_path, _fake_apt(tmp_path, locked_times=10_000), wait=0)
    assert result.returncode == 1
    assert "after" not in result.stdout
    assert "held the apt/dpkg lock" in result.stderr and "run this command again" in result.stderr
    assert "Could not get lock" not in result.stderr  # apt's raw message is replaced by what to do


def test_other_apt_errors_are_not_waited_for(tmp_path):
    result = _run(tmp_path, _fake_apt(tmp_path, locked_times=1, other_error=True), wait=600)
    assert result.returncode == 1
    assert "Unable to locate package" in result.stderr and "apt-get failed" in result.stderr
    assert (tmp_path / "calls").read_text().strip() == "1"
