"""What the machine was doing during a run: its CPU, and how much of it other
processes used (the figures are only as good as the machine was quiet)."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from pathlib import Path


def cpu_snapshot() -> tuple:
    return time.monotonic(), _busy_seconds(), _our_seconds()


def other_cores(since: tuple) -> float:
    """Cores used on average by processes other than the bench's own (this
    driver, its workers, nginx, wrk) since the snapshot: the figures are only
    as good as the machine was quiet."""
    elapsed, busy, ours = (now - then for now, then in zip(cpu_snapshot(), since))
    return max(busy - ours, 0.0) / elapsed if elapsed else 0.0


def _busy_seconds() -> float:
    """Non-idle CPU seconds of the whole machine since boot (Linux /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _our_seconds() -> float:
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def tool_version(command: list) -> str:
    try:
        out = subprocess.run(command, check=False, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return f"{command[0]}: unknown version"
    return ((out.stdout or out.stderr).strip().splitlines() or ["unknown"])[0]
