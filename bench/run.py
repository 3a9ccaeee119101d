"""fastiam against boto3 and aiobotocore, and against the raw floor (wrk), in one run.

    python bench/run.py            # full: a few minutes; writes bench/results/latest.md
                                   # and bench/results/throughput.png
    python bench/run.py --smoke    # ~10 s: every measurement, very briefly, written to a
                                   # temporary directory; exit 0 if every measurement ran

Every figure comes from a fresh process (bench/worker.py) so the libraries do
not share imports, pools or allocator state, all against one local nginx that
answers every POST with a canned EnableMFADevice success (bench/canned_iam.py).
aiobotocore pins an older botocore than boto3's, so it runs from its own venv,
created once under bench/.venv-aiobotocore (--no-aiobotocore skips it; if it
cannot be installed, its figures are "n/a"). The SDK floor (bench/sdk_floor/:
aws-sdk-iam alone, no Python) is built with cargo on first use (--no-sdk-floor
skips it; without cargo its figures are "n/a"). HTTPS and cold-start figures
(bench/tls_cold.py) use the nginx's TLS port and, for the CLI comparison, the AWS
CLI from PyPI in bench/.venv-awscli (--no-awscli skips it).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from importlib import metadata
from itertools import zip_longest
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import tls_cold
from canned_iam import CannedIAM
from floor import parse_wrk, write_script, wrk_command
from large_bodies import LARGE
from machine import cpu_model, cpu_snapshot, other_cores, tool_version
from peers import (
    can_import,
    ensure_aiobotocore,
    ensure_awscli,
    ensure_sdk_floor,
    sdk_version,
    version_of,
)
from report import IN_FLIGHT, THREADS, chart, markdown

WORKER = BENCH / "worker.py"
RESULTS = BENCH / "results"


@dataclass(frozen=True)
class Profile:
    name: str
    import_runs: int  # fresh processes per library for the import median
    client_runs: int  # later client creations per process for the median
    sequential_seconds: float
    point_seconds: float  # each threads / in-flight point
    warmup_seconds: float
    wrk_seconds: int
    rss_calls: int
    parallel: int  # workers run at once: 1 when timing matters
    fresh_level_process: bool  # each threads / in-flight level in its own process
    cold_runs: int  # fresh processes per cold-start median
    # Rounds of the sequential and in-flight measures, the libraries alternating
    # within each; the best round of each counts. The host's load swings by tens
    # of percent from one second to the next: a single round compared whichever
    # library was unlucky, not the libraries.
    rounds: int


FULL = Profile("full", 10, 20, 3.0, 2.0, 0.5, 3, 1000, 1, True, 10, 3)
# Smoke: every code path, briefly; speed is irrelevant, so workers overlap, one
# process per library measures all levels (start-up dominates otherwise) and
# nothing is warmed up (aiobotocore would open 1,024 connections twice).
SMOKE = Profile("smoke", 2, 3, 0.2, 0.1, 0.0, 1, 20, 4, False, 1, 1)


@dataclass(frozen=True)
class Job:
    key: tuple  # (measure, lib[, levels or run index]) or ("wrk", connections, run index)
    command: list
    timeout: float
    env: dict = dataclass_field(default_factory=dict)  # on top of worker_env()


def worker_env() -> dict:
    # The machine's AWS settings (profiles, endpoints, retries) must not change
    # what either library does; every worker passes keys, region and URL itself.
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )
    # Imports must read compiled .pyc files, as they do for anyone who installed
    # with pip (which compiles them): a PYTHONDONTWRITEBYTECODE set in this shell
    # would leave an editable checkout compiling its sources on every import.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_caches(pythons: dict) -> None:
    # One untimed import per library first: the timed imports then read compiled
    # .pyc files from the page cache, as any import after the first does.
    for lib, python in pythons.items():
        if python:
            subprocess.run(
                [python, str(WORKER), "import", lib],
                check=False,
                capture_output=True,
                env=worker_env(),
                timeout=120,
            )


def plan(
    profile: Profile, url: str, pythons: dict, script: Path, sdk_floor: str | None = None
) -> list[Job]:
    def work(measure: str, lib: str, *extra: object, at: str = url) -> Job:
        timeout = 120 + 10 * profile.point_seconds
        if lib == "sdk":  # the SDK floor program takes the URL first, no library
            command = [str(sdk_floor), at, measure, *map(str, extra)]
        else:
            command = [pythons[lib], str(WORKER), measure, lib, "--url", at, *map(str, extra)]
        return Job((measure, lib), command, timeout)

    def levels(measure: str, lib: str, all_levels: tuple) -> list[Job]:
        groups = [(n,) for n in all_levels] if profile.fresh_level_process else [all_levels]
        point = ("--seconds", profile.point_seconds, "--warmup", profile.warmup_seconds)
        jobs = [
            work(measure, lib, *point, "--levels", ",".join(map(str, group))) for group in groups
        ]
        return [
            Job(job.key + (group,), job.command, job.timeout * len(group))
            for job, group in zip(jobs, groups)
        ]

    def floor(run: int) -> list[Job]:
        return [
            Job(
                ("wrk", c, run),
                wrk_command(url, c, profile.wrk_seconds, script),
                profile.wrk_seconds + 30,
            )
            for c in (1, 64)
        ]

    jobs = floor(0)
    # Slowest first (aiobotocore, then boto3) so overlapping smoke jobs end together;
    # the libraries alternate measure by measure so that a change in the machine's
    # load during a full run affects both sides of a ratio alike.
    async_libs = [lib for lib in ("aiobotocore", "fastiam") if pythons.get(lib)]
    async_libs += ["sdk"] if sdk_floor else []
    for run in range(profile.rounds):
        inflight = interleave(*(levels("inflight", lib, IN_FLIGHT) for lib in async_libs))
        jobs += [in_round(job, run) for job in inflight]
    sync_libs = ("boto3", "fastiam")
    for run in range(profile.import_runs):
        jobs += [
            Job(("import", lib, run), [pythons[lib], str(WORKER), "import", lib], 120)
            for lib in sync_libs
        ]
    for lib in sync_libs:
        jobs.append(work("client", lib, "--runs", profile.client_runs))
    timed = ("--seconds", profile.sequential_seconds, "--warmup", profile.warmup_seconds)
    for run in range(profile.rounds):
        jobs += [in_round(work("sequential", lib, *timed), run) for lib in sync_libs]
        if sdk_floor:  # fastiam's sync call against the SDK alone, both ways it can be driven
            modes = [replace(work(mode, "sdk", *timed), key=("sdk", mode)) for mode in SDK_MODES]
            jobs += [in_round(job, run) for job in modes]
    jobs += interleave(*(levels("threads", lib, THREADS) for lib in sync_libs))
    for lib in sync_libs:
        jobs.append(work("rss", lib, "--calls", profile.rss_calls))
    for path in LARGE:  # pages of 1,000 items: parsing, result dicts, memory
        for lib in (*sync_libs, "sdk") if sdk_floor else sync_libs:
            job = work("large", lib, *timed, at=f"{url}/large/{path}")
            jobs.append(replace(job, key=("large", path, lib)))
    # The floor again at the end; the better run counts, so other work on the
    # machine during one of them does not make the floor look easy to reach.
    return jobs + floor(1)


# The SDK floor's sequential modes: a current-thread runtime, and each call handed to a
# multi-thread runtime and waited for (a binding's shape).
SDK_MODES = ("sequential", "handoff")


def in_round(job: Job, run: int) -> Job:
    return replace(job, key=job.key + (ROUND, run))


ROUND = "round"


def best_of_rounds(results: dict) -> dict:
    """Each measure's best round (most calls/s), under its key without the round."""
    best: dict = {}
    for key, result in results.items():
        if len(key) < 2 or key[-2] != ROUND:
            best[key] = result
            continue
        plain = key[:-2]
        if result is not None and calls_per_s(result) > calls_per_s(best.get(plain)):
            best[plain] = result
        else:
            best.setdefault(plain, result)
    return best


