"""Where a warm sequential call spends its CPU, part by part: fastiam's sync call
beside the SDK floor's (aws-sdk-iam alone, bench/sdk_floor/), so the difference
per part is what fastiam adds over the SDK.

Runs each against the canned nginx endpoint under `perf record` and groups the
samples by the library they fall in (kernel, allocator, the SDK's orchestrator,
hyper, tokio, SigV4, XML, fastiam's own code, Python).

Symbols are stripped from release builds; build both with them first:

    export CARGO_PROFILE_RELEASE_STRIP=false
    maturin develop --release && cargo build --release --example sdk_floor
    python bench/parts.py [--seconds 4] [--sdk-floor target/release/examples/sdk_floor]

Needs `perf` (Debian: linux-perf) and nginx.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from canned_iam import CannedIAM
from peers import sdk_floor_path
from run import worker_env

# First match wins: the order puts specific crates before the catch-alls.
PARTS = [
    ("kernel: loopback TCP, thread wake-ups, syscalls", r"\[kernel"),
    ("libc: malloc, free, memmove", r"libc"),
    ("Python interpreter", r"libpython"),
    ("SigV4 signing and SHA-256", r"aws_sigv4|sha2|hex::|hmac"),
    ("hyper: HTTP/1 client and connection pool", r"hyper|h2::|http::|httparse"),
    ("tokio: scheduler, IO driver, timers", r"tokio|mio::|parking_lot"),
    ("XML: SDK output parse and fastiam's result", r"xmlparser|aws_smithy_xml|deser"),
    (
        "SDK orchestrator, interceptors, config bag",
        r"aws_smithy|aws_runtime|aws_types|aws_sdk_iam|aws_credential|aws_config|tracing",
    ),
    ("fastiam: validation, call path, dict build, pyo3", r"_native::|pyo3"),
    ("Rust std: allocation, formatting, hashing", r"__rust|alloc::|core::|std::|hashbrown|bytes::"),
]


HZ = 2000


def record(command: list[str], data: Path) -> dict:
    """Runs `command` (which prints a worker's JSON line) under perf."""
    out = subprocess.run(
        ["perf", "record", "-q", "-F", str(HZ), "-o", str(data), *command],
        env=worker_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def samples_by_part(data: Path) -> tuple[collections.Counter, int]:
    report = subprocess.run(
        [
            "perf",
            "report",
            "-i",
            str(data),
            "--no-children",
            "--sort",
            "dso,sym",
            "-g",
            "none",
            "--stdio",
            "--field-separator",
            "\t",
            "--show-nr-samples",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    parts: collections.Counter = collections.Counter()
    total = 0
    for line in report.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 4:
            continue
        dso = fields[2].strip()
        samples, where = int(fields[1]), f"{dso} {fields[3]}"
        total += samples
        name = next((name for name, rx in PARTS if re.search(rx, where)), f"other: {dso}")
        parts[name] += samples
    return parts, total


def profile(command: list[str]) -> tuple[dict, float, float]:
    """µs of CPU per call by part, in all, and calls/s, for one sequential worker."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "perf.data"
        result = record(command, data)
        parts, total = samples_by_part(data)
    cpu_us = total / HZ / result["calls"] * 1e6
    by_part = {name: cpu_us * n / total for name, n in parts.items()}
    return by_part, cpu_us, result["calls_per_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument(
        "--sdk-floor",
        default=sdk_floor_path(),
        help="the SDK floor program, built with symbols",
    )
    args = parser.parse_args()
    timing = ["--seconds", str(args.seconds), "--warmup", "0"]
    with CannedIAM() as url:
        worker = [sys.executable, str(BENCH / "worker.py"), "sequential", "fastiam"]
        ours, ours_cpu, ours_rate = profile([*worker, "--url", url, *timing])
        floor, floor_cpu, floor_rate = profile([args.sdk_floor, url, "sequential", *timing])
    print(
        f"calls/s under perf: fastiam {ours_rate:,.0f}, SDK floor {floor_rate:,.0f} "
        f"(fastiam / floor {ours_rate / floor_rate:.2f})\n"
        f"CPU per call on all threads: fastiam {ours_cpu:.1f} µs, "
        f"SDK floor {floor_cpu:.1f} µs (fastiam / floor {ours_cpu / floor_cpu:.2f})\n"
    )
    print("| part | fastiam µs/call | SDK floor µs/call | fastiam - floor |\n|---|---:|---:|---:|")
    for name in sorted(set(ours) | set(floor), key=lambda n: -ours.get(n, 0)):
        a, b = ours.get(name, 0.0), floor.get(name, 0.0)
        print(f"| {name} | {a:.1f} | {b:.1f} | {a - b:+.1f} |")
    print(f"| all | {ours_cpu:.1f} | {floor_cpu:.1f} | {ours_cpu - floor_cpu:+.1f} |")


if __name__ == "__main__":
    main()
