"""Process faults: fork() with calls in flight, multiprocessing pools (fork,
spawn and forkserver) with fastiam inside the workers, the interpreter exiting
while calls are in flight, and Ctrl-C while a call waits between retries.

Each case runs in a child Python process with a timeout, so a hang fails the
test instead of the suite, and a crash shows as its exit status (134 is
SIGABRT: a core dump). The calls go to the counting server
(tests/support/counting_server.py), whose RequestIds say which request each answer
belongs to and how often the server saw it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.counting_server import CountingServer

HEADER = """
import asyncio, json, os, sys, threading, time
import fastiam, fastiam.aio

URL = os.environ["COUNTING_URL"]
ARGS = dict(endpoint_url=URL, region_name="us-east-1", aws_access_key_id="AKID",
            aws_secret_access_key="secret")

def kw(ident):
    return dict(UserName=ident, SerialNumber="arn:aws:iam::123456789012:mfa/x",
                AuthenticationCode1="123456", AuthenticationCode2="654321")

def rid(result):
    return result["ResponseMetadata"]["RequestId"]

def wait_child(pid, timeout):
    # The forked child's exit status, or "hung" (its threads' stacks, when gdb
    # is there to take them, go to stderr) if it still runs after timeout.
    import shutil, signal, subprocess
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return str(os.waitstatus_to_exitcode(status))
        if time.monotonic() > deadline:
            if shutil.which("gdb"):
                stacks = subprocess.run(
                    ["gdb", "-q", "-batch", "-p", str(pid), "-ex", "thread apply all bt 30"],
                    capture_output=True, text=True, timeout=60,
                ).stdout
                print(f"child {pid} hung:\\n{stacks}", file=sys.stderr, flush=True)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "hung"
        time.sleep(0.005)
"""

# What must never appear on a child's stderr.
CRASH_MARKS = ("Fatal Python error", "panicked", "core dumped", "Segmentation fault")


def write_script(tmp_path: Path, body: str, name: str = "child.py") -> Path:
    script = tmp_path / name
    script.write_text(HEADER + textwrap.dedent(body))
    return script


def child_env(url: str) -> dict:
    return {**os.environ, "COUNTING_URL": url, "PYTHONFAULTHANDLER": "1"}


def run_child(
    tmp_path: Path, body: str, url: str, *args: str, timeout: float = 60
) -> subprocess.CompletedProcess:
    script = write_script(tmp_path, body)
    return subprocess.run(
        [sys.executable, str(script), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(url),
        cwd=tmp_path,  # a crash's core file, if any, lands there
    )


def assert_clean_exit(result: subprocess.CompletedProcess, code: int = 0) -> None:
    described = (
        f"exit status {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    assert result.returncode == code, described
    assert not [mark for mark in CRASH_MARKS if mark in result.stderr], described


def last_json(result: subprocess.CompletedProcess):
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# fork()

FORK_WITH_CALLS_IN_FLIGHT = """
warm = sys.argv[1] == "warm"
sync_iam = fastiam.client("iam", **ARGS)
async_iam = fastiam.aio.client("iam", **ARGS)
if warm:
    sync_iam.enable_mfa_device(**kw("warm"))

# In flight in the parent when it forks: 8 threads' sync calls and 50 async
# calls on a loop running in another thread, each answered after 300 ms.
returned = {}
def sync_call(ident):
    returned[ident] = rid(sync_iam.enable_mfa_device(**kw(ident)))
async def async_call(ident):
    return rid(await async_iam.enable_mfa_device(**kw(ident)))

loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()
sync_ids = [f"slow300-s{i}" for i in range(8)]
async_ids = [f"slow300-a{i}" for i in range(50)]
threads = [threading.Thread(target=sync_call, args=(i,)) for i in sync_ids]
for thread in threads:
    thread.start()
futures = [asyncio.run_coroutine_threadsafe(async_call(i), loop) for i in async_ids]
time.sleep(0.1)

pid = os.fork()
if pid == 0:
    # The child: the inherited clients and a new one, sync and async.
    try:
        me = os.getpid()
        ok = rid(sync_iam.enable_mfa_device(**kw(f"c{me}-inherited"))) == f"req-c{me}-inherited-1"
        ok &= rid(fastiam.client("iam", **ARGS).enable_mfa_device(**kw(f"c{me}-new"))) == f"req-c{me}-new-1"
        async def child_calls():
            return await asyncio.gather(*(async_call(f"c{me}-a{i}") for i in range(20)))
        ok &= asyncio.run(child_calls()) == [f"req-c{me}-a{i}-1" for i in range(20)]
        os._exit(0 if ok else 3)
    except BaseException as error:
        print("child:", repr(error), file=sys.stderr, flush=True)
        os._exit(4)

