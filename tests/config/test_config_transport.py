"""Proxies and TLS verification, side by side with boto3: Config(proxies=...),
HTTP_PROXY / HTTPS_PROXY / NO_PROXY, verify=False / verify="ca.pem" /
AWS_CA_BUNDLE against a local TLS fake with a certificate made by the test.
The proxy (support/proxy_server.py) records what passed through it."""

from __future__ import annotations

import time
import warnings

import pytest
from conftest import CALL
from support.config_helpers import assert_same, both, observe
from urllib3.exceptions import InsecureRequestWarning

ONE_ATTEMPT = {"retries": {"total_max_attempts": 1}}


@pytest.fixture
def no_proxy_env(monkeypatch):
    """The session fixture sets NO_PROXY=127.0.0.1,localhost; proxy tests that
    want the environment's proxy used must drop it."""
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def through(lib, target, proxy, **kwargs):
    proxy.reset()
    seen = observe(lib, target, region_name="us-east-1", **kwargs)
    return seen, [(r.method, r.target) for r in proxy.records]


def both_through(target, proxy, **kwargs):
    boto = through("boto3", target, proxy, **kwargs)
    fast = through("fastiam", target, proxy, **kwargs)
    return boto, fast


# ---------------------------------------------------------------------------
# Proxies


def test_config_http_proxy(server, proxy, no_proxy_env):
    (boto, boto_via), (fast, fast_via) = both_through(
        server, proxy, endpoint_url=server.url, config={"proxies": {"http": proxy.url}}
    )

    assert boto.error is None and boto_via == [("POST", server.url + "/")]
    assert_same(boto, fast)
    assert fast_via == boto_via


def test_config_https_proxy_tunnels(tls_server, proxy, no_proxy_env):
    (boto, boto_via), (fast, fast_via) = both_through(
        tls_server,
        proxy,
        endpoint_url=tls_server.url,
        verify=str(tls_server.certificates.ca),
        config={"proxies": {"https": proxy.url}},
    )

    assert boto.error is None and boto_via == [("CONNECT", f"127.0.0.1:{tls_server.port}")]
    assert_same(boto, fast)
    assert fast_via == boto_via


def test_config_http_proxy_is_not_used_for_https(tls_server, proxy, no_proxy_env):
    (boto, boto_via), (fast, fast_via) = both_through(
        tls_server,
        proxy,
        endpoint_url=tls_server.url,
        verify=str(tls_server.certificates.ca),
        config={"proxies": {"http": proxy.url}},
    )

    assert boto.error is None and boto_via == []
    assert_same(boto, fast)
    assert fast_via == []


def test_config_proxies_ignore_no_proxy(server, proxy, monkeypatch, no_proxy_env):
    # botocore uses Config(proxies=...) as given: NO_PROXY only filters the
    # environment's proxies.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    (boto, boto_via), (fast, fast_via) = both_through(
        server, proxy, endpoint_url=server.url, config={"proxies": {"http": proxy.url}}
    )

    assert boto.error is None and len(boto_via) == 1
    assert_same(boto, fast)
    assert fast_via == boto_via


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy"])
def test_environment_http_proxy(server, proxy, monkeypatch, no_proxy_env, variable):
    monkeypatch.setenv(variable, proxy.url)

    (boto, boto_via), (fast, fast_via) = both_through(server, proxy, endpoint_url=server.url)

    assert boto.error is None and boto_via == [("POST", server.url + "/")]
    assert_same(boto, fast)
    assert fast_via == boto_via


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy"])
def test_environment_https_proxy(tls_server, proxy, monkeypatch, no_proxy_env, variable):
    monkeypatch.setenv(variable, proxy.url)

    (boto, boto_via), (fast, fast_via) = both_through(
        tls_server, proxy, endpoint_url=tls_server.url, verify=str(tls_server.certificates.ca)
    )

    assert boto.error is None and boto_via == [("CONNECT", f"127.0.0.1:{tls_server.port}")]
    assert_same(boto, fast)
    assert fast_via == boto_via


