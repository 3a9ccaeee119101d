"""The resource interface: ``fastiam.resource("iam")`` beside ``boto3.resource("iam")``.

    python bench/resources.py           # full run; writes bench/results/resources.md
    python bench/resources.py --smoke   # a short run that checks the bench still works

Each figure comes from a fresh process per library against the canned nginx of
bench/run.py (bench/canned_iam.py): the first resource (import plus creation,
as a script starts), a further resource, ``iam.User(name)``, an action
(``iam.User("alice").enable_mfa(...)``, canned EnableMFADevice answers) and a
collection (``list(iam.users.all())`` over a page of 1,000 users). Both run
boto3's own resource machinery; what differs is the client under it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from canned_iam import CannedIAM
from worker import CALL, CREDENTIALS

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "resources.md"
LIBRARIES = ("boto3", "fastiam")
# The enable_mfa_device call of bench/worker.py, made by the User resource (its name
# is the resource's identifier).
CODES = {key: value for key, value in CALL.items() if key != "UserName"}
# (key, what is measured, unit, whether more is better)
FIGURES = [
    ("first_ms", "first resource in a fresh process (import + creation)", "ms", False),
    ("resource_us", "a further resource()", "µs", False),
    ("user_us", 'iam.User("alice")', "µs", False),
    ("action_per_s", 'iam.User("alice").enable_mfa(...) sequential', "calls/s", True),
    ("collection_ms", "list(iam.users.all()), 1,000 users", "ms", False),
]


def measure(lib: str, url: str, seconds: float) -> dict:
    """In this fresh process: every figure of FIGURES for ``lib``."""
    started = time.perf_counter()
    module = __import__(lib)
    iam = module.resource("iam", endpoint_url=url, **CREDENTIALS)
    figures = {"first_ms": (time.perf_counter() - started) * 1e3}
    figures["resource_us"] = _per_call(lambda: module.resource("iam", **CREDENTIALS), 200) * 1e6
    figures["user_us"] = _per_call(lambda: iam.User("alice"), 2000) * 1e6
    user = iam.User("alice")
    user.enable_mfa(**CODES)  # the connection is made before the timing
    calls, deadline = 0, time.perf_counter() + seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        user.enable_mfa(**CODES)
        calls += 1
    figures["action_per_s"] = calls / (time.perf_counter() - started)
    large = module.resource("iam", endpoint_url=f"{url}/large/list-users", **CREDENTIALS)
    assert len(list(large.users.all())) == 1000
    figures["collection_ms"] = _per_call(lambda: list(large.users.all()), 5) * 1e3
    return figures


def _per_call(call, count: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(count):
            call()
        best = min(best, (time.perf_counter() - started) / count)
    return best


def run(url: str, runs: int, seconds: float) -> dict:
    """Each library ``runs`` times, taking turns; the median of each figure."""
    samples: dict = {lib: [] for lib in LIBRARIES}
    for _ in range(runs):
        for lib in LIBRARIES:
            command = [sys.executable, __file__, "--worker", lib, url, str(seconds)]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            samples[lib].append(json.loads(output))
    return {
        lib: {key: statistics.median(s[key] for s in samples[lib]) for key, *_ in FIGURES}
        for lib in LIBRARIES
    }


def table(medians: dict) -> str:
    lines = ["| | boto3 | fastiam | fastiam is |", "|---|---:|---:|---:|"]
    for key, label, unit, more_is_better in FIGURES:
        boto, fast = medians["boto3"][key], medians["fastiam"][key]
        ratio = fast / boto if more_is_better else boto / fast
        lines.append(f"| {label} ({unit}) | {boto:,.1f} | {fast:,.1f} | {ratio:.1f}x faster |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="one short run, no result file")
    parser.add_argument("--worker", nargs=3, metavar=("LIB", "URL", "SECONDS"))
    args = parser.parse_args()
    if args.worker:
        lib, url, seconds = args.worker
        print(json.dumps(measure(lib, url, float(seconds))))
        return 0
    runs, seconds = (1, 0.2) if args.smoke else (5, 2.0)
    with CannedIAM() as url:
        medians = run(url, runs, seconds)
    shown = table(medians)
    print(shown)
    if not args.smoke:
        versions = {lib: __import__(lib).__version__ for lib in LIBRARIES}
        RESULTS.write_text(
            "# The resource interface, fastiam beside boto3\n\n"
            f"`python bench/resources.py`, {time.strftime('%Y-%m-%d')}, medians of {runs} fresh "
            f"processes per library (boto3 {versions['boto3']}, fastiam {versions['fastiam']}), "
            "against the canned nginx of bench/run.py.\n\n" + shown + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
