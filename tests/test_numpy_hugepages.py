"""numpy's transparent-huge-page advice is off in HazeDesk's processes unless the environment says otherwise
(app/__init__.py: page-fault stalls on a fragmented machine, issue 26)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = "import os, app, numpy; print(os.environ.get('NUMPY_MADVISE_HUGEPAGE'))"


def _run(env: dict) -> str:
    return subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_importing_app_turns_numpy_hugepage_advice_off():
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    assert _run(dict(env, PYTHONPATH=str(ROOT))) == "0"


def test_a_value_in_the_environment_is_kept():
    assert _run(dict(os.environ, PYTHONPATH=str(ROOT), NUMPY_MADVISE_HUGEPAGE="1")) == "1"
