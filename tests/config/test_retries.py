"""Retry settings (Config and environment) against scripted failures, compared
with boto3 attempt for attempt."""

from __future__ import annotations

import boto3
import pytest
from support.scripted_server import Reply, error_reply, success_reply


def failure() -> Reply:
    return error_reply("ServiceFailure", "boom", 500, type="Receiver", request_id="sf-rid")


def missing() -> Reply:
    return error_reply("NoSuchEntity", "m", 404)


CASES = {
    "max_attempts=0 service failure": ({"retries": {"max_attempts": 0}}, [failure()]),
    "max_attempts=0 no such entity": ({"retries": {"max_attempts": 0}}, [missing()]),
    "max_attempts=1 service failure": ({"retries": {"max_attempts": 1}}, [failure()]),
    "total_max_attempts=2 service failure": ({"retries": {"total_max_attempts": 2}}, [failure()]),
    "total_max_attempts=2 500 then no such entity": (
        {"retries": {"total_max_attempts": 2}},
        [failure(), missing()],
    ),
    "total_max_attempts=1 success": ({"retries": {"total_max_attempts": 1}}, [success_reply()]),
    "total_max_attempts=4 service failure": ({"retries": {"total_max_attempts": 4}}, [failure()]),
    "both keys: total_max_attempts wins": (
        {"retries": {"max_attempts": 5, "total_max_attempts": 2}},
        [failure()],
    ),
    "standard mode": ({"retries": {"mode": "standard"}}, [failure()]),
    "adaptive mode": ({"retries": {"mode": "adaptive"}}, [failure()]),
    "legacy max_attempts=0 no such entity": (
        {"retries": {"mode": "legacy", "max_attempts": 0}},
        [missing()],
    ),
    "legacy max_attempts=1 service failure": (
        {"retries": {"mode": "legacy", "max_attempts": 1}},
        [failure()],
    ),
}


@pytest.mark.parametrize(("config", "replies"), list(CASES.values()), ids=list(CASES))
def test_retry_config(parity, config, replies):
    boto, fast = parity.scripted(*replies, config=config)

    parity.assert_same(boto, fast)


def test_max_attempts_zero_means_one_attempt(parity):
    boto, fast = parity.scripted(failure(), config={"retries": {"max_attempts": 0}})

    parity.assert_same(boto, fast)
    assert fast.attempts == 1
    assert "(reached max retries: 0)" in str(fast.error)


def test_total_max_attempts_two(parity):
    boto, fast = parity.scripted(failure(), config={"retries": {"total_max_attempts": 2}})

    parity.assert_same(boto, fast)
    assert fast.attempts == 2
    assert "(reached max retries: 1)" in str(fast.error)
    assert fast.error.response["ResponseMetadata"]["RetryAttempts"] == 1


def test_500_then_200_reports_one_retry(parity):
    boto, fast = parity.scripted(failure(), success_reply("ok"))

    parity.assert_same(boto, fast)
    assert fast.error is None
    assert fast.attempts == 2
    metadata = fast.result["ResponseMetadata"]
    assert metadata["RetryAttempts"] == 1
    assert "MaxAttemptsReached" not in metadata
    assert metadata["RequestId"] == "ok"


@pytest.mark.parametrize(
    ("env", "config"),
    [
        ({"AWS_MAX_ATTEMPTS": "2"}, None),
        ({"AWS_MAX_ATTEMPTS": "1"}, None),
        ({"AWS_MAX_ATTEMPTS": "5"}, {"retries": {"total_max_attempts": 1}}),
        ({"AWS_RETRY_MODE": "adaptive"}, None),
        ({"AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "2"}, None),
    ],
    ids=["max-2", "max-1", "config-wins-over-env", "mode-adaptive", "mode-and-max"],
)
def test_retry_settings_from_environment(parity, monkeypatch, env, config):
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    boto, fast = parity.scripted(failure(), config=config, session=boto3.session.Session())

    parity.assert_same(boto, fast)
