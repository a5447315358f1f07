"""numpy's OpenBLAS worker threads sleep at once instead of spinning ~0.1 s on a second core after the import
(app/__init__.py: OPENBLAS_THREAD_TIMEOUT, issue 26) unless the environment says otherwise."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the CPU the process spent on other threads than the main one (only OpenBLAS's workers run here), by the time
# they would have stopped spinning
IDLE = ("import os, resource, time, app, numpy\n"
        "time.sleep(0.3)\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(os.environ.get('OPENBLAS_THREAD_TIMEOUT'), usage.ru_utime + usage.ru_stime - time.thread_time())\n")


def _run(env: dict) -> tuple[str, float]:
    out = subprocess.run([sys.executable, "-c", IDLE], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    return out[0], float(out[1])


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_THREAD_TIMEOUT", "OPENBLAS_NUM_THREADS")}
    return dict(env, PYTHONPATH=str(ROOT), **extra)


def test_importing_app_lets_the_blas_workers_sleep_at_once():
    timeout, workers_cpu = _run(_env())
    assert workers_cpu < 0.02  # spinning, they burnt 0.05–0.1 s of CPU (0.055 s here with the default, 2^28)
    assert timeout == "4"


def test_a_value_in_the_environment_is_kept():
    assert _run(_env(OPENBLAS_THREAD_TIMEOUT="28"))[0] == "28"
