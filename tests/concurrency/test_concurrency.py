"""One client shared by many threads, clients used across fork(), and Ctrl-C
during a call, with fastiam's sync client and its async client (the
``parity`` fixture). Process tests run in a subprocess with a timeout, so a
hang fails the test instead of blocking the suite."""

from __future__ import annotations

import json
import signal
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from support.scripted_server import Reply, error_reply, success_reply

THREADS = 16
CALLS_PER_THREAD = 50
# A child that has not finished after this long is hung, not slow: each one
# does a few seconds of work at most, even on a loaded machine.
HANG = 60.0

# argv: the server's URL, then "sync" or "async" (the parity fixture's mode).
CLIENT_SETUP = """
import asyncio, json, os, signal, sys, time
import fastiam
import fastiam.aio

URL, MODE = sys.argv[1], sys.argv[2]
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}

class AwaitEachCall:  # a fastiam.aio client called like a sync one (conftest.py's)
    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        method = getattr(self._client, name)
        return lambda **kwargs: asyncio.run(method(**kwargs))

def make_client(**config):
    create = fastiam.client if MODE == "sync" else fastiam.aio.client
    client = create(
        "iam", region_name="us-east-1", endpoint_url=URL, aws_access_key_id="AKID",
        aws_secret_access_key="secret", config=fastiam.Config(**config),
    )
    return client if MODE == "sync" else AwaitEachCall(client)

def ok(client):
    return client.enable_mfa_device(**CALL)["ResponseMetadata"]["HTTPStatusCode"] == 200
"""


def run_script(body: str, parity, timeout: float = HANG) -> subprocess.CompletedProcess:
    """``body`` after CLIENT_SETUP in a child, with the parity fixture's mode."""
    script = CLIENT_SETUP + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script, parity.server.url, parity.use_mode()],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_threads_share_one_client(parity):
    client = parity.fastiam_client(parity.server.url)

    def worker(_: int) -> list[int]:
        return [
            client.enable_mfa_device(**parity.call)["ResponseMetadata"]["HTTPStatusCode"]
            for _ in range(CALLS_PER_THREAD)
        ]

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = [s for batch in pool.map(worker, range(THREADS)) for s in batch]

    assert statuses == [200] * THREADS * CALLS_PER_THREAD
    assert len(parity.server.requests) == THREADS * CALLS_PER_THREAD


def test_threads_get_their_own_errors(parity):
    """Concurrent calls with different outcomes do not mix up their results."""
    client = parity.fastiam_client(parity.server.url)
    calls = [
        {**parity.call, "UserName": f"user{i}"} if i % 2 else {"UserName": f"user{i}"}
        for i in range(64)
    ]

    def worker(call: dict) -> str:
        try:
            client.enable_mfa_device(**call)
        except Exception as error:  # noqa: BLE001
            return type(error).__name__
        return "OK"

    with ThreadPoolExecutor(THREADS) as pool:
        kinds = list(pool.map(worker, calls))

    assert kinds == ["ParamValidationError" if i % 2 == 0 else "OK" for i in range(64)]
    assert len(parity.server.requests) == 32


def test_fork_child_can_call(parity):
    result = run_script(
        """
        client = make_client()
        assert ok(client)
        pid = os.fork()
        if pid == 0:
            try:
                code = 0 if ok(client) and ok(make_client()) else 1
            except BaseException:
                code = 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"child": os.waitstatus_to_exitcode(status), "parent": ok(client)}))
        """,
        parity,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"child": 0, "parent": True}
    assert len(parity.server.requests) == 4


def test_fork_before_first_call(parity):
    """A client created (but not used) before fork() works in the child."""
    result = run_script(
        """
        client = make_client()
        pid = os.fork()
        if pid == 0:
            try:
                os._exit(0 if ok(client) else 1)
            except BaseException:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"child": os.waitstatus_to_exitcode(status), "parent": ok(client)}))
        """,
        parity,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"child": 0, "parent": True}


