"""Soak, short: 20,000 calls in one process, sync and async mixed, through
bench/soak.py's own code (``python bench/soak.py --calls 200000`` is the long
run); memory and open file descriptors must not grow after warm-up.

It runs in a fresh process so that the figures are this workload's alone, not
those of whatever the test session did before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SOAK = Path(__file__).resolve().parents[2] / "bench" / "soak.py"
CALLS = 20_000
WARMUP = 5_000
MAX_RSS_GROWTH_MB = 10.0
# Clients share one connection pool and each may have max_pool_connections (10)
# requests out at once, so the pool can settle a few connections above its
# warm-up peak when more clients happen to overlap later. A leak grows with
# every round (there are 15 after warm-up) and passes this bound quickly.
MAX_FD_GROWTH = 10


def test_soak_20000_calls():
    result = subprocess.run(
        [
            sys.executable,
            str(SOAK),
            "--calls",
            str(CALLS),
            "--warmup",
            str(WARMUP),
            "--json",
            "--max-fd-growth",
            str(MAX_FD_GROWTH),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout)
    figures = json.loads(result.stdout.strip().splitlines()[-1])

    assert figures["problems"] == []  # every call gave its own expected outcome
    assert figures["calls"] == CALLS
    assert figures["warmup_calls"] == WARMUP
    assert figures["rss_growth_after_warmup_mb"] < MAX_RSS_GROWTH_MB
    assert figures["fd_growth_after_warmup"] <= MAX_FD_GROWTH
    assert result.returncode == 0, result.stderr
