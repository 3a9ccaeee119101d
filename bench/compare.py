"""Did this change make fastiam slower? The current checkout against a baseline build, same run.

    python bench/compare.py --baseline /work/baseline/python [--rounds 3] [--seconds 2]

    python bench/compare.py --baseline python --preimport moto.core.models

--baseline is a directory holding a `fastiam` package (with its compiled _native.abi3.so),
e.g. the previous commit's python/. Both sides run bench/worker.py in fresh processes against
one canned nginx (bench/canned_iam.py), alternating current, baseline, current, baseline, ...
for N rounds of every measurement: import, client creation, sequential calls and latency,
threads 1/8, asyncio in flight 1/16/64/256, peak RSS. The baseline is the first PYTHONPATH
entry of its workers (ahead of the editable install's .pth entry); every worker reports the
fastiam and fastiam._native files it loaded, and a worker that loaded the other side's build
stops the run. --preimport MODULE makes the current side's workers import MODULE
before anything else (the import is not timed): with the baseline at the same build
(`python`), the table is what that module's presence costs, e.g. moto's for the
mock_aws check on each call. Rates and times keep each side's best round (noise on a shared machine only
slows a run down), RSS the median round. The noise band of a figure is the larger spread
(max - min over median) of its rounds on either side, at least 3%; a ratio beyond it is
flagged. Exit status: 0 no regression, 1 a figure regressed beyond its band, 2 a failure.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from canned_iam import CannedIAM
from machine import cpu_snapshot, other_cores
from run import WORKER, worker_env

CURRENT_DIR = WORKER.parent.parent / "python"  # what the editable install points at
IMPORTS_PER_ROUND = 5
CLIENT_RUNS = 20
WARMUP = 0.5
MIN_BAND = 0.03
# Runs worker.py as `python bench/worker.py` would (as __main__, bench/ as sys.path[0], only
# built-ins before its timed import), then reports on stderr which fastiam files that very
# process loaded.
WRAPPER = (
    "import os, sys; p = os.environ.pop('FASTIAM_BENCH_PREIMPORT', ''); p and __import__(p); "
    "w = sys.argv[1]; sys.argv = sys.argv[1:]; sys.path[0] = w.rpartition('/')[0]; "
    "exec(compile(open(w).read(), w, 'exec'), {'__name__': '__main__'}); "
    "m = [sys.modules.get(n) for n in ('fastiam', 'fastiam._native')]; "
    "print('LOADED', *[getattr(x, '__file__', None) for x in m], file=sys.stderr)"
)


@dataclass
class Side:
    name: str
    package_dir: Path  # the directory holding the `fastiam` package this side must load
    env: dict
    loaded: set


@dataclass(frozen=True)
class Figure:
    label: str
    run: str  # key into runs()
    field: str
    unit: str
    lower_is_better: bool
    keep: str = "best"  # or "median"


FIGURES = [
    Figure(f"import (median of {IMPORTS_PER_ROUND})", "import", "import_ms", "ms", True),
    Figure("first client creation", "client", "first_ms", "ms", True),
    Figure(f"later client (median of {CLIENT_RUNS})", "client", "later_ms", "ms", True),
    Figure("sequential", "sequential", "calls_per_s", "calls/s", False),
    Figure("sequential p50", "sequential", "p50_us", "us", True),
    Figure("sequential p99", "sequential", "p99_us", "us", True),
    *(Figure(f"threads {n}", f"threads {n}", "calls_per_s", "calls/s", False) for n in (1, 8)),
    *(
        Figure(f"asyncio {n} in flight", f"inflight {n}", "calls_per_s", "calls/s", False)
        for n in (1, 16, 64, 256)
    ),
    Figure("peak RSS", "rss", "peak_rss_mib", "MiB", True, keep="median"),
]


def runs(seconds: float) -> dict:
    """Run key -> worker.py arguments after `MEASURE fastiam`."""
    timed = ("--seconds", seconds, "--warmup", WARMUP)
    table = {"client": ("client", "--runs", CLIENT_RUNS), "sequential": ("sequential", *timed)}
    for measure, levels in (("threads", (1, 8)), ("inflight", (1, 16, 64, 256))):
        table.update({f"{measure} {n}": (measure, "--levels", n, *timed) for n in levels})
    table["rss"] = ("rss", "--calls", 1000)
    return table


def make_side(name: str, package_dir: Path, first_on_path: bool, preimport: str = "") -> Side:
    env = worker_env()
    if preimport:
        env["FASTIAM_BENCH_PREIMPORT"] = preimport
    if first_on_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package_dir), env.get("PYTHONPATH")]))
    return Side(name, package_dir.resolve(), env, set())


def run_worker(side: Side, args: tuple, url: str, timeout: float) -> dict:
    """One fresh worker process of this side; its JSON result, after checking what it loaded."""
    extra = () if args[0] == "import" else ("--url", url)
    command = [sys.executable, "-c", WRAPPER, str(WORKER), args[0], "fastiam", *extra]
    out = subprocess.run(
        command + [str(a) for a in args[1:]],
        check=False,
        capture_output=True,
        text=True,
        env=side.env,
        timeout=timeout,
    )
    if out.returncode:
        raise RuntimeError(f"{side.name} worker {args} failed:\n{out.stderr[-2000:]}")
    check_loaded(side, out.stderr)
    return json.loads(out.stdout)


def check_loaded(side: Side, stderr: str) -> None:
    lines = [line.split()[1:] for line in stderr.splitlines() if line.startswith("LOADED ")]
    files = lines[-1] if lines else ["None"]
    expected = side.package_dir / "fastiam"
    if "None" in files or any(Path(f).resolve().parent != expected for f in files):
        raise RuntimeError(f"{side.name} worker loaded {files}, not the package in {expected}")
    side.loaded.update(files)


def collect(sides: list, url: str, rounds: int, seconds: float) -> dict:
    """{side name: {run key: [result of each round]}}, the sides alternating run by run."""
    results: dict = {side.name: {} for side in sides}
    timeout = 120 + 10 * seconds
    for side in sides:  # untimed: caches .pyc files and warms the page cache
        run_worker(side, ("import",), url, timeout)
    for _ in range(rounds):
        samples: dict = {side.name: [] for side in sides}
        for _ in range(IMPORTS_PER_ROUND):
            for side in sides:
                samples[side.name].append(run_worker(side, ("import",), url, timeout)["import_ms"])
        for side in sides:
            median = statistics.median(samples[side.name])
            results[side.name].setdefault("import", []).append({"import_ms": median})
    progress("import", results)
    for key, args in runs(seconds).items():
        for _ in range(rounds):
            for side in sides:
                result = run_worker(side, args, url, timeout)
                result = next(iter(result["levels"].values())) if "levels" in result else result
                results[side.name].setdefault(key, []).append(result)
        progress(key, results)
    return results


def progress(key: str, results: dict) -> None:
    """Each side's rounds of one run, by its first figure."""
    sides = (
        f"{name} " + " ".join(f"{next(iter(r.values())):.4g}" for r in by_run[key])
        for name, by_run in results.items()
    )
    print(f"  {key:<12} " + " | ".join(sides), flush=True)