def test_multiprocessing_fork_pool(parity):
    result = run_script(
        """
        import multiprocessing

        client = make_client()
        assert ok(client)

        def work(i):
            return client.enable_mfa_device(**CALL)["ResponseMetadata"]["HTTPStatusCode"]

        with multiprocessing.get_context("fork").Pool(2) as pool:
            print(json.dumps(pool.map(work, range(4))))
        """,
        parity,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [200, 200, 200, 200]
    assert len(parity.server.requests) == 5


# Ctrl-C. How fast a process reacts to SIGINT depends on the machine's load
# (the child must be scheduled, and on a loaded 2-core machine that can take
# tens of milliseconds), so each test measures it: one child alternates rounds
# in which the parent interrupts a plain ``time.sleep`` (the baseline: Python's
# own reaction) and rounds in which it interrupts a fastiam call, under the
# same load. The call's reaction must match the baseline's to within
# INTERRUPT_MARGIN, in the median over the rounds (one round that the
# scheduler delays cannot fail the test, a fastiam that reacts late in most
# of them does).
ROUNDS = 5
# fastiam's wait for a call wakes every 50 ms to run Python's signal handlers
# (SIGNAL_CHECK_INTERVAL, src/runtime/), where a sleep is cut short at once;
# 50 ms more for the wake-ups that follow it (a runtime thread, the GIL). A
# wait that missed signals would keep the call going for the server's 30 s
# stall (or the backoff): the report says "returned", or comes after seconds.
INTERRUPT_MARGIN = 0.1
SETTLE = 0.2  # time for the child to be blocked in the sleep or the call

INTERRUPTED = """
client = make_client(**json.loads(sys.argv[3]))
for kind in ("sleep", "call") * int(sys.argv[4]):
    try:
        sys.stdin.readline()  # the parent's go-ahead: it has counted the requests
        print("in", flush=True)  # a SIGINT from now on is caught below
        if kind == "sleep":
            time.sleep(30)
        else:
            client.enable_mfa_device(**CALL)
        report = {"outcome": "returned"}
    except KeyboardInterrupt:
        report = {"outcome": "interrupted", "at": time.monotonic()}
    except Exception as error:
        report = {"outcome": type(error).__name__}
    print(json.dumps(report), flush=True)
"""


def interrupt_rounds(parity, config: dict) -> dict[str, list[float]]:
    """Runs INTERRUPTED in a child and sends it SIGINT in each round once it
    is in the sleep, or its call has reached the server; returns the seconds
    from each signal to the KeyboardInterrupt, by kind of round."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CLIENT_SETUP + INTERRUPTED,
            parity.server.url,
            parity.use_mode(),
            json.dumps(config),
            str(ROUNDS),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(HANG, child.kill)  # a hung child ends the waits below
    watchdog.start()
    latencies: dict[str, list[float]] = {"sleep": [], "call": []}
    try:
        for kind in ("sleep", "call") * ROUNDS:
            arrived = len(parity.server.requests)
            child.stdin.write("go\n")
            child.stdin.flush()
            assert child.stdout.readline() == "in\n", kind
            if kind == "call":
                assert parity.server.wait_for_requests(arrived + 1, timeout=HANG), "no call"
            time.sleep(SETTLE)
            sent = time.monotonic()
            child.send_signal(signal.SIGINT)
            report = json.loads(child.stdout.readline() or "{}")
            assert report.get("outcome") == "interrupted", (kind, report)
            latencies[kind].append(report["at"] - sent)
        _, err = child.communicate()  # closes stdin: the child is done
        assert child.returncode == 0, err  # the interpreter exits normally afterwards
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    return latencies


def assert_prompt(latencies: dict[str, list[float]]) -> None:
    sleep, call = statistics.median(latencies["sleep"]), statistics.median(latencies["call"])
    assert call < sleep + INTERRUPT_MARGIN, latencies


def test_ctrl_c_interrupts_a_stalled_call(parity):
    stall = success_reply()
    stall.delay = 30.0
    parity.server.script(stall)

    latencies = interrupt_rounds(
        parity, {"read_timeout": 120, "retries": {"total_max_attempts": 1}}
    )

    assert_prompt(latencies)


def test_ctrl_c_interrupts_retry_backoff(parity):
    """Ctrl-C also cuts short a call that is between attempts (throttling
    backoff, up to 10 attempts: the call would last seconds)."""
    parity.server.script(error_reply("Throttling", "slow", 400))

    latencies = interrupt_rounds(parity, {"retries": {"total_max_attempts": 10}})

    assert_prompt(latencies)


# The interpreter's exit with a daemon thread stuck in a call, compared with its
# exit with a daemon thread stuck in time.sleep (the same child otherwise: it
# made a client and a call). fastiam's atexit hook waits, for at most 2 s
# (EXIT_GRACE, src/runtime/), only for threads running Python code under its
# frames, never for one waiting on a call; a process kept alive by the call
# would wait for the server's reply (10 minutes). EXIT_MARGIN is below that 2 s
# and far above what one process exit varies by on a loaded machine (tens of ms).
EXIT_MARGIN = 1.0

EXITING = """
import threading
client = make_client(read_timeout=600)
assert ok(client)

def stuck():
    if sys.argv[3] == "sleep":
        time.sleep(600)
    else:
        client.enable_mfa_device(**CALL)

threading.Thread(target=stuck, daemon=True).start()
sys.stdin.readline()  # the parent saw the call reach the server
print("exiting", flush=True)
"""


def exit_duration(parity, stuck: str) -> float:
    """Seconds from the child's last line to its exit (status 0)."""
    parity.server.reset()
    parity.server.script(success_reply(), Reply(delay=600.0))
    child = subprocess.Popen(
        [sys.executable, "-c", CLIENT_SETUP + EXITING, parity.server.url, parity.use_mode(), stuck],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(HANG, child.kill)
    watchdog.start()
    try:
        expected = 2 if stuck == "call" else 1
        assert parity.server.wait_for_requests(expected, timeout=HANG), "no call"
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline() == "exiting\n", child.stderr.read()
        printed = time.monotonic()
        _, err = child.communicate()
        exited = time.monotonic()
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert len(parity.server.requests) == expected
    return exited - printed


def test_interpreter_exits_promptly_with_a_stalled_call_in_a_thread(parity):
    """A daemon thread stuck in a call does not keep the process from exiting."""
    baseline = exit_duration(parity, "sleep")
    stalled = exit_duration(parity, "call")

    assert stalled < baseline + EXIT_MARGIN, (stalled, baseline)
