"""No argument, environment value or config-file value can panic across the
boundary into Python.

A Rust panic that reached Python would be pyo3's ``PanicException``, a
``BaseException`` that ``except Exception`` misses. Every value a user can give
is validated or clamped instead; a panic that still happens on the calling
thread or a runtime thread becomes fastiam's internal error, an ``Exception``
(``HTTPClientError``) that does not carry the panic's message. fastiam's panic
hook prints "internal error (a Rust panic)" on stderr for each one, so the
fuzzing below also fails on a panic that was caught and converted.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import subprocess
import sys
import textwrap

import fastiam
import fastiam.aio
import fastiam.session
import pytest
from conftest import CALL, KEY_ID, SECRET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PANIC_MARK = "a Rust panic"
EXAMPLES = int(os.environ.get("FASTIAM_FUZZ_EXAMPLES", "0")) // 20 or 150

# Values at the edges of every type a setting might be read as.
INTEGERS = st.one_of(
    st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, 2**32, 2**53, 2**61, 2**63, 2**64, 2**200]),
    st.sampled_from([-(2**31), -(2**63), -(2**200)]),
    st.integers(),
)
FLOATS = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, 1e308, 2.0**64]),
    st.floats(allow_nan=True, allow_infinity=True),
)
TEXT = st.one_of(
    st.sampled_from(["", " ", "\x00", "\ud800", "é", "x" * 10_000, "http://", "1e999", "nan"]),
    st.text(max_size=40),
)
ANY_VALUE = st.one_of(
    INTEGERS,
    FLOATS,
    TEXT,
    st.none(),
    st.booleans(),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
CONFIG_OPTIONS = [
    "region_name",
    "connect_timeout",
    "read_timeout",
    "max_pool_connections",
    "user_agent_extra",
    "user_agent_appid",
    "parameter_validation",
    "proxies",
    "use_dualstack_endpoint",
    "use_fips_endpoint",
    "ignore_configured_endpoint_urls",
    "tcp_keepalive",
    "defaults_mode",
]
RETRY_KEYS = ["max_attempts", "total_max_attempts", "mode"]

# Everything the session, aws-config or the transport reads from the environment.
ENVIRONMENT = [
    "AWS_MAX_ATTEMPTS",
    "AWS_RETRY_MODE",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_IAM",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_CA_BUNDLE",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "AWS_PROFILE",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_SDK_UA_APP_ID",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_METADATA_SERVICE_TIMEOUT",
    "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_DEFAULTS_MODE",
]
# Environment values are strings without NUL that the file system encoding takes.
ENV_TEXT = st.one_of(
    st.sampled_from(
        [
            "0",
            "-1",
            "18446744073709551616",
            "1e999",
            "nan",
            "",
            " ",
            "true",
            "bogus",
            "http://[::1",
            "http://u:p@h:99999",
            "/nonexistent",
            "/",
            "x" * 5_000,
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=30,
    ),
)
# The keys fastiam reads from the profile, and the credential ones aws-config reads.
PROFILE_KEYS = sorted({*fastiam.session._PROFILE_KEYS, "endpoint_url", "source_profile"})
# A config-file value is one line without the characters that end it.
PROFILE_TEXT = st.one_of(
    ENV_TEXT.filter(lambda value: "\n" not in value and "\r" not in value),
    st.sampled_from(["0", "-5", "99999999999999999999", "adaptive", "true", "http://"]),
)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def exercise(url: str, config: fastiam.Config | None = None, call: bool = True) -> None:
    """Creates a sync and an async client, and (with ``call``) makes one call on
    each: any Exception is an answer; a BaseException that is not one (pyo3's
    PanicException) goes through and fails the test."""
    with contextlib.suppress(Exception):
        client = fastiam.client("iam", endpoint_url=url, config=config)
        if call:
            client.enable_mfa_device(**CALL)

    async def call_async() -> None:
        client = fastiam.aio.client("iam", endpoint_url=url, config=config)
        if call:
            await client.enable_mfa_device(**CALL)

    with contextlib.suppress(Exception):
        asyncio.run(call_async())


def quick(config: dict) -> fastiam.Config:
    """The fuzzed options, with a call that fails fast unless they say otherwise."""
    options = {"connect_timeout": 1, "retries": {"total_max_attempts": 1}}
    options.update(config)
    return fastiam.Config(**options)


def assert_no_panic(capfd: pytest.CaptureFixture[str]) -> None:
    assert PANIC_MARK not in capfd.readouterr().err


@FUZZ
@given(
    option=st.sampled_from(CONFIG_OPTIONS),
    value=ANY_VALUE,
)
def test_config_values_never_panic(option, value, refused_url, capfd):
    try:
        config = quick({option: value})
    except Exception:  # noqa: BLE001 - refused when built, as botocore may refuse it
        return
    exercise(refused_url, config)
    assert_no_panic(capfd)


@FUZZ
@given(key=st.sampled_from(RETRY_KEYS), value=ANY_VALUE)
def test_retry_values_never_panic(key, value, server, capfd):
    """Against a server that answers at once: no retry count or backoff matters."""
    try:
        config = fastiam.Config(retries={key: value})
    except Exception:  # noqa: BLE001
        return
    exercise(server.url, config)
    assert_no_panic(capfd)


@FUZZ
@given(values=st.dictionaries(st.sampled_from(ENVIRONMENT), ENV_TEXT, min_size=1, max_size=3))
def test_environment_values_never_panic(values, refused_url, capfd, monkeypatch):
    with monkeypatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        exercise(refused_url, quick({}))
        # The environment's own retry settings apply here: create the clients only.
        exercise(refused_url, None, call=False)
    assert_no_panic(capfd)


@FUZZ
@given(values=st.dictionaries(st.sampled_from(PROFILE_KEYS), PROFILE_TEXT, min_size=1, max_size=3))
def test_config_file_values_never_panic(values, refused_url, capfd, tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("profile")
    lines = "".join(f"{key} = {value}\n" for key, value in values.items())
    (home / "config").write_text(f"[default]\n{lines}", encoding="utf-8")
    (home / "credentials").write_text(f"[default]\n{lines}", encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setenv("AWS_CONFIG_FILE", str(home / "config"))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
        patch.delenv("AWS_ACCESS_KEY_ID", raising=False)
        patch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
        exercise(refused_url, quick({}))
    assert_no_panic(capfd)


# ---------------------------------------------------------------------------
# The cases found, kept as plain tests


@pytest.mark.parametrize("size", [2**61, 2**63, 2**64, 2**200])
def test_huge_max_pool_connections_is_no_cap(server, size):
    """botocore accepts any int; a size beyond what a semaphore counts is no cap."""
    client = fastiam.client(
        "iam",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        config=fastiam.Config(max_pool_connections=size),
    )
    assert client.enable_mfa_device(**CALL)["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.parametrize("size", [0, -1, -(2**70)])
def test_non_positive_max_pool_connections_is_no_cap(server, size):
    """A pool size of 0 or less is an unbounded pool in urllib3 (and aiohttp):
    calls go through, none waits forever for a connection."""

    async def eight_at_once() -> list[dict]:
        client = fastiam.aio.client(
            "iam",
            endpoint_url=server.url,
            region_name="us-east-1",
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
            config=fastiam.Config(max_pool_connections=size, read_timeout=10),
        )
        return await asyncio.wait_for(
            asyncio.gather(*(client.enable_mfa_device(**CALL) for _ in range(8))), 30
        )

    results = asyncio.run(eight_at_once())
    assert [r["ResponseMetadata"]["HTTPStatusCode"] for r in results] == [200] * 8


PANICKING_CHILD = textwrap.dedent(
    """
    import sys
    from fastiam import _native
    try:
        _native._panic_on_runtime(sys.argv[1], on_caller=sys.argv[2] == "caller")
    except Exception as error:
        print(type(error).__name__, "|", error)
    """
)


@pytest.mark.parametrize("place", ["caller", "runtime"])
def test_a_panic_becomes_an_exception_without_its_message(place):
    """A panic on the calling thread or a runtime thread is an ordinary
    Exception whose text is fastiam's own, never the panic's message."""
    marker = "panic-message-with-secret-AKIA-5f0e"
    done = subprocess.run(
        [sys.executable, "-c", PANICKING_CHILD, marker, place],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    name, _, text = done.stdout.strip().partition(" | ")
    assert name == "HTTPClientError"
    assert "panicked" in text
    assert marker not in done.stdout + done.stderr
    assert PANIC_MARK in done.stderr