def calls_per_s(result: dict | None) -> float:
    """A sequential result's calls/s, or the lowest of an in-flight result's levels."""
    if not result:
        return -1.0
    if "levels" in result:
        return min((level or {}).get("calls_per_s", -1.0) for level in result["levels"].values())
    return result.get("calls_per_s", -1.0)


def interleave(*lists: list) -> list:
    """[a1, b1, a2, b2, ...] from [a1, a2, ...], [b1, b2, ...]."""
    return [item for group in zip_longest(*lists) for item in group if item is not None]


def run_job(job: Job) -> tuple[tuple, dict | None]:
    """The job's parsed output, or None (and its error printed) if it failed."""
    started = time.monotonic()
    try:
        out = subprocess.run(
            job.command,
            capture_output=True,
            text=True,
            env={**worker_env(), **job.env},
            timeout=job.timeout,
            check=True,
        )
        result = parse_wrk(out.stdout) if job.key[0] == "wrk" else json.loads(out.stdout)
    except (OSError, subprocess.SubprocessError, ValueError, RuntimeError) as error:
        detail = getattr(error, "stderr", "") or ""
        print(f"FAILED {job.key}: {error}\n{detail[-2000:]}", file=sys.stderr, flush=True)
        return job.key, None
    print(
        f"  {' '.join(map(str, job.key)):<28} {time.monotonic() - started:5.1f}s  {result}",
        flush=True,
    )
    return job.key, result


