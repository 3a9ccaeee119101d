"""Response bodies as IAM writes them, from botocore's output shapes: hypothesis
strategies for output values (any member present or absent, lists empty or not,
maps, dates, policy documents) and the XML of a value.

A value here is what goes into the XML, not what boto3 returns: a dict for a
structure (members in the model's order, absent ones left out), a list for a
list, a list of (key, value) pairs for a map, and the element's text for a
scalar (``"true"``, ``"42"``, ``"2026-01-02T03:04:05Z"``, base64 for a blob).
boto3's parser turns the body into the dict fastiam must return.
"""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

import botocore.model
from hypothesis import strategies as st
from support.scripted_server import Reply, result_reply

# IAM's policy documents are URL-encoded JSON; botocore decodes members of this
# shape into dicts (botocore.handlers.json_decode_policies).
POLICY_DOCUMENT = "policyDocumentType"


def _xml_character(char: str) -> bool:
    """XML 1.0's Char production (IAM can write no other character)."""
    code = ord(char)
    return char in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code > 0xFFFF


XML_CHARACTER = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc")).filter(_xml_character),
    st.sampled_from(" \t\n\r&<>\"'\u00e9\u202e\ufeff\U0001f600"),
)
TEXT = st.text(XML_CHARACTER, max_size=16)

JSON_SCALARS = st.one_of(
    st.text(XML_CHARACTER, max_size=8),
    st.integers(-(2**53), 2**53),
    st.booleans(),
    st.none(),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(XML_CHARACTER, max_size=6), inner, max_size=3),
    ),
    max_leaves=8,
)
POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}],
}


def policy_text(document: Any) -> str:
    """A policy document as IAM sends it: JSON, URL-encoded."""
    return quote(json.dumps(document), safe="")


POLICY_TEXTS = st.one_of(
    st.dictionaries(st.text(XML_CHARACTER, max_size=8), JSON_VALUES, max_size=4).map(policy_text),
    st.just(policy_text(POLICY)),
    JSON_VALUES.map(policy_text),  # any JSON text, not only an object
    TEXT,  # not JSON: botocore keeps the text as it came
)

DATETIMES = st.datetimes(
    min_value=datetime.datetime(1970, 1, 1), max_value=datetime.datetime(2200, 12, 31)
)


