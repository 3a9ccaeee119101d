"""Every argument boto3 accepts is accepted by fastiam: ``Session(...)``,
``Session.client(...)``, ``fastiam.client(...)`` and every botocore ``Config``
option. What fastiam does not support raises NotImplementedError naming the
argument or option (when the client is created), never silently ignored."""

from __future__ import annotations

import inspect

import boto3
import botocore.config
import fastiam
import pytest

SESSION_PARAMETERS = [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "region_name",
    "profile_name",
]


def parameters(function) -> dict:
    return {
        name: parameter.default
        for name, parameter in inspect.signature(function).parameters.items()
        if name != "self"
    }


def test_session_parameters():
    ours = parameters(fastiam.Session.__init__)
    theirs = parameters(boto3.session.Session.__init__)

    for name in SESSION_PARAMETERS:
        assert name in ours
        assert ours[name] == theirs[name]


def test_session_client_has_boto3_signature():
    assert parameters(fastiam.Session.client) == parameters(boto3.session.Session.client)


def test_module_client_has_boto3_signature():
    assert parameters(fastiam.client) == parameters(boto3.session.Session.client)


def test_session_region_and_profile_attributes(aws_files, monkeypatch):
    aws_files.write_config("[profile p]\nregion = eu-west-1\n")

    ours = fastiam.Session(profile_name="p")
    theirs = boto3.session.Session(profile_name="p")

    assert (ours.region_name, ours.profile_name) == (theirs.region_name, theirs.profile_name)
    assert fastiam.Session().profile_name == boto3.session.Session().profile_name == "default"
    assert fastiam.Session(region_name="cn-north-1").region_name == "cn-north-1"


# A non-default value for each client() argument, accepted by boto3.
CLIENT_VALUES = {
    "region_name": "eu-west-1",
    "api_version": "2010-05-08",
    "use_ssl": False,
    "verify": False,
    "endpoint_url": "http://127.0.0.1:9",
    "aws_access_key_id": "AKIDX",
    "aws_session_token": "token",
    "aws_account_id": "123456789012",
}


def honoured_or_refused(make, name: str) -> None:
    try:
        make()
    except NotImplementedError as error:
        assert name in str(error)


@pytest.mark.parametrize("name", list(CLIENT_VALUES))
@pytest.mark.parametrize("how", ["module", "session"])
def test_each_client_argument(name, how):
    kwargs = {name: CLIENT_VALUES[name]}
    if name == "aws_access_key_id":
        kwargs["aws_secret_access_key"] = "secret"
    boto3.session.Session().client("iam", **kwargs)  # boto3 accepts it

    maker = fastiam.client if how == "module" else fastiam.Session().client
    honoured_or_refused(lambda: maker("iam", **kwargs), name)


def test_unknown_api_version():
    with pytest.raises(Exception) as theirs:
        boto3.session.Session().client("iam", api_version="2099-01-01")
    try:
        fastiam.client("iam", api_version="2099-01-01")
    except NotImplementedError as error:
        assert "api_version" in str(error)
    except Exception as error:  # noqa: BLE001
        assert (type(error).__name__, str(error)) == (
            type(theirs.value).__name__,
            str(theirs.value),
        )
    else:
        pytest.fail("fastiam accepted an api_version boto3 does not know")


def test_client_rejects_what_boto3_rejects():
    with pytest.raises(TypeError):
        boto3.session.Session().client("iam", nonsense=1)
    with pytest.raises(TypeError):
        fastiam.client("iam", nonsense=1)
    with pytest.raises(TypeError):
        fastiam.Session().client("iam", nonsense=1)


# ---------------------------------------------------------------------------
# Config

BOTOCORE_OPTIONS = sorted(botocore.config.Config.OPTION_DEFAULTS)

# A non-default value for every botocore Config option (accepted by boto3 for IAM).
OPTION_VALUES = {
    "account_id_endpoint_mode": "disabled",
    "auth_scheme_preference": "sigv4",
    "client_cert": "/nonexistent/client.pem",
    "client_context_params": {"some_param": "value"},
    "connect_timeout": 5,
    "defaults_mode": "standard",
    "disable_request_compression": True,
    "endpoint_discovery_enabled": True,
    "ignore_configured_endpoint_urls": True,
    "inject_host_prefix": False,
    "max_pool_connections": 3,
    "parameter_validation": False,
    "proxies": {"http": "http://127.0.0.1:9"},
    "proxies_config": {"proxy_use_forwarding_for_https": True},
    "read_timeout": 5,
    "region_name": "eu-west-1",
    "request_checksum_calculation": "when_required",
    "request_min_compression_size_bytes": 100,
    "response_checksum_validation": "when_required",
    "retries": {"mode": "adaptive"},
    "s3": {"addressing_style": "path"},
    "s3_disable_express_session_auth": True,
    "signature_version": "v4",
    "sigv4a_signing_region_set": "us-east-1",
    "tcp_keepalive": True,
    "use_dualstack_endpoint": True,
    "use_fips_endpoint": True,
    "user_agent": "Custom/1.0",
    "user_agent_appid": "app-id",
    "user_agent_extra": "extra/1",
}


def test_every_option_has_a_sample_value():
    assert sorted(OPTION_VALUES) == BOTOCORE_OPTIONS


@pytest.mark.parametrize("name", BOTOCORE_OPTIONS)
def test_config_accepts_option_with_boto3_default(name):
    default = botocore.config.Config.OPTION_DEFAULTS[name]

    ours = fastiam.Config(**{name: default})

    assert getattr(ours, name) == getattr(botocore.config.Config(**{name: default}), name)


@pytest.mark.parametrize("name", BOTOCORE_OPTIONS)
def test_config_defaults_match(name):
    assert getattr(fastiam.Config(), name) == getattr(botocore.config.Config(), name)


@pytest.mark.parametrize("name", BOTOCORE_OPTIONS)
def test_config_option_honoured_or_refused_at_client_creation(name):
    value = OPTION_VALUES[name]
    boto3.session.Session().client("iam", config=botocore.config.Config(**{name: value}))

    config = fastiam.Config(**{name: value})  # never refused here: only at client()
    assert getattr(config, name) == value

    honoured_or_refused(lambda: fastiam.client("iam", config=config), name)
    honoured_or_refused(lambda: fastiam.Session().client("iam", config=config), name)


def test_config_unknown_option_is_type_error():
    with pytest.raises(TypeError) as theirs:
        botocore.config.Config(nonsense=1)
    with pytest.raises(TypeError) as ours:
        fastiam.Config(nonsense=1)

    assert str(ours.value) == str(theirs.value)


def test_config_positional_arguments_like_botocore():
    # botocore's Config also takes its options positionally, in OPTION_DEFAULTS order.
    first = next(iter(botocore.config.Config.OPTION_DEFAULTS))
    theirs = botocore.config.Config("eu-west-1")

    assert getattr(fastiam.Config("eu-west-1"), first) == getattr(theirs, first)


def test_config_merge_like_botocore():
    theirs = botocore.config.Config(region_name="eu-west-1", connect_timeout=5).merge(
        botocore.config.Config(connect_timeout=7, user_agent_appid="x")
    )
    ours = fastiam.Config(region_name="eu-west-1", connect_timeout=5).merge(
        fastiam.Config(connect_timeout=7, user_agent_appid="x")
    )

    for name in BOTOCORE_OPTIONS:
        assert getattr(ours, name) == getattr(theirs, name), name