def run_jobs(jobs: list[Job], parallel: int) -> dict:
    if parallel == 1:
        results = dict(run_job(job) for job in jobs)
    else:
        with ThreadPoolExecutor(parallel) as pool:
            results = dict(pool.map(run_job, jobs))
    return split_levels(best_of_rounds(results))


def split_levels(results: dict) -> dict:
    """(measure, lib, (levels...)) -> {"levels": {n: r}} becomes (measure, lib, n) -> r;
    a failed job leaves None for each of its levels."""
    flat = {}
    for key, result in results.items():
        if key[0] in ("threads", "inflight"):
            for n in key[2]:
                flat[key[:2] + (n,)] = result and result["levels"].get(str(n))
        else:
            flat[key] = result
    return flat


def summarize(results: dict, profile: Profile) -> dict:
    """Figures keyed the way report.py reads them; a failed or skipped one is None."""

    def value(key: tuple, field: str) -> float | None:
        return (results.get(key) or {}).get(field)

    figures: dict = {
        "threads": {},
        "inflight": {},
        "wrk": {},
        "rss_calls": profile.rss_calls,
        "import_runs": profile.import_runs,
        "client_runs": profile.client_runs,
    }
    for lib in ("fastiam", "boto3"):
        imports = [value(("import", lib, run), "import_ms") for run in range(profile.import_runs)]
        if all(sample is not None for sample in imports):
            figures.setdefault("import_ms", {})[lib] = statistics.median(imports)
        for name, key, field in (
            ("first_client_ms", ("client", lib), "first_ms"),
            ("later_client_ms", ("client", lib), "later_ms"),
            ("seq_calls_per_s", ("sequential", lib), "calls_per_s"),
            ("seq_p50_us", ("sequential", lib), "p50_us"),
            ("seq_p99_us", ("sequential", lib), "p99_us"),
            ("rss_mib", ("rss", lib), "peak_rss_mib"),
        ):
            figures.setdefault(name, {})[lib] = value(key, field)
        for n in THREADS:
            figures["threads"].setdefault(n, {})[lib] = value(("threads", lib, n), "calls_per_s")
    figures["sdk"] = {mode: results.get(("sdk", mode)) for mode in SDK_MODES}
    figures["large"] = {
        path: {lib: results.get(("large", path, lib)) for lib in ("fastiam", "boto3", "sdk")}
        for path in LARGE
    }
    for lib in ("fastiam", "aiobotocore", "sdk"):
        for n in IN_FLIGHT:
            figures["inflight"].setdefault(n, {})[lib] = value(("inflight", lib, n), "calls_per_s")
    for connections in (1, 64):
        runs = [results.get(("wrk", connections, run)) for run in (0, 1)]
        if all(runs):
            figures["wrk"][connections] = max(runs, key=lambda r: r["calls_per_s"])
    return figures


