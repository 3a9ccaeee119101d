"""boto3, fastiam and fastiam.aio on one scripted IAM server: the same call through
each, against the same scripted answer, and what each one sent.

One ``SideBySide`` per test module (a module-scoped fixture): the clients are made
once, so the thousands of generated calls of tests/model pay only for the calls.
Every client makes a single attempt: a modeled 5xx error is compared once, without
retry backoff (the retry rules have their own tests in tests/calls).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import parse_qsl

import botocore.config
import fastiam
import fastiam.aio
from conftest import KEY_ID, REGION, SECRET, AwaitEachCall, Outcome, Parity
from support.scripted_server import Reply, Request, ScriptedServer

OPTIONS = {
    "retries": {"total_max_attempts": 1},
    "connect_timeout": 10,
    "read_timeout": 10,
}


class SideBySide:
    """The scripted server and the three clients pointed at it."""

    def __init__(self, boto_session: Any) -> None:
        self.server = ScriptedServer().start()
        kwargs = {
            "region_name": REGION,
            "endpoint_url": self.server.url,
            "aws_access_key_id": KEY_ID,
            "aws_secret_access_key": SECRET,
        }
        self.boto3 = boto_session.client("iam", config=botocore.config.Config(**OPTIONS), **kwargs)
        self.fastiam = fastiam.client("iam", config=fastiam.Config(**OPTIONS), **kwargs)
        self.aio = AwaitEachCall(
            fastiam.aio.client("iam", config=fastiam.Config(**OPTIONS), **kwargs)
        )

    def stop(self) -> None:
        self.server.stop()

    def one(self, lib: str, client: Any, operation: str, call: dict, reply: Reply) -> Outcome:
        """``client.<operation>(**call)`` with ``reply`` scripted; the outcome
        holds what reached the server."""
        self.server.reset()
        self.server.script(reply)
        outcome = Parity.invoke(lib, client, call, operation=operation)
        outcome.requests = self.server.requests
        self.server.reset()
        return outcome

    def run(self, operation: str, call: dict, reply: Reply) -> tuple[Outcome, list[Outcome]]:
        """boto3's outcome, and fastiam's sync and async ones."""
        boto = self.one("boto3", self.boto3, operation, call, reply)
        fast = [
            self.one("fastiam", self.fastiam, operation, call, reply),
            self.one("fastiam.aio", self.aio, operation, call, reply),
        ]
        return boto, fast


def form(request: Request) -> dict[str, str]:
    """A request's form fields, decoded (``+`` and ``%20`` are the same space).
    IAM ignores their order; a field sent twice is a failure of its own."""
    pairs = parse_qsl(
        request.body.decode("utf-8"), keep_blank_values=True, strict_parsing=True, errors="strict"
    )
    fields = dict(pairs)
    assert len(fields) == len(pairs), f"a field sent twice: {pairs}"
    return fields


def layout(value: Any) -> Any:
    """The nested layout of a result: each dict's keys in order and each list's
    items, down to the leaves' types (``==`` alone takes ``1 == True`` and a dict
    in another order); a date is only equal if it is aware."""
    if isinstance(value, dict):
        return ("dict", [(key, layout(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [layout(item) for item in value])
    if isinstance(value, datetime.datetime):
        return ("datetime", value.utcoffset())
    return type(value).__name__


def assert_same(boto: Outcome, fast: Outcome) -> None:
    """fastiam's outcome is boto3's: result or exception (class, text,
    ``.response``, ``.operation_name``, what catches it), attempts, and the
    layout of the result or ``.response`` all the way down."""
    Parity.assert_same(boto, fast)
    if boto.error is None:
        assert layout(fast.result) == layout(boto.result)
    elif isinstance(getattr(boto.error, "response", None), dict):
        assert layout(fast.error.response) == layout(boto.error.response)
