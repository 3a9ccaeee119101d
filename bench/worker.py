"""One measurement of one library in this fresh process; prints one JSON line.

    python bench/worker.py import     LIB
    python bench/worker.py client     LIB --url URL [--runs 20]
    python bench/worker.py sequential LIB --url URL [--seconds 3] [--warmup 0.5]
    python bench/worker.py threads    LIB --url URL --levels 1,2,4,8 [--seconds 2] [--warmup 0.5]
    python bench/worker.py inflight   LIB --url URL --levels 256 [--seconds 2] [--warmup 0.5]
    python bench/worker.py rss        LIB --url URL [--calls 1000]
    python bench/worker.py large      LIB --url URL/large/list-users [--seconds 3] [--warmup 0.5]

LIB is fastiam or boto3 (inflight: fastiam or aiobotocore). threads and inflight
measure each level with a new client and print {"levels": {level: result}}; the
full bench gives one level per process, the smoke bench all of them. Only the standard
library is used besides the measured library, so this file also runs in
aiobotocore's own venv (bench/run.py puts it there), where fastiam is absent.
"""

# Only built-in modules before `import LIB` is timed: anything imported first
# that LIB also needs (re, json, logging, ...) would be left out of its time.
import sys
import time

MODULES = {"fastiam": "fastiam", "boto3": "boto3", "aiobotocore": "aiobotocore.session"}
# The same region, dummy keys and call for every library; the URL is the canned nginx.
CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}


def measure_import(lib: str) -> dict:
    started = time.perf_counter()
    __import__(MODULES[lib])
    return {"import_ms": (time.perf_counter() - started) * 1e3}


def sync_client(lib: str, url: str):
    module = __import__(lib)  # fastiam and boto3 share the client(...) signature
    return module.client("iam", endpoint_url=url, **CREDENTIALS)


def async_client(lib: str, url: str, in_flight: int):
    """An async context manager yielding the client."""
    if lib == "fastiam":
        import fastiam.aio

        return fastiam.aio.client("iam", endpoint_url=url, **CREDENTIALS)
    from aiobotocore.config import AioConfig
    from aiobotocore.session import get_session

    # aiobotocore queues calls beyond max_pool_connections (default 10); a user
    # running this many calls at once would raise it, so it is raised here.
    config = AioConfig(max_pool_connections=max(in_flight, 10))
    return get_session().create_client("iam", endpoint_url=url, config=config, **CREDENTIALS)


def check(result: dict) -> None:
    # A wrong URL or a broken server must fail the bench, not look fast.
    status = result["ResponseMetadata"]["HTTPStatusCode"]
    if status != 200:
        raise RuntimeError(f"enable_mfa_device returned HTTP {status}")


def measure_client(lib: str, url: str, runs: int = 20) -> dict:
    module = __import__(lib)
    started = time.perf_counter()
    module.client("iam", endpoint_url=url, **CREDENTIALS)
    first = time.perf_counter() - started
    later, kept = [], []
    for _ in range(runs):
        started = time.perf_counter()
        client = module.client("iam", endpoint_url=url, **CREDENTIALS)
        later.append(time.perf_counter() - started)
        kept.append(client)  # kept alive so no timing includes another client's teardown
    return {"first_ms": first * 1e3, "later_ms": median(later) * 1e3}


def measure_sequential(lib: str, url: str, seconds: float = 3, warmup: float = 0.5) -> dict:
    client = sync_client(lib, url)
    check(client.enable_mfa_device(**CALL))
    if warmup > 0:  # connection open, caches and code paths warm
        run_threads(client, 1, warmup)
    call, clock = client.enable_mfa_device, time.perf_counter_ns
    latencies = []
    started = now = clock()
    deadline = started + int(seconds * 1e9)
    while now < deadline:
        before = clock()
        call(**CALL)
        now = clock()
        latencies.append(now - before)
    latencies.sort()
    return {
        "calls_per_s": len(latencies) / ((now - started) / 1e9),
        "p50_us": percentile(latencies, 50) / 1e3,
        "p99_us": percentile(latencies, 99) / 1e3,
        "calls": len(latencies),
    }


