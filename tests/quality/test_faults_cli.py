"""Faults met by the commands: outputs that are devices or FIFOs stay what they are, a state folder that
cannot be written costs one line on stderr and never the export, the audit log survives concurrent writers,
and evaluate --json / adjacency --csv / gui --screenshot are audited."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from app.paths import SAMPLES_DIR

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"
ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def hazedesk(*args, home: Path, timeout: int = 180):
    env = {**os.environ, "HAZEDESK_HOME": str(home), "HAZEDESK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


def audit_lines(home: Path) -> list[dict]:
    path = home / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


OUTPUTS = {  # option → (command line with {out}, file name of the device node)
    "--json": (["evaluate", ORANGE, "--json", "{out}"], "dev.json"),
    "--csv": (["adjacency", "--csv", "{out}"], "dev.csv"),
    "--out": (["map", ORANGE, "--day", "2026-01-13", "--dpi", "50", "--out", "{out}"], "dev.png"),
    "--docx": (["proposal", ORANGE, "--docx", "{out}"], "dev.docx"),
    "--pdf": (["proposal", ORANGE, "--pdf", "{out}"], "dev.pdf"),
}


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root (the FIFO test below does not)")
@pytest.mark.parametrize("option", list(OUTPUTS))
def test_a_device_node_stays_a_device_after_every_output_option(tmp_path, option):
    args, name = OUTPUTS[option]
    node = tmp_path / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    result = hazedesk(*[str(a).replace("{out}", str(node)) for a in args], home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(node).st_mode) and os.stat(node).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["home", name])  # no .tmp beside it
    (entry,) = audit_lines(tmp_path / "home")
    assert entry["outputs"] == [{"path": str(node), "sha256": None, "written_in_place": "in-place"}]


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
@pytest.mark.parametrize("option", list(OUTPUTS))
def test_a_fifo_stays_a_fifo_and_receives_the_output(tmp_path, option):
    args, name = OUTPUTS[option]
    fifo = tmp_path / name
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = hazedesk(*[str(a).replace("{out}", str(fifo)) for a in args], home=tmp_path / "home")
    reader.join(30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and len(received[0]) > 100  # the whole output went through the pipe
    if option == "--json":
        assert "episodes" in json.loads(received[0])


def test_dash_and_dev_stdout_are_stdout(tmp_path):
    for target in ("-", "/dev/stdout"):
        result = hazedesk("evaluate", ORANGE, "--json", target, home=tmp_path / "home")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["episodes"]
    assert os.path.exists("/dev/stdout") or os.name == "nt"


# -- a state folder that cannot be written ------------------------------------------------------------------
def _unusable_home(tmp_path: Path, how: str) -> Path:
    if how == "missing, cannot be created":  # its parent is a file: mkdir fails even for root
        blocker = tmp_path / "blocker"
        blocker.write_text("not a folder", encoding="utf-8")
        return blocker / "state"
    home = tmp_path / "home"  # "full": every state file is /dev/full
    home.mkdir()
    for name in ("audit.jsonl", "autosave.json", "error.log"):
        (home / name).symlink_to("/dev/full")
    return home


@pytest.mark.parametrize("how", ["missing, cannot be created", "full"])
def test_commands_still_do_their_job_with_one_line_when_the_state_folder_fails(tmp_path, how):
    if how == "full" and not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    home = _unusable_home(tmp_path, how)
    out = tmp_path / "out"
    out.mkdir()
    runs = {
        "evaluate": ["evaluate", ORANGE, "--json", out / "e.json"],
        "adjacency": ["adjacency", "--csv", out / "a.csv"],
        "map": ["map", ORANGE, "--day", "2026-01-13", "--dpi", "50", "--out", out / "m.png"],
        "proposal": ["proposal", ORANGE, "--docx", out / "p.docx", "--pdf", out / "p.pdf"],
        "inspect": ["inspect", ORANGE],
    }
    for command, args in runs.items():
        result = hazedesk(*args, home=home)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
        if command != "inspect":
            lines = [line for line in result.stderr.splitlines() if "could not be written" in line]
            assert len(lines) == 1, (command, result.stderr)
            assert lines[0].startswith(f"hazedesk {command}: the audit log could not be written (")
            assert ("no space left on the disk" if how == "full" else "the state folder cannot be used") in lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "e.json", "m.png", "p.docx", "p.pdf"]


def test_the_state_folder_line_is_chinese_in_a_chinese_locale(tmp_path):
    home = _unusable_home(tmp_path, "missing, cannot be created")
    env = {**os.environ, "HAZEDESK_HOME": str(home), "HAZEDESK_LANG": "zh"}
    result = subprocess.run([sys.executable, "-m", "app", "evaluate", ORANGE, "--json", tmp_path / "e.json"],
                            capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 0
    assert "hazedesk evaluate：审计日志未能写入（" in result.stderr and "无法使用工作状态文件夹" in result.stderr


# -- the audit log --------------------------------------------------------------------------------------------
WRITER = textwrap.dedent("""
    import sys
    from app.export.audit import record_export
    out = sys.argv[1]
    for i in range(50):
        record_export("stress", [out], details={"writer": sys.argv[2], "i": i, "pad": "x" * 3000})