@pytest.mark.parametrize("value", ["127.0.0.1", "localhost,127.0.0.1", "*"])
def test_no_proxy_bypasses_environment_proxy(server, proxy, monkeypatch, no_proxy_env, value):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", value)

    (boto, boto_via), (fast, fast_via) = both_through(server, proxy, endpoint_url=server.url)

    assert boto.error is None and boto_via == []
    assert_same(boto, fast)
    assert fast_via == []


def test_no_proxy_other_host_keeps_the_proxy(server, proxy, monkeypatch, no_proxy_env):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "example.com")

    (boto, boto_via), (fast, fast_via) = both_through(server, proxy, endpoint_url=server.url)

    assert len(boto_via) == 1
    assert_same(boto, fast)
    assert fast_via == boto_via


def test_proxy_credentials_in_url(server, proxy, no_proxy_env):
    url = proxy.url.replace("http://", "http://user:pa%20ss@")
    (boto, _), (fast, _) = both_through(
        server, proxy, endpoint_url=server.url, config={"proxies": {"http": url}}
    )
    proxy.reset()
    through("boto3", server, proxy, endpoint_url=server.url, config={"proxies": {"http": url}})
    boto_auth = proxy.records[0].headers.get("proxy-authorization")
    proxy.reset()
    through("fastiam", server, proxy, endpoint_url=server.url, config={"proxies": {"http": url}})

    assert boto_auth is not None and boto_auth.startswith("Basic ")
    assert_same(boto, fast)
    assert [r.headers.get("proxy-authorization") for r in proxy.records] == [boto_auth]


def test_unreachable_proxy(server, refused_url, no_proxy_env):
    boto, fast = both(
        server,
        endpoint_url=server.url,
        region_name="us-east-1",
        config={"proxies": {"http": refused_url}, **ONE_ATTEMPT},
    )

    assert type(boto.error).__name__ == "ProxyConnectionError"
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# TLS verification


def test_verify_with_ca_bundle(tls_server):
    boto, fast = both(
        tls_server,
        endpoint_url=tls_server.url,
        region_name="us-east-1",
        verify=str(tls_server.certificates.ca),
    )

    assert boto.error is None
    assert_same(boto, fast)


def test_verify_with_ca_bundle_by_host_name(tls_server):
    url = tls_server.url.replace("127.0.0.1", "localhost")
    boto, fast = both(
        tls_server,
        endpoint_url=url,
        region_name="us-east-1",
        verify=str(tls_server.certificates.ca),
    )

    assert boto.error is None and boto.host == url.split("://")[1]
    assert_same(boto, fast)


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_verify_false(tls_server):
    boto, fast = both(
        tls_server, endpoint_url=tls_server.url, region_name="us-east-1", verify=False
    )

    assert boto.error is None
    assert_same(boto, fast)


def test_aws_ca_bundle_environment(tls_server, monkeypatch):
    monkeypatch.setenv("AWS_CA_BUNDLE", str(tls_server.certificates.ca))

    boto, fast = both(tls_server, endpoint_url=tls_server.url, region_name="us-east-1")

    assert boto.error is None
    assert_same(boto, fast)


def test_ca_bundle_from_profile(tls_server, aws_files):
    aws_files.write_config(f"[default]\nca_bundle = {tls_server.certificates.ca}\n")

    boto, fast = both(tls_server, endpoint_url=tls_server.url, region_name="us-east-1")

    assert boto.error is None
    assert_same(boto, fast)


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_verify_false_beats_aws_ca_bundle(tls_server, monkeypatch, tmp_path):
    other = tmp_path / "other-ca.pem"
    from support.tls_server import make_certificates

    other.write_bytes(make_certificates(tmp_path / "other").ca.read_bytes())
    monkeypatch.setenv("AWS_CA_BUNDLE", str(other))

    boto, fast = both(
        tls_server, endpoint_url=tls_server.url, region_name="us-east-1", verify=False
    )

    assert boto.error is None
    assert_same(boto, fast)


