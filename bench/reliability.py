"""The reliability runs whose figures docs/reliability.md shows, each written by this
program to bench/results/reliability/<name>.md (figures are never typed by hand).

    python bench/reliability.py load            # tests/concurrency/test_load.py
    python bench/reliability.py soak            # python bench/soak.py --calls 200000
    python bench/reliability.py fuzz            # tests/reliability/test_fuzz.py, CI's fixed examples
    python bench/reliability.py fuzz --examples 20000   # ~20,000 from a random seed: fuzz-random.md
    python bench/reliability.py broken-servers  # test_broken_servers.py, test_connection.py, then
                                                # test_broken_servers.py's 50 MB memory probe
    python bench/reliability.py process-faults  # test_process_faults.py, test_concurrency.py
    python bench/reliability.py security        # test_secrets.py and test_no_panic.py
    python bench/reliability.py all             # each of the above but fuzz --examples

Each command runs in a fresh process from the repository root (pytest with a JUnit XML
report, which is where the outcome and the figures the tests print are read from). Beside
the figures the file records when and where: the date, the CPU and its cores, the OS,
Python, the commit, the load average before and after, and the CPU that other processes
used meanwhile (the machine may be shared: the figures are only as good as it was quiet).
``--out DIR`` writes elsewhere. The exit status is the command's; the file is written
either way, with the outcome.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from machine import cpu_model, cpu_snapshot, other_cores

RESULTS = BENCH / "results" / "reliability"
PYTEST = ["python", "-m", "pytest", "-q"]
# The runs: name -> (title, the test files; None for bench/soak.py).
RUNS = {
    "load": ("Load", ["tests/concurrency/test_load.py"]),
    "soak": ("Soak", None),
    "fuzz": ("Fuzzing", ["tests/reliability/test_fuzz.py"]),
    "broken-servers": (
        "Broken servers",
        ["tests/reliability/test_broken_servers.py", "tests/reliability/test_connection.py"],
    ),
    "process-faults": (
        "Process faults",
        ["tests/concurrency/test_process_faults.py", "tests/concurrency/test_concurrency.py"],
    ),
    "security": (
        "Security",
        ["tests/reliability/test_secrets.py", "tests/reliability/test_no_panic.py"],
    ),
}
SOAK_CALLS = 200_000
FAILURE_LINES = 40  # the end of each failed test's report, in the file
# bench/soak.py's bounds (its --max-rss-growth-mb and --max-fd-growth defaults).
RSS_GROWTH = "peak after warm-up minus peak during it; bound: 10 MB"
FD_GROWTH = "fewest in the last quarter minus most during warm-up; bound: 10"


def shown(command: list[str]) -> str:
    return " ".join(command)


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    """(exit status, stdout, stderr, seconds) of ``command`` run from the root;
    ``python`` is this interpreter."""
    argv = [sys.executable if command[0] == "python" else command[0], *command[1:]]
    started = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def pytest_run(files: list[str], extra: list[str], env: dict[str, str] | None = None) -> dict:
    """Runs pytest on ``files``; the outcome from its JUnit XML report."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.xml"
        reporting = ["-p", "no:cacheprovider", "-o", "junit_logging=system-out"]
        command = [*PYTEST, *reporting, f"--junitxml={report}", *extra, *files]
        status, stdout, stderr, seconds = run(command, env)
        cases = _cases(report) if report.exists() else []
    counts = {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
    for case in cases:
        counts[case["outcome"]] += 1
    tail = [line for line in stdout.splitlines() if line.strip()][-1:] or ["(no output)"]
    return {
        "status": status,
        "seconds": seconds,
        "counts": counts,
        "cases": cases,
        "summary": tail[0].strip("= "),
        "stderr": stderr,
    }


def _cases(report: Path) -> list[dict]:
    found = []
    for case in ET.parse(report).getroot().iter("testcase"):
        outcome, detail = "passed", ""
        for child, name in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
            element = case.find(child)
            if element is not None:
                outcome, detail = name, element.text or element.get("message", "")
        out = case.find("system-out")
        found.append(
            {
                "name": case.get("name", ""),
                "file": case.get("classname", ""),
                "seconds": float(case.get("time", 0)),
                "outcome": outcome,
                "stdout": out.text if out is not None and out.text else "",
                "detail": detail,
            }
        )
    return found


# ---------------------------------------------------------------------------
# Each run: (the command as a reader would type it, its outcome, figures as Markdown)


def load_run(args: argparse.Namespace) -> tuple[str, dict, list[str]]:
    files = RUNS["load"][1]
    result = pytest_run(files, [])
    rows = ["| test | outcome | calls/s (as the test prints it) | seconds |", "|---|---|---:|---:|"]
    for case in result["cases"]:
        rate = re.findall(r"([\d,]+) calls/s", case["stdout"])
        rows.append(
            f"| `{case['name']}` | {case['outcome']} | {rate[-1] if rate else ''}"
            f" | {case['seconds']:.1f} |"
        )
    return shown([*PYTEST, *files]), result, rows


def soak_run(args: argparse.Namespace) -> tuple[str, dict, list[str]]:
    command = ["python", "bench/soak.py", "--calls", str(args.calls), "--json"]
    status, stdout, stderr, seconds = run(command)
    result = {"status": status, "seconds": seconds, "stderr": stderr, "summary": ""}
    lines = stdout.strip().splitlines()
    try:
        figures = json.loads(lines[-1])
    except (IndexError, ValueError):
        result["summary"] = "no figures: " + (lines[-1] if lines else stderr.strip()[-300:])
        return shown(command[:-1]), result, []
    result["summary"] = "within bounds" if status == 0 else "outside bounds or wrong outcomes"
    mb = "{:.1f} MB".format
    rss_growth, fd_growth = figures["rss_growth_after_warmup_mb"], figures["fd_growth_after_warmup"]
    fds = f"{figures['fds_start']} / {figures['fds_after_warmup']} / {figures['fds_end']}"
    rows = [
        "| measure | value |",
        "|---|---:|",
        f"| calls (of them warm-up) | {figures['calls']:,} ({figures['warmup_calls']:,}) |",
        f"| calls/s | {figures['calls_per_second']:,.0f} |",
        f"| RSS at the start | {mb(figures['rss_start_mb'])} |",
        f"| RSS after warm-up | {mb(figures['rss_after_warmup_mb'])} |",
        f"| RSS at the end | {mb(figures['rss_end_mb'])} |",
        f"| RSS peak after warm-up | {mb(figures['rss_max_after_warmup_mb'])} |",
        f"| RSS growth after warm-up ({RSS_GROWTH}) | {rss_growth:+.2f} MB |",
        f"| open descriptors: start / after warm-up / end | {fds} |",
        f"| descriptor growth ({FD_GROWTH}) | {fd_growth:+d} |",
        f"| calls with a wrong outcome | {len(figures['problems'])} |",
    ]
    return shown(command[:-1]), result, rows


def fuzz_run(args: argparse.Namespace) -> tuple[str, dict, list[str]]:
    files = RUNS["fuzz"][1]
    env: dict[str, str] = {"PYTHONPATH": os.pathsep.join(filter(None, [str(BENCH), _pythonpath()]))}
    typed = [*PYTEST, *files]
    extra = ["-p", "hypothesis_count"]
    if args.examples:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
        env["FASTIAM_FUZZ_EXAMPLES"] = str(args.examples)
        extra.append(f"--hypothesis-seed={seed}")
        typed = [f"FASTIAM_FUZZ_EXAMPLES={args.examples}", *typed, f"--hypothesis-seed={seed}"]
    with tempfile.TemporaryDirectory() as scratch:
        counts_file = Path(scratch) / "counts.json"
        env["FASTIAM_HYPOTHESIS_COUNT"] = str(counts_file)
        result = pytest_run(files, extra, env)
        counts = json.loads(counts_file.read_text()) if counts_file.exists() else None
    rows = ["| measure | value |", "|---|---:|"]
    mode = f"random seed, about {args.examples:,} asked for" if args.examples else "CI's, fixed"
    rows.append(f"| examples budget | {mode} |")
    if counts:
        phases = counts["phases"]
        ran = sum(_ran(phases[p]) for p in phases if p != "shrink")
        shrinks = sum(phases["shrink"].values())
        rejected = sum(p.get("invalid", 0) + p.get("overrun", 0) for p in phases.values())
        rows += [
            f"| hypothesis runs (`@given` functions run) | {counts['runs']:,} |",
            f"| examples run (not counting shrinking) | {ran:,} |",
            f"| of them failing | {sum(p.get('interesting', 0) for p in phases.values()):,} |",
            f"| draws rejected before the test ran | {rejected:,} |",
            f"| shrink steps | {shrinks:,} |",
        ]
    else:
        rows.append("| examples | not counted (the plugin wrote nothing) |")
    return shown(typed), result, rows


def _ran(phase: dict) -> int:
    return phase.get("valid", 0) + phase.get("interesting", 0)


def _pythonpath() -> str:
    return os.environ.get("PYTHONPATH", "")


def tests_run(name: str) -> tuple[str, dict, list[str]]:
    files = RUNS[name][1]
    result = pytest_run(files, [])
    rows = [
        "| file | passed | failed | errors | skipped | seconds |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for file in files:
        module = Path(file).with_suffix("").as_posix().replace("/", ".")
        mine = [c for c in result["cases"] if c["file"] == module or c["file"].startswith(module)]
        count = {k: sum(c["outcome"] == k for c in mine) for k in result["counts"]}
        rows.append(
            f"| `{file}` | {count['passed']} | {count['failed']} | {count['error']}"
            f" | {count['skipped']} | {sum(c['seconds'] for c in mine):.1f} |"
        )
    return shown([*PYTEST, *files]), result, rows


def broken_servers_run(args: argparse.Namespace) -> tuple[str, dict, list[str]]:
    command, result, rows = tests_run("broken-servers")
    rows += [
        "",
        "The 50 MB response (peak RSS growth during the call, from `VmHWM`; kept after it):",
        "",
    ]
    rows += memory_rows()
    return command, result, rows


def memory_rows() -> list[str]:
    """test_broken_servers.py's 50 MB probe, each library in a process of its own."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "reliability")]
    import test_broken_servers as probe
    from support.scripted_server import ScriptedServer

    rows = [
        "| response | library | peak growth | kept after the call |",
        "|---|---|---:|---:|",
    ]
    what = {"enable": "50 MB the parser skips", "list": "50 MB that become a str in the result"}
    server = ScriptedServer().start()
    try:
        for op in ("enable", "list"):
            for lib, label in (("boto3", "boto3"), ("sync", "fastiam"), ("async", "fastiam.aio")):
                figures = probe.probe_memory(server, lib, op)
                rows.append(
                    f"| {what[op]} | {label} | {figures['peak_growth_mb']:.0f} MB"
                    f" | {figures['retained_mb']:.1f} MB |"
                )
    finally:
        server.stop()
    return rows


def process_faults_run(args: argparse.Namespace) -> tuple[str, dict, list[str]]:
    return tests_run("process-faults")


def security_run(args: argparse.Namespace) -> tuple[str, dict, list[str]]:
    return tests_run("security")


RUNNERS = {
    "load": load_run,
    "soak": soak_run,
    "fuzz": fuzz_run,
    "broken-servers": broken_servers_run,
    "process-faults": process_faults_run,
    "security": security_run,
}


# ---------------------------------------------------------------------------
# The file


def commit() -> str:
    def git(*argv: str) -> str:
        done = subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "src", "python")
    return head + (" (with uncommitted changes to src/ or python/)" if changed else "")


def versions(*names: str) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} not installed")
    return ", ".join(found)


def failures(cases: list[dict]) -> list[str]:
    """Each failed test and the end of its report (the falsifying example, for hypothesis)."""
    lines: list[str] = []
    for case in cases:
        if case["outcome"] in ("failed", "error"):
            report = case["detail"].strip().splitlines()[-FAILURE_LINES:]
            lines += ["", f"{case['outcome']}: `{case['file']}::{case['name']}`", "", "```text"]
            lines += [*report, "```"]
    return ["", "### Failures", *lines] if lines else []


def write(name: str, args: argparse.Namespace) -> int:
    title = RUNS[name][0]
    before, snapshot = os.getloadavg(), cpu_snapshot()
    started = datetime.datetime.now(datetime.timezone.utc)
    command, result, rows = RUNNERS[name](args)
    others, after = other_cores(snapshot), os.getloadavg()
    load = "{:.2f} {:.2f} {:.2f}".format
    outcome = result["summary"]
    if "counts" in result:
        counts = result["counts"]
        outcome = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or outcome
    libraries = versions("fastiam", "boto3", "botocore", "moto", "hypothesis")
    cores = f"{os.cpu_count()} cores"
    file_name = f"{name}-random" if name == "fuzz" and args.examples else name
    lines = [
        f"<!-- Written by `python bench/reliability.py {name}"
        + (f" --examples {args.examples}" if name == "fuzz" and args.examples else "")
        + (f" --calls {args.calls}" if name == "soak" and args.calls != SOAK_CALLS else "")
        + "`; do not edit. -->",
        f"**{title}**: `{command}`",
        "",
        f"- date: {started:%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu_model()}, {os.cpu_count()} cores; {platform.platform()}",
        f"- Python {platform.python_version()}; fastiam at commit {commit()}; {libraries}",
        f"- load average (1/5/15 min) before / after: {load(*before)} / {load(*after)}",
        f"- CPU used by other processes during the run: {others:.2f} of {cores} on average",
        f"- wall time: {result['seconds']:.0f} s",
        f"- outcome: {outcome} (exit status {result['status']})",
        "",
        *rows,
        *failures(result.get("cases", [])),
    ]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{file_name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {outcome}")
    if result["status"] != 0 and result.get("stderr"):
        print(result["stderr"][-2000:], file=sys.stderr)
    return result["status"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", choices=[*RUNS, "all"])
    parser.add_argument("--calls", type=int, default=SOAK_CALLS, help="soak: calls to make")
    parser.add_argument(
        "--examples", type=int, default=0, help="fuzz: about this many, from a random seed"
    )
    parser.add_argument("--seed", type=int, help="fuzz --examples: replay this seed")
    parser.add_argument("--out", default=str(RESULTS), help="where to write <name>.md")
    args = parser.parse_args()
    names = list(RUNS) if args.run == "all" else [args.run]
    if args.run == "all":
        args.examples = 0
    return max(write(name, args) for name in names)


if __name__ == "__main__":
    sys.exit(main())