def timestamp_text(moment: datetime.datetime, millis: bool) -> str:
    """ISO 8601 in UTC as IAM writes it, with or without milliseconds."""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{moment.microsecond // 1000:03d}Z" if millis else f"{text}Z"


TIMESTAMPS = st.builds(timestamp_text, DATETIMES, st.booleans())

_output_cache: dict[str, st.SearchStrategy[Any]] = {}


def output_values(shape: botocore.model.Shape) -> st.SearchStrategy[Any]:
    """Values of an output shape (cached by shape name)."""
    if shape.name not in _output_cache:
        _output_cache[shape.name] = _output_strategy(shape)
    return _output_cache[shape.name]


def _output_strategy(shape: botocore.model.Shape) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    if kind == "structure" and shape.is_tagged_union:  # exactly one member
        return st.one_of(
            *[
                output_values(m).map(lambda v, name=name: {name: v})
                for name, m in shape.members.items()
            ]
        )
    if kind == "structure":
        members = {name: output_values(member) for name, member in shape.members.items()}
        order = list(members)
        return st.fixed_dictionaries({}, optional=members).map(
            lambda drawn: {name: drawn[name] for name in order if name in drawn}
        )
    if kind == "list":
        return st.lists(output_values(shape.member), max_size=3)
    if kind == "map":
        pair = st.tuples(output_values(shape.key), output_values(shape.value))
        return st.lists(pair, max_size=3, unique_by=lambda item: item[0])
    if kind == "string":
        if shape.name == POLICY_DOCUMENT:
            return POLICY_TEXTS
        if shape.enum:  # IAM sends the model's values
            return st.sampled_from(shape.enum)
        return TEXT
    if kind in ("integer", "long"):
        return st.integers(-(2**31), 2**31 - 1).map(str)
    if kind == "boolean":
        return st.sampled_from(["true", "false"])
    if kind == "timestamp":
        return TIMESTAMPS
    if kind == "blob":
        return st.binary(max_size=24).map(lambda raw: base64.b64encode(raw).decode())
    raise AssertionError(f"no output strategy for {shape.name} ({kind})")


# ---------------------------------------------------------------------------
# Fixed bodies: every member, empty lists, empty strings (and, in the tests, none)

SAMPLE_TEXT = "a & b <c> \"d\" 'e' \u00e9\U0001f600"


def _sample_scalar(shape: botocore.model.Shape, index: int) -> str:
    kind = shape.type_name
    if kind == "string":
        if shape.name == POLICY_DOCUMENT:
            return policy_text(POLICY)
        if shape.enum:
            return shape.enum[index % len(shape.enum)]
        return f"{SAMPLE_TEXT} {index}"
    if kind in ("integer", "long"):
        return str(42 + index)
    if kind == "boolean":
        return "true" if index % 2 == 0 else "false"
    if kind == "timestamp":
        return timestamp_text(datetime.datetime(2026, 1, 2, 3, 4, 5, 678000), bool(index % 2))
    if kind == "blob":
        return base64.b64encode(b"\x00\x01 blob " + bytes([index])).decode()
    raise AssertionError(f"no sample for {shape.name} ({kind})")


def filled(shape: botocore.model.Shape, mode: str, index: int = 0) -> Any:
    """Every member present (one, in a tagged union). ``mode``: "all" (two items in each list and map),
    "empty-lists" (each list and map empty), "empty-strings" (each string empty,
    one item in each list)."""
    kind = shape.type_name
    if kind == "structure" and shape.is_tagged_union:  # one member, as IAM sends it
        name, member = next(iter(shape.members.items()))
        return {name: filled(member, mode, index)}
    if kind == "structure":
        return {name: filled(member, mode, index) for name, member in shape.members.items()}
    if kind in ("list", "map"):
        count = {"all": 2, "empty-lists": 0, "empty-strings": 1}[mode]
        if kind == "list":
            return [filled(shape.member, mode, index + i) for i in range(count)]
        return [(_sample_scalar(shape.key, i), filled(shape.value, mode, i)) for i in range(count)]
    if mode == "empty-strings" and kind == "string":
        return ""
    return _sample_scalar(shape, index)


FILLED_MODES = ["all", "empty-lists", "empty-strings"]


# ---------------------------------------------------------------------------
# The XML


def _text(value: str) -> str:
    # A raw CR would reach the parsers as LF (XML's end-of-line rule); IAM's
    # writer escapes it, so the character itself is what both must return.
    return escape(value, {"\r": "&#13;"})


def element(name: str, shape: botocore.model.Shape, value: Any, short_empty: bool) -> str:
    """``<name>...</name>`` for ``value``; an empty list, map or string is
    ``<name/>`` when ``short_empty``, else ``<name></name>``."""
    inner = content(shape, value, short_empty)
    if not inner and short_empty:
        return f"<{name}/>"
    return f"<{name}>{inner}</{name}>"


def content(shape: botocore.model.Shape, value: Any, short_empty: bool) -> str:
    kind = shape.type_name
    assert not shape.serialization.get("flattened"), f"{shape.name}: flattened (not in IAM)"
    if kind == "structure":
        members = shape.members
        return "".join(
            element(members[name].serialization.get("name", name), members[name], item, short_empty)
            for name, item in value.items()
        )
    if kind == "list":
        item_name = shape.member.serialization.get("name", "member")
        return "".join(element(item_name, shape.member, item, short_empty) for item in value)
    if kind == "map":
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        return "".join(
            f"<entry>{element(key_name, shape.key, key, short_empty)}"
            f"{element(value_name, shape.value, item, short_empty)}</entry>"
            for key, item in value
        )
    return _text(value)


def reply(wire: str, shape: botocore.model.StructureShape, value: dict, short_empty: bool) -> Reply:
    """The 200 IAM sends for ``wire`` with ``value`` as its result."""
    return result_reply(wire, content(shape, value, short_empty))


def bodies(shape: botocore.model.StructureShape) -> st.SearchStrategy[tuple[dict, bool]]:
    """(value, short_empty) for an output shape."""
    return st.tuples(output_values(shape), st.booleans())
