"""``fastiam.enable_mfa_device(**kw)`` on the lazily created default client,
and endpoints taken from the environment (AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL)."""

from __future__ import annotations

import boto3
import fastiam
import pytest
from conftest import CALL


@pytest.fixture
def fresh_default(monkeypatch):
    """No default client yet: the next module-level call builds one from the
    environment as it is now."""
    monkeypatch.setattr(fastiam, "_default_client", None)


def test_module_function_with_patched_default_client(parity, monkeypatch):
    monkeypatch.setattr(fastiam, "_default_client", parity.fastiam_client(parity.server.url))
    boto_client = parity.boto3_client(parity.server.url)

    boto = boto_client.enable_mfa_device(**parity.call)
    fast = fastiam.enable_mfa_device(**parity.call)

    assert fast == boto
    assert len(parity.server.requests) == 2


def test_module_function_raises_like_the_client(parity, monkeypatch):
    monkeypatch.setattr(fastiam, "_default_client", parity.fastiam_client(parity.server.url))

    with pytest.raises(fastiam.exceptions.ParamValidationError):
        fastiam.enable_mfa_device(UserName="alice")
    with pytest.raises(TypeError):
        fastiam.enable_mfa_device("alice")
    assert parity.server.requests == []


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL"])
def test_module_function_endpoint_from_environment(server, monkeypatch, fresh_default, variable):
    """The module-level function's default client is sync: no parity fixture."""
    monkeypatch.setenv(variable, server.url)

    boto = boto3.session.Session().client("iam").enable_mfa_device(**CALL)
    fast = fastiam.enable_mfa_device(**CALL)

    assert fast == boto
    assert len(server.requests) == 2


def test_default_client_is_reused(server, monkeypatch, fresh_default):
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", server.url)

    fastiam.enable_mfa_device(**CALL)
    first = fastiam._default_client
    fastiam.enable_mfa_device(**CALL)

    assert first is not None and fastiam._default_client is first
    assert len(server.requests) == 2


def test_service_specific_endpoint_wins(parity, monkeypatch, refused_url):
    monkeypatch.setenv("AWS_ENDPOINT_URL", refused_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", parity.server.url)

    boto, fast = parity.scripted(endpoint_url=None, session=boto3.session.Session())

    assert fast.error is None and boto.error is None
    assert fast.attempts == boto.attempts == 1


def test_explicit_endpoint_wins_over_environment(parity, monkeypatch, refused_url):
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", refused_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL", refused_url)

    boto, fast = parity.scripted(session=boto3.session.Session())

    parity.assert_same(boto, fast)
    assert fast.error is None
