"""Where a warm sequential fastiam call spends its CPU, part by part.

Runs the sequential worker against the canned nginx endpoint under `perf record`
and groups the samples by the library they fall in (kernel, allocator, the SDK's
orchestrator, hyper, tokio, SigV4, XML, fastiam's own code, Python).

Symbols are stripped from release builds; build with them first:

    CARGO_PROFILE_RELEASE_STRIP=false CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \\
        maturin develop --release
    python bench/parts.py [--seconds 4]

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


def record(seconds: float, data: Path) -> dict:
    with CannedIAM() as url:
        out = subprocess.run(
            [
                "perf",
                "record",
                "-q",
                "-F",
                "2000",
                "-o",
                str(data),
                sys.executable,
                str(BENCH / "worker.py"),
                "sequential",
                "fastiam",
                "--url",
                url,
                "--seconds",
                str(seconds),
                "--warmup",
                "0",
            ],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "perf.data"
        result = record(args.seconds, data)
        parts, total = samples_by_part(data)
    calls = result["calls"]
    cpu_us = total / 2000 / calls * 1e6
    print(
        f"{calls} calls, p50 {result['p50_us']:.0f} µs; "
        f"CPU on all threads: {cpu_us:.0f} µs per call\n"
    )
    print("| part | share of CPU | µs per call |\n|---|---:|---:|")
    for name, samples in parts.most_common():
        print(f"| {name} | {samples / total:.1%} | {cpu_us * samples / total:.0f} |")


if __name__ == "__main__":
    main()
