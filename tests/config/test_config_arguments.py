"""Every argument boto3 accepts is accepted by fastiam: ``Session(...)``,
``Session.client(...)``, ``fastiam.client(...)``, ``fastiam.aio.client(...)``
and every botocore ``Config`` option; and each one is honoured: its effect is
observed on the wire (what the scripted server, the proxy or a listener that
never answers saw) or in ``client.meta``, side by side with boto3. The only
exceptions are the options in ``support.config_helpers.REFUSED_OPTIONS``, which
tests/config/test_config_refused.py checks are refused (NotImplementedError naming
the option, nothing sent). A check that fails because fastiam refused the
option fails: refusing never passes here."""

from __future__ import annotations

import inspect
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import boto3
import botocore.config
import fastiam
import fastiam.aio
import pytest
from support.config_helpers import (
    CALL,
    HOWS,
    REFUSED_OPTIONS,
    Seen,
    assert_same,
    both,
    fastiam_client,
    invoke,
    observe,
    request_view,
    signed_with,
    unanswered,
)
from support.scripted_server import Reply, error_reply

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


# ---------------------------------------------------------------------------
# Checks: each runs the same thing through boto3 and fastiam and asserts the
# option's effect on both, then that fastiam did what boto3 did.


@dataclass
class Check:
    """What a check needs: the test's fixtures, and fastiam's way of making
    its clients (``how``, one of HOWS)."""

    request: pytest.FixtureRequest
    how: str

    def fixture(self, name: str):
        return self.request.getfixturevalue(name)

    def observe(self, lib: str, target=None, **kwargs) -> Seen:
        """``observe`` against ``target`` (default: the scripted server, which
        is also the default endpoint), region us-east-1 unless given."""
        target = target or self.fixture("server")
        kwargs.setdefault("endpoint_url", target.url)
        kwargs.setdefault("region_name", "us-east-1")
        return observe(lib, target, how=self.how, **kwargs)

    def both(self, target=None, **kwargs) -> tuple[Seen, Seen]:
        return self.observe("boto3", target, **kwargs), self.observe("fastiam", target, **kwargs)


CONFIG_CHECKS: dict[str, Callable[[Check], None]] = {}
CLIENT_CHECKS: dict[str, Callable[[Check], None]] = {}


def config_check(name: str):
    def register(function: Callable[[Check], None]) -> Callable[[Check], None]:
        CONFIG_CHECKS[name] = function
        return function

    return register


def client_check(name: str):
    def register(function: Callable[[Check], None]) -> Callable[[Check], None]:
        CLIENT_CHECKS[name] = function
        return function

    return register


ONE_ATTEMPT = {"total_max_attempts": 1}


@config_check("region_name")
def _config_region(check: Check) -> None:
    # Config(region_name) beats AWS_DEFAULT_REGION (us-east-1 in this suite).
    boto, fast = check.both(config={"region_name": "eu-west-2"}, region_name=None)

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert (seen.signing_region, seen.meta_region_name) == ("eu-west-2", "eu-west-2")
    assert_same(boto, fast)


@config_check("user_agent_extra")
def _user_agent_extra(check: Check) -> None:
    boto, fast = check.both(config={"user_agent_extra": "extra/1"})

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert seen.user_agent.endswith(" extra/1"), seen.user_agent
    assert_same(boto, fast)


@config_check("user_agent_appid")
def _user_agent_appid(check: Check) -> None:
    boto, fast = check.both(config={"user_agent_appid": "app-id"})

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert [t for t in seen.user_agent.split() if t.startswith("app/")] == ["app/app-id"]
    assert_same(boto, fast)


@config_check("connect_timeout")
def _connect_timeout(check: Check) -> None:
    with unanswered() as target:
        config = {"connect_timeout": 0.5, "retries": ONE_ATTEMPT}
        boto, fast = check.both(target, config=config)

    for seen in (boto, fast):
        assert type(seen.error).__name__ == "ConnectTimeoutError", seen.error
        # Ignoring the option would give up after the default 60 s; 30 s leaves
        # a loaded machine 29.5 s of slack over the 0.5 s asked for.
        assert seen.elapsed < 30
    assert_same(boto, fast)


@config_check("read_timeout")
def _read_timeout(check: Check) -> None:
    # Answered after 3 s: within the default 60 s, the call would succeed.
    config = {"read_timeout": 0.5, "retries": ONE_ATTEMPT}
    boto, fast = check.both(replies=(Reply(delay=3.0),), config=config)

    for seen in (boto, fast):
        assert type(seen.error).__name__ == "ReadTimeoutError", seen.error
        assert seen.attempts == 1
    assert_same(boto, fast)


