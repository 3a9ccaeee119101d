"""The operations in the AWS CLI's terms: commands, options, value kinds and secrets.

The commands are the native core's operations (``_native.OPERATIONS``); their
options, with the AWS CLI's names and kinds, come from the generated table
(``_table``, from IAM's model); the paging options from fastiam.paginate's
paging table (``PAGINATORS``); secrets from ``_native.INPUT_MEMBERS``.
"""

from __future__ import annotations

from .. import _native
from ..paginate._table import PAGINATORS
from ._table import HIDDEN_ALIASES, INPUTS

# `kebab-case` operation name -> client method name.
OPERATIONS = {name.replace("_", "-"): name for name in _native.OPERATIONS}
# Members whose values must never appear in an error message.
SECRETS = tuple(
    dict.fromkeys(
        name
        for members in _native.INPUT_MEMBERS.values()
        for name, _, _, secret in members
        if secret
    )
)


def options(method: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(member, AWS CLI option, kind, required) of each input member of an
    operation, in the AWS CLI's order; kinds as ``_table`` lists them."""
    return INPUTS[method]


def hidden_alias(method: str, member: str) -> str | None:
    """The AWS CLI's undocumented second name of a member's option, if any."""
    return HIDDEN_ALIASES.get(f"{method}.{member}")


def input_tokens(method: str) -> list[str]:
    """The request members that carry a list operation's paging token (none
    for the other operations)."""
    paging = PAGINATORS.get(method)
    tokens = [] if paging is None else paging["input_token"]
    return [tokens] if isinstance(tokens, str) else list(tokens)


def limit_key(method: str) -> str:
    """The request member of a list operation that --max-items sets."""
    return PAGINATORS[method]["limit_key"]
