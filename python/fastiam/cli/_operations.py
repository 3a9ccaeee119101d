"""The operations in the AWS CLI's terms: commands, option names, value kinds and secrets.

Every table here is a view of the native core's operation tables
(``_native.OPERATIONS``, ``INPUT_MEMBERS``) or of fastiam.paginate's paging
table (``PAGINATORS``), made at import.
"""

from __future__ import annotations

import re

from .. import _native
from ..paginate._table import PAGINATORS

# `kebab-case` operation name -> client method name.
OPERATIONS = {name.replace("_", "-"): name for name in _native.OPERATIONS}
# Each operation's input members, in the order of IAM's model (the AWS CLI's
# option order), mapped to whether they are required (tests/tools/test_cli.py
# checks them against botocore's model).
INPUTS: dict[str, dict[str, bool]] = {
    method: {name: required for name, required, _, _ in members}
    for method, members in _native.INPUT_MEMBERS.items()
}
# Members that are not strings: an integer, a list of strings, a list of Key/Value structures.
KINDS: dict[str, str] = {
    name: kind
    for members in _native.INPUT_MEMBERS.values()
    for name, _, kind, _ in members
    if kind not in ("string", "blob")  # a blob (the seed) is given as text
}
# Members whose values must never appear in an error message.
SECRETS = tuple(
    dict.fromkeys(
        name
        for members in _native.INPUT_MEMBERS.values()
        for name, _, _, secret in members
        if secret
    )
)


def kind(member: str) -> str:
    """The kind of an input member's value: string, integer, strings or structures."""
    return KINDS.get(member, "string")


def cli_name(member: str) -> str:
    """The AWS CLI's option name (botocore's ``xform_name(member, "-")``):
    ``AuthenticationCode1`` -> ``--authentication-code1``, ``VirtualMFADeviceName``
    -> ``--virtual-mfa-device-name``."""
    words = re.sub(r"(.)([A-Z][a-z]+)", r"\1-\2", member)
    return "--" + re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", words).lower()


def input_tokens(method: str) -> list[str]:
    """The request members that carry a list operation's paging token (none
    for the other operations)."""
    paging = PAGINATORS.get(method)
    tokens = [] if paging is None else paging["input_token"]
    return [tokens] if isinstance(tokens, str) else list(tokens)


def limit_key(method: str) -> str:
    """The request member of a list operation that --max-items sets."""
    return PAGINATORS[method]["limit_key"]