@config_check("parameter_validation")
def _parameter_validation(check: Check) -> None:
    # An empty UserName is below the model's minimum length: with validation on,
    # ParamValidationError and nothing sent.
    arguments = {**CALL, "UserName": ""}
    boto, fast = check.both(config={"parameter_validation": False}, arguments=arguments)

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert seen.form["UserName"] == [""]
    assert_same(boto, fast)
    assert fast.form == boto.form


def second_call_while_first_held(how: str, server, connections: int, wait: float) -> float | None:
    """A fastiam client with ``max_pool_connections=connections`` makes a call
    the server holds unanswered, then a second one: the seconds until the
    second reached the server, or None if it had not after ``wait`` s. Then
    the held call is let go, and the second call must succeed."""
    config = fastiam.Config(max_pool_connections=connections, retries=ONE_ATTEMPT)
    client = fastiam_client(how, config=config, endpoint_url=server.url, region_name="us-east-1")
    server.reset()
    server.hold(1)
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(invoke, client)
        assert server.wait_for_requests(1)
        start = time.monotonic()
        second = pool.submit(invoke, client)
        arrived = server.wait_for_requests(2, timeout=wait)
        elapsed = time.monotonic() - start
        server.reset()  # the held call ends (its connection closed, no answer)
        first.exception(timeout=30)
        assert second.result(timeout=30)["ResponseMetadata"]["HTTPStatusCode"] == 200
    return elapsed if arrived else None


@config_check("max_pool_connections")
def _max_pool_connections(check: Check) -> None:
    # A documented difference, so fastiam only (even with CONFIG_TESTS_BOTO3_BOTH):
    # botocore's pool keeps this many connections but opens more for calls in
    # flight; fastiam's, as aiobotocore's, caps the calls in flight.
    server = check.fixture("server")

    uncapped = second_call_while_first_held(check.how, server, connections=2, wait=10.0)
    assert uncapped is not None, "with 2 connections, the second call was never sent"
    # Ten times as long as the second call took to arrive with a connection
    # free (measured just now, on this machine as loaded as it is), at least 1 s.
    capped = second_call_while_first_held(
        check.how, server, connections=1, wait=max(1.0, 10 * uncapped)
    )
    assert capped is None, f"with 1 connection, the second call was sent after {capped:.3f} s"


@config_check("proxies")
def _proxies(check: Check) -> None:
    server, proxy = check.fixture("server"), check.fixture("proxy")
    config = {"proxies": {"http": proxy.url}}  # used even though NO_PROXY names 127.0.0.1
    passed = {}
    for lib in ("boto3", "fastiam"):
        proxy.reset()
        seen = check.observe(lib, config=config)
        passed[lib] = (seen, [(r.method, r.target) for r in proxy.records])

    for seen, via in passed.values():
        assert seen.error is None, seen.error
        assert via == [("POST", server.url + "/")]
    assert_same(passed["boto3"][0], passed["fastiam"][0])


def service_failure() -> Reply:
    return error_reply("ServiceFailure", "boom", 500, type="Receiver")


@config_check("retries")
def _retries(check: Check) -> None:
    # Answered 500 every time: 3 attempts by default.
    config = {"retries": {"total_max_attempts": 2}}
    boto, fast = check.both(replies=(service_failure(),), config=config)

    for seen in (boto, fast):
        assert type(seen.error).__name__ == "ServiceFailureException", seen.error
        assert seen.attempts == 2
    assert_same(boto, fast)


@pytest.mark.parametrize("how", HOWS)
def test_retries_legacy_mode_retries_only_what_botocore_legacy_retries(server, how):
    # botocore's legacy mode retries throttling, 5xx and connection errors only;
    # RequestTimeout (400) is retried by standard and adaptive modes, not by legacy.
    reply = error_reply("RequestTimeout", "too slow", 400)
    legacy = {"retries": {"mode": "legacy", "total_max_attempts": 2}}
    standard = {"retries": {"mode": "standard", "total_max_attempts": 2}}
    kwargs = {"replies": (reply,), "endpoint_url": server.url, "region_name": "us-east-1"}

    boto, fast = both(server, how=how, config=legacy, **kwargs)
    boto_standard, fast_standard = both(server, how=how, config=standard, **kwargs)

    assert (boto.attempts, boto_standard.attempts) == (1, 2)
    assert_same(boto_standard, fast_standard)
    assert_same(boto, fast)


