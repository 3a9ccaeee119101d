"""Resume tokens: NextToken and StartingToken, written and read byte-for-byte as botocore does.

A token is base64 of the JSON of {input token: value}, plus
``boto_truncate_amount`` when MaxItems ended a walk inside a page, so a token
from either library resumes the other's paginators. Old botocore versions'
``value___value___index`` tokens and raw service markers are read too.
"""

from __future__ import annotations

import base64
import json

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The key botocore adds to a token when MaxItems ends a walk inside a page:
# how many items of that page were already handed out.
TRUNCATED = "boto_truncate_amount"
# The key botocore adds to a token that held bytes: where they were.
_BYTES_PATHS = "boto_encoded_keys"


def encode_token(token: dict) -> str:
    """The ``NextToken`` string of ``token``."""
    try:
        text = json.dumps(token)
    except (TypeError, UnicodeDecodeError):
        # JSON has no bytes: botocore stores them base64-encoded and lists
        # where they were under boto_encoded_keys.
        paths: list[list] = []
        text = json.dumps({**_bytes_to_text(token, [], paths), _BYTES_PATHS: paths})
    return base64.b64encode(text.encode("utf-8")).decode("utf-8")


def _bytes_to_text(value: Any, path: list, paths: list[list]) -> Any:
    if isinstance(value, dict):
        return {key: _bytes_to_text(item, [*path, key], paths) for key, item in value.items()}
    if isinstance(value, list):
        return [_bytes_to_text(item, [*path, i], paths) for i, item in enumerate(value)]
    if isinstance(value, bytes):
        paths.append(path)
        return base64.b64encode(value).decode("utf-8")
    return value


def decode_token(token: str) -> Any:
    """What ``encode_token`` encoded; ValueError or TypeError if it is not such a token."""
    decoded = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
    paths = decoded.pop(_BYTES_PATHS, None)
    for path in paths or ():
        holder = decoded
        for step in path[:-1]:
            holder = holder[step]
        holder[path[-1]] = base64.b64decode(holder[path[-1]].encode("utf-8"))
    return decoded


def parse_starting_token(token: str, input_tokens: list[str]) -> tuple[dict, Any]:
    """(token, items of its page already handed out) of a ``StartingToken``."""
    try:
        decoded = decode_token(token)
        return decoded, decoded.pop(TRUNCATED, 0)
    except (ValueError, TypeError):
        return _parse_old_token(token, input_tokens)


def _parse_old_token(token: str, names: list[str]) -> tuple[dict, int]:
    """Tokens of old botocore versions, ``value___value___index``, and raw
    service markers, which botocore accepts as starting tokens too."""
    parts = token.split("___")
    index = 0
    if len(parts) == len(names) + 1:
        try:
            index = int(parts.pop())
        except ValueError:
            parts = [token]  # not an old token after all: a marker
    values: list = [None if part == "None" else part for part in parts]
    if len(values) > len(names):
        raise ValueError(f"Bad starting token: {token}")
    values += [None] * (len(names) - len(values))
    return dict(zip(names, values)), index
