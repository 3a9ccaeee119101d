"""What only the async client has: concurrency on one loop, cancellation,
several event loops, fork, and the async context manager.

Parity with boto3 for every call outcome is covered by the whole suite: the
``parity`` fixture runs each case through the sync and the async client.
"""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import fastiam
import fastiam.aio
import pytest
from conftest import CALL, KEY_ID, REGION, SECRET
from scripted_server import ScriptedServer, error_reply, success_reply


def aio_client(server: ScriptedServer | str, **config) -> fastiam.aio.AsyncIAM:
    return fastiam.aio.client(
        "iam",
        endpoint_url=server if isinstance(server, str) else server.url,
        region_name=REGION,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        config=fastiam.Config(**config),
    )


def test_context_manager_and_plain_use_give_the_same_result(server):
    async def main():
        async with aio_client(server) as iam:
            managed = await iam.enable_mfa_device(**CALL)
        plain = await aio_client(server).enable_mfa_device(**CALL)
        return managed, plain

    managed, plain = asyncio.run(main())
    assert managed == plain
    assert managed["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert len(server.requests) == 2


def test_exceptions_are_the_sync_clients_classes(server):
    async_iam = aio_client(server)
    sync_iam = fastiam.client("iam", endpoint_url=server.url, region_name=REGION)
    assert async_iam.exceptions.NoSuchEntityException is sync_iam.exceptions.NoSuchEntityException
    assert async_iam.exceptions.ClientError is fastiam.exceptions.ClientError

    server.script(error_reply("NoSuchEntity", "gone", 404))

    async def main():
        with pytest.raises(fastiam.exceptions.NoSuchEntityException) as caught:
            await async_iam.enable_mfa_device(**CALL)
        return caught.value

    error = asyncio.run(main())
    assert error.response["Error"]["Code"] == "NoSuchEntity"


def test_bad_input_raises_when_awaited_without_sending(server):
    iam = aio_client(server)

    async def main():
        awaitable = iam.enable_mfa_device(UserName=1)  # nothing raised yet
        with pytest.raises(fastiam.exceptions.ParamValidationError):
            await awaitable
        with pytest.raises(TypeError, match=r"only accepts keyword arguments\.$"):
            await iam.enable_mfa_device("alice")

    asyncio.run(main())
    assert server.requests == []


@pytest.fixture
def server_process():
    """The scripted server in its own process (so that its threads do not
    compete for this process's GIL): (url, finish() -> requests it received)."""
    script = Path(__file__).with_name("scripted_server.py")
    process = subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    url = process.stdout.readline().strip()

    def finish() -> int:
        process.stdin.close()
        count = int(process.stdout.readline())
        process.wait(timeout=10)
        return count

    yield url, finish
    if process.poll() is None:
        process.kill()
        process.wait()


def test_thousand_concurrent_calls_while_the_loop_keeps_ticking(server_process):
    url, finish = server_process
    iam = aio_client(url)
    gaps: list[float] = []

    async def heartbeat(stop: asyncio.Event):
        last = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    async def main():
        stop = asyncio.Event()
        calls = [asyncio.create_task(iam.enable_mfa_device(**CALL)) for _ in range(1000)]
        # Starting 1,000 tasks runs their first steps in one loop iteration (any
        # asyncio library pays that, ~40-60 us a call here); the heartbeat measures
        # the time they are in flight, when results come back to the loop.
        await asyncio.sleep(0)
        beat = asyncio.create_task(heartbeat(stop))
        results = await asyncio.gather(*calls, return_exceptions=True)
        stop.set()
        await beat
        return results

    results = asyncio.run(main())
    failures = [r for r in results if not isinstance(r, dict)]
    assert failures == []
    assert finish() == 1000
    assert max(gaps) < 0.050, f"event loop stalled for {max(gaps) * 1000:.1f} ms"


def test_cancelled_call_closes_its_connection(server):
    server.script(dataclasses.replace(success_reply(), delay=10))
    iam = aio_client(server)

    async def main():
        started = time.monotonic()
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(iam.enable_mfa_device(**CALL), 0.2)
        return time.monotonic() - started

    elapsed = asyncio.run(main())
    assert elapsed < 0.5
    assert server.wait_for_requests(1, timeout=2)
    assert server.requests[0].client_closed.wait(2), "the request's connection is still open"


def test_works_across_event_loops(server):
    iam = aio_client(server)

    async def call():
        return (await iam.enable_mfa_device(**CALL))["ResponseMetadata"]["HTTPStatusCode"]

    assert [asyncio.run(call()) for _ in range(3)] == [200, 200, 200]


FORK_SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys
    sys.path.insert(0, {tests!r})
    import fastiam, fastiam.aio
    from scripted_server import ScriptedServer

    server = ScriptedServer().start()
    iam = fastiam.aio.client("iam", endpoint_url=server.url, region_name="us-east-1",
                             aws_access_key_id="AKID", aws_secret_access_key="secret")
    call = dict(UserName="alice", SerialNumber="arn:aws:iam::123456789012:mfa/alice",
                AuthenticationCode1="123456", AuthenticationCode2="654321")

    async def status():
        return (await iam.enable_mfa_device(**call))["ResponseMetadata"]["HTTPStatusCode"]

    assert asyncio.run(status()) == 200
    pid = os.fork()
    if pid == 0:
        os._exit(0 if asyncio.run(status()) == 200 else 1)
    _, code = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(code) == 0, code
    assert asyncio.run(status()) == 200
    server.stop()
    print("ok")
    """
)


def test_async_call_in_forked_child():
    out = subprocess.run(
        [sys.executable, "-c", FORK_SCRIPT.format(tests=str(Path(__file__).parent))],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
