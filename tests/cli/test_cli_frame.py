"""Exit codes and error reporting of the ``hazedesk`` command frame, shared by every subcommand."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from app import cli
from app.errors import InputError, Problem


class _FakeParser:
    """Stands in for the real parser so that a test can supply the subcommand function."""

    def __init__(self, func):
        self.args = argparse.Namespace(command="demo", func=func)

    def parse_args(self, argv):
        return self.args


def _run_with(func, capsys, monkeypatch):
    monkeypatch.setattr(cli, "build_parser", lambda only=None: _FakeParser(func))
    code = cli.main(["demo"])
    return code, capsys.readouterr()


def test_bad_input_exits_2_with_file_row_column(capsys, monkeypatch):
    def func(args):
        raise InputError(Problem("not a number", file="f.csv", row=7, column="pm25", value="abc",
                                 expected="a concentration in µg/m³"))

    code, out = _run_with(func, capsys, monkeypatch)
    assert code == 2
    assert "f.csv, row 7, column pm25: not a number" in out.err
    assert "Traceback" not in out.err


def test_internal_error_exits_1_without_traceback_and_logs_it(capsys, monkeypatch, _private_state):
    def func(args):
        raise ZeroDivisionError("boom")

    code, out = _run_with(func, capsys, monkeypatch)
    assert code == 1
    assert "internal error: ZeroDivisionError: boom" in out.err
    assert "Traceback" not in out.err
    assert "ZeroDivisionError" in (_private_state / "error.log").read_text(encoding="utf-8")


def test_unknown_subcommand_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "app", "no-such-command"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version(flag):
    result = subprocess.run([sys.executable, "-m", "app", flag], capture_output=True, text=True)
    assert result.returncode == 0
    assert "hazedesk" in result.stdout


def test_a_reader_that_goes_away_is_not_an_internal_error(tmp_path):
    """`hazedesk adjacency --csv - | head -1`: the pipe closes before the output is written."""
    import subprocess
    import sys

    env = {**__import__("os").environ, "HAZEDESK_HOME": str(tmp_path), "HAZEDESK_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "app", "adjacency", "--csv", "-"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert "internal error" not in err and "Traceback" not in err and "BrokenPipe" not in err
