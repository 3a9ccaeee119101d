"""What fastiam refuses, and nothing else: each option of
``support.config_helpers.REFUSED_OPTIONS`` makes client creation (a Session's
``client()``, ``fastiam.client()``, ``fastiam.aio.client()``) raise
NotImplementedError naming the option, before anything is sent; the same
setting given through botocore's environment variable or config-file key is
refused too, never silently ignored; the values that mean botocore's default
are accepted and do what boto3 does.

An option of the list that fastiam starts to honour fails here: take it out of
the list and give it a check in tests/config/test_config_arguments.py (which checks
every other option as honoured)."""

from __future__ import annotations

import socket

import botocore
import botocore.config
import fastiam
import pytest
from support.config_helpers import (
    HOWS,
    REFUSED_OPTIONS,
    assert_refused,
    assert_same,
    both,
    observe,
    request_view,
)

TARGET = {"region_name": "us-east-1"}


def test_the_list_holds_botocore_options_with_values_boto3_takes():
    for name, refused in REFUSED_OPTIONS.items():
        assert name in botocore.config.Config.OPTION_DEFAULTS, name
        assert refused.value != botocore.config.Config.OPTION_DEFAULTS[name], name
        assert refused.reason, name
        assert getattr(botocore.config.Config(**{name: refused.value}), name) == refused.value


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("name", sorted(REFUSED_OPTIONS))
def test_refused_option(server, name, how):
    value = REFUSED_OPTIONS[name].value
    config = fastiam.Config(**{name: value})  # Config() takes it: refused by client()
    assert getattr(config, name) == value

    boto = observe("boto3", server, config={name: value}, endpoint_url=server.url, **TARGET)
    fast = observe(
        "fastiam", server, how=how, config={name: value}, endpoint_url=server.url, **TARGET
    )

    assert (boto.stage, boto.attempts) == ("called", 1), boto  # boto3 takes it and calls
    assert_refused(fast, name)


# What boto3 does with the environment / config-file forms of a refused
# setting: so ignoring them is a difference, not a no-op.
def keepalive(client) -> bool:
    options = client._endpoint.http_session._socket_options
    return (socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1) in options


EFFECT_IN_BOTO3 = {
    "tcp_keepalive": keepalive,
    "defaults_mode": lambda client: client.meta.config.connect_timeout == 1.1,
}

SOURCES = [
    pytest.param(name, source, id=f"{name}-{source}")
    for name, refused in sorted(REFUSED_OPTIONS.items())
    for source, given in (("environment", refused.environment), ("profile", refused.profile))
    if given is not None
]


def test_each_refused_setting_with_another_source_has_its_effect_checked():
    assert {name for name, r in REFUSED_OPTIONS.items() if r.environment or r.profile} == set(
        EFFECT_IN_BOTO3
    )


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize(("name", "source"), SOURCES)
def test_refused_setting_from_environment_or_profile(
    server, aws_files, monkeypatch, name, source, how
):
    refused = REFUSED_OPTIONS[name]
    if source == "environment":
        variable, value = refused.environment
        monkeypatch.setenv(variable, value)
        names = (variable, name)
    else:
        aws_files.write_config(f"[default]\n{refused.profile}\n")
        names = (name,)

    boto = observe("boto3", server, endpoint_url=server.url, **TARGET)
    fast = observe("fastiam", server, how=how, endpoint_url=server.url, **TARGET)

    assert (boto.stage, boto.attempts) == ("called", 1), boto
    assert EFFECT_IN_BOTO3[name](boto.client)
    assert_refused(fast, *names)


# For each refused option, the values that mean botocore's default behaviour.
DEFAULT_VALUES = {
    "client_cert": [None],
    "defaults_mode": [None, "legacy"],
    "proxies_config": [None, {}],
    "signature_version": [None, "v4"],
    "sigv4a_signing_region_set": [None],
    "tcp_keepalive": [None, False],
    "user_agent": [None],
}


def test_every_refused_option_has_default_values():
    assert set(DEFAULT_VALUES) == set(REFUSED_OPTIONS)


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize(
    ("name", "value"),
    [(name, value) for name, values in sorted(DEFAULT_VALUES.items()) for value in values],
    ids=str,
)
def test_default_values_of_refused_options_are_accepted(server, name, value, how):
    plain = both(server, how=how, endpoint_url=server.url, **TARGET)
    given = both(server, how=how, config={name: value}, endpoint_url=server.url, **TARGET)

    for without, with_ in zip(plain, given):
        assert with_.error is None, with_.error
        assert request_view(with_) == request_view(without)
    assert_same(*given)


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize(
    ("variable", "value"), [("AWS_DEFAULTS_MODE", "legacy"), ("BOTOCORE_TCP_KEEPALIVE", "false")]
)
def test_default_values_from_the_environment_are_accepted(
    server, monkeypatch, variable, value, how
):
    plain = both(server, how=how, endpoint_url=server.url, **TARGET)
    monkeypatch.setenv(variable, value)
    given = both(server, how=how, endpoint_url=server.url, **TARGET)

    for without, with_ in zip(plain, given):
        assert with_.error is None, with_.error
        assert request_view(with_) == request_view(without)
    assert_same(*given)


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("source", ["environment", "profile"])
def test_sigv4a_region_set_from_environment_or_profile_changes_nothing(
    server, aws_files, monkeypatch, source, how
):
    # Config(sigv4a_signing_region_set=...) is refused, but botocore ignores the
    # setting for IAM (SigV4 only) whichever way it comes: so does fastiam for
    # the environment and the profile.
    plain = both(server, how=how, endpoint_url=server.url, **TARGET)
    if source == "environment":
        monkeypatch.setenv("AWS_SIGV4A_SIGNING_REGION_SET", "us-east-1,us-west-2")
    else:
        # Another file: fastiam.client()'s default session is remade when
        # AWS_CONFIG_FILE changes (as boto3's is not at all).
        other = aws_files.home / "other-config"
        other.write_text("[default]\nsigv4a_signing_region_set = us-east-1,us-west-2\n")
        monkeypatch.setenv("AWS_CONFIG_FILE", str(other))
    given = both(server, how=how, endpoint_url=server.url, **TARGET)

    for without, with_ in zip(plain, given):
        assert with_.error is None, with_.error
        assert request_view(with_) == request_view(without)
    assert_same(*given)
