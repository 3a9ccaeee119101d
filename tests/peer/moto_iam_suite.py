"""Runs moto's own published IAM test suite (tests/test_iam of the moto release
installed here) twice: as published, with boto3 clients, and with every
``boto3.client("iam", ...)`` answered by a fastiam client (swap_iam.py), both
under moto's ``mock_aws``. Fails when a test that passes with boto3 fails
with fastiam, unless it is one of KNOWN_DIFFERENCES (each listed in README.md
with its reason).

The suite's files come from moto's sdist (the wheel has no tests), fetched
with pip from the package index at run time and kept in ``--cache``.

    python tests/peer/moto_iam_suite.py [--cache DIR] [--client both|fastiam|boto3]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE.parent.parent / ".peer-cache"
# Files of moto's tests/ the IAM suite imports (its package, fixtures, markers).
SUITE_FILES = ("tests/__init__.py", "tests/conftest.py", "tests/markers.py", "LICENSE")
SUITE_DIR = "tests/test_iam/"

# Tests that pass with boto3 and not with fastiam, each with its reason; the
# README lists the same. None today.
KNOWN_DIFFERENCES: dict[str, str] = {}


def sdist(moto_version: str, cache: Path) -> Path:
    """moto's sdist for ``moto_version``, downloaded into ``cache`` once."""
    found = sorted(cache.glob(f"moto-{moto_version}.tar.gz"))
    if found:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
        + [f"moto=={moto_version}", "--dest", str(cache)],
        check=True,
    )
    return cache / f"moto-{moto_version}.tar.gz"


def extract_suite(archive: Path, into: Path) -> Path:
    """tests/test_iam and the files it imports, as ``into/tests/...``."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            relative = member.name.split("/", 1)[1] if "/" in member.name else ""
            if member.isfile() and (relative in SUITE_FILES or relative.startswith(SUITE_DIR)):
                member.name = relative
                tar.extract(member, into)
    return into / SUITE_DIR


def run(suite: Path, client: str, report: Path) -> dict[str, str]:
    """Runs the suite with ``client``'s IAM clients; test id -> outcome."""
    command = [sys.executable, "-m", "pytest", str(suite), "-q", "-p", "no:cacheprovider"]
    command += ["-p", "no:fastiam", f"--junitxml={report}", "--rootdir", str(suite.parent.parent)]
    if client == "fastiam":
        command += ["-p", "swap_iam"]
    env_path = f"{suite.parent.parent}:{HERE}"
    completed = subprocess.run(
        command,
        check=False,
        cwd=suite.parent.parent,
        env={**_environment(), "PYTHONPATH": env_path},
        capture_output=True,
        text=True,
    )
    print(f"-- {client}: {completed.stdout.strip().splitlines()[-1:]}")
    if completed.returncode not in (0, 1):  # 1: some tests failed; more: it did not run
        print(completed.stdout[-4000:], completed.stderr[-4000:])
    if client == "fastiam" and not re.search(
        r"swap_iam: [1-9]\d* fastiam IAM clients", completed.stdout
    ):
        sys.exit("the fastiam run made no fastiam clients: the swap did not happen")
    if not report.exists():
        sys.exit(
            f"pytest did not run the suite with {client}:\n{completed.stdout}\n{completed.stderr}"
        )
    return outcomes(report)


def _environment() -> dict[str, str]:
    import os

    # moto's suite runs in its own mock: no real credentials or endpoints.
    kept = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    kept.update(AWS_ACCESS_KEY_ID="FOOBARKEY", AWS_SECRET_ACCESS_KEY="FOOBARSECRET")
    kept.update(AWS_DEFAULT_REGION="us-east-1", MOTO_TEST_ALLOW_AWS_REQUEST="false")
    return kept


def outcomes(report: Path) -> dict[str, str]:
    results = {}
    for case in ElementTree.parse(report).iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            results[name] = "failed"
        elif case.find("skipped") is not None:
            results[name] = "skipped"
        else:
            results[name] = "passed"
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--client", choices=("both", "fastiam", "boto3"), default="both")
    arguments = parser.parse_args()
    moto_version = version("moto")
    archive = sdist(moto_version, arguments.cache)
    clients = ["boto3", "fastiam"] if arguments.client == "both" else [arguments.client]
    with tempfile.TemporaryDirectory(prefix="moto-iam-suite-") as work:
        suite = extract_suite(archive, Path(work))
        results = {c: run(suite, c, Path(work) / f"{c}.xml") for c in clients}
    for client, result in results.items():
        counts = {
            o: sum(1 for v in result.values() if v == o) for o in ("passed", "failed", "skipped")
        }
        print(f"moto {moto_version} tests/test_iam with {client}: {counts}")
    if not any(outcome == "passed" for result in results.values() for outcome in result.values()):
        print("the suite did not run: see pytest's report above")
        return 1
    if arguments.client != "both":
        return 0 if "failed" not in results[arguments.client].values() else 1
    lost = sorted(
        name
        for name, outcome in results["boto3"].items()
        if outcome == "passed" and results["fastiam"].get(name) != "passed"
    )
    unexplained = [name for name in lost if name not in KNOWN_DIFFERENCES]
    for name in lost:
        print(
            f"passes with boto3, not with fastiam: {name} ({KNOWN_DIFFERENCES.get(name, 'UNEXPLAINED')})"
        )
    stale = sorted(set(KNOWN_DIFFERENCES) - set(lost))
    for name in stale:
        print(f"listed as a difference but passes with fastiam: {name}")
    return 1 if unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