def run_threads(client, threads: int, seconds: float) -> tuple:
    """(calls, seconds) of `threads` threads calling in a loop for `seconds`."""
    import threading

    counts = [0] * threads
    go = threading.Event()
    window = {}

    def loop(index: int) -> None:
        go.wait()
        call, deadline, count = client.enable_mfa_device, window["deadline"], 0
        while True:  # at least one call each, however late the thread starts
            call(**CALL)
            count += 1
            if time.perf_counter() >= deadline:
                break
        counts[index] = count

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    started = time.perf_counter()
    window["deadline"] = started + seconds
    go.set()  # all threads start together, after they exist
    for worker in workers:
        worker.join()
    return sum(counts), time.perf_counter() - started


def threads_level(lib: str, url: str, level: int, seconds: float, warmup: float) -> dict:
    client = sync_client(lib, url)
    check(client.enable_mfa_device(**CALL))
    if warmup > 0:  # opens one pooled connection per thread
        run_threads(client, level, warmup)
    calls, elapsed = run_threads(client, level, seconds)
    return {"calls_per_s": calls / elapsed, "calls": calls}


async def run_inflight(client, in_flight: int, seconds: float) -> tuple:
    """(calls, seconds) with `in_flight` calls always pending: each task calls
    again as soon as its call returns, until the deadline."""
    import asyncio

    deadline = time.perf_counter() + seconds

    async def loop() -> int:
        # At least one call each, so all `in_flight` calls are really made even
        # when starting them all takes longer than a (smoke) window.
        count = 0
        while True:
            await client.enable_mfa_device(**CALL)
            count += 1
            if time.perf_counter() >= deadline:
                return count

    started = time.perf_counter()
    counts = await asyncio.gather(*(loop() for _ in range(in_flight)))
    return sum(counts), time.perf_counter() - started


async def inflight_level(lib: str, url: str, level: int, seconds: float, warmup: float) -> dict:
    async with async_client(lib, url, level) as client:
        check(await client.enable_mfa_device(**CALL))
        if warmup > 0:  # opens the connections
            await run_inflight(client, level, warmup)
        calls, elapsed = await run_inflight(client, level, seconds)
    return {"calls_per_s": calls / elapsed, "calls": calls}


def measure_threads(
    lib: str, url: str, levels: list, seconds: float = 2, warmup: float = 0.5
) -> dict:
    return {"levels": {n: threads_level(lib, url, n, seconds, warmup) for n in levels}}


def measure_inflight(
    lib: str, url: str, levels: list, seconds: float = 2, warmup: float = 0.5
) -> dict:
    import asyncio

    return {
        "levels": {n: asyncio.run(inflight_level(lib, url, n, seconds, warmup)) for n in levels}
    }


def measure_rss(lib: str, url: str, calls: int = 1000) -> dict:
    import resource

    client = sync_client(lib, url)
    for _ in range(calls):
        check(client.enable_mfa_device(**CALL))
    # Linux reports ru_maxrss in KiB.
    return {"peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_large(lib: str, url: str, seconds: float = 3, warmup: float = 0.5) -> dict:
    """Calls the operation a /large/<operation> URL of the canned nginx answers with a
    page of 1,000 items: calls/s, items per page, and the process's peak RSS."""
    import resource

    operation = url.rstrip("/").rsplit("/", 1)[-1].replace("-", "_")
    call = getattr(sync_client(lib, url), operation)
    items = sum(len(v) for v in call().values() if isinstance(v, list))
    deadline = time.perf_counter() + warmup
    while time.perf_counter() < deadline:
        call()
    calls, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        call()
        calls += 1
    return {
        "calls_per_s": calls / (time.perf_counter() - started),
        "items": items,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def median(values: list) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(ordered: list, pct: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def parse_options(args: list) -> dict:
    import argparse

    parser = argparse.ArgumentParser(prog="worker.py MEASURE LIB")
    parser.add_argument("--url")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--warmup", type=float)
    parser.add_argument("--levels", type=lambda text: [int(n) for n in text.split(",")])
    parser.add_argument("--calls", type=int)
    return {k: v for k, v in vars(parser.parse_args(args)).items() if v is not None}


MEASURES = {
    "client": measure_client,
    "sequential": measure_sequential,
    "threads": measure_threads,
    "inflight": measure_inflight,
    "rss": measure_rss,
    "large": measure_large,
}


def main() -> None:
    measure, lib = sys.argv[1], sys.argv[2]
    if measure == "import":
        result = measure_import(lib)  # first, before this file imports anything else
    else:
        result = MEASURES[measure](lib, **parse_options(sys.argv[3:]))
    import json

    print(json.dumps(result))


if __name__ == "__main__":
    main()
