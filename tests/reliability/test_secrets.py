"""Secrets (secret key, session token, MFA codes, a proxy URL's user and
password) never show up in what an error or a client exposes: str, repr, args,
response, kwargs, tracebacks, log records, Config's repr, the CLI's output."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import traceback

import fastiam
import fastiam.aio
import pytest
from support.scripted_server import Reply, error_reply

SECRET_KEY = "SECRETKEY-xyz"
TOKEN = "SESSIONTOKEN-abc-123"
CODE1 = "135791"
CODE2 = "246802"
SHORT_CODE = "97531"
SECRETS = [SECRET_KEY, TOKEN, CODE1, CODE2, SHORT_CODE]
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": CODE1,
    "AuthenticationCode2": CODE2,
}


def exposed_text(error: BaseException) -> str:
    """Everything a log line, a traceback or a debugger would show of an error."""
    parts = [
        str(error),
        repr(error),
        repr(error.args),
        repr(getattr(error, "response", None)),
        repr(getattr(error, "kwargs", None)),
        repr(vars(error)),
        "".join(traceback.format_exception(type(error), error, error.__traceback__)),
    ]
    try:
        parts.append(repr(pickle.dumps(error)))
    except Exception as failure:  # noqa: BLE001 - unpicklable is not a leak
        parts.append(repr(failure))
    return "\n".join(parts)


def secret_client(parity, endpoint_url, **config):
    """The parity fixture's fastiam client (sync, or async with each call
    awaited) with the secret key and token as its credentials."""
    return parity.fastiam_client(
        endpoint_url,
        config,
        aws_access_key_id="AKIDSECRETTEST",
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=TOKEN,
    )


def inspected(client):
    """The client object itself (``fastiam.IAM`` or ``fastiam.aio.AsyncIAM``),
    not the test wrapper that awaits the async client's calls."""
    return getattr(client, "__wrapped__", client)


SCENARIOS = {
    "service-error": ([error_reply("NoSuchEntity", "no such user", 404)], {}, CALL, False),
    "retries-exhausted": (
        [error_reply("ServiceFailure", "boom", 500, type="Receiver")],
        {},
        CALL,
        False,
    ),
    "read-timeout": (
        [Reply(delay=3.0)],
        {"read_timeout": 0.2, "retries": {"total_max_attempts": 1}},
        CALL,
        False,
    ),
    "connection-refused": ([], {"retries": {"total_max_attempts": 1}}, CALL, True),
    "connection-closed": ([Reply(close=True)], {"retries": {"total_max_attempts": 1}}, CALL, False),
    "validation-short-code": ([], {}, {**CALL, "AuthenticationCode2": SHORT_CODE}, False),
    "validation-missing-and-short": (
        [],
        {},
        {"AuthenticationCode1": CODE1, "AuthenticationCode2": SHORT_CODE},
        False,
    ),
    "parse-error": ([Reply(200, b"this is not xml {", [])], {}, CALL, False),
    "html-5xx": (
        [Reply(503, b"<html>down</html>", [])],
        {"retries": {"total_max_attempts": 1}},
        CALL,
        False,
    ),
}


@pytest.mark.parametrize(
    ("replies", "config", "call", "refused"), list(SCENARIOS.values()), ids=list(SCENARIOS)
)
def test_errors_do_not_expose_secrets(parity, refused_url, replies, config, call, refused):
    parity.server.script(*replies)
    client = secret_client(parity, refused_url if refused else parity.server.url, **config)

    with pytest.raises(Exception) as info:
        client.enable_mfa_device(**call)

    assert isinstance(
        info.value, (fastiam.exceptions.BotoCoreError, fastiam.exceptions.ClientError)
    )
    text = exposed_text(info.value)
    for secret in SECRETS:
        assert secret not in text


def test_client_repr_does_not_expose_secrets(parity):
    client = inspected(secret_client(parity, parity.server.url))

    assert isinstance(client, fastiam.aio.AsyncIAM) == (parity.mode == "async")
    for text in (repr(client), str(client), repr(client.exceptions), repr(dir(client))):
        for secret in SECRETS:
            assert secret not in text


def test_partial_credentials_error_does_not_expose_secrets():
    with pytest.raises(fastiam.exceptions.PartialCredentialsError) as info:
        fastiam.client(
            "iam",
            region_name="us-east-1",
            aws_secret_access_key=SECRET_KEY,
            aws_session_token=TOKEN,
        )

    text = exposed_text(info.value)
    assert SECRET_KEY not in text and TOKEN not in text


def test_secrets_are_still_sent(parity):
    """The checks above are meaningful: the same values do reach the server."""
    client = secret_client(parity, parity.server.url)

    client.enable_mfa_device(**CALL)

    request = parity.server.requests[0]
    assert request.form["AuthenticationCode1"] == [CODE1]
    assert request.form["AuthenticationCode2"] == [CODE2]
    assert request.headers["x-amz-security-token"] == TOKEN


SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SECRET_CALLS = {
    "resync": ("resync_mfa_device", CALL, error_reply("InvalidAuthenticationCode", "bad", 403)),
    "enable-virtual": (
        "enable_virtual_mfa_device",
        {"UserName": "alice", "SerialNumber": CALL["SerialNumber"], "Base32StringSeed": SEED},
        error_reply("InvalidAuthenticationCode", "bad", 403),
    ),
    "resync-virtual-bad-seed": (
        "resync_virtual_mfa_device",
        {"UserName": "alice", "SerialNumber": CALL["SerialNumber"], "Base32StringSeed": SEED + "!"},
        None,
    ),
    "enable-unparseable": ("enable_mfa_device", CALL, Reply(200, b"<oops", [])),
    "enable-retried": (
        "enable_mfa_device",
        CALL,
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
    ),
}


@pytest.mark.parametrize(
    ("method", "call", "reply"), list(SECRET_CALLS.values()), ids=list(SECRET_CALLS)
)
def test_no_secret_in_errors_or_log_records(parity, caplog, method, call, reply):
    """Every error text and every log record (all loggers at DEBUG, fastiam's
    included) is scanned for the key, the token, the codes sent and the seed."""
    client = parity.fastiam_client(
        parity.server.url,
        aws_access_key_id="AKIDSECRETTEST",
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=TOKEN,
    )
    parity.server.reset()
    if reply is not None:
        parity.server.script(reply)

    with caplog.at_level("DEBUG"), pytest.raises(Exception) as info:
        getattr(client, method)(**call)

    sent = [
        value
        for request in parity.server.requests
        for name, values in request.form.items()
        if name.startswith("AuthenticationCode")
        for value in values
    ]
    secrets = [SECRET_KEY, TOKEN, SEED, *sent, *(v for k, v in call.items() if "Code" in k)]
    text = exposed_text(info.value) + "\n".join(
        f"{record.getMessage()} {vars(record)!r}" for record in caplog.records
    )
    assert isinstance(
        info.value, (fastiam.exceptions.BotoCoreError, fastiam.exceptions.ClientError)
    )
    # The scan is meaningful: every attempt that reached the server was logged.
    attempts = [r for r in caplog.records if r.name == "fastiam" and r.levelname == "DEBUG"]
    assert len(attempts) == len(parity.server.requests)
    for secret in secrets:
        assert secret not in text


def reachable_values(root: object, depth: int = 4) -> list[object]:
    """Every value reachable from ``root`` through public and private
    attributes, dict/list items, and properties, ``depth`` levels deep."""
    seen: set[int] = set()
    found: list[object] = []
    frontier = [root]
    for _ in range(depth):
        following = []
        for value in frontier:
            if id(value) in seen or isinstance(value, (type, type(len))):
                continue
            seen.add(id(value))
            found.append(value)
            if isinstance(value, dict):
                following.extend([*value.keys(), *value.values()])
            elif isinstance(value, (list, tuple, set, frozenset)):
                following.extend(value)
            elif not isinstance(value, (str, bytes, int, float, bool, type(None))):
                for name in dir(value):
                    if name.startswith("__"):
                        continue
                    try:
                        following.append(getattr(value, name))
                    except Exception:  # noqa: BLE001, S112 - an attribute that raises holds nothing
                        continue
        frontier = following
    return found


def test_credentials_are_not_reachable_from_the_client(parity):
    client = inspected(secret_client(parity, parity.server.url))

    assert isinstance(client, fastiam.aio.AsyncIAM) == (parity.mode == "async")

    values = reachable_values(client)

    assert len(values) > 20, "the walk must actually reach the client's attributes"
    text = "\n".join(repr(value) for value in values)
    for secret in (SECRET_KEY, TOKEN):
        assert secret not in text


PANIC = """
import sys
import fastiam
from fastiam import _native
try:
    _native._panic_on_runtime(sys.argv[1])
except Exception as error:
    print(type(error).__name__, error)
"""


