"""One client shared by many threads, clients used across fork(), and Ctrl-C
during a call. Process tests run in a subprocess with a timeout, so a hang
fails the test instead of blocking the suite."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

from scripted_server import Reply, success_reply

THREADS = 16
CALLS_PER_THREAD = 50

CLIENT_SETUP = """
import json, os, signal, sys, time
import fastiam

URL = sys.argv[1]
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}

def make_client(**config):
    return fastiam.client(
        "iam", region_name="us-east-1", endpoint_url=URL, aws_access_key_id="AKID",
        aws_secret_access_key="secret", config=fastiam.Config(**config),
    )

def ok(client):
    return client.enable_mfa_device(**CALL)["ResponseMetadata"]["HTTPStatusCode"] == 200
"""


def run_script(body: str, url: str, timeout: float = 30.0) -> subprocess.CompletedProcess:
    script = CLIENT_SETUP + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script, url],
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
        parity.server.url,
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
        parity.server.url,
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
        parity.server.url,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [200, 200, 200, 200]
    assert len(parity.server.requests) == 5


def test_ctrl_c_interrupts_a_stalled_call(parity):
    stall = success_reply()
    stall.delay = 30.0
    parity.server.script(stall)
    script = CLIENT_SETUP + textwrap.dedent(
        """
        client = make_client(read_timeout=120, retries={"total_max_attempts": 1})
        print("ready", flush=True)
        try:
            client.enable_mfa_device(**CALL)
            print(json.dumps({"outcome": "returned"}), flush=True)
        except KeyboardInterrupt:
            print(json.dumps({"outcome": "interrupted", "at": time.time()}), flush=True)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, parity.server.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        assert parity.server.wait_for_requests(1, timeout=10), "the call never arrived"
        time.sleep(0.5)
        sent_at = time.time()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    assert child.returncode == 0, err  # the interpreter exits normally afterwards
    report = json.loads(out.strip().splitlines()[-1])
    assert report["outcome"] == "interrupted"
    assert report["at"] - sent_at < 0.2


def test_ctrl_c_interrupts_retry_backoff(parity):
    """Ctrl-C also cuts short a call that is between attempts (throttling backoff)."""
    from scripted_server import error_reply

    parity.server.script(error_reply("Throttling", "slow", 400))
    script = CLIENT_SETUP + textwrap.dedent(
        """
        client = make_client(retries={"total_max_attempts": 10})
        print("ready", flush=True)
        try:
            client.enable_mfa_device(**CALL)
            print(json.dumps({"outcome": "returned"}), flush=True)
        except KeyboardInterrupt:
            print(json.dumps({"outcome": "interrupted", "at": time.time()}), flush=True)
        except Exception as error:
            print(json.dumps({"outcome": type(error).__name__}), flush=True)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, parity.server.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        assert parity.server.wait_for_requests(1, timeout=10), "the call never arrived"
        time.sleep(0.3)
        sent_at = time.time()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    assert child.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["outcome"] == "interrupted"
    assert report["at"] - sent_at < 0.2


def test_interpreter_exits_promptly_with_a_stalled_call_in_a_thread(parity):
    """A daemon thread stuck in a call does not keep the process from exiting."""
    parity.server.script(Reply(delay=30.0))
    result = run_script(
        """
        import threading
        client = make_client(read_timeout=120)
        threading.Thread(target=lambda: client.enable_mfa_device(**CALL), daemon=True).start()
        time.sleep(0.3)
        print("exiting", flush=True)
        """,
        parity.server.url,
        timeout=15,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "exiting"