def _endpoint_variant(check: Check, option: str, endpoint_url: str) -> None:
    """``option`` on a client without an endpoint: the variant endpoint, in both."""
    boto, fast = check.both(config={option: True}, endpoint_url=None, call=False)

    for seen in (boto, fast):
        assert seen.stage == "called", seen.error
        assert (seen.meta_region_name, seen.meta_endpoint_url) == ("aws-global", endpoint_url)


@config_check("use_dualstack_endpoint")
def _dualstack(check: Check) -> None:
    _endpoint_variant(check, "use_dualstack_endpoint", "https://iam.global.api.aws")


@config_check("use_fips_endpoint")
def _fips(check: Check) -> None:
    _endpoint_variant(check, "use_fips_endpoint", "https://iam-fips.amazonaws.com")


@config_check("ignore_configured_endpoint_urls")
def _ignore_configured_endpoint_urls(check: Check) -> None:
    server = check.fixture("server")
    check.fixture("monkeypatch").setenv("AWS_ENDPOINT_URL_IAM", server.url)

    configured = check.both(endpoint_url=None, call=False)
    ignored = check.both(
        config={"ignore_configured_endpoint_urls": True}, endpoint_url=None, call=False
    )

    for seen in configured:
        assert seen.meta_endpoint_url == server.url, seen.error
    for seen in ignored:
        assert seen.stage == "called", seen.error
        assert seen.meta_endpoint_url == "https://iam.amazonaws.com"


# Options that change nothing about an IAM request in botocore (S3 only,
# services with host prefixes, endpoint discovery, account-based endpoints,
# auth schemes other than SigV4, compression and checksums), with values that
# would change something where they apply.
NO_EFFECT_ON_IAM = {
    "account_id_endpoint_mode": "required",
    "auth_scheme_preference": "sigv4a",
    "client_context_params": {"some_param": "value"},
    "disable_request_compression": True,
    "endpoint_discovery_enabled": True,
    "inject_host_prefix": False,
    "request_checksum_calculation": "when_required",
    "request_min_compression_size_bytes": 1,
    "response_checksum_validation": "when_required",
    "s3": {"addressing_style": "path", "use_accelerate_endpoint": True},
    "s3_disable_express_session_auth": True,
}


def assert_no_effect(check: Check, **kwargs) -> None:
    """The call with ``kwargs`` is, for each library, the call without them
    (boto3 shows they change nothing for IAM), and fastiam's is boto3's."""
    plain = check.both()
    given = check.both(**kwargs)

    for without, with_ in zip(plain, given):
        assert with_.error is None, with_.error
        assert request_view(with_) == request_view(without)
    assert_same(*given)


def _no_effect(name: str, value: object) -> Callable[[Check], None]:
    def no_effect(check: Check) -> None:
        assert_no_effect(check, config={name: value})

    return no_effect


for _name, _value in NO_EFFECT_ON_IAM.items():
    CONFIG_CHECKS[_name] = _no_effect(_name, _value)


BOTOCORE_OPTIONS = sorted(botocore.config.Config.OPTION_DEFAULTS)


def test_every_option_is_checked_or_refused():
    # A new botocore option, or one taken out of REFUSED_OPTIONS, needs a check.
    assert not set(CONFIG_CHECKS) & set(REFUSED_OPTIONS)
    assert sorted({*CONFIG_CHECKS, *REFUSED_OPTIONS}) == BOTOCORE_OPTIONS


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("name", sorted(CONFIG_CHECKS))
def test_config_option_is_honoured(request, name, how):
    CONFIG_CHECKS[name](Check(request, how))


# ---------------------------------------------------------------------------
# client() arguments


@client_check("region_name")
def _client_region(check: Check) -> None:
    boto, fast = check.both(region_name="eu-west-1")

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert (seen.signing_region, seen.meta_region_name) == ("eu-west-1", "eu-west-1")
    assert_same(boto, fast)


@client_check("api_version")
def _api_version(check: Check) -> None:
    # IAM's one API version: what the request says it speaks.
    boto, fast = check.both(api_version="2010-05-08")

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert seen.form["Version"] == ["2010-05-08"]
    assert_same(boto, fast)


@client_check("use_ssl")
def _use_ssl(check: Check) -> None:
    boto, fast = check.both(use_ssl=False, endpoint_url=None, call=False)

    for seen in (boto, fast):
        assert seen.stage == "called", seen.error
        assert seen.meta_endpoint_url == "http://iam.amazonaws.com"