def machine_info(
    profile: Profile, pythons: dict, load_before: tuple, runtime: float, others: float
) -> dict:
    aio = pythons.get("aiobotocore")
    load = "{:.2f} {:.2f} {:.2f}"
    return {
        "mode": profile.name,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{cpu_model()}, {os.cpu_count()} cores",
        "OS": platform.platform(),
        "python": f"{platform.python_version()} ({sys.executable})",
        "libraries": f"fastiam {metadata.version('fastiam')}, "
        f"{version_of(sys.executable, 'boto3', 'botocore')}; aiobotocore venv: "
        + (version_of(aio, "aiobotocore", "botocore", "aiohttp") if aio else NA_AIO),
        "SDK floor": "aws-sdk-iam alone (bench/sdk_floor/), " + sdk_version(),
        "server": f"{tool_version([CannedIAM.NGINX, '-v'])}, 1 worker process, on 127.0.0.1; "
        f"{tool_version(['wrk', '--version'])}",
        "load average (1/5/15 min) before / after": f"{load.format(*load_before)} / "
        f"{load.format(*os.getloadavg())}",
        "CPU used by other processes during the run": f"{others:.2f} of {os.cpu_count()} "
        "cores on average",
        "runtime": f"{runtime:.0f} s",
    }


NA_AIO = "n/a (not installed: aiobotocore figures are n/a)"
NOTES = [
    (
        "Each figure comes from a fresh process running bench/worker.py; the import time is the "
        "median over fresh processes of `import fastiam` / `import boto3` alone (after one untimed "
        "import so .pyc files are cached)."
    ),
    (
        "Every client uses region us-east-1, dummy keys and endpoint_url = the local nginx, which "
        "answers each POST with a canned EnableMFADeviceResponse and an x-amzn-requestid header."
    ),
    (
        "Calls are timed after a warm-up in the same process (connections open). Sequential: one "
        "thread, back to back. Threads: N threads share one client. asyncio: N calls always in "
        "flight on one client (aiobotocore's max_pool_connections raised to N). Sequential and "
        "asyncio figures (the SDK floor's and HTTPS's too) are the best of 3 rounds in which "
        "the libraries take turns: the host's load swings by tens of percent from second to "
        "second, and one round compares whichever side was unlucky."
    ),
    (
        "Peak RSS: ru_maxrss of a process that imports the library, makes one client and makes "
        "the calls."
    ),
    (
        "The floor is wrk (1 thread) sending the same POST (body and signed headers of the real "
        "size) over 1 and 64 keep-alive connections, for a few seconds at the start and at the end "
        "of the run; the faster run counts. fastiam/floor for a latency is how many times "
        "longer fastiam's is; for calls/s the fraction of wrk's rate. 1 thread or 1 in flight is "
        "compared with 1 connection, higher concurrency with 64 connections."
    ),
    (
        "The SDK floor is bench/sdk_floor/ (a cargo example of fastiam's crate: the same locked "
        "aws-sdk-iam, tokio and rustls, the SDK's own HTTP client) making the same call with "
        "static keys and no Python: `sequential` back to back on a current-thread runtime, "
        "`handoff` each call spawned on a multi-thread runtime of fastiam's size and waited for "
        "from the main thread (a binding's shape), and K in flight on that runtime with at most "
        "10 on connections (fastiam's default max_pool_connections). fastiam/SDK floor is the "
        "binding's cost: warm sequential calls against `sequential`, asyncio against the same K."
    ),
    (
        "The client, nginx and wrk share this machine's cores, and other work may be running "
        "(see the load average and the CPU used by other processes above): figures move by 10-20% "
        "between runs on a quiet machine, more on a busy one. One connection's rate is bound by "
        "how fast an idle core wakes up, which on a virtual machine is slow: there, wrk's "
        "1-connection rate (and any client's sequential rate) can be several times higher while "
        "other work keeps the cores awake, so compare runs made at similar load."
    ),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every measurement very briefly; output to a temporary directory",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="output directory (default: bench/results, "
        "or $TMPDIR/fastiam-bench-smoke with --smoke)",
    )
    parser.add_argument(
        "--no-aiobotocore", action="store_true", help="skip aiobotocore (its figures are n/a)"
    )
    parser.add_argument(
        "--no-sdk-floor", action="store_true", help="skip the SDK floor (its figures are n/a)"
    )
    parser.add_argument(
        "--no-awscli", action="store_true", help="skip the AWS CLI (its figures are n/a)"
    )
    parser.add_argument(
        "--aiobotocore-python",
        help="an interpreter that has aiobotocore, instead of bench's own venv",
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    profile = SMOKE if args.smoke else FULL
    # Smoke output goes to one fixed temporary directory, replaced each run.
    out = args.out or (
        Path(tempfile.gettempdir()) / "fastiam-bench-smoke" if args.smoke else RESULTS
    )
    out.mkdir(parents=True, exist_ok=True)
    aio = None if args.no_aiobotocore else (args.aiobotocore_python or ensure_aiobotocore())
    if aio and not can_import(aio, "aiobotocore"):
        print(f"{aio} cannot import aiobotocore: its figures will be n/a", file=sys.stderr)
        aio = None
    pythons = {"fastiam": sys.executable, "boto3": sys.executable, "aiobotocore": aio}

    sdk_floor = None if args.no_sdk_floor else ensure_sdk_floor()
    tools = {
        "sdk": sdk_floor,
        "fastiam-cli": str(Path(sys.executable).parent / "fastiam"),
        "aws-cli": None if args.no_awscli else ensure_awscli(),
    }

    started, load_before, cpu = time.monotonic(), os.getloadavg(), cpu_snapshot()
    warm_caches(pythons)
    with tempfile.TemporaryDirectory() as scratch, CannedIAM(tls=True) as canned:
        url = canned.url
        jobs = plan(profile, url, pythons, write_script(Path(scratch)), sdk_floor)
        tls = tls_cold.jobs(
            canned.tls_url,
            str(canned.ca_file),
            pythons,
            tools,
            profile.cold_runs,
            (profile.sequential_seconds, profile.warmup_seconds),
        )
        tls_jobs = [Job(key, command, timeout, env) for key, command, timeout, env in tls]
        warm = [job for job in tls_jobs if job.key[0] == "tls"]
        jobs += [in_round(job, run) for run in range(profile.rounds) for job in warm]
        jobs += [job for job in tls_jobs if job.key[0] != "tls"]
        print(f"{profile.name} bench: {len(jobs)} measurements against {url}", flush=True)
        results = run_jobs(jobs, profile.parallel)
    figures = summarize(results, profile)
    figures.update(tls_cold.summarize(results))
    info = machine_info(profile, pythons, load_before, time.monotonic() - started, other_cores(cpu))

    (out / "latest.md").write_text(markdown(figures, info, NOTES))
    # The same figures for scripts (e.g. comparing runs); JSON keys are strings.
    (out / "latest.json").write_text(json.dumps({"info": info, "figures": figures}, indent=1))
    print((out / "latest.md").read_text())
    failed = [key for key, result in results.items() if result is None]
    try:
        chart(figures, out / "throughput.png")
    except ModuleNotFoundError as error:  # matplotlib: pip install matplotlib
        print(f"no chart: {error}", file=sys.stderr)
        failed.append("chart")
    print(f"wrote {out / 'latest.md'}, latest.json and throughput.png")
    if failed:
        print(f"{len(failed)} measurement(s) failed: {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
