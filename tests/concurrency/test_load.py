"""Load: one client shared by 64 threads, and 10,000 async calls in flight
through one client, with nothing lost, duplicated or mixed up.

Every call carries its own id (its UserName); the counting server
(tests/support/counting_server.py, in a process of its own) records how often it saw
each id and answers with a RequestId made from it. A call passes only if it
returned exactly once, with the RequestId of its own request, and the server
saw every id exactly as often as the call's outcome says it should (once, or
twice for a call whose first attempt was answered 503 and retried).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import fastiam
import fastiam.aio
import pytest
from conftest import KEY_ID, REGION, SECRET
from support.counting_server import CountingServer, request_id

THREADS = 64
CALLS_PER_THREAD = 50
ASYNC_CALLS = 10_000


def make_client(create, url: str, **config):
    return create(
        "iam",
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        config=fastiam.Config(**config),
    )


def call_kwargs(ident: str) -> dict:
    return {
        "UserName": ident,
        "SerialNumber": f"arn:aws:iam::123456789012:mfa/{ident}",
        "AuthenticationCode1": "123456",
        "AuthenticationCode2": "654321",
    }


def ident_for(prefix: str, n: int) -> str:
    """Most calls succeed at once; 1 in 64 is answered 503 first (and retried),
    1 in 64 fails with NoSuchEntity."""
    kind = "busy-" if n % 64 == 7 else "err-" if n % 64 == 13 else ""
    return f"{kind}{prefix}{n}"


def expected_seen(ident: str) -> int:
    return 2 if ident.startswith("busy-") else 1


def outcome_of(ident: str, result: object) -> tuple:
    """What a call's result or error says about the request it answers."""
    if isinstance(result, fastiam.exceptions.NoSuchEntityException):
        metadata = result.response["ResponseMetadata"]
        return ("NoSuchEntity", metadata["RequestId"], metadata["RetryAttempts"])
    if isinstance(result, BaseException):
        return (f"{type(result).__name__}: {result}",)
    metadata = result["ResponseMetadata"]
    return ("OK", metadata["RequestId"], metadata["RetryAttempts"])


def expected_outcome(ident: str) -> tuple:
    if ident.startswith("err-"):
        return ("NoSuchEntity", request_id(ident, 1), 0)
    seen = expected_seen(ident)
    return ("OK", request_id(ident, seen), seen - 1)


def assert_each_request_once(counting: CountingServer, idents: list[str], returned: Counter):
    assert len(set(idents)) == len(idents)
    assert {i: n for i, n in returned.items() if n != 1} == {}, "calls returned more than once"
    assert set(returned) == set(idents), "calls that never returned"
    stats = counting.stats(ids=True)
    expected = {ident: expected_seen(ident) for ident in idents}
    assert stats["requests"] == sum(expected.values())
    assert stats["ids"] == expected


