"""Helpers for the configuration-parity tests (tests/config/test_config_*.py).

``observe(lib, server, ...)`` builds a *fresh* session of the library
(``boto3.session.Session`` or ``fastiam.Session``, so environment changes made
by the test are seen), a client from it, makes one ``enable_mfa_device`` call
and returns a ``Seen``: at which stage it failed (if it did), the error, the
client's ``meta`` values and what the scripted server received: access key id
and region from the signature's scope, Host, path, User-Agent, session token.
``both(...)`` does it for boto3 then fastiam; ``summary(seen)`` is what must
be identical between them. ``how`` picks fastiam's way of making the client
(``HOWS``: a Session's ``client()``, ``fastiam.client()``, ``fastiam.aio.client()``).

``REFUSED_OPTIONS`` is the one list of what fastiam refuses with
NotImplementedError (tests/config/test_config_refused.py checks each is refused);
every other botocore Config option and client() argument is checked as
honoured (tests/config/test_config_arguments.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import botocore
import botocore.config
import fastiam
import fastiam.aio

from .scripted_server import Request

ABSENT = "<absent>"
# CONFIG_TESTS_BOTO3_BOTH=1 runs boto3 in place of fastiam too: a check that the
# expectations written in the tests are boto3's (every test must then pass).
BOTO3_BOTH = os.environ.get("CONFIG_TESTS_BOTO3_BOTH") == "1"
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
SCOPE = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request")
# fastiam's ways of making a client: a Session's client(), fastiam.client(),
# fastiam.aio.client() (each call then awaited in its own event loop).
HOWS = ("session", "module", "aio")


@dataclass
class Seen:
    lib: str
    stage: str = "called"  # "session", "client", "called"
    error: BaseException | None = None
    requests: list[Request] = field(default_factory=list)
    meta_region_name: Any = ABSENT
    meta_endpoint_url: Any = ABSENT
    client: Any = None
    elapsed: float = 0.0  # seconds the call took

    @property
    def first(self) -> Request | None:
        return self.requests[0] if self.requests else None

    def _scope(self) -> tuple[str, ...] | None:
        if self.first is None:
            return None
        found = SCOPE.search(self.first.headers.get("authorization", ""))
        return found.groups() if found else None

    @property
    def access_key(self) -> str | None:
        scope = self._scope()
        return scope[0] if scope else None

    @property
    def signing_region(self) -> str | None:
        scope = self._scope()
        return scope[2] if scope else None

    @property
    def signing_service(self) -> str | None:
        scope = self._scope()
        return scope[3] if scope else None

    @property
    def host(self) -> str | None:
        return self.first.headers.get("host") if self.first else None

    @property
    def path(self) -> str | None:
        return self.first.path if self.first else None

    @property
    def user_agent(self) -> str | None:
        return self.first.headers.get("user-agent") if self.first else None

    @property
    def security_token(self) -> str | None:
        return self.first.headers.get("x-amz-security-token") if self.first else None

    @property
    def form(self) -> dict[str, list[str]] | None:
        return self.first.form if self.first else None

    @property
    def attempts(self) -> int:
        return len(self.requests)

    def __repr__(self) -> str:
        return f"Seen({summary(self)!r})"


def error_view(error: BaseException | None) -> tuple[str, str] | None:
    return None if error is None else (type(error).__name__, str(error))


def summary(seen: Seen) -> dict:
    """What boto3 and fastiam must agree on."""
    return {
        "stage": seen.stage,
        "error": error_view(seen.error),
        "attempts": seen.attempts,
        "access_key": seen.access_key,
        "signing_region": seen.signing_region,
        "signing_service": seen.signing_service,
        "security_token": seen.security_token,
        "host": seen.host,
        "path": seen.path,
    }


def library(lib: str) -> str:
    return "boto3" if BOTO3_BOTH else lib


def make_config(lib: str, config: dict | None):
    if config is None:
        return None
    cls = botocore.config.Config if library(lib) == "boto3" else fastiam.Config
    return cls(**config)


def make_session(lib: str, session: dict | None = None):
    cls = boto3.session.Session if library(lib) == "boto3" else fastiam.Session
    return cls(**(session or {}))


def make_client(lib: str, session: dict | None = None, config: dict | None = None, **kwargs):
    return make_session(lib, session).client("iam", config=make_config(lib, config), **kwargs)


def fastiam_client(how: str, session: dict | None = None, **kwargs: Any):
    """A fastiam client made the ``how`` way, whatever BOTO3_BOTH says."""
    if how == "session":
        return fastiam.Session(**(session or {})).client("iam", **kwargs)
    assert session is None, "fastiam.client() and fastiam.aio.client() use the default session"
    if how == "module":
        return fastiam.client("iam", **kwargs)
    assert how == "aio", how
    return fastiam.aio.client("iam", **kwargs)


def invoke(client, arguments: dict | None = None) -> Any:
    """One enable_mfa_device call of ``client`` with ``arguments`` (default
    ``CALL``), awaited in an event loop of its own for an aio client."""
    result = client.enable_mfa_device(**(CALL if arguments is None else arguments))
    if asyncio.iscoroutine(result):
        return asyncio.run(result)
    return result


def observe(
    lib: str,
    server,
    *,
    replies: tuple = (),
    session: dict | None = None,
    config: dict | None = None,
    call: bool = True,
    arguments: dict | None = None,
    how: str = "session",
    **client_kwargs: Any,
) -> Seen:
    """One fresh session + client + call of ``lib`` against ``server`` (any
    object with ``reset``/``script``/``requests``, e.g. the scripted server).
    ``arguments``: enable_mfa_device's (default ``CALL``); ``how``: see HOWS."""
    seen = Seen(lib)
    server.reset()
    server.script(*replies)
    by_session = library(lib) == "boto3" or how == "session"
    try:
        made = make_session(lib, session) if by_session else None
    except Exception as error:  # noqa: BLE001 - the error is the observation
        seen.stage, seen.error = "session", error
        return seen
    try:
        if made is not None:
            client = made.client("iam", config=make_config(lib, config), **client_kwargs)
        else:
            client = fastiam_client(how, session, config=make_config(lib, config), **client_kwargs)
    except Exception as error:  # noqa: BLE001
        seen.stage, seen.error = "client", error
        seen.requests = server.requests
        return seen
    seen.client = client
    meta = getattr(client, "meta", None)
    seen.meta_region_name = getattr(meta, "region_name", ABSENT)
    seen.meta_endpoint_url = getattr(meta, "endpoint_url", ABSENT)
    if call:
        start = time.monotonic()
        try:
            invoke(client, arguments)
        except Exception as error:  # noqa: BLE001
            seen.error = error
        seen.elapsed = time.monotonic() - start
    seen.requests = server.requests
    server.reset()
    return seen