def test_verify_argument_beats_aws_ca_bundle(tls_server, monkeypatch, tmp_path):
    from support.tls_server import make_certificates

    other = make_certificates(tmp_path / "other").ca
    monkeypatch.setenv("AWS_CA_BUNDLE", str(other))

    boto, fast = both(
        tls_server,
        endpoint_url=tls_server.url,
        region_name="us-east-1",
        verify=str(tls_server.certificates.ca),
    )

    assert boto.error is None
    assert_same(boto, fast)


@pytest.mark.parametrize("how", ["default", "wrong CA"])
def test_untrusted_certificate_is_ssl_error(tls_server, tmp_path, how):
    kwargs = {}
    if how == "wrong CA":
        from support.tls_server import make_certificates

        kwargs["verify"] = str(make_certificates(tmp_path / "other").ca)

    boto, fast = both(
        tls_server,
        endpoint_url=tls_server.url,
        region_name="us-east-1",
        config=ONE_ATTEMPT,
        **kwargs,
    )

    # The text after the URL is the TLS library's; class and prefix must match.
    prefix = f"SSL validation failed for {tls_server.url}/ "
    assert type(boto.error).__name__ == "SSLError"
    assert str(boto.error).startswith(prefix)
    assert (boto.stage, boto.attempts) == ("called", 0)
    assert (fast.stage, type(fast.error).__name__) == ("called", "SSLError")
    assert str(fast.error).startswith(prefix)
    assert fast.attempts == 0
    assert tls_server.handshake_failures >= 1


def settled_handshake_failures(tls_server) -> int:
    """The failed-handshake count once it stops moving (the server counts each
    failure in the connection's own thread, possibly after the client gave up)."""
    count, stable_since = tls_server.handshake_failures, time.monotonic()
    while time.monotonic() - stable_since < 0.3:
        time.sleep(0.02)
        if tls_server.handshake_failures != count:
            count, stable_since = tls_server.handshake_failures, time.monotonic()
    return count


def test_untrusted_certificate_retries_like_boto3(tls_server):
    # Default retry settings: is a failed handshake retried, and how often?
    counts, errors = [], []
    for lib in ("boto3", "fastiam"):
        settled_handshake_failures(tls_server)
        tls_server.reset_handshake_failures()
        seen = observe(lib, tls_server, endpoint_url=tls_server.url, region_name="us-east-1")
        errors.append(type(seen.error).__name__)
        counts.append(settled_handshake_failures(tls_server))

    assert errors == ["SSLError", "SSLError"]
    assert counts[0] == 3  # botocore retries SSL errors (3 attempts, standard mode)
    assert counts[1] == counts[0]


def test_missing_ca_bundle_file(tls_server, tmp_path):
    missing = str(tmp_path / "nope.pem")
    boto, fast = both(
        tls_server, endpoint_url=tls_server.url, region_name="us-east-1", verify=missing
    )

    assert boto.error is not None
    assert (fast.stage, type(fast.error).__name__) == (boto.stage, type(boto.error).__name__)


# ---------------------------------------------------------------------------
# verify=False: the proxy still applies, and each unverified request warns