def kept(values: list, figure: Figure) -> float:
    if figure.keep == "median":
        return statistics.median(values)
    return min(values) if figure.lower_is_better else max(values)


def spread(values: list) -> float:
    return (max(values) - min(values)) / statistics.median(values)


def compare(figure: Figure, current: list, baseline: list) -> tuple:
    """(kept current, kept baseline, ratio current/baseline, noise band, verdict)."""
    cur, base = kept(current, figure), kept(baseline, figure)
    ratio = cur / base
    band = max(MIN_BAND, spread(current), spread(baseline))
    worse = ratio - 1 if figure.lower_is_better else 1 / ratio - 1  # > 0: current is worse
    verdict = "REGRESSED" if worse > band else "improved" if -worse > band else "same"
    return cur, base, ratio, band, verdict


def table(results: dict) -> tuple[list, bool]:
    """The table's lines, and whether any figure regressed."""
    rows = [("measure", "unit", "kept", "current", "baseline", "cur/base", "noise", "verdict")]
    regressed = False
    for f in FIGURES:
        current, baseline = ([r[f.field] for r in results[s][f.run]] for s in results)
        cur, base, ratio, band, verdict = compare(f, current, baseline)
        regressed |= verdict == "REGRESSED"
        kept_as = f.keep if f.keep == "median" else ("min" if f.lower_is_better else "max")
        row = (f.label, f.unit, kept_as, f"{cur:,.4g}", f"{base:,.4g}", f"{ratio:.3f}")
        rows.append(row + (f"±{band:.0%}", verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows], regressed


def fingerprint(package: Path) -> dict:
    """{file: short hash} of the package's .py and .so files: which build ran, and whether
    somebody edited or rebuilt it during the run."""
    return {
        str(path.relative_to(package)): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in sorted(package.rglob("*"))
        if path.suffix in (".py", ".so") and "__pycache__" not in path.parts
    }


def changed(before: dict, after: dict) -> list:
    return sorted(f for f in before.keys() | after.keys() if before.get(f) != after.get(f))


def loads(triple: tuple) -> str:
    return " ".join(f"{x:.2f}" for x in triple)


def describe(side: Side) -> str:
    files = ", ".join(sorted(side.loaded))
    native = fingerprint(side.package_dir / "fastiam").get("_native.abi3.so")
    return f"{side.name:<8} loaded {files} (_native sha256 {native})"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="directory holding fastiam/")
    parser.add_argument("--rounds", type=int, default=3, help="runs per side per figure")
    parser.add_argument("--seconds", type=float, default=2.0, help="each timed rate window")
    parser.add_argument("--preimport", default="", help="module the current side imports first")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if not (args.baseline / "fastiam" / "__init__.py").is_file():
        print(f"no fastiam package in {args.baseline}", file=sys.stderr)
        return 2
    sides = [
        make_side("current", CURRENT_DIR, False, args.preimport),
        make_side("baseline", args.baseline, True),
    ]
    hashes = [fingerprint(side.package_dir / "fastiam") for side in sides]
    load, cpu = os.getloadavg(), cpu_snapshot()
    print(f"{args.rounds} rounds, {args.seconds:g} s windows, load {loads(load)}", flush=True)
    try:
        with CannedIAM() as url:
            results = collect(sides, url, args.rounds, args.seconds)
    except (RuntimeError, OSError, ValueError, subprocess.SubprocessError) as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 2
    lines, regressed = table(results)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"\nfastiam current vs baseline, {now}, python {sys.version.split()[0]}")
    if args.preimport:
        print(f"current imports {args.preimport} first")
    print(*map(describe, sides), sep="\n")
    for side, before in zip(sides, hashes):
        edited = changed(before, fingerprint(side.package_dir / "fastiam"))
        if edited:
            print(f"WARNING: {side.name} files changed during the run: {', '.join(edited)}")
    print(
        f"load average (1/5/15 min) before {loads(load)}, "
        f"after {loads(os.getloadavg())}; other processes used "
        f"{other_cores(cpu):.2f} of {os.cpu_count()} cores on average\n"
    )
    print(*lines, sep="\n")
    print(
        "\nkept: best round for times and rates (noise only slows), median for RSS; noise: "
        f"larger (max-min)/median of either side's {args.rounds} rounds, at least {MIN_BAND:.0%}"
    )
    return 1 if regressed else 0


if __name__ == "__main__":
    sys.exit(main())