@client_check("verify")
def _verify(check: Check) -> None:
    # The TLS fake's certificate is signed by a CA nobody trusts here.
    tls_server = check.fixture("tls_server")
    checked = check.both(tls_server)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # urllib3's InsecureRequestWarning (boto3)
        unchecked = check.both(tls_server, verify=False)

    for seen in checked:
        assert type(seen.error).__name__ == "SSLError", seen.error
    for seen in unchecked:
        assert seen.error is None, seen.error
        assert seen.attempts == 1
    assert_same(*unchecked)


@client_check("endpoint_url")
def _endpoint_url(check: Check) -> None:
    server = check.fixture("server")
    boto, fast = check.both(endpoint_url=server.url + "/some/path")

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert (seen.host, seen.path) == (f"127.0.0.1:{server.port}", "/some/path")
        assert seen.meta_endpoint_url == server.url + "/some/path"
    assert_same(boto, fast)


KEYS = {"aws_access_key_id": "AKIDX", "aws_secret_access_key": "secret-x"}


@client_check("aws_access_key_id")
def _access_key(check: Check) -> None:
    boto, fast = check.both(**KEYS)

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert seen.access_key == "AKIDX"
    assert_same(boto, fast)


@client_check("aws_secret_access_key")
def _secret_key(check: Check) -> None:
    boto, fast = check.both(**KEYS)

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert signed_with(seen.first, "secret-x")
        assert not signed_with(seen.first, "environment-secret")  # the suite's env keys
    assert_same(boto, fast)


@client_check("aws_session_token")
def _session_token(check: Check) -> None:
    boto, fast = check.both(aws_session_token="token-x", **KEYS)
    # Without keys, botocore ignores the token (credentials come from the chain).
    boto_alone, fast_alone = check.both(aws_session_token="token-x")

    for seen in (boto, fast):
        assert seen.error is None, seen.error
        assert seen.security_token == "token-x"
    assert_same(boto, fast)
    assert boto_alone.security_token is None
    assert_same(boto_alone, fast_alone)


@client_check("aws_account_id")
def _account_id(check: Check) -> None:
    # IAM has no account-based endpoints: nothing changes (in botocore either).
    assert_no_effect(check, aws_account_id="123456789012")


def test_every_client_argument_is_checked():
    # "config" is every Config option, checked above.
    theirs = set(parameters(boto3.session.Session.client)) - {"service_name", "config"}
    assert set(CLIENT_CHECKS) == theirs


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("name", sorted(CLIENT_CHECKS))
def test_client_argument_is_honoured(request, name, how):
    CLIENT_CHECKS[name](Check(request, how))


@pytest.mark.parametrize("how", HOWS)
def test_unknown_api_version(server, how):
    boto, fast = both(server, how=how, api_version="2099-01-01", call=False)

    assert (boto.stage, type(boto.error).__name__) == ("client", "DataNotFoundError")
    assert_same(boto, fast)


def test_client_rejects_what_boto3_rejects():
    with pytest.raises(TypeError):
        boto3.session.Session().client("iam", nonsense=1)
    with pytest.raises(TypeError):
        fastiam.client("iam", nonsense=1)
    with pytest.raises(TypeError):
        fastiam.Session().client("iam", nonsense=1)
    with pytest.raises(TypeError):
        fastiam.aio.client("iam", nonsense=1)


# ---------------------------------------------------------------------------
# Settings of the config file


@pytest.mark.parametrize("how", HOWS)
def test_parameter_validation_from_the_profile(server, aws_files, how):
    # botocore reads parameter_validation from the profile too (no variable).
    aws_files.write_config("[default]\nparameter_validation = false\n")
    arguments = {**CALL, "UserName": ""}

    boto, fast = both(
        server, how=how, arguments=arguments, endpoint_url=server.url, region_name="us-east-1"
    )

    assert boto.error is None and boto.form["UserName"] == [""]
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# Config itself

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
def test_config_keeps_every_option(name):
    # Config() takes every option (a refusal comes only when a client is made).
    value = OPTION_VALUES[name]

    ours = fastiam.Config(**{name: value})

    assert getattr(ours, name) == getattr(botocore.config.Config(**{name: value}), name) == value


@pytest.mark.parametrize("name", BOTOCORE_OPTIONS)
def test_config_accepts_option_with_boto3_default(name):
    default = botocore.config.Config.OPTION_DEFAULTS[name]

    ours = fastiam.Config(**{name: default})

    assert getattr(ours, name) == getattr(botocore.config.Config(**{name: default}), name)


@pytest.mark.parametrize("name", BOTOCORE_OPTIONS)
def test_config_defaults_match(name):
    assert getattr(fastiam.Config(), name) == getattr(botocore.config.Config(), name)


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