def _through_recording_warnings(lib, target, proxy, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seen, via = through(lib, target, proxy, **kwargs)
    insecure = [w for w in caught if issubclass(w.category, InsecureRequestWarning)]
    return seen, via, [str(w.message) for w in insecure]


def test_verify_false_goes_through_the_proxy_and_warns(tls_server, proxy, no_proxy_env):
    kwargs = {
        "endpoint_url": tls_server.url,
        "verify": False,
        "config": {"proxies": {"https": proxy.url}},
    }
    boto, boto_via, boto_warned = _through_recording_warnings("boto3", tls_server, proxy, **kwargs)
    fast, fast_via, fast_warned = _through_recording_warnings(
        "fastiam", tls_server, proxy, **kwargs
    )

    assert boto.error is None and boto_via == [("CONNECT", f"127.0.0.1:{tls_server.port}")]
    assert_same(boto, fast)
    assert fast_via == boto_via
    assert len(boto_warned) == 1 and "127.0.0.1" in boto_warned[0]
    assert fast_warned == boto_warned


def test_verify_false_proxy_credentials_reach_the_proxy(tls_server, proxy, no_proxy_env):
    """The proxy's user and password are sent as Proxy-Authorization on CONNECT,
    as urllib3 sends them, with certificate checks off too."""
    host = proxy.url.split("://", 1)[1]
    credentials = {"proxies": {"https": f"http://proxy-user:proxy%20pass@{host}"}}
    sent = {}
    for lib in ("boto3", "fastiam"):
        seen, via, _ = _through_recording_warnings(
            lib, tls_server, proxy, endpoint_url=tls_server.url, verify=False, config=credentials
        )
        assert seen.error is None and via == [("CONNECT", f"127.0.0.1:{tls_server.port}")]
        sent[lib] = proxy.records[0].headers.get("proxy-authorization")

    assert sent["boto3"] is not None
    assert sent["fastiam"] == sent["boto3"]


def test_verify_false_warns_once_per_attempt(tls_server):
    """urllib3 warns before each HTTPS request, retries included."""
    from support.scripted_server import Reply, success_reply

    throttled = Reply(
        status=503,
        body=b"<ErrorResponse><Error><Code>Throttling</Code><Message>slow down</Message>"
        b"</Error><RequestId>r</RequestId></ErrorResponse>",
    )
    warned = {}
    for lib in ("boto3", "fastiam"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            seen = observe(
                lib,
                tls_server,
                replies=(throttled, success_reply()),
                endpoint_url=tls_server.url,
                region_name="us-east-1",
                verify=False,
                config={"retries": {"mode": "standard", "total_max_attempts": 2}},
            )
        assert seen.error is None
        assert len(seen.requests) == 2
        warned[lib] = [
            str(w.message) for w in caught if issubclass(w.category, InsecureRequestWarning)
        ]

    assert len(warned["boto3"]) == 2
    assert warned["fastiam"] == warned["boto3"]


def https_client(tls_server, verify, module="fastiam"):
    """A fastiam client (``module``: "fastiam" or "fastiam.aio") of the TLS server."""
    import importlib

    return importlib.import_module(module).client(
        "iam",
        endpoint_url=tls_server.url,
        region_name="us-east-1",
        aws_access_key_id="AKIDTEST",
        aws_secret_access_key="test-secret-key",
        verify=verify,
    )


def test_verify_false_warning_on_the_async_client(tls_server):
    import asyncio

    async def call():
        return await https_client(tls_server, False, "fastiam.aio").enable_mfa_device(**CALL)

    tls_server.reset()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(call())
    insecure = [w for w in caught if issubclass(w.category, InsecureRequestWarning)]
    assert len(insecure) == 1 and "'127.0.0.1'" in str(insecure[0].message)


def test_verify_false_warning_honours_filters(tls_server):
    """Python's filters decide: an "error" filter raises the warning, "ignore" hides it."""
    client = https_client(tls_server, False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", InsecureRequestWarning)
        client.enable_mfa_device(**CALL)
    assert caught == []
    with warnings.catch_warnings():
        warnings.simplefilter("error", InsecureRequestWarning)
        with pytest.raises(InsecureRequestWarning):
            client.enable_mfa_device(**CALL)


def test_verified_https_does_not_warn(tls_server):
    client = https_client(tls_server, str(tls_server.certificates.ca))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.enable_mfa_device(**CALL)
    assert [w for w in caught if issubclass(w.category, InsecureRequestWarning)] == []
