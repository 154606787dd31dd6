"""The browsing memory figure is the workbench's own peak, not the bench process's that started it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

PARENT = f"""
import subprocess, sys
ballast = bytearray(300 * 2**20)
for offset in range(0, len(ballast), 4096):
    ballast[offset] = 1
del ballast
child = "import sys; sys.path.insert(0, {str(BENCH)!r}); import browse; print(browse.peak_megabytes())"
print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is read from Linux's /proc")
def test_a_parent_peak_is_not_counted_as_the_workbench_peak() -> None:
    """bench/run.py has held 300 MB and more before it starts bench/browse.py: that must not show as browsing."""
    done = subprocess.run([sys.executable, "-c", PARENT], capture_output=True, text=True, check=True)
    assert float(done.stdout.strip()) < 250