def test_64_threads_share_one_client(counting):
    client = make_client(fastiam.client, counting.url)
    returned: Counter[str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker(thread: int) -> list[tuple[str, tuple]]:
        outcomes = []
        start.wait()  # all 64 threads hit the client at once
        for i in range(CALLS_PER_THREAD):
            ident = ident_for(f"t{thread}-", i + thread)
            try:
                result: object = client.enable_mfa_device(**call_kwargs(ident))
            except Exception as error:  # noqa: BLE001 - the error is the outcome
                result = error
            with lock:
                returned[ident] += 1
            outcomes.append((ident, outcome_of(ident, result)))
        return outcomes

    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = [o for batch in pool.map(worker, range(THREADS)) for o in batch]
    elapsed = time.perf_counter() - started

    idents = [ident for ident, _ in outcomes]
    assert len(outcomes) == THREADS * CALLS_PER_THREAD
    assert [o for i, o in outcomes if o != expected_outcome(i)] == []
    assert_each_request_once(counting, idents, returned)
    print(f"\n64 threads, one client: {len(outcomes) / elapsed:,.0f} calls/s")


@pytest.mark.parametrize("max_pool_connections", [10, 100])
def test_10000_async_calls_in_flight_through_one_client(counting, max_pool_connections):
    client = make_client(
        fastiam.aio.client, counting.url, max_pool_connections=max_pool_connections
    )
    idents = [ident_for("a", n) for n in range(ASYNC_CALLS)]
    returned: Counter[str] = Counter()
    in_flight = 0
    most_in_flight = 0

    async def one(ident: str) -> tuple:
        nonlocal in_flight, most_in_flight
        in_flight += 1
        most_in_flight = max(most_in_flight, in_flight)
        try:
            result: object = await client.enable_mfa_device(**call_kwargs(ident))
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            result = error
        finally:
            in_flight -= 1
        returned[ident] += 1
        return outcome_of(ident, result)

    async def main() -> list[tuple]:
        return await asyncio.gather(*(one(ident) for ident in idents))

    started = time.perf_counter()
    outcomes = asyncio.run(main())
    elapsed = time.perf_counter() - started

    assert most_in_flight == ASYNC_CALLS  # every call was awaiting at once
    assert len(outcomes) == ASYNC_CALLS
    assert [
        (ident, got) for ident, got in zip(idents, outcomes) if got != expected_outcome(ident)
    ] == []
    assert_each_request_once(counting, idents, returned)
    print(f"\n{ASYNC_CALLS:,} async calls in flight: {ASYNC_CALLS / elapsed:,.0f} calls/s")


def test_threads_and_event_loops_share_the_runtime(counting):
    """Sync calls from 16 threads while 4 threads each run their own event loop
    with 500 calls in flight: one runtime serves them all, nothing crosses over."""
    sync_client = make_client(fastiam.client, counting.url)
    async_client = make_client(fastiam.aio.client, counting.url)
    returned: Counter[str] = Counter()
    lock = threading.Lock()

    def record(ident: str, result: object) -> tuple:
        with lock:
            returned[ident] += 1
        return ident, outcome_of(ident, result)

    def sync_worker(thread: int) -> list[tuple]:
        outcomes = []
        for i in range(100):
            ident = ident_for(f"s{thread}-", i)
            try:
                result: object = sync_client.enable_mfa_device(**call_kwargs(ident))
            except Exception as error:  # noqa: BLE001
                result = error
            outcomes.append(record(ident, result))
        return outcomes

    def loop_worker(thread: int) -> list[tuple]:
        async def one(ident: str) -> tuple:
            try:
                result: object = await async_client.enable_mfa_device(**call_kwargs(ident))
            except Exception as error:  # noqa: BLE001
                result = error
            return record(ident, result)

        async def main() -> list[tuple]:
            return await asyncio.gather(*(one(ident_for(f"l{thread}-", i)) for i in range(500)))

        return asyncio.run(main())

    with ThreadPoolExecutor(20) as pool:
        batches = [pool.submit(sync_worker, t) for t in range(16)]
        batches += [pool.submit(loop_worker, t) for t in range(4)]
        outcomes = [o for batch in batches for o in batch.result(timeout=120)]

    assert len(outcomes) == 16 * 100 + 4 * 500
    assert [(i, o) for i, o in outcomes if o != expected_outcome(i)] == []
    assert_each_request_once(counting, [i for i, _ in outcomes], returned)


def test_calls_waiting_over_5_s_for_a_connection_still_succeed(counting):
    """More calls in flight than connections: the rest wait for one
    (``max_pool_connections``). 72 calls over 2 connections to a server that
    takes 0.2 s per answer queue for up to 7 s -- as 1,000 calls in flight
    through the default 10 connections would against IAM answering in 70 ms.
    Every call must succeed, however long it waited for its connection; none
    may fail without having been sent."""
    client = make_client(
        fastiam.aio.client,
        counting.url,
        max_pool_connections=2,
        retries={"total_max_attempts": 1},
    )
    idents = [f"slow200-q{n}" for n in range(72)]

    async def one(ident: str) -> tuple:
        try:
            result: object = await client.enable_mfa_device(**call_kwargs(ident))
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            result = error
        return outcome_of(ident, result)

    async def main() -> list[tuple]:
        return await asyncio.gather(*(one(ident) for ident in idents))

    outcomes = asyncio.run(main())

    failed = [(i, o) for i, o in zip(idents, outcomes) if o != expected_outcome(i)]
    assert failed == [], f"{len(failed)} of {len(idents)} calls failed"
    assert counting.stats()["requests"] == len(idents)


# The two slow calls' answers come HOLD_MS after the server received them.
HOLD_MS = 3000


def test_max_pool_connections_is_per_client(counting):
    """``Config(max_pool_connections=2)`` caps each client's calls in flight:
    one client's two slow calls do not make another client's call wait."""
    config = {"max_pool_connections": 2}
    busy = make_client(fastiam.client, counting.url, **config)
    other = make_client(fastiam.client, counting.url, **config)
    slow_ids = [f"slow{HOLD_MS}-p{i}" for i in (0, 1)]
    with ThreadPoolExecutor(2) as pool:
        sent = time.monotonic()
        slow = [pool.submit(busy.enable_mfa_device, **call_kwargs(i)) for i in slow_ids]
        deadline = sent + 60
        while not all(counting.stats(ids=True)["ids"].get(i) for i in slow_ids):
            assert time.monotonic() < deadline, "the slow calls never reached the server"
            time.sleep(0.01)  # until both slow calls hold a connection
        started = time.monotonic()
        result = other.enable_mfa_device(**call_kwargs("quick"))
        ended = time.monotonic()
        assert [f.result(timeout=60)["ResponseMetadata"]["RequestId"] for f in slow] == [
            request_id(i, 1) for i in slow_ids
        ]

    assert result["ResponseMetadata"]["RequestId"] == request_id("quick", 1)
    # Exact, with no margin for the machine's speed: the server received the
    # slow calls after ``sent`` and answers them HOLD_MS later, never earlier,
    # so a call that waited for one of their connections (a pool shared
    # between the clients) would end after ``sent`` + HOLD_MS. A loaded machine
    # only has to make the quick call, and see the slow ones arrive, within
    # those 3 s (tens of milliseconds idle).
    assert ended - sent < HOLD_MS / 1000, (
        f"the other client's call waited {ended - started:.2f} s for a connection"
    )


def test_calls_run_as_tasks(counting):
    """A call can be handed to ``asyncio.create_task`` (as an aiobotocore call,
    a coroutine, can): 1,000 tasks, each with its own answer."""
    client = make_client(fastiam.aio.client, counting.url)
    idents = [f"task{n}" for n in range(1000)]

    async def main() -> list:
        tasks = [asyncio.create_task(client.enable_mfa_device(**call_kwargs(i))) for i in idents]
        return await asyncio.gather(*tasks)

    results = asyncio.run(main())

    assert [r["ResponseMetadata"]["RequestId"] for r in results] == [
        request_id(i, 1) for i in idents
    ]


def test_calls_handed_to_a_loop_in_another_thread(counting):
    """A sync program with an event loop running in a background thread hands
    calls to it with ``asyncio.run_coroutine_threadsafe`` (which takes a
    coroutine, as an aiobotocore call is): 16 threads, 50 calls each."""
    client = make_client(fastiam.aio.client, counting.url)
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()

    def worker(thread: int) -> list[str]:
        futures = [
            asyncio.run_coroutine_threadsafe(
                client.enable_mfa_device(**call_kwargs(f"bg{thread}-{i}")), loop
            )
            for i in range(50)
        ]
        return [f.result(timeout=30)["ResponseMetadata"]["RequestId"] for f in futures]

    try:
        with ThreadPoolExecutor(16) as pool:
            got = list(pool.map(worker, range(16)))
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(10)
        loop.close()

    assert got == [[request_id(f"bg{t}-{i}", 1) for i in range(50)] for t in range(16)]