child = wait_child(pid, 20)
for thread in threads:
    thread.join(20)
print(json.dumps({
    "child": child,
    "sync": [returned.get(i) for i in sync_ids],
    "async": [f.result(20) for f in futures],
}))
"""


@pytest.mark.parametrize("state", ["warm", "cold"])
def test_fork_with_calls_in_flight(counting, tmp_path, state):
    """The parent forks while 58 of its calls are on the wire (``cold``: the
    process's very first calls). The child's own calls succeed, and every call
    the parent had in flight completes with the answer to its own request."""
    result = run_child(tmp_path, FORK_WITH_CALLS_IN_FLIGHT, counting.url, state)

    assert_clean_exit(result)
    report = last_json(result)
    assert report["child"] == "0", result.stderr
    assert report["sync"] == [f"req-slow300-s{i}-1" for i in range(8)]
    assert report["async"] == [f"req-slow300-a{i}-1" for i in range(50)]
    seen = counting.stats(ids=True)["ids"]
    assert {i: n for i, n in seen.items() if i.startswith("slow300-")} == {
        **{f"slow300-s{i}": 1 for i in range(8)},
        **{f"slow300-a{i}": 1 for i in range(50)},
    }


REPEATED_FORKS = """
forks = int(sys.argv[1])
iam = fastiam.client("iam", **ARGS)
aiam = fastiam.aio.client("iam", **ARGS)
stop = threading.Event()
made = []

def hammer(thread):
    n = 0
    while not stop.is_set():
        assert rid(iam.enable_mfa_device(**kw(f"h{thread}-{n}"))) == f"req-h{thread}-{n}-1"
        n += 1
    made.append(n)

def async_hammer():
    async def main():
        n = 0
        while not stop.is_set():
            ids = [f"ah{n + i}" for i in range(20)]
            got = await asyncio.gather(*(aiam.enable_mfa_device(**kw(i)) for i in ids))
            assert [rid(r) for r in got] == [f"req-{i}-1" for i in ids]
            n += 20
        made.append(n)
    asyncio.run(main())

workers = [threading.Thread(target=hammer, args=(t,)) for t in range(6)]
workers.append(threading.Thread(target=async_hammer))
for worker in workers:
    worker.start()

children = {}
for k in range(forks):
    time.sleep(0.01)
    pid = os.fork()
    if pid == 0:
        try:
            ok = rid(iam.enable_mfa_device(**kw(f"child{k}"))) == f"req-child{k}-1"
            async def one():
                return await aiam.enable_mfa_device(**kw(f"achild{k}"))
            ok &= rid(asyncio.run(one())) == f"req-achild{k}-1"
            os._exit(0 if ok else 3)
        except BaseException:
            os._exit(4)
    code = wait_child(pid, 10)
    children[code] = children.get(code, 0) + 1
stop.set()
for worker in workers:
    worker.join(20)
print(json.dumps({"children": children, "workers_done": len(made), "parent_calls": sum(made)}))
"""


def test_repeated_forks_while_threads_and_a_loop_hammer_one_client(counting, tmp_path):
    """30 forks, each at a random point of 6 threads' and an event loop's calls
    on shared clients: every child gets its own calls through (none hangs on a
    lock or runtime left behind by the parent's threads), and the parent's
    calls keep their answers throughout."""
    result = run_child(tmp_path, REPEATED_FORKS, counting.url, "30", timeout=120)

    assert_clean_exit(result)
    report = last_json(result)
    assert report["children"] == {"0": 30}
    assert report["workers_done"] == 7
    assert report["parent_calls"] > 100
    assert counting.stats()["repeated"] == {}


# ---------------------------------------------------------------------------
# multiprocessing pools

POOL = """
import multiprocessing

_client = None

def init():
    global _client
    _client = fastiam.client("iam", **ARGS)

def sync_work(ident):
    return rid(_client.enable_mfa_device(**kw(ident)))

def async_work(idents):
    async def main():
        iam = fastiam.aio.client("iam", **ARGS)
        return [rid(r) for r in await asyncio.gather(*(iam.enable_mfa_device(**kw(i)) for i in idents))]
    return asyncio.run(main())

if __name__ == "__main__":
    method = sys.argv[1]
    init()
    # The parent's runtime and connections exist before the workers start.
    assert rid(_client.enable_mfa_device(**kw(f"{method}-parent"))) == f"req-{method}-parent-1"
    with multiprocessing.get_context(method).Pool(2, initializer=init) as pool:
        sync_ids = [f"{method}-s{i}" for i in range(40)]
        sync_got = pool.map(sync_work, sync_ids, chunksize=5)
        batches = [[f"{method}-a{b}-{i}" for i in range(25)] for b in range(4)]
        async_got = pool.map(async_work, batches)
    print(json.dumps({
        "sync": sync_got == [f"req-{i}-1" for i in sync_ids],
        "async": async_got == [[f"req-{i}-1" for i in b] for b in batches],
        "parent": rid(_client.enable_mfa_device(**kw(f"{method}-parent-after"))),
    }))
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_multiprocessing_pool(counting, tmp_path, method):
    result = run_child(tmp_path, POOL, counting.url, method)

    assert_clean_exit(result)
    assert last_json(result) == {
        "sync": True,
        "async": True,
        "parent": f"req-{method}-parent-after-1",
    }
    stats = counting.stats()
    assert stats["requests"] == 1 + 40 + 100 + 1
    assert stats["repeated"] == {}


# ---------------------------------------------------------------------------
# The interpreter exiting with calls in flight


def test_exit_waits_for_non_daemon_threads_mid_call(counting, tmp_path):
    """``sys.exit(3)`` while 8 (non-daemon) threads are mid-call: Python waits
    for them as usual, their calls complete, and the exit status is 3."""
    result = run_child(
        tmp_path,
        """
        iam = fastiam.client("iam", **ARGS)
        def call(i):
            # One write per line: print() from several threads can interleave.
            os.write(1, (rid(iam.enable_mfa_device(**kw(f"slow300-t{i}"))) + "\\n").encode())
        for i in range(8):
            threading.Thread(target=call, args=(i,)).start()
        time.sleep(0.1)
        sys.exit(3)
        """,
        counting.url,
        timeout=30,
    )

    assert_clean_exit(result, code=3)
    assert sorted(result.stdout.split()) == sorted(f"req-slow300-t{i}-1" for i in range(8))


EXIT_MID_CALL = """
how, stall = sys.argv[1], sys.argv[2]  # stall: milliseconds
# One client per kind of caller, each with room for all its calls (no call
# waits for a connection).
def client(connections):
    return fastiam.client("iam", config=fastiam.Config(max_pool_connections=connections), **ARGS)
def async_client(connections):
    config = fastiam.Config(max_pool_connections=connections)
    return fastiam.aio.client("iam", config=config, **ARGS)
stalled_iam, busy_iam = client(8), client(16)
loop_iam, main_iam = async_client(500), async_client(200)
ready = threading.Barrier(4 + 4 + 2 + 1, timeout=20)

def stalled(i):  # a daemon thread stuck in a call that answers after the stall
    ready.wait()
    stalled_iam.enable_mfa_device(**kw(f"slow{stall}-d{i}"))

def busy(i):  # a daemon thread making quick calls back to back
    busy_iam.enable_mfa_device(**kw(f"b{i}-first"))
    ready.wait()
    n = 0
    while True:
        busy_iam.enable_mfa_device(**kw(f"b{i}-{n}"))
        n += 1

def loop_with_tasks(i):  # a daemon thread's event loop, 200 calls in flight
    async def main():
        await loop_iam.enable_mfa_device(**kw(f"l{i}-first"))
        calls = [loop_iam.enable_mfa_device(**kw(f"slow{200 * (n % 20)}-l{i}-{n}"))
                 for n in range(200)]
        ready.wait()
        while True:
            await asyncio.gather(*calls, return_exceptions=True)
            calls = [loop_iam.enable_mfa_device(**kw(f"l{i}-again{n}")) for n in range(50)]
    asyncio.run(main())

for i in range(4):
    threading.Thread(target=stalled, args=(i,), daemon=True).start()
    threading.Thread(target=busy, args=(i,), daemon=True).start()
for i in range(2):
    threading.Thread(target=loop_with_tasks, args=(i,), daemon=True).start()

async def main():
    # The main thread's own loop, 100 calls in flight when it exits.
    tasks = [asyncio.ensure_future(main_iam.enable_mfa_device(**kw(f"slow{stall}-m{n}")))
             for n in range(100)]
    await asyncio.sleep(0.2)
    print("exiting", flush=True)
    if how == "sys.exit":
        sys.exit(0)
    # how == "return": asyncio.run cancels the tasks, then the script ends

ready.wait()
time.sleep(0.2)
asyncio.run(main())
"""


# The stuck calls' answers come STALL seconds after the server received them.
STALL = 30


@pytest.mark.parametrize("how", ["sys.exit", "return"])
def test_exit_with_daemon_threads_and_tasks_mid_call(counting, tmp_path, how):
    """Daemon threads stuck in a call, daemon threads making calls back to back,
    event loops in daemon threads with hundreds of calls in flight, and the
    main thread's loop with 100 more: the process still exits without waiting
    for the stuck calls, with status 0 and no crash."""
    for _ in range(3):  # the timing differs from run to run
        started = time.monotonic()
        try:
            result = run_child(
                tmp_path, EXIT_MID_CALL, counting.url, how, str(STALL * 1000), timeout=STALL
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"the process was still there after {STALL} s: it waited for a call")
        elapsed = time.monotonic() - started

        assert_clean_exit(result)
        assert result.stdout.split("\n")[0] == "exiting"
        assert result.stderr == ""  # no thread died of an error on the way
        # Exact, with no margin for the machine's speed: the server received
        # the stuck calls after ``started`` and answers them STALL later, never
        # earlier, so a process that waited for one would take STALL at least
        # (run_child's timeout above stops it there). A loaded machine only has
        # to start the child, make its calls and exit within STALL (a few
        # seconds idle, of which fastiam's exit hook may take 2: EXIT_GRACE).
        assert elapsed < STALL, f"took {elapsed:.1f} s to exit"


FIRST_ERROR_AT_EXIT = """
# The first service error of the process is handled by importing fastiam's
# response parser (fastiam._wire). A finder first in sys.meta_path makes that
# import slow -- 0.3 s of short reads that each release the GIL, as reading
# modules from a cold disk does -- and says when it has begun.
importing = threading.Event()

class SlowDisk:
    def find_spec(self, name, path=None, target=None):
        if name == "fastiam._wire":
            importing.set()
            end = time.monotonic() + 0.3
            while time.monotonic() < end:
                time.sleep(0.0005)
        return None

sys.meta_path.insert(0, SlowDisk())
iam = fastiam.client("iam", **ARGS)

def call():
    try:
        iam.enable_mfa_device(**kw("err-first"))
    except Exception:
        pass

worker = threading.Thread(target=call, daemon=True)
worker.start()
while not importing.is_set() and worker.is_alive():
    time.sleep(0.001)
print("exiting", flush=True)
"""


def test_first_service_error_in_a_daemon_thread_at_exit_does_not_crash(counting, tmp_path):
    """A daemon thread's call fails with a service error (the process's first)
    just as the main thread exits: the process must exit with status 0, not
    abort (SIGABRT, a core dump) while the thread is inside fastiam."""
    result = run_child(tmp_path, FIRST_ERROR_AT_EXIT, counting.url, timeout=30)

    assert_clean_exit(result)
    assert result.stdout.strip() == "exiting"


FIRST_CALL_ON_A_LOOP_AT_EXIT = """
# The first call on an event loop registers fastiam's completion socket with
# the loop: loop.add_reader, which releases the GIL around epoll_ctl. This
# loop's add_reader does so for 0.3 s (short sleeps that each release the GIL)
# and says when it has begun.
registering = threading.Event()

class Loop(asyncio.SelectorEventLoop):
    def add_reader(self, fd, callback, *args):
        if getattr(callback, "__name__", "") == "drain":
            registering.set()
            end = time.monotonic() + 0.3
            while time.monotonic() < end:
                time.sleep(0.0005)
        return super().add_reader(fd, callback, *args)

aiam = fastiam.aio.client("iam", **ARGS)

async def call():
    await aiam.enable_mfa_device(**kw("first-on-loop"))

def run():
    Loop().run_until_complete(call())

worker = threading.Thread(target=run, daemon=True)
worker.start()
while not registering.is_set() and worker.is_alive():
    time.sleep(0.001)
print("exiting", flush=True)
"""


def test_first_call_on_a_loop_in_a_daemon_thread_at_exit_does_not_crash(counting, tmp_path):
    """A daemon thread makes the first call on its event loop just as the main
    thread exits: the process must exit with status 0, not abort."""
    result = run_child(tmp_path, FIRST_CALL_ON_A_LOOP_AT_EXIT, counting.url, timeout=30)

    assert_clean_exit(result)
    assert result.stdout.strip() == "exiting"


# ---------------------------------------------------------------------------
# Ctrl-C during the backoff between retries

CTRL_C = """
mode, ident, catch = sys.argv[1], sys.argv[2], sys.argv[3] == "catch"
config = fastiam.Config(retries={"mode": "standard", "max_attempts": 10})

def call():
    if mode == "sleep":  # the baseline: the same process, in a plain sleep instead
        fastiam.client("iam", **ARGS).enable_mfa_device(**kw("warm-up"))
        print("sleeping", flush=True)
        time.sleep(600)
    if mode == "sync":
        return fastiam.client("iam", config=config, **ARGS).enable_mfa_device(**kw(ident))
    async def main():
        return await fastiam.aio.client("iam", config=config, **ARGS).enable_mfa_device(**kw(ident))
    return asyncio.run(main())

print("ready", flush=True)
if not catch:
    call()
try:
    call()
    print(json.dumps({"outcome": "returned"}), flush=True)
except KeyboardInterrupt:
    print(json.dumps({"outcome": "interrupted", "at": time.monotonic()}), flush=True)
except Exception as error:
    print(json.dumps({"outcome": f"{type(error).__name__}: {error}"}), flush=True)
"""


def attempts(counting: CountingServer, ident: str) -> int:
    return counting.stats(ids=True)["ids"].get(ident, 0)


def interrupted(tmp_path: Path, counting: CountingServer, mode: str, ident: str, catch: str):
    """Runs CTRL_C and sends it SIGINT once it is in the sleep (mode "sleep")
    or its call has made 5 attempts; returns (its result, the seconds from the
    signal to its exit, the attempts made when the signal went)."""
    script = write_script(tmp_path, CTRL_C, f"{mode}.py")
    child = subprocess.Popen(
        [sys.executable, str(script), mode, ident, catch],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(counting.url),
        cwd=tmp_path,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        if mode == "sleep":
            assert child.stdout.readline().strip() == "sleeping"
            before = 0
        else:
            deadline = time.monotonic() + 20
            while attempts(counting, ident) < 5 and time.monotonic() < deadline:
                time.sleep(0.01)
            before = attempts(counting, ident)
            assert before >= 5, "the call is not retrying"
        time.sleep(0.05)  # the fifth backoff is up to 0.8 s: the call is sleeping
        sent_at = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        exited_after = time.monotonic() - sent_at
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    result = subprocess.CompletedProcess(child.args, child.returncode, out, err)
    report = json.loads(out.strip().splitlines()[-1]) if catch == "catch" else {}
    if "at" in report:
        report["after"] = report["at"] - sent_at  # time.monotonic: the same clock
    return result, report, exited_after, before


# Margins over the baseline (the same child in a plain time.sleep, run just
# before under the same load). fastiam's wait wakes every 50 ms to run
# Python's signal handlers where a sleep is cut short at once, and the call's
# process also drops its call and stops fastiam's runtime on the way out: 0.5 s
# and 1 s are far more than that and than what one process's reaction and
# exit vary by on a loaded machine (tens of milliseconds). A call that missed
# the signal would go on with its 5 remaining attempts, whose random backoffs
# (up to 0.8, 1.6, 3.2, 6.4 and 12.8 s) fall under 1 s together with a
# probability of about 1 in 40,000, or until communicate's timeout.
INTERRUPT_MARGIN = 0.5
EXIT_MARGIN = 1.0


@pytest.mark.parametrize("catch", ["catch", "uncaught"])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_ctrl_c_during_retry_backoff(counting, tmp_path, mode, catch):
    """A call retrying against a server that answers 503 every time (standard
    mode, 10 retries: the backoff grows to seconds) is interrupted by SIGINT
    between attempts: KeyboardInterrupt at once, no attempt after it, and the
    process exits (0 when it catches the interrupt; killed by SIGINT, as
    Python does, when it does not), as promptly as the same process
    interrupted in a plain sleep."""
    ident = f"down-{mode}-{catch}"
    base, base_report, base_exit, _ = interrupted(tmp_path, counting, "sleep", ident, catch)
    result, report, exited_after, before = interrupted(tmp_path, counting, mode, ident, catch)

    for run in (base, result):
        assert not [mark for mark in CRASH_MARKS if mark in run.stderr], run.stderr
    shown = {"sleep": (base_report, base_exit), "call": (report, exited_after)}
    assert exited_after < base_exit + EXIT_MARGIN, shown
    if catch == "catch":
        assert (base.returncode, base_report["outcome"]) == (0, "interrupted"), base.stderr
        assert result.returncode == 0, result.stderr
        assert report["outcome"] == "interrupted"
        assert report["after"] < base_report["after"] + INTERRUPT_MARGIN, shown
    else:
        for run in (base, result):
            assert run.returncode == -signal.SIGINT, run.stderr
            assert run.stderr.rstrip().endswith("KeyboardInterrupt"), run.stderr
    time.sleep(1.0)  # long enough for one more attempt, had the call gone on
    assert attempts(counting, ident) <= before + 1  # at most the attempt already on the wire