""")


def test_eight_processes_fifty_exports_each_leave_400_complete_lines(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    output = tmp_path / "o.txt"
    output.write_text("export", encoding="utf-8")
    env = {**os.environ, "HAZEDESK_HOME": str(home)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(output), str(n)], env=env, cwd=ROOT)
               for n in range(8)]
    assert [w.wait(timeout=300) for w in writers] == [0] * 8
    entries = audit_lines(home)  # json.loads fails on any torn line
    assert len(entries) == 400
    assert sorted((e["details"]["writer"], e["details"]["i"]) for e in entries) == \
        sorted((str(n), i) for n in range(8) for i in range(50))


def test_a_torn_last_line_is_closed_before_the_next_entry(tmp_path):
    from app.export.audit import audit_path, read_audit, record_export

    audit_path().write_text('{"kind": "ok"}\n{"kind": "torn', encoding="utf-8")
    out = tmp_path / "o.txt"
    out.write_text("x", encoding="utf-8")
    record_export("next", [out])
    lines = audit_path().read_text(encoding="utf-8").splitlines()
    assert lines[1] == '{"kind": "torn' and json.loads(lines[2])["kind"] == "next"
    assert read_audit is not None


def test_evaluate_json_adjacency_csv_and_screenshot_are_audited(tmp_path):
    home = tmp_path / "home"
    assert hazedesk("evaluate", ORANGE, "--json", tmp_path / "e.json", home=home).returncode == 0
    assert hazedesk("adjacency", "--csv", tmp_path / "a.csv", home=home).returncode == 0
    shot = hazedesk("gui", ORANGE, "--screenshot", tmp_path / "s.png", "--size", "1000x700", home=home)
    assert shot.returncode == 0, shot.stderr
    kinds = [(e["kind"], Path(e["outputs"][0]["path"]).name) for e in audit_lines(home)]
    assert kinds == [("evaluation-json", "e.json"), ("adjacency-csv", "a.csv"), ("screenshot", "s.png")]
    assert all(len(e["outputs"][0]["sha256"]) == 64 for e in audit_lines(home))
    # stdout is not a file: nothing to audit
    assert hazedesk("evaluate", ORANGE, home=home).returncode == 0
    assert len(audit_lines(home)) == 3


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM")
def test_killing_a_series_part_way_leaves_no_frames_and_no_tmp(tmp_path):
    import signal
    import time

    out = tmp_path / "series"
    out.mkdir()
    env = {**os.environ, "HAZEDESK_HOME": str(tmp_path / "home"), "HAZEDESK_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "app", "map", str(ORANGE), "--series", "hourly", "--dpi", "50",
                             "--out", str(out / "h.png"), "--gif", str(out / "h.gif")],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("h_*.png"))) < 3:
        time.sleep(0.05)
    assert len(list(out.glob("h_*.png"))) >= 3, "the series did not start"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=240)  # generous: a loaded 2-core CI machine renders slowly
    assert proc.returncode != 0 and "interrupted" in err and "Traceback" not in err
    assert list(out.iterdir()) == []  # neither frames nor .tmp files
    assert audit_lines(tmp_path / "home") == []


@pytest.mark.skipif(IS_ROOT or os.name == "nt", reason="root writes into read-only folders; POSIX permissions")
def test_a_read_only_state_folder_costs_one_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    try:
        result = hazedesk("evaluate", ORANGE, "--json", tmp_path / "e.json", home=home)
    finally:
        home.chmod(0o700)
    assert result.returncode == 0 and (tmp_path / "e.json").exists()
    (line,) = [x for x in result.stderr.splitlines() if "could not be written" in x]
    assert "permission denied" in line
