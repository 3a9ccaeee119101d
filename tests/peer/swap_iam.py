"""A pytest plugin for moto's own IAM suite: ``boto3.client("iam", ...)`` and
``Session.client("iam", ...)`` return fastiam clients made with the same
arguments, so the suite's calls go through fastiam while ``mock_aws`` answers
them. Every other service, and ``boto3.resource``, stay boto3's.

Loaded by tests/peer/moto_iam_suite.py with ``-p swap_iam`` when it runs the
suite with fastiam.
"""

from __future__ import annotations

import contextvars
from typing import Any

import boto3
import boto3.session
import fastiam

_session_client = boto3.session.Session.client
_session_resource = boto3.session.Session.resource
# boto3's resources are built on a boto3 client (the resource interface is not
# fastiam's yet): while one is made, Session.client stays boto3's.
_making_resource = contextvars.ContextVar("making_resource", default=False)


made = 0


def _client(self: boto3.session.Session, service_name: str, *args: Any, **kwargs: Any) -> Any:
    global made
    if service_name != "iam" or _making_resource.get():
        return _session_client(self, service_name, *args, **kwargs)
    made += 1
    return fastiam.client(service_name, *args, **kwargs)


def _resource(self: boto3.session.Session, *args: Any, **kwargs: Any) -> Any:
    token = _making_resource.set(True)
    try:
        return _session_resource(self, *args, **kwargs)
    finally:
        _making_resource.reset(token)


def _module_client(service_name: str, *args: Any, **kwargs: Any) -> Any:
    return _client(boto3._get_default_session(), service_name, *args, **kwargs)


boto3.session.Session.client = _client  # type: ignore[method-assign]
boto3.session.Session.resource = _resource  # type: ignore[method-assign]
boto3.client = _module_client


def pytest_terminal_summary(terminalreporter: Any) -> None:
    # The runner checks this line: a swap that never happened proves nothing.
    terminalreporter.write_line(f"swap_iam: {made} fastiam IAM clients made")