def test_a_panic_message_never_leaves_the_core(tmp_path):
    """A panic inside the core (its message might hold anything) gives
    fastiam's fixed internal error; the message reaches neither the exception
    nor stderr."""
    script = tmp_path / "panic.py"
    script.write_text(PANIC)

    result = subprocess.run(
        [sys.executable, str(script), f"leaked {SECRET_KEY}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "HTTPClientError An HTTP Client raised an unhandled exception: "
        "fastiam's request task panicked\n"
    )
    assert "internal error (a Rust panic)" in result.stderr
    assert SECRET_KEY not in result.stdout + result.stderr


# ---------------------------------------------------------------------------
# Proxy URLs: a user name and password in them are masked as botocore masks
# them (``http://***:***@host:port``) in every text fastiam produces.

PROXY_USER = "proxyuser-7q"
PROXY_PASSWORD = "proxypass-3k"
PROXY_SECRETS = [PROXY_USER, PROXY_PASSWORD]


def proxy_url(port: int) -> str:
    return f"http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:{port}"


def masked_proxy_url(port: int) -> str:
    return f"http://***:***@127.0.0.1:{port}"


def refused_port(refused_url: str) -> int:
    return int(refused_url.rsplit(":", 1)[1])


def assert_proxy_secrets_absent(text: str) -> None:
    for secret in PROXY_SECRETS:
        assert secret not in text


def test_proxy_connection_error_masks_proxy_credentials(parity, server, refused_url, caplog):
    """Config(proxies=...) with a user and password, the proxy unreachable:
    boto3's ProxyConnectionError, its URL masked, in the error and the log."""
    port = refused_port(refused_url)
    config = {"proxies": {"http": proxy_url(port)}, "retries": {"total_max_attempts": 1}}
    boto, fast = parity.clients(server.url, config)
    with pytest.raises(Exception) as boto_error:
        boto.enable_mfa_device(**CALL)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(fastiam.exceptions.ProxyConnectionError) as fast_error:
        fast.enable_mfa_device(**CALL)

    assert type(boto_error.value).__name__ == "ProxyConnectionError"
    assert str(fast_error.value) == str(boto_error.value)
    assert fast_error.value.kwargs["proxy_url"] == masked_proxy_url(port)
    assert_proxy_secrets_absent(exposed_text(fast_error.value))
    assert_proxy_secrets_absent("\n".join(r.getMessage() + repr(vars(r)) for r in caplog.records))


def test_environment_proxy_credentials_are_masked(parity, server, refused_url, monkeypatch):
    """HTTP_PROXY from the environment: the same masking."""
    port = refused_port(refused_url)
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy_url(port))
    client = parity.fastiam_client(server.url, {"retries": {"total_max_attempts": 1}})
    with pytest.raises(fastiam.exceptions.ProxyConnectionError) as error:
        client.enable_mfa_device(**CALL)

    assert error.value.kwargs["proxy_url"] == masked_proxy_url(port)
    assert_proxy_secrets_absent(exposed_text(error.value))


def test_config_repr_masks_proxy_credentials(parity, server, refused_url):
    port = refused_port(refused_url)
    config = fastiam.Config(proxies={"http": proxy_url(port), "https": proxy_url(port)})
    client = parity.create_fastiam(
        "iam",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id="AKIDSECRETTEST",
        aws_secret_access_key=SECRET_KEY,
        config=config,
    )
    assert masked_proxy_url(port) in repr(config)
    for text in (repr(config), repr(client.meta.config), repr(inspected(client))):
        assert_proxy_secrets_absent(text)
    # The option itself keeps the URL: the proxy needs the credentials.
    assert config.proxies["http"] == proxy_url(port)


def test_cli_masks_proxy_credentials(server, refused_url):
    port = refused_port(refused_url)
    environment = {
        **os.environ,
        "HTTP_PROXY": proxy_url(port),
        "AWS_MAX_ATTEMPTS": "1",
    }
    environment.pop("NO_PROXY", None)
    environment.pop("no_proxy", None)
    done = subprocess.run(
        [sys.executable, "-m", "fastiam", "--endpoint-url", server.url, "iam", "list-mfa-devices"],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode != 0
    assert masked_proxy_url(port) in done.stderr
    assert_proxy_secrets_absent(done.stdout + done.stderr)


@pytest.mark.parametrize(
    "url",
    [
        "http://user:pass@proxy.example:3128",
        "https://a:b@proxy.example",
        "http://user@proxy.example:3128",
        "http://proxy.example:3128",
        "http://user:p%20w@proxy.example:3128/path@x",
    ],
)
def test_proxy_mask_is_botocores(url):
    from botocore.httpsession import mask_proxy_url as botocore_mask
    from fastiam._proxy import mask_proxy_url

    assert mask_proxy_url(url) == botocore_mask(url)


@pytest.mark.parametrize("url", ["http://u:p@proxy.example:3128", "http://:t@proxy.example:1"])
def test_proxy_mask_never_leaves_a_short_password_shown(url):
    """botocore masks the first occurrence anywhere ("htt***://u:p@..."); fastiam
    masks within the user info."""
    from fastiam._proxy import mask_proxy_url

    masked = mask_proxy_url(url)
    assert masked.startswith("http://") and masked.endswith("***@" + url.rpartition("@")[2])
