"""Parameter values as the AWS CLI reads them (file://, JSON, shorthand); its PaginationConfig."""

from __future__ import annotations

import json
import os
import re
import sys

from ._errors import ParamError, UsageError
from ._operations import input_tokens, limit_key, options

# Not `from typing import ...`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any


def call_parameters(method: str, parsed: argparse.Namespace) -> dict[str, Any]:
    """The client method's keyword arguments from the parsed options."""
    call: dict[str, Any] = {}
    for member, option, kind, _ in options(method):
        value = getattr(parsed, member)
        if value is not None:
            call[member] = _value(option, kind, value)
    return call


def _value(option: str, kind: str, value: Any) -> Any:
    """One option's value as the AWS CLI reads it for a member of ``kind``."""
    if kind in ("integer", "boolean"):  # argparse made them
        return value
    if kind == "blob" and value.startswith("fileb://"):
        return _read(option, value, "fileb://", None)
    if kind in ("string", "blob"):
        return _param_file(option, value)
    if kind in ("strings", "structures"):
        return _list_value(option, kind, value)
    return _object_value(option, _param_file(option, value))


def _param_file(option: str, value: str) -> str:
    """A value given as ``file://path`` is the text of that file (the AWS CLI's
    way to keep secrets off the command line)."""
    if not value.startswith("file://"):
        return value
    text: str = _read(option, value, "file://", "utf-8")
    return text


def _read(option: str, value: str, prefix: str, encoding: str | None) -> Any:
    """The file a ``file://`` (text) or ``fileb://`` (bytes) value names."""
    path = os.path.expandvars(os.path.expanduser(value[len(prefix) :]))
    try:
        with open(path, "rb" if encoding is None else "r", encoding=encoding) as file:
            return file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ParamError(option, f"Unable to load paramfile {value}: {error}") from None


def _list_value(option: str, member_kind: str, values: list[str]) -> list[Any]:
    """A list option's values, as the AWS CLI reads them: one JSON list, JSON
    objects, shorthand structures (``Key=k,Value=v``) or plain strings."""
    if len(values) == 1:
        values = [_param_file(option, values[0])]
    first = values[0].strip()
    if len(values) == 1 and first.startswith("["):
        items: list[Any] = _json(option, values[0])  # JSON text that starts with "[" is a list
        return items
    if member_kind == "strings":
        return values
    if first.startswith(("[", "{")):
        return [_json_object(option, value) for value in values]
    return [shorthand(option, value) for value in values]


def _object_value(option: str, value: str) -> Any:
    """A structure or a map: a JSON object, or the shorthand ``Name=value,...``."""
    if value.lstrip().startswith("{"):
        return _json(option, value)
    return shorthand(option, value)


def _json(option: str, value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError as error:
        raise ParamError(option, f"Invalid JSON: {error}\nJSON received: {value}") from None


def _json_object(option: str, value: str) -> Any:
    if not value.lstrip().startswith("{"):
        raise ParamError(option, f"Invalid JSON:\n{value}")
    return _json(option, value)


# One `key=value` (or, after a comma, a further value of the same key) of the
# shorthand syntax; a value is quoted, or runs to the next unescaped comma.
_SHORTHAND_ITEM = re.compile(
    r"""\s*(?:(?P<key>[A-Za-z0-9_.#/:-]+)\s*=\s*)?
        (?P<value>'(?:\\'|[^'])*'|"(?:\\"|[^"])*"|(?:\\,|[^,'"])*)\s*""",
    re.VERBOSE,
)


def shorthand(option: str, text: str) -> dict[str, Any]:
    """One structure in the AWS CLI's shorthand syntax: ``Key=k,Value=v``.

    As there, values after a comma that does not start a new ``name=`` make a
    list (``Value=a,b`` is ["a", "b"], which validation then rejects), a value
    may be quoted, ``\\,`` is a comma, and a name given twice is an error."""
    structure: dict[str, Any] = {}
    last: str | None = None  # the last name given, which a value without one adds to
    position = 0
    while True:
        item = _SHORTHAND_ITEM.match(text, position)
        if item is None:  # never: the pattern matches an empty value too
            raise _shorthand_error(option, text, "=" if last is None else "<value>", position)
        key, raw = item["key"], item["value"]
        if key in structure:
            raise ParamError(
                option,
                f'Second instance of key "{key}" encountered for input:\n{text}\n'
                'This is often because there is a preceding "," instead of a space.',
            )
        value = _unquote(raw)
        if key is not None:
            structure[key] = value
            last = key
        elif last is None or not raw:
            raise _shorthand_error(option, text, "=" if last is None else "<value>", item.end())
        else:
            previous = structure[last]
            items = previous if isinstance(previous, list) else [previous]
            structure[last] = [*items, value]
        position = item.end()
        if position == len(text):
            return structure
        if text[position] != ",":
            raise _shorthand_error(option, text, ",", position)
        position += 1


def _shorthand_error(option: str, text: str, expected: str, index: int) -> ParamError:
    received = text[index] if index < len(text) else "EOF"
    return ParamError(
        option,
        f"Expected: '{expected}', received: '{received}' for input:\n{text}\n{' ' * index}^",
    )


def _unquote(raw: str) -> str:
    if raw[:1] in ("'", '"'):
        quote = raw[0]
        return raw[1:-1].replace(f"\\{quote}", quote).replace("\\\\", "\\")
    return raw.replace("\\,", ",").rstrip()


def paging(
    method: str, parsed: argparse.Namespace, call: dict[str, Any], options: argparse.Namespace
) -> dict[str, Any] | None:
    """The PaginationConfig of a list operation, which the AWS CLI pages through
    unless --no-paginate or the operation's own --marker is given; then (None)
    --max-items is the operation's MaxItems, and paging options are errors."""
    tokens = input_tokens(method)
    if not tokens:
        return None
    if options.no_paginate or any(token in call for token in tokens):
        used = [name for name in ("starting_token", "page_size") if getattr(parsed, name)]
        if used:
            names = ", ".join("--" + name.replace("_", "-") for name in used)
            raise UsageError(
                f"Cannot specify --no-paginate along with pagination arguments: {names}"
            )
        return None
    max_items = call.pop(limit_key(method), None)
    if max_items is not None and max_items <= 0:
        sys.stderr.write(
            "warning: Non-positive values for --max-items may result in undefined behavior.\n"
        )
    config = {
        "MaxItems": max_items,
        "PageSize": parsed.page_size,
        "StartingToken": parsed.starting_token,
    }
    return {name: value for name, value in config.items() if value is not None}
