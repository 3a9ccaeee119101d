"""Regions and endpoints, side by side with boto3: ``client.meta.region_name`` /
``meta.endpoint_url``, the signing scope and the Host the request carried.

Real AWS hosts are never contacted: partition endpoints are reached through an
intercepting CONNECT proxy (support/proxy_server.py) that sends ``iam.amazonaws.com:443``
& co. to the local TLS fake (support/tls_server.py), whose certificate the clients are
told to trust with ``verify=ca.pem``.
"""

from __future__ import annotations

import pytest
from support.config_helpers import assert_same, both, observe, summary
from support.tls_server import SERVER_NAMES

REGIONS = [None, "us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "us-gov-east-1"]

# What boto3 1.44 answers (checked live below as well: documents the surprises,
# e.g. meta.region_name is the partition's global pseudo-region).
EXPECTED = {
    None: ("aws-global", "https://iam.amazonaws.com", "us-east-1"),
    "us-east-1": ("aws-global", "https://iam.amazonaws.com", "us-east-1"),
    "eu-west-1": ("aws-global", "https://iam.amazonaws.com", "us-east-1"),
    "cn-north-1": ("aws-cn-global", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
    "us-gov-west-1": ("aws-us-gov-global", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"),
    "us-gov-east-1": ("aws-us-gov-global", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"),
}
EXPECTED_FIPS = {
    None: "https://iam-fips.amazonaws.com",
    "us-east-1": "https://iam-fips.amazonaws.com",
    "eu-west-1": "https://iam-fips.amazonaws.com",
    "cn-north-1": "https://iam-fips.aws-cn-global.amazonaws.com.cn",
    "us-gov-west-1": "https://iam.us-gov.amazonaws.com",
    "us-gov-east-1": "https://iam.us-gov.amazonaws.com",
}

# The host a FIPS request really goes to, where it differs from meta.endpoint_url
# (botocore resolves the endpoint again per request, with the ruleset; for China
# FIPS the two disagree).
WIRE_FIPS = {"cn-north-1": "iam-fips.amazonaws.com.cn"}


def fastiam_fips_meta(boto_meta: tuple, region: str) -> tuple:
    """fastiam's meta for a FIPS client: boto3's, except that its endpoint_url is
    where requests really go (a documented difference for China)."""
    if region in WIRE_FIPS:
        return (boto_meta[0], f"https://{WIRE_FIPS[region]}")
    return boto_meta


@pytest.fixture
def no_region(monkeypatch):
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)


def meta(seen) -> tuple:
    return seen.meta_region_name, seen.meta_endpoint_url


# ---------------------------------------------------------------------------
# meta values (no request)


@pytest.mark.parametrize("region", REGIONS, ids=str)
def test_meta_for_region(server, no_region, region):
    boto, fast = both(server, call=False, region_name=region)

    assert boto.error is None and meta(boto) == EXPECTED[region][:2]
    assert fast.error is None, fast.error
    assert meta(fast) == meta(boto)


@pytest.mark.parametrize("region", REGIONS, ids=str)
@pytest.mark.parametrize("how", ["config", "environment"])
def test_meta_for_fips(server, monkeypatch, no_region, region, how):
    config = None
    if how == "config":
        config = {"use_fips_endpoint": True}
    else:
        monkeypatch.setenv("AWS_USE_FIPS_ENDPOINT", "true")

    boto, fast = both(server, call=False, region_name=region, config=config)

    assert meta(boto) == (EXPECTED[region][0], EXPECTED_FIPS[region])
    assert fast.error is None, fast.error
    assert meta(fast) == fastiam_fips_meta(meta(boto), region)


@pytest.mark.parametrize("value", ["false", "FALSE", "junk"])
def test_fips_environment_other_values_mean_off(server, monkeypatch, value):
    monkeypatch.setenv("AWS_USE_FIPS_ENDPOINT", value)

    boto, fast = both(server, call=False, region_name="us-east-1")

    assert meta(boto) == ("aws-global", "https://iam.amazonaws.com")
    assert meta(fast) == meta(boto)


def test_fips_from_profile(server, aws_files, monkeypatch, no_region):
    aws_files.write_config("[default]\nuse_fips_endpoint = true\n")

    boto, fast = both(server, call=False)

    assert meta(boto) == ("aws-global", "https://iam-fips.amazonaws.com")
    assert meta(fast) == meta(boto)


def test_fips_config_false_beats_environment(server, monkeypatch):
    monkeypatch.setenv("AWS_USE_FIPS_ENDPOINT", "true")

    boto, fast = both(server, call=False, config={"use_fips_endpoint": False})

    assert meta(fast) == meta(boto)


def test_meta_with_endpoint_url_keeps_path(server):
    url = "http://localhost:5055/some/path"
    boto, fast = both(server, call=False, endpoint_url=url, region_name="eu-west-1")

    assert meta(boto) == ("eu-west-1", url)
    assert meta(fast) == meta(boto)


def test_meta_with_endpoint_url_and_no_region(server, no_region):
    boto, fast = both(server, call=False, endpoint_url="http://localhost:5055")

    assert meta(boto) == (None, "http://localhost:5055")
    assert fast.error is None, fast.error
    assert meta(fast) == meta(boto)


def test_fips_is_ignored_with_endpoint_url(server):
    boto, fast = both(
        server, endpoint_url=server.url, region_name="eu-west-1", config={"use_fips_endpoint": True}
    )

    assert meta(boto) == ("eu-west-1", server.url)
    assert meta(fast) == meta(boto)
    assert_same(boto, fast)


def test_use_ssl_false_without_endpoint_url(server):
    boto, fast = both(server, call=False, region_name="eu-west-1", use_ssl=False)

    assert meta(boto) == ("aws-global", "http://iam.amazonaws.com")
    assert fast.error is None, fast.error
    assert meta(fast) == meta(boto)


def test_dualstack(server):
    boto, fast = both(
        server, call=False, region_name="us-east-1", config={"use_dualstack_endpoint": True}
    )

    assert meta(boto) == ("aws-global", "https://iam.global.api.aws")
    assert fast.error is None, fast.error
    assert meta(fast) == meta(boto)


# ---------------------------------------------------------------------------
# endpoint_url and the environment


@pytest.mark.parametrize("path", ["/some/path", "/some/path/", "/"])
def test_endpoint_url_path_is_used_verbatim(server, path):
    boto, fast = both(server, endpoint_url=server.url + path, region_name="eu-west-1")

    assert boto.path == path and boto.signing_region == "eu-west-1"
    assert_same(boto, fast)
    assert meta(fast) == meta(boto)


def test_endpoint_url_without_any_region_is_no_region_error_at_call(server, no_region):
    # Surprising but true: IAM's global endpoint needs no region, but with an
    # endpoint_url and no region at all botocore cannot sign: NoRegionError when
    # calling (the client itself is created fine).
    boto, fast = both(server, endpoint_url=server.url)

    assert boto.stage == "called"
    assert type(boto.error).__name__ == "NoRegionError"
    assert str(boto.error) == "You must specify a region."
    assert_same(boto, fast)


@pytest.mark.parametrize(
    "env",
    [
        {"AWS_ENDPOINT_URL_IAM": "{server}/iam-specific", "AWS_ENDPOINT_URL": "{refused}"},
        {"AWS_ENDPOINT_URL": "{server}/general"},
    ],
    ids=["service-specific-wins", "general"],
)
def test_endpoint_from_environment(server, monkeypatch, refused_url, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(server=server.url, refused=refused_url))

    boto, fast = both(server, region_name="eu-west-1")

    assert boto.error is None and boto.path in ("/iam-specific", "/general")
    assert_same(boto, fast)
    assert meta(fast) == meta(boto)


def test_endpoint_argument_beats_environment(server, monkeypatch, refused_url):
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", refused_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL", refused_url)

    boto, fast = both(server, endpoint_url=server.url, region_name="eu-west-1")

    assert boto.error is None
    assert_same(boto, fast)


def test_endpoint_from_profile(server, aws_files):
    aws_files.write_config(
        f"[default]\nendpoint_url = {server.url}/from-profile\n"
        f"[services iamdev]\niam =\n  endpoint_url = {server.url}/from-services\n"
    )

    boto, fast = both(server, region_name="eu-west-1")

    assert boto.path == "/from-profile"
    assert_same(boto, fast)
    assert meta(fast) == meta(boto)


def test_endpoint_from_services_section(server, aws_files):
    aws_files.write_config(
        f"[default]\nservices = iamdev\nendpoint_url = {server.url}/from-profile\n"
        f"[services iamdev]\niam =\n  endpoint_url = {server.url}/from-services\n"
    )

    boto, fast = both(server, region_name="eu-west-1")

    assert boto.path == "/from-services"
    assert_same(boto, fast)


@pytest.mark.parametrize("how", ["config", "environment"])
def test_ignore_configured_endpoint_urls(server, monkeypatch, refused_url, how):
    monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", refused_url)
    config = None
    if how == "config":
        config = {"ignore_configured_endpoint_urls": True}
    else:
        monkeypatch.setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")

    boto, fast = both(server, call=False, region_name="us-east-1", config=config)

    assert meta(boto) == ("aws-global", "https://iam.amazonaws.com")
    assert fast.error is None, fast.error
    assert meta(fast) == meta(boto)


@pytest.mark.parametrize("where", ["argument", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM"])
def test_invalid_endpoint(server, monkeypatch, where):
    kwargs = {}
    if where == "argument":
        kwargs["endpoint_url"] = "localhost:5055"
    else:
        monkeypatch.setenv(where, "localhost:5055")

    boto, fast = both(server, region_name="us-east-1", **kwargs)

    assert (boto.stage, type(boto.error), str(boto.error)) == (
        "client",
        ValueError,
        "Invalid endpoint: localhost:5055",
    )
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# Which region is used (signing scope, with endpoint_url = the scripted server)

REGION_CASES = {
    "argument": ({}, None, None, {"region_name": "eu-west-1"}, "eu-west-1"),
    "config": ({}, None, {"region_name": "eu-west-2"}, {}, "eu-west-2"),
    "AWS_DEFAULT_REGION": ({"AWS_DEFAULT_REGION": "ap-south-1"}, None, None, {}, "ap-south-1"),
    # botocore does not read AWS_REGION: with nothing else it has no region;
    # fastiam falls back to it (a documented difference).
    "AWS_REGION alone": ({"AWS_REGION": "ap-south-1"}, None, None, {}, "NoRegionError"),
    "AWS_DEFAULT_REGION beats AWS_REGION": (
        {"AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "ca-central-1"},
        None,
        None,
        {},
        "ca-central-1",
    ),
    "profile": ({}, "sa-east-1", None, {}, "sa-east-1"),
    "argument beats config": (
        {},
        None,
        {"region_name": "eu-west-2"},
        {"region_name": "eu-west-1"},
        "eu-west-1",
    ),
    "config beats environment": (
        {"AWS_DEFAULT_REGION": "ap-south-1"},
        None,
        {"region_name": "eu-west-2"},
        {},
        "eu-west-2",
    ),
    "environment beats profile": (
        {"AWS_DEFAULT_REGION": "ap-south-1"},
        "sa-east-1",
        None,
        {},
        "ap-south-1",
    ),
    "cn region": ({}, None, None, {"region_name": "cn-north-1"}, "cn-north-1"),
    "gov east (not normalised with endpoint_url)": (
        {},
        None,
        None,
        {"region_name": "us-gov-east-1"},
        "us-gov-east-1",
    ),
}


@pytest.mark.parametrize(
    ("env", "profile_region", "config", "kwargs", "expected"),
    list(REGION_CASES.values()),
    ids=list(REGION_CASES),
)
def test_region_precedence(
    server, aws_files, monkeypatch, no_region, env, profile_region, config, kwargs, expected
):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if profile_region:
        aws_files.write_config(f"[default]\nregion = {profile_region}\n")

    boto, fast = both(server, endpoint_url=server.url, config=config, **kwargs)

    if expected == "NoRegionError":
        assert type(boto.error).__name__ == "NoRegionError"
        assert fast.error is None and fast.signing_region == env["AWS_REGION"]
        assert meta(fast) == (env["AWS_REGION"], server.url)
        return
    else:
        assert boto.error is None and boto.signing_region == expected
        assert boto.meta_region_name == expected
    assert_same(boto, fast)
    assert meta(fast) == meta(boto)


@pytest.mark.parametrize(
    ("session", "config", "env", "expected"),
    [
        ({"region_name": "eu-west-1"}, None, {"AWS_DEFAULT_REGION": "ap-south-1"}, "eu-west-1"),
        # botocore: Config(region_name) beats the *session's* region_name
        ({"region_name": "eu-west-1"}, {"region_name": "eu-west-2"}, {}, "eu-west-2"),
    ],
    ids=["session-beats-environment", "config-beats-session"],
)
def test_session_region(server, monkeypatch, no_region, session, config, env, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    boto, fast = both(server, endpoint_url=server.url, session=session, config=config)

    assert boto.signing_region == expected
    assert_same(boto, fast)
    assert meta(fast) == meta(boto)


def test_client_argument_beats_session_region(server, no_region):
    boto, fast = both(
        server,
        endpoint_url=server.url,
        session={"region_name": "eu-west-1"},
        region_name="cn-north-1",
    )

    assert boto.signing_region == "cn-north-1"
    assert_same(boto, fast)


@pytest.mark.parametrize("where", ["argument", "config", "AWS_DEFAULT_REGION", "profile"])
def test_invalid_region(server, aws_files, monkeypatch, no_region, where):
    bad = "bad region!"
    kwargs, config = {}, None
    if where == "argument":
        kwargs["region_name"] = bad
    elif where == "config":
        config = {"region_name": bad}
    elif where == "AWS_DEFAULT_REGION":
        monkeypatch.setenv("AWS_DEFAULT_REGION", bad)
    else:
        aws_files.write_config(f"[default]\nregion = {bad}\n")

    boto, fast = both(server, endpoint_url=server.url, config=config, **kwargs)

    assert type(boto.error).__name__ == "InvalidRegionError"
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# Partition endpoints on the wire, through an intercepting proxy


@pytest.fixture
def interceptor(proxy, tls_server):
    """The proxy, sending every IAM host name's port 443 to the local TLS fake."""
    proxy.routes.update({f"{name}:443": ("127.0.0.1", tls_server.port) for name in SERVER_NAMES})
    return proxy


def through_interceptor(lib, tls_server, interceptor, config=None, **kwargs):
    interceptor.reset()
    config = {**(config or {}), "proxies": {"https": interceptor.url}}
    seen = observe(lib, tls_server, config=config, verify=str(tls_server.certificates.ca), **kwargs)
    tunnels = [r.target for r in interceptor.records if r.method == "CONNECT"]
    return seen, tunnels


@pytest.mark.parametrize("region", REGIONS, ids=str)
@pytest.mark.parametrize("fips", [False, True], ids=["plain", "fips"])
def test_partition_endpoint_on_the_wire(tls_server, interceptor, no_region, region, fips):
    config = {"use_fips_endpoint": True} if fips else None
    boto, boto_tunnels = through_interceptor(
        "boto3", tls_server, interceptor, config=config, region_name=region
    )
    fast, fast_tunnels = through_interceptor(
        "fastiam", tls_server, interceptor, config=config, region_name=region
    )

    host = (EXPECTED_FIPS[region] if fips else EXPECTED[region][1]).split("://")[1]
    if fips:
        host = WIRE_FIPS.get(region, host)
    assert boto.error is None, boto.error
    assert boto_tunnels == [f"{host}:443"]
    assert boto.host == host
    assert boto.signing_region == EXPECTED[region][2]
    assert summary(fast) == summary(boto)
    assert fast_tunnels == boto_tunnels
    assert meta(fast) == (fastiam_fips_meta(meta(boto), region) if fips else meta(boto))