def both(server, **kwargs: Any) -> tuple[Seen, Seen]:
    """``observe`` with boto3, then with fastiam, the same way."""
    return observe("boto3", server, **kwargs), observe("fastiam", server, **kwargs)


def assert_same(boto: Seen, fast: Seen) -> None:
    assert summary(fast) == summary(boto)


# Request headers whose values change from one request to the next (or that
# carry the library's name and telemetry), left out of ``request_view``.
VOLATILE_HEADERS = frozenset(
    {"x-amz-date", "authorization", "amz-sdk-invocation-id", "user-agent", "x-amz-user-agent"}
)


def request_view(seen: Seen) -> dict:
    """How a call went and everything about its requests but what changes by
    itself (dates, signatures, invocation ids, the User-Agent): the same for
    two calls of one library that differ only in a setting with no effect."""
    return {
        "stage": seen.stage,
        "error": error_view(seen.error),
        "signing_scope": seen._scope()[2:] if seen._scope() else None,
        "requests": [
            (
                r.method,
                r.path,
                r.body,
                {k: v for k, v in r.headers.items() if k not in VOLATILE_HEADERS},
            )
            for r in seen.requests
        ],
    }


AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=[^/]+/(\d{8})/([^/]+)/([^/]+)/aws4_request, "
    r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$"
)


def signed_with(request: Request, secret: str) -> bool:
    """Whether ``request`` carries a SigV4 signature made with ``secret``
    (recomputed here from what the server received)."""
    found = AUTHORIZATION.match(request.headers.get("authorization", ""))
    assert found, request.headers.get("authorization")
    date, region, service, signed_headers, signature = found.groups()
    path, _, query = request.path.partition("?")
    headers = "".join(
        f"{name}:{' '.join(request.headers[name].split())}\n" for name in signed_headers.split(";")
    )
    canonical = "\n".join(
        [
            request.method,
            path,
            query,
            headers,
            signed_headers,
            hashlib.sha256(request.body).hexdigest(),
        ]
    )
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            request.headers["x-amz-date"],
            scope,
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest() == signature


