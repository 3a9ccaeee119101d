"""Failures below HTTP: stalled responses, refused and dropped connections,
connect timeouts. Compared with boto3; elapsed times bounded.

A timeout cannot end a call early, so the lower bounds are exact. The upper
bounds take boto3's time for the same call, made just before under the same
load, as their measure of how late timers fire now: fastiam's timeouts are
botocore's, so it may be slower than boto3 only by less than one more
timeout period (a timeout applied twice, or the stall waited out, is not)."""

from __future__ import annotations

import socket

import fastiam
import pytest
from support.scripted_server import Reply, success_reply

STALL = 10.0  # the server's delay; far longer than any timeout used here


def stalled() -> Reply:
    reply = success_reply()
    reply.delay = STALL
    return reply


def test_read_timeout_single_attempt(parity):
    config = {"read_timeout": 0.5, "retries": {"total_max_attempts": 1}}
    boto, fast = parity.scripted(stalled(), config=config)

    parity.assert_same(boto, fast)
    assert isinstance(fast.error, fastiam.exceptions.ReadTimeoutError)
    assert str(fast.error) == f'Read timeout on endpoint URL: "{parity.server.url}/"'
    assert fast.attempts == 1
    assert config["read_timeout"] <= fast.elapsed < boto.elapsed + config["read_timeout"]


def test_read_timeout_is_retried(parity):
    config = {"read_timeout": 0.3}
    boto, fast = parity.scripted(stalled(), config=config)

    parity.assert_same(boto, fast)
    assert fast.attempts == 3
    # Three 0.3 s attempts and two backoffs (random, up to 50 and 100 ms: at
    # most 0.15 s apart between the two clients), nowhere near the stall.
    timeout = config["read_timeout"]
    assert 3 * timeout <= fast.elapsed < boto.elapsed + 0.15 + timeout


def test_client_works_again_after_a_read_timeout(parity):
    client = parity.fastiam_client(
        parity.server.url, {"read_timeout": 0.3, "retries": {"total_max_attempts": 1}}
    )
    parity.server.script(stalled(), success_reply("after"))
    with pytest.raises(fastiam.exceptions.ReadTimeoutError):
        client.enable_mfa_device(**parity.call)

    result = client.enable_mfa_device(**parity.call)

    assert result["ResponseMetadata"]["RequestId"] == "after"


@pytest.mark.parametrize("path", ["", "/", "/some/path"])
@pytest.mark.parametrize("config", [None, {"retries": {"total_max_attempts": 1}}])
def test_connection_refused(parity, refused_url, path, config):
    boto, fast = parity.scripted(endpoint_url=refused_url + path, config=config)

    parity.assert_same(boto, fast)
    assert isinstance(fast.error, fastiam.exceptions.EndpointConnectionError)
    assert refused_url in str(fast.error)
    # A refusal is known at once, and the backoffs between the 3 attempts are
    # at most 50 and 100 ms: 1 s more than boto3 is far more than the two
    # clients' times can differ by, and is exceeded by backoffs of the
    # throttling kind (1 s base: 1.5 s expected for two) or a connect timeout.
    assert fast.elapsed < boto.elapsed + 1.0


def test_connection_closed_without_answer(parity):
    boto, fast = parity.scripted(Reply(close=True))

    parity.assert_same(boto, fast)
    assert fast.attempts == 3


@pytest.fixture
def full_backlog_url():
    """A listener that never accepts, its backlog filled: connecting times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(listener.getsockname())
        fillers.append(filler)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    for sock in (*fillers, listener):
        sock.close()


def test_connect_timeout(parity, full_backlog_url):
    config = {"connect_timeout": 0.5, "retries": {"total_max_attempts": 1}}
    boto, fast = parity.scripted(endpoint_url=full_backlog_url, config=config)

    parity.assert_same(boto, fast)
    assert isinstance(fast.error, fastiam.exceptions.ConnectTimeoutError)
    timeout = config["connect_timeout"]
    assert timeout <= fast.elapsed < boto.elapsed + timeout
