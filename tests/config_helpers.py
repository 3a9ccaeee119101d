"""Helpers for the configuration-parity tests (tests/test_config_*.py).

``observe(lib, server, ...)`` builds a *fresh* session of the library
(``boto3.session.Session`` or ``fastiam.Session``, so environment changes made
by the test are seen), a client from it, makes one ``enable_mfa_device`` call
and returns a ``Seen``: at which stage it failed (if it did), the error, the
client's ``meta`` values and what the scripted server received: access key id
and region from the signature's scope, Host, path, User-Agent, session token.
``both(...)`` does it for boto3 then fastiam; ``summary(seen)`` is what must
be identical between them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import botocore.config
import fastiam
from scripted_server import Request

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


@dataclass
class Seen:
    lib: str
    stage: str = "called"  # "session", "client", "called"
    error: BaseException | None = None
    requests: list[Request] = field(default_factory=list)
    meta_region_name: Any = ABSENT
    meta_endpoint_url: Any = ABSENT
    client: Any = None

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


def observe(
    lib: str,
    server,
    *,
    replies: tuple = (),
    session: dict | None = None,
    config: dict | None = None,
    call: bool = True,
    **client_kwargs: Any,
) -> Seen:
    """One fresh session + client + call of ``lib`` against ``server`` (any
    object with ``reset``/``script``/``requests``, e.g. the scripted server)."""
    seen = Seen(lib)
    server.reset()
    server.script(*replies)
    try:
        made = make_session(lib, session)
    except Exception as error:  # noqa: BLE001 - the error is the observation
        seen.stage, seen.error = "session", error
        return seen
    try:
        client = made.client("iam", config=make_config(lib, config), **client_kwargs)
    except Exception as error:  # noqa: BLE001
        seen.stage, seen.error = "client", error
        return seen
    seen.client = client
    meta = getattr(client, "meta", None)
    seen.meta_region_name = getattr(meta, "region_name", ABSENT)
    seen.meta_endpoint_url = getattr(meta, "endpoint_url", ABSENT)
    if call:
        try:
            client.enable_mfa_device(**CALL)
        except Exception as error:  # noqa: BLE001
            seen.error = error
    seen.requests = server.requests
    server.reset()
    return seen


def both(server, **kwargs: Any) -> tuple[Seen, Seen]:
    """``observe`` with boto3, then with fastiam, the same way."""
    return observe("boto3", server, **kwargs), observe("fastiam", server, **kwargs)


def assert_same(boto: Seen, fast: Seen) -> None:
    assert summary(fast) == summary(boto)


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