class Unanswered:
    """A listener on 127.0.0.1 that never accepts, its backlog filled: a
    connection attempt gets no answer (a connect timeout). Has the scripted
    server's ``url``/``reset``/``script``/``requests``, for ``observe``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.requests: list[Request] = []  # nothing is ever read

    def reset(self) -> None:
        pass

    def script(self, *replies: Any) -> None:
        assert not replies, "nothing answers here"


@contextmanager
def unanswered() -> Iterator[Unanswered]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(listener.getsockname())
            fillers.append(filler)
        yield Unanswered(f"http://127.0.0.1:{listener.getsockname()[1]}")
    finally:
        for sock in (*fillers, listener):
            sock.close()


# ---------------------------------------------------------------------------
# What fastiam refuses


@dataclass(frozen=True)
class Refused:
    """A botocore setting fastiam refuses: creating a client with ``value``
    raises NotImplementedError naming the option, before anything is sent.
    ``environment`` / ``profile``: the variable (name, value) and the config
    file line through which botocore takes the same setting where it has an
    effect on IAM: each is refused too (ignoring it would be a silent
    difference from boto3)."""

    value: Any
    reason: str
    environment: tuple[str, str] | None = None
    profile: str | None = None


# The one list of what fastiam refuses (tests/config/test_config_refused.py checks
# that each is refused; tests/config/test_config_arguments.py, that every other
# botocore Config option and client() argument is honoured). Values that mean
# botocore's default (signature_version="v4", defaults_mode="legacy",
# tcp_keepalive=False, proxies_config={}) are accepted.
REFUSED_OPTIONS: dict[str, Refused] = {
    "signature_version": Refused(
        botocore.UNSIGNED,
        "fastiam signs with SigV4 only: unsigned requests (botocore.UNSIGNED) and other "
        "signers are not implemented",
    ),
    "user_agent": Refused(
        "Custom/1.0",
        "replacing the User-Agent's prefix (botocore: everything up to Botocore/<version>) "
        "is not implemented; user_agent_extra and user_agent_appid are honoured",
    ),
    "client_cert": Refused(
        "/nonexistent/client.pem",
        "TLS client certificates (mutual TLS) are not implemented",
    ),
    "proxies_config": Refused(
        {"proxy_use_forwarding_for_https": True},
        "proxy TLS settings (proxy_ca_bundle, proxy_client_cert, forwarding for HTTPS "
        "proxies) are not implemented",
    ),
    "tcp_keepalive": Refused(
        True,
        "TCP keep-alive probes (SO_KEEPALIVE) on connections are not implemented",
        environment=("BOTOCORE_TCP_KEEPALIVE", "true"),
        profile="tcp_keepalive = true",
    ),
    "defaults_mode": Refused(
        "in-region",
        "botocore's defaults modes (standard, in-region: connect_timeout 1.1 s, ...) are "
        "not implemented",
        environment=("AWS_DEFAULTS_MODE", "in-region"),
        profile="defaults_mode = in-region",
    ),
    "sigv4a_signing_region_set": Refused(
        "us-east-1",
        "refused, although boto3 ignores it for IAM (whose only auth scheme is SigV4); "
        "AWS_SIGV4A_SIGNING_REGION_SET and the profile's key change nothing in either",
    ),
}


def is_refused(option: str) -> bool:
    """Whether the library under test refuses ``option``: fastiam refuses
    REFUSED_OPTIONS; boto3 (BOTO3_BOTH) refuses nothing."""
    return option in REFUSED_OPTIONS and not BOTO3_BOTH


def assert_refused(seen: Seen, *names: str) -> None:
    """``seen`` is a refusal by fastiam: NotImplementedError at client
    creation, its message naming one of ``names`` (the option, or the
    variable that set it) as a whole word, nothing sent. With boto3 in
    fastiam's place (BOTO3_BOTH): the setting is accepted and the request sent."""
    if BOTO3_BOTH:
        assert (seen.stage, seen.attempts) == ("called", 1), seen
        return
    assert seen.stage == "client", (
        f"not refused, though REFUSED_OPTIONS says it is: {seen}. If fastiam now honours "
        "it, take it out of the list and give it a check in test_config_arguments.py."
    )
    assert type(seen.error) is NotImplementedError, seen
    message = str(seen.error)
    assert any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", message) for name in names), message
    assert seen.requests == []


# ---------------------------------------------------------------------------
# Files


@dataclass
class AwsFiles:
    """A temporary HOME with ~/.aws/config and ~/.aws/credentials, which
    AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point at."""

    home: Path

    @property
    def config(self) -> Path:
        return self.home / ".aws" / "config"

    @property
    def credentials(self) -> Path:
        return self.home / ".aws" / "credentials"

    def write_config(self, text: str) -> Path:
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text(text)
        return self.config

    def write_credentials(self, text: str) -> Path:
        self.credentials.parent.mkdir(parents=True, exist_ok=True)
        self.credentials.write_text(text)
        return self.credentials
