"""Soak: many calls in one process, sync and async mixed; do memory or the
open file descriptors grow?

    python bench/soak.py --calls 200000     # the documented soak (about 80 s here)
    python bench/soak.py --calls 20000      # what tests/concurrency/test_soak.py runs in CI

The calls go to the counting fake IAM (tests/support/counting_server.py) in a
process of its own, so its memory is not in the figures. Work comes in rounds of
1,000 calls, each round the same mix:

- 200 sync calls from 4 threads and, meanwhile, 300 from the main thread, all
  on one shared client: successes, NoSuchEntity errors, ListMFADevices results
  (dates, nested lists), one call answered 503 then retried, and a few
  parameter validation errors (nothing sent);
- 498 async calls in flight at once on one shared async client, in a new event
  loop each round (``asyncio.run``), with the same mix (the threads may still
  be at work);
- a new sync client and a new async client, one call each (client churn).

Every result is checked: its RequestId must be the one the server made for that
very request, each error the expected class. After each round the resident set
(/proc/self/statm) and the open descriptors (/proc/self/fd) are sampled. The
first ``--warmup`` calls (default 10%, at least 5,000) fill pools, caches and
allocator arenas; the figures that matter are the growth after them.

RSS growth is the highest sample after warm-up minus the highest during it:
the resident set swings by several MB from one sample to the next as the
allocator hands memory back and takes it again, and a leak raises the peaks.
Descriptor growth is the fewest open in the last quarter of the run minus the
most open during warm-up: a pooled connection opening or closing as a round
ends moves one sample by one or two, and a leak moves them all. Exit status 0
when every call gave its expected outcome and the growth stays within
``--max-rss-growth-mb`` (10) and ``--max-fd-growth`` (10: clients share one
connection pool, which may settle a few connections above its warm-up peak;
a leak grows with every round).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import fastiam
import fastiam.aio
from support.counting_server import CountingServer, request_id

ROUND = 1_000
SYNC_MAIN = 300
THREADS = 4
SYNC_PER_THREAD = 50
ASYNC_CALLS = ROUND - SYNC_MAIN - THREADS * SYNC_PER_THREAD - 2  # 2: the new clients
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024

CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDSOAK",
    "aws_secret_access_key": "soak-secret",
}


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


# ---------------------------------------------------------------------------
# One call and its check


def plan(n: int) -> tuple[str, str]:
    """(operation, id) of the n-th call; the id's prefix picks the server's answer."""
    kind = n % 50
    if kind == 0:
        return "invalid", f"v{n}"  # ParamValidationError, nothing sent
    if kind in (1, 2, 3, 4, 5):
        return "enable_mfa_device", f"err-{n}"  # NoSuchEntityException
    if kind in (6, 7, 8, 9, 10, 11, 12, 13, 14, 15):
        return "list_mfa_devices", f"l{n}"
    if n % ROUND == 17:
        return "enable_mfa_device", f"busy-{n}"  # 503, retried once
    return "enable_mfa_device", f"e{n}"


def arguments(operation: str, ident: str) -> tuple[str, dict]:
    if operation == "list_mfa_devices":
        return operation, {"UserName": ident}
    call = {
        "UserName": ident,
        "SerialNumber": f"arn:aws:iam::123456789012:mfa/{ident}",
        "AuthenticationCode1": "123456",
        "AuthenticationCode2": "654321",
    }
    if operation == "invalid":
        del call["AuthenticationCode2"]
        return "enable_mfa_device", call
    return operation, call


def problem(operation: str, ident: str, result: object) -> str | None:
    """None if ``result`` (a dict or an exception) is what this call should give."""
    if operation == "invalid":
        ok = isinstance(result, fastiam.exceptions.ParamValidationError)
        return None if ok else f"{ident}: expected ParamValidationError, got {result!r}"
    if ident.startswith("err-"):
        if not isinstance(result, fastiam.exceptions.NoSuchEntityException):
            return f"{ident}: expected NoSuchEntityException, got {result!r}"
        rid = result.response["ResponseMetadata"]["RequestId"]
        return None if rid == request_id(ident, 1) else f"{ident}: RequestId {rid}"
    if isinstance(result, BaseException):
        return f"{ident}: {type(result).__name__}: {result}"
    seen = 2 if ident.startswith("busy-") else 1
    rid = result["ResponseMetadata"]["RequestId"]
    if rid != request_id(ident, seen) or result["ResponseMetadata"]["RetryAttempts"] != seen - 1:
        return f"{ident}: RequestId {rid}, RetryAttempts {result['ResponseMetadata']}"
    if operation == "list_mfa_devices":
        devices = result["MFADevices"]
        if [d["UserName"] for d in devices] != [ident] or devices[0]["EnableDate"].year != 2024:
            return f"{ident}: MFADevices {devices!r}"
    return None


def sync_call(client, n: int) -> str | None:
    operation, ident = plan(n)
    method, call = arguments(operation, ident)
    try:
        result: object = getattr(client, method)(**call)
    except Exception as error:  # noqa: BLE001 - the error is the outcome
        result = error
    return problem(operation, ident, result)


async def async_call(client, n: int) -> str | None:
    operation, ident = plan(n)
    method, call = arguments(operation, ident)
    try:
        result: object = await getattr(client, method)(**call)
    except Exception as error:  # noqa: BLE001 - the error is the outcome
        result = error
    return problem(operation, ident, result)


# ---------------------------------------------------------------------------
# The soak


@dataclass
class Sample:
    calls: int
    seconds: float
    rss: int
    fds: int


@dataclass
class Figures:
    calls: int
    warmup_calls: int
    seconds: float
    calls_per_second: float
    rss_start_mb: float  # after imports, server and clients, before any call
    rss_after_warmup_mb: float
    rss_end_mb: float
    rss_max_after_warmup_mb: float
    rss_growth_after_warmup_mb: float  # the highest after warm-up minus the highest in it
    fds_start: int
    fds_after_warmup: int
    fds_end: int
    fds_max_after_warmup: int
    fd_growth_after_warmup: int  # the fewest in the last quarter minus the most in warm-up
    problems: list[str] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.calls:,} calls in {self.seconds:.1f} s: {self.calls_per_second:,.0f} calls/s\n"
            f"RSS   start {self.rss_start_mb:.1f} MB, after warm-up ({self.warmup_calls:,} calls)"
            f" {self.rss_after_warmup_mb:.1f} MB, end {self.rss_end_mb:.1f} MB,"
            f" max after warm-up {self.rss_max_after_warmup_mb:.1f} MB"
            f" -> growth after warm-up {self.rss_growth_after_warmup_mb:+.2f} MB"
            " (highest after warm-up minus highest during it)\n"
            f"fds   start {self.fds_start}, after warm-up {self.fds_after_warmup},"
            f" end {self.fds_end}, max after warm-up {self.fds_max_after_warmup}"
            f" -> growth after warm-up {self.fd_growth_after_warmup:+d}"
            " (fewest in the last quarter minus most during warm-up)\n"
            f"unexpected outcomes: {len(self.problems)}"
        )


def soak(url: str, calls: int, warmup: int | None = None, progress=None) -> Figures:
    """Runs ``calls`` calls (rounded up to whole rounds of 1,000) against ``url``."""
    rounds = max(1, -(-calls // ROUND))
    calls = rounds * ROUND
    if warmup is None:
        warmup = max(5_000, calls // 10)
    warmup_rounds = min(rounds - 1, max(1, -(-warmup // ROUND)))
    sync_client = fastiam.client("iam", endpoint_url=url, **CREDENTIALS)
    async_client = fastiam.aio.client("iam", endpoint_url=url, **CREDENTIALS)
    problems: list[str] = []
    samples: list[Sample] = []

    def note(found) -> None:
        problems.extend(p for p in found if p is not None)

    def thread_batch(first: int) -> list[str | None]:
        return [sync_call(sync_client, first + i) for i in range(SYNC_PER_THREAD)]

    async def async_batch(first: int) -> list[str | None]:
        return await asyncio.gather(
            *(async_call(async_client, first + i) for i in range(ASYNC_CALLS))
        )

    async def churn_async(n: int) -> str | None:
        return await async_call(fastiam.aio.client("iam", endpoint_url=url, **CREDENTIALS), n)

    with ThreadPoolExecutor(THREADS, thread_name_prefix="soak") as pool:
        started = time.perf_counter()
        start = Sample(0, 0.0, rss_bytes(), open_fds())
        n = 0
        for _ in range(rounds):
            # The threads' calls run while the main thread makes its own and
            # then runs the round's event loop: all three share the runtime.
            batches = [pool.submit(thread_batch, n + t * SYNC_PER_THREAD) for t in range(THREADS)]
            n += THREADS * SYNC_PER_THREAD
            note(sync_call(sync_client, n + i) for i in range(SYNC_MAIN))
            n += SYNC_MAIN
            note(asyncio.run(async_batch(n)))
            n += ASYNC_CALLS
            note(p for batch in batches for p in batch.result())
            note([sync_call(fastiam.client("iam", endpoint_url=url, **CREDENTIALS), n)])
            note([asyncio.run(churn_async(n + 1))])
            n += 2
            samples.append(Sample(n, time.perf_counter() - started, rss_bytes(), open_fds()))
            if progress is not None:
                progress(samples[-1])
        elapsed = time.perf_counter() - started

    at_warmup = samples[warmup_rounds - 1]
    after = samples[warmup_rounds:]
    rss_max = max(s.rss for s in after)
    fds_max = max(s.fds for s in after)
    # The resident set swings by several MB from one sample to the next as the
    # allocator hands memory back and takes it again; a leak raises its peaks.
    # So: the highest sample after warm-up against the highest during it.
    rss_growth = rss_max - max(s.rss for s in samples[:warmup_rounds])
    # A connection opening or closing as a round ends moves the count by one or
    # two for a sample; a leak moves it for good. So: the fewest descriptors in
    # the last quarter of the run against the most during warm-up.
    last_quarter = after[-max(1, len(after) // 4) :]
    fd_growth = min(s.fds for s in last_quarter) - max(s.fds for s in samples[:warmup_rounds])
    return Figures(
        calls=n,
        warmup_calls=at_warmup.calls,
        seconds=elapsed,
        calls_per_second=n / elapsed,
        rss_start_mb=start.rss / MB,
        rss_after_warmup_mb=at_warmup.rss / MB,
        rss_end_mb=samples[-1].rss / MB,
        rss_max_after_warmup_mb=rss_max / MB,
        rss_growth_after_warmup_mb=rss_growth / MB,
        fds_start=start.fds,
        fds_after_warmup=at_warmup.fds,
        fds_end=samples[-1].fds,
        fds_max_after_warmup=fds_max,
        fd_growth_after_warmup=fd_growth,
        problems=problems,
        samples=samples,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--warmup", type=int, default=None, help="default: 10%%, at least 5,000")
    parser.add_argument("--url", help="an IAM endpoint like tests/support/counting_server.py")
    parser.add_argument("--max-rss-growth-mb", type=float, default=10.0)
    parser.add_argument("--max-fd-growth", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()

    def progress(sample: Sample) -> None:
        if sample.calls % 20_000 == 0:
            print(
                f"  {sample.calls:>9,} calls  {sample.seconds:6.1f} s  "
                f"RSS {sample.rss / MB:6.1f} MB  fds {sample.fds}",
                flush=True,
            )

    server = None if args.url else CountingServer().start()
    try:
        figures = soak(args.url or server.url, args.calls, args.warmup, progress)
    finally:
        if server is not None:
            server.stop()
    print(figures.summary())
    for shown in figures.problems[:10]:
        print("  ", shown)
    if args.json:
        shown = asdict(figures)
        shown["samples"] = len(figures.samples)
        print(json.dumps(shown))
    within = (
        not figures.problems
        and figures.rss_growth_after_warmup_mb < args.max_rss_growth_mb
        and figures.fd_growth_after_warmup <= args.max_fd_growth
    )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
