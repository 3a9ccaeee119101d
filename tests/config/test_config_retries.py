"""Retry settings from every source, with botocore's precedence
(Config > AWS_MAX_ATTEMPTS / AWS_RETRY_MODE > profile ``max_attempts`` /
``retry_mode``), counted in attempts on the scripted server answering
ServiceFailure 500, and bad values wherever they come from."""

from __future__ import annotations

import pytest
from support.config_helpers import assert_same, both
from support.scripted_server import error_reply


def failure():
    return error_reply("ServiceFailure", "boom", 500, type="Receiver", request_id="sf-rid")


def attempts_of(server, **kwargs):
    return both(
        server, replies=(failure(),), endpoint_url=server.url, region_name="us-east-1", **kwargs
    )


CASES = {
    # name: (profile lines, environment, Config retries, attempts boto3 makes)
    "profile max_attempts": ("max_attempts = 2", {}, None, 2),
    "profile max_attempts=1": ("max_attempts = 1", {}, None, 1),
    "profile legacy + max_attempts": ("retry_mode = legacy\nmax_attempts = 2", {}, None, 2),
    "profile adaptive + max_attempts": ("retry_mode = adaptive\nmax_attempts = 2", {}, None, 2),
    "environment beats profile": ("max_attempts = 4", {"AWS_MAX_ATTEMPTS": "2"}, None, 2),
    "environment mode beats profile mode": (
        "retry_mode = legacy",
        {"AWS_RETRY_MODE": "standard"},
        None,
        3,
    ),
    "config beats environment and profile": (
        "max_attempts = 4",
        {"AWS_MAX_ATTEMPTS": "3"},
        {"total_max_attempts": 2},
        2,
    ),
    "config max_attempts (retries) beats profile": ("max_attempts = 4", {}, {"max_attempts": 1}, 2),
    "config mode only, profile attempts kept": ("max_attempts = 2", {}, {"mode": "standard"}, 2),
    "env attempts, profile mode": ("retry_mode = legacy", {"AWS_MAX_ATTEMPTS": "2"}, None, 2),
}


@pytest.mark.parametrize(
    ("profile", "env", "retries", "expected"), list(CASES.values()), ids=list(CASES)
)
def test_retry_settings_precedence(server, aws_files, monkeypatch, profile, env, retries, expected):
    aws_files.write_config(f"[default]\n{profile}\n")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = {"retries": retries} if retries is not None else None

    boto, fast = attempts_of(server, config=config)

    assert type(boto.error).__name__ == "ServiceFailureException"
    assert boto.attempts == expected
    assert_same(boto, fast)


def test_retry_settings_of_a_named_profile(server, aws_files):
    aws_files.write_config(
        "[default]\nmax_attempts = 4\n[profile fast]\nmax_attempts = 1\n"
        "aws_access_key_id = AKIDFAST\naws_secret_access_key = s\n"
    )

    boto, fast = attempts_of(server, session={"profile_name": "fast"})

    assert boto.attempts == 1
    assert_same(boto, fast)


def test_retry_settings_of_aws_profile(server, aws_files, monkeypatch):
    aws_files.write_config("[default]\nmax_attempts = 4\n[profile fast]\nmax_attempts = 2\n")
    monkeypatch.setenv("AWS_PROFILE", "fast")

    boto, fast = attempts_of(server)

    assert boto.attempts == 2
    assert_same(boto, fast)


BAD = {
    "profile retry_mode=bogus": ("retry_mode = bogus", {}),
    "profile max_attempts=0": ("max_attempts = 0", {}),
    "profile max_attempts=-1": ("max_attempts = -1", {}),
    "profile max_attempts=abc": ("max_attempts = abc", {}),
    "env AWS_RETRY_MODE=bogus": ("", {"AWS_RETRY_MODE": "bogus"}),
    "env AWS_MAX_ATTEMPTS=0": ("", {"AWS_MAX_ATTEMPTS": "0"}),
    "env AWS_MAX_ATTEMPTS=abc": ("", {"AWS_MAX_ATTEMPTS": "abc"}),
    "bad profile value, but env wins": ("max_attempts = 0", {"AWS_MAX_ATTEMPTS": "2"}),
    "bad env value, but Config wins": ("", {"AWS_MAX_ATTEMPTS": "0", "_config": "1"}),
}


@pytest.mark.parametrize(("profile", "env"), list(BAD.values()), ids=list(BAD))
def test_bad_retry_values(server, aws_files, monkeypatch, profile, env):
    aws_files.write_config(f"[default]\n{profile}\n")
    env = dict(env)
    config = {"retries": {"total_max_attempts": 1}} if env.pop("_config", None) else None
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    boto, fast = attempts_of(server, config=config)

    assert_same(boto, fast)
    if boto.stage == "client":  # a bad value: botocore's class and message
        assert type(boto.error).__name__ in (
            "InvalidRetryModeError",
            "InvalidMaxRetryAttemptsError",
            "ValueError",
        )
