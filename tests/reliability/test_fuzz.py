"""Fuzzed input (hypothesis): any mix of argument names, types and unicode, for
every operation, sync and async, must give a result or one of the documented
exceptions (never a panic, a SystemError or a hang), reach the server only when
validation passed, and match boto3 exactly: the same exception class and text
when boto3 rejects, the same request form fields when boto3 sends. Valid calls
(drawn from the model's constraints) must reach the server.

botocore's IAM model is the reference: each operation's input shape (none for
some, e.g. get_account_summary) says what a member takes. Each example runs the
same call through boto3, fastiam's sync client, its async client and a
``parameter_validation="strict"`` client, against the scripted server.

CI runs a small fixed budget per operation (``derandomize``: the same examples
every run; see the ``*_EXAMPLES`` constants below and ``DEFAULT_TOTAL``, their
sum). ``FASTIAM_FUZZ_EXAMPLES=N`` runs about N examples in all (spread over the
tests in the same proportions) from a random seed, as a nightly job would::

    FASTIAM_FUZZ_EXAMPLES=100000 python -m pytest -q tests/reliability/test_fuzz.py

(``--hypothesis-seed=N`` replays a nightly run; a failure prints the example.)
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime
import decimal
import enum
import faulthandler
import fractions
import functools
import math
import os
import re
import sys
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qs

import botocore
import botocore.config
import botocore.exceptions
import botocore.model
import botocore.validate
import fastiam
import fastiam.aio
import fastiam.totp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import operations
from support.scripted_server import Reply, ScriptedServer, empty_success_reply, result_reply

# ---------------------------------------------------------------------------
# How many examples, and how long one call may take

CALL_TIMEOUT = 10.0  # read/connect timeout of every client; asyncio.wait_for for awaits
WATCHDOG = 60.0  # a hung example kills the run with every thread's traceback


def fuzz_settings(share: int) -> settings:
    """``share`` of DEFAULT_TOTAL examples (scaled to FASTIAM_FUZZ_EXAMPLES).
    CI is reproducible (``derandomize``); a nightly run draws a fresh seed."""
    return settings(
        max_examples=max(1, share * TOTAL // DEFAULT_TOTAL),
        deadline=None,
        derandomize=not NIGHTLY,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )


# Examples per test. A parity example makes four calls (boto3, fastiam sync,
# async and strict); with every operation of IAM, a few per operation keep CI's
# run near a minute on two cores, and the nightly run goes deep.
PARITY_EXAMPLES = 12  # x each boto3 operation
VALID_EXAMPLES = 3  # x each boto3 operation
VALIDATION_OFF_EXAMPLES = 4  # x each boto3 operation
EXTRA_EXAMPLES = 100  # x 2 fastiam extras
TOTP_EXAMPLES = 400  # x 2: code() and pair()
CONFIG_EXAMPLES = 300


# ---------------------------------------------------------------------------
# The operations (fastiam's list, every client method comes from it) and their
# input shapes, from botocore's IAM model

IAM_MODEL = operations.BOTOCORE_IAM
OPERATIONS = fastiam._native.OPERATIONS
BOTO3_OPERATIONS = operations.BOTO3_OPERATIONS
# The extras (not in boto3) -> the IAM operation each one sends.
EXTRAS = {op: fastiam._native.WIRE_NAMES[op] for op in operations.EXTRAS}
SECRET_MEMBERS = operations.secret_members()
CLIENT_ATTRIBUTES = {
    "can_paginate", "exceptions", "get_paginator", "get_waiter", "meta", "waiter_names",
}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One input shape: what botocore checks, plus what "strict" checks."""

    # string, integer, boolean, timestamp, blob, list, map or structure
    kind: str
    min: int | None = None
    max: int | None = None
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    item: Spec | None = None  # a list's items, a map's values
    key: Spec | None = None  # a map's keys
    members: tuple[tuple[str, Spec], ...] = ()
    required: tuple[str, ...] = ()
    union: bool = False  # a tagged union: exactly one member set

    @property
    def member_names(self) -> list[str]:
        return [name for name, _ in self.members]

    def member(self, name: str) -> Spec:
        return dict(self.members)[name]


# Limits botocore's model lacks that "strict" checks (from the SDK's model, as
# IAM's API reference states them), by shape: codegen/rust_operations.py's STRICT_LIMITS.
STRICT_MAXIMUMS = {"virtualMFADeviceName": 226}
# botocore's scalar types -> the kind the fuzzer draws (a long is an integer).
SCALAR_KINDS = {
    "string": "string",
    "integer": "integer",
    "long": "integer",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "blob": "blob",
}


def spec_of(shape: botocore.model.Shape | None, strict: bool = False) -> Spec:
    """The Spec of a botocore shape; None (an operation without input) is a
    structure without members. ``strict`` adds STRICT_MAXIMUMS."""
    if shape is None:
        return Spec("structure")
    meta = shape.metadata
    maximum = STRICT_MAXIMUMS.get(shape.name) if strict else None
    common = {"min": meta.get("min"), "max": meta.get("max", maximum)}
    if shape.type_name == "structure":
        members = tuple((name, spec_of(member, strict)) for name, member in shape.members.items())
        required = tuple(shape.required_members)
        return Spec("structure", members=members, required=required, union=shape.is_tagged_union)
    if shape.type_name == "list":
        return Spec("list", item=spec_of(shape.member, strict), **common)
    if shape.type_name == "map":
        return Spec("map", key=spec_of(shape.key, strict), item=spec_of(shape.value, strict))
    if shape.type_name == "string":
        return Spec("string", pattern=meta.get("pattern"), enum=tuple(shape.enum), **common)
    return Spec(SCALAR_KINDS[shape.type_name], **common)


def _extra_input_shape() -> botocore.model.StructureShape:
    """The extras' input (UserName, SerialNumber, Base32StringSeed) as a botocore
    shape, so that botocore's own validator says what fastiam must report."""
    enable = IAM_MODEL.operation_model("EnableMFADevice").input_shape.members
    device = IAM_MODEL.shape_for("VirtualMFADevice").members
    return botocore.model.StructureShape(
        "VirtualSeedInput",
        {
            "type": "structure",
            "required": ["UserName", "SerialNumber", "Base32StringSeed"],
            "members": {
                "UserName": {"shape": enable["UserName"].name},
                "SerialNumber": {"shape": enable["SerialNumber"].name},
                "Base32StringSeed": {"shape": device["Base32StringSeed"].name},
            },
        },
        IAM_MODEL._shape_resolver,
    )


EXTRA_SHAPE = _extra_input_shape()
INPUT_SHAPES = {
    op: EXTRA_SHAPE if op in EXTRAS else operations.input_shape(op) for op in OPERATIONS
}
SPECS = {op: spec_of(shape) for op, shape in INPUT_SHAPES.items()}
STRICT_SPECS = {op: spec_of(shape, strict=True) for op, shape in INPUT_SHAPES.items()}
ALL_MEMBER_NAMES = sorted(
    {name for spec in SPECS.values() for name in spec.member_names} | {"Key", "Value"}
)

# What CI runs (per test, see the *_EXAMPLES above), and what a run runs.
DEFAULT_TOTAL = (
    (PARITY_EXAMPLES + VALID_EXAMPLES + VALIDATION_OFF_EXAMPLES) * len(BOTO3_OPERATIONS)
    + EXTRA_EXAMPLES * len(EXTRAS)
    + TOTP_EXAMPLES * 2
    + CONFIG_EXAMPLES
)
TOTAL = int(os.environ.get("FASTIAM_FUZZ_EXAMPLES", DEFAULT_TOTAL))
NIGHTLY = "FASTIAM_FUZZ_EXAMPLES" in os.environ


def success_reply(operation: str) -> Reply:
    """A success the operation's parser accepts (its result members left out)."""
    if operation in EXTRAS:
        return empty_success_reply(EXTRAS[operation])
    wire = operations.BOTOCORE_NAMES[operation]
    if IAM_MODEL.operation_model(wire).output_shape is None:
        return empty_success_reply(wire)
    return result_reply(wire, "")


def test_every_operation_is_fuzzed():
    client_methods = {
        name
        for name in dir(fastiam.client("iam", region_name="us-east-1"))
        if not name.startswith("_") and name not in CLIENT_ATTRIBUTES
    }
    # Every client method, the extras included, is fuzzed (the tests below are
    # parametrized by these lists), each against botocore's model of its input.
    assert set(OPERATIONS) == client_methods
    assert set(BOTO3_OPERATIONS) | set(EXTRAS) == set(OPERATIONS)
    assert sorted(EXTRAS) == ["enable_virtual_mfa_device", "resync_virtual_mfa_device"]


# ---------------------------------------------------------------------------
# Odd values a caller may pass


class UserStrError(Exception):
    """Raised by a user object's broken ``__str__`` (boto3 lets it through)."""


class BrokenStr:
    """``str()`` raises; boto3 propagates that exception from its report."""

    def __init__(self, error: type[BaseException] = UserStrError, text: str = "broken __str__"):
        self.error, self.text = error, text

    def __str__(self) -> str:
        raise self.error(self.text)

    def __repr__(self) -> str:
        return "BrokenStr()"


class BrokenRepr:
    """``repr()`` raises: ``str()`` of any list or dict holding it raises too."""

    def __repr__(self) -> str:
        raise UserStrError("broken __repr__")

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # how hypothesis shows it
        printer.text("BrokenRepr()")

    def __str__(self) -> str:
        return "fine"


class OddStr:
    """``__str__`` returns ``value``: a non-str (TypeError in str()) or odd text."""

    def __init__(self, value: Any):
        self.value = value

    def __str__(self):
        return self.value

    def __repr__(self) -> str:
        return "OddStr()"


class FormatDiffers:
    """``format(x, "")`` (what botocore's f-strings call) is not ``str(x)``."""

    def __format__(self, spec: str) -> str:
        return "<format>"

    def __str__(self) -> str:
        return "<str>"


def reordered(mapping: OrderedDict, key: str) -> OrderedDict:
    """An OrderedDict whose iteration order is not its insertion order."""
    mapping.move_to_end(key)
    return mapping


class StrSub(str):
    """A str whose ``__str__`` is not its text."""

    def __str__(self) -> str:
        return "<StrSub>"


class IntSub(int):
    def __str__(self) -> str:
        return "<IntSub>"


class Color(enum.Enum):
    RED = 1


class Level(enum.IntEnum):
    ZERO = 0
    FIVE = 5


class Name(str, enum.Enum):
    ALICE = "alice"


class HashableList(list):
    __hash__ = object.__hash__  # usable as a dict key


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def odd_objects() -> list[Callable[[], Any]]:
    return [
        BrokenStr,
        lambda: BrokenStr(KeyError, "key"),
        lambda: BrokenStr(ValueError, "value"),
        lambda: BrokenStr(RuntimeError, "\ud800"),
        FormatDiffers,
        BrokenRepr,
        lambda: OddStr(5),
        lambda: OddStr(b"bytes"),
        lambda: OddStr(None),
        lambda: OddStr("\x00\u202e\ud800 odd"),
        lambda: OddStr(StrSub("sub")),
        lambda: StrSub("arn:aws:iam::123456789012:mfa/sub"),
        lambda: StrSub(""),
        lambda: IntSub(7),
        lambda: IntSub(0),
        lambda: Color.RED,
        lambda: Level.ZERO,
        lambda: Level.FIVE,
        lambda: Name.ALICE,
        object,
        lambda: int,
        lambda: Ellipsis,
        lambda: NotImplemented,
        lambda: range(3),
        lambda: {1, 2},
        lambda: frozenset({"Key"}),
        lambda: {"Key": "k"}.keys(),
        lambda: iter([1, 2]),
        lambda: (x for x in "ab"),
        lambda: memoryview(b"abc"),
        lambda: nested(60),
        lambda: nested(5_000),  # str() of it hits the recursion limit
        lambda: OrderedDict(Key="k", Value="v"),
        lambda: reordered(OrderedDict(Key=1, Value=None), "Key"),
        lambda: datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
        lambda: datetime.date(2024, 1, 1),
        lambda: decimal.Decimal("NaN"),
        lambda: decimal.Decimal("1.5"),
        lambda: fractions.Fraction(1, 3),
        lambda: 1 + 2j,
        lambda: float("nan"),
        lambda: float("inf"),
        lambda: -0.0,
        lambda: 2**31,
        lambda: 2**63,
        lambda: -(2**64),
        lambda: 10**30,
        lambda: True,
        lambda: False,
        lambda: None,
    ]


ODD_OBJECTS = odd_objects()
SPECIAL_CHARACTERS = (  # NUL, controls, bidi marks, BOM, lone surrogates, astral, combining,
    "\x00\x01\x7f\u200f\u202e\u2066\ufeff\ufffd\ud800\udfff\U0001f600\U0010ffff\u0301"
    "e\u0130\u00df\u00e9\u0661\uff11\n\r\t &=%+/:@\\\"'<>]~*"  # and what URLs and XML escape
)
BIG_STRINGS = [  # 100 kB and around it
    "a" * 100_000,
    "\u00e9" * 50_000,
    "\x00" * 100_000,
    "\U0001f600" * 25_000,
    "\u202e" * 33_334,
    "1" * 100_001,
    "b" * 99_999 + "\ud800",
]
ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates, controls, unassigned
FRIENDLY = "abcXYZ0123456789_+=,.@-:/"


def _padded(text: str, min_size: int) -> str:
    return text + "x" * (min_size - len(text)) if len(text) < min_size else text


@functools.cache
def texts(min_size: int = 0, max_size: int = 16) -> st.SearchStrategy[str]:
    """Any unicode: lone surrogates, NUL, RTL marks, combining marks; 100 kB
    one time in forty."""
    special = st.text(st.sampled_from(SPECIAL_CHARACTERS), min_size=1, max_size=8)
    anything = st.text(ANY_CHARACTER, max_size=max_size)
    friendly = st.text(st.sampled_from(FRIENDLY), max_size=max_size)
    big = st.integers(0, len(BIG_STRINGS) - 1).map(lambda index: BIG_STRINGS[index])
    strategy = st.one_of(*[special, anything, friendly] * 13, big)
    return strategy.map(lambda text: _padded(text, min_size)) if min_size else strategy


SCALARS = st.one_of(
    texts(),
    texts(),
    st.binary(max_size=16),
    st.binary(max_size=8).map(bytearray),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.booleans(),
    st.none(),
    st.sampled_from(ODD_OBJECTS).map(lambda make: make()),
    st.sampled_from(ODD_OBJECTS).map(lambda make: make()),
)
DICT_KEYS = st.one_of(
    st.sampled_from(ALL_MEMBER_NAMES),
    texts(max_size=8),
    st.integers(),
    st.none(),
    st.binary(max_size=6),
    st.tuples(st.integers(), texts(max_size=3)),
    st.sampled_from(
        [BrokenStr, lambda: Color.RED, lambda: 1.5, lambda: OddStr(5), lambda: HashableList([1])]
    ).map(lambda make: make()),
)


def containers(items: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.lists(items, max_size=3),
        st.lists(items, max_size=3).map(tuple),
        st.dictionaries(DICT_KEYS, items, max_size=3),
        st.lists(st.tuples(DICT_KEYS, items), max_size=3).map(OrderedDict),
    )


# Anything, two levels of containers deep (st.recursive costs twice as much).
ANY_VALUE = st.one_of(
    SCALARS, SCALARS, SCALARS, containers(st.one_of(SCALARS, containers(SCALARS)))
)


def near_misses(name: str) -> list[str]:
    return [
        name.lower(),
        name.upper(),
        name[0].lower() + name[1:],
        name + "s",
        name[:-1],
        f" {name}",
        f"{name}\x00",
        name.replace("a", "\u0430", 1),
        f"{name}\u200f",
        "_" + name,
    ]


def sampled(items: list | tuple) -> st.SearchStrategy:
    """``st.sampled_from``, or nothing to draw from an empty list (an operation
    without input has no member names)."""
    return st.sampled_from(items) if items else st.nothing()


@functools.cache
def argument_names(spec: Spec) -> st.SearchStrategy[str]:
    """Valid member names (often), near misses, other members' names, any text.
    Not "self": boto3's method is ``_api_call(self, *args, **kwargs)``, so
    ``self=`` is a TypeError naming botocore's internals; fastiam reports it as
    an unknown parameter."""
    misses = sorted({miss for name in spec.member_names for miss in near_misses(name)})
    return st.one_of(
        sampled(spec.member_names),
        sampled(spec.member_names),
        sampled(misses),
        st.sampled_from(ALL_MEMBER_NAMES),
        texts(max_size=10),
    ).map(lambda name: "not self" if name == "self" else name)


SEED = base64.b32encode(b"fastiam-fuzz-seed-0123456789").decode()
# ASCII digits (often) and digits of other scripts, which \d in the model's
# (Java) patterns does not take.
DIGITS = "0123456789" * 3 + "\u0660\u0661\u06f5\u0967\uff10\U0001d7ce"
UTC = datetime.timezone.utc
TIMESTAMPS = st.datetimes(
    min_value=datetime.datetime(1970, 1, 2),
    max_value=datetime.datetime(2100, 1, 1),
    timezones=st.just(UTC),
)
# The model's patterns Python's re reads as Java does (\w and \d ASCII); \p{..}
# classes it cannot read.
PYTHON_PATTERNS: dict[str, re.Pattern | None] = {}


def python_pattern(pattern: str) -> re.Pattern | None:
    if pattern not in PYTHON_PATTERNS:
        try:
            PYTHON_PATTERNS[pattern] = re.compile(pattern, re.ASCII)
        except re.error:
            PYTHON_PATTERNS[pattern] = None
    return PYTHON_PATTERNS[pattern]


# Characters every \p{..} pattern of the model takes (tags' keys and values).
UNICODE_CLASS_FRIENDLY = "abcXYZ0123456789_.:/=+-@ \u00e9"


@functools.cache
def valid(spec: Spec) -> st.SearchStrategy:
    """A value botocore and "strict" both accept: the model's lengths, ranges,
    enums and patterns."""
    if spec.kind == "string":
        if spec.enum:
            return st.sampled_from(spec.enum)
        low, high = spec.min or 0, spec.max if spec.max is not None else (spec.min or 0) + 30
        compiled = python_pattern(spec.pattern) if spec.pattern else None
        if compiled is None:
            alphabet = UNICODE_CLASS_FRIENDLY if spec.pattern else FRIENDLY
            return st.text(st.sampled_from(alphabet), min_size=low, max_size=min(high, low + 30))
        return st.from_regex(compiled, fullmatch=True).filter(lambda t: low <= len(t) <= high)
    if spec.kind == "integer":
        low = spec.min if spec.min is not None else 0
        return st.integers(low, spec.max if spec.max is not None else low + 1000)
    if spec.kind == "boolean":
        return st.booleans()
    if spec.kind == "timestamp":
        return TIMESTAMPS
    if spec.kind == "blob":
        return st.binary(min_size=spec.min or 0, max_size=16)
    if spec.kind == "list":
        assert spec.item is not None
        size = spec.min or 0
        return st.lists(valid(spec.item), min_size=size, max_size=min(spec.max or 3, size + 3))
    if spec.kind == "map":
        assert spec.key is not None and spec.item is not None
        return st.dictionaries(valid(spec.key), valid(spec.item), max_size=2)
    assert spec.kind == "structure", spec
    return valid_structures(spec)


@functools.cache
def valid_structures(spec: Spec) -> st.SearchStrategy[dict]:
    """Every required member and some others, each valid (a union: one member)."""

    @st.composite
    def draw_structure(draw) -> dict:
        if spec.union:
            names = [draw(st.sampled_from(spec.member_names))]
        else:
            names = [n for n in spec.member_names if n in spec.required or draw(st.booleans())]
        return {name: draw(valid(spec.member(name))) for name in names}

    return draw_structure()


@functools.cache
def plausible(spec: Spec) -> st.SearchStrategy:
    """A value of the member's type, mostly valid for botocore (sometimes for
    "strict" too), with the edges of its limits."""
    if spec.kind == "string":
        if spec.enum:
            return st.one_of(st.sampled_from(spec.enum), texts(max_size=12))
        low = spec.min or 0
        high = spec.max or low + 40
        return st.one_of(
            st.text(st.sampled_from(FRIENDLY), min_size=low, max_size=min(high, low + 30)),
            st.text(st.sampled_from(FRIENDLY), min_size=low, max_size=min(high, low + 30)),
            st.text(st.sampled_from(DIGITS), min_size=low, max_size=low + 1),
            st.integers(max(0, high - 1), high + 1).map(lambda n: "a" * n),
            valid(spec),
            texts(min_size=low),
            texts(),
        )
    if spec.kind == "integer":
        return st.one_of(
            st.integers(spec.min or 0, spec.max or 1000),
            st.sampled_from([0, 1, 1000, 1001, -1, 2**31 - 1]),
            st.sampled_from([True, False, Level.FIVE, IntSub(7)]),
        )
    if spec.kind == "boolean":
        return st.one_of(
            st.booleans(), st.booleans(), st.sampled_from([0, 1, "true", "False", Level.ZERO])
        )
    if spec.kind == "timestamp":
        return st.one_of(
            TIMESTAMPS,
            TIMESTAMPS.map(lambda when: when.isoformat()),
            st.integers(0, 2**32),
            st.datetimes(),
            texts(max_size=12),
        )
    if spec.kind == "blob":
        return st.one_of(
            st.sampled_from([SEED, SEED.lower().rstrip("="), SEED.encode(), f" {SEED} "]),
            st.binary(max_size=16).map(base64.b32encode),
            texts(max_size=16),
            st.binary(max_size=16),
            st.binary(max_size=8).map(bytearray),
        )
    if spec.kind == "list":
        assert spec.item is not None
        lists = [
            st.lists(plausible(spec.item), max_size=4),
            st.lists(plausible(spec.item), max_size=3).map(tuple),
        ]
        if spec.max is not None and spec.max <= 100:  # around the maximum ("strict")
            lists.append(
                st.integers(spec.max - 1, spec.max + 2).flatmap(
                    lambda n: st.lists(valid(spec.item), min_size=n, max_size=n)
                )
            )
        return st.one_of(*lists)
    if spec.kind == "map":
        assert spec.key is not None and spec.item is not None
        return st.dictionaries(
            st.one_of(plausible(spec.key), DICT_KEYS), plausible(spec.item), max_size=3
        )
    assert spec.kind == "structure", spec
    return structures(spec)


@functools.cache
def structures(spec: Spec) -> st.SearchStrategy[dict]:
    """A dict for a structure (a Tag): its required members, often exactly."""

    @st.composite
    def draw_structure(draw) -> dict:
        call = {name: draw(plausible(spec.member(name))) for name in spec.required}
        return mutate(draw, call, spec, top=False)

    return draw_structure()


@functools.cache
def _order(size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, 15), min_size=size, max_size=size)


def shuffled(draw, call: dict) -> dict:
    """The same items in any order (shrinking back to the original order)."""
    keys = draw(_order(len(call)))
    return dict(item for _, item in sorted(zip(keys, call.items()), key=lambda pair: pair[0]))


INDEX = st.integers(0, 2**16)
ACTIONS = st.integers(0, 3)
CHANGES = st.integers(0, 3)


def mutate(draw, call: dict, spec: Spec, top: bool) -> dict:
    """0-3 changes (a member dropped, set to anything or to a plausible value,
    an unknown name added), then the keys in any order."""
    call = dict(call)
    names = spec.member_names
    for _ in range(draw(CHANGES)):
        action = draw(ACTIONS)
        if action == 0 and call:
            del call[list(call)[draw(INDEX) % len(call)]]
        elif action == 1 and names:
            call[names[draw(INDEX) % len(names)]] = draw(ANY_VALUE)
        elif action == 2 and names:
            name = names[draw(INDEX) % len(names)]
            call[name] = draw(plausible(spec.member(name)))
        else:
            call[draw(argument_names(spec) if top else DICT_KEYS)] = draw(ANY_VALUE)
    return shuffled(draw, call)


ARGS = st.lists(ANY_VALUE, min_size=1, max_size=2)
KINDS = st.integers(0, 9)
POSITIONAL = st.integers(0, 19)


@functools.cache
def calls(spec: Spec) -> st.SearchStrategy[tuple[tuple, dict]]:
    """(positional args, keyword args) for one operation."""
    entries = st.lists(st.tuples(argument_names(spec), ANY_VALUE), max_size=6)

    @st.composite
    def draw_call(draw) -> tuple[tuple, dict]:
        kind = draw(KINDS)
        if kind <= 1:  # anything at all
            kwargs = dict(draw(entries))
        elif kind == 2:  # a valid call
            kwargs = shuffled(draw, draw(valid(spec)))
        else:  # a plausible call (every member or some), then changed
            names = [
                name for name in spec.member_names if name in spec.required or draw(st.booleans())
            ]
            kwargs = {name: draw(plausible(spec.member(name))) for name in names}
            kwargs = mutate(draw, kwargs, spec, top=True) if kind >= 5 else shuffled(draw, kwargs)
        args = tuple(draw(ARGS)) if draw(POSITIONAL) == 0 else ()
        return args, kwargs

    return draw_call()


# ---------------------------------------------------------------------------
# Running one call


@dataclass
class Outcome:
    lib: str
    result: Any = None
    error: BaseException | None = None
    bodies: list[bytes] = field(default_factory=list)

    @functools.cached_property
    def forms(self) -> list[dict]:
        """The requests' form fields (parse_qs of each body)."""
        return [_form(body) for body in self.bodies]

    def __repr__(self) -> str:
        shown = (
            f"{type(self.error).__name__}: {str(self.error)[:400]!r}"
            if self.error is not None
            else "result"
        )
        return f"Outcome({self.lib}, {shown}, requests={len(self.bodies)})"


class Watchdog:
    """Turns a hang into a failure: when a call has run for WATCHDOG seconds,
    every thread's traceback is written to stderr and the run exits. Arming it
    is an attribute write (faulthandler's own timer costs a thread join per call)."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.what = ""
        threading.Thread(target=self._watch, name="fuzz-watchdog", daemon=True).start()

    def _watch(self) -> None:
        while True:
            time.sleep(0.5)
            deadline = self.deadline
            if deadline is not None and time.monotonic() > deadline:
                sys.stderr.write(f"\nfuzz watchdog: {self.what} hung for {WATCHDOG} s\n")
                faulthandler.dump_traceback(all_threads=True)
                os._exit(70)

    @contextlib.contextmanager
    def armed(self, what: str):
        self.what, self.deadline = what, time.monotonic() + WATCHDOG
        try:
            yield
        finally:
            self.deadline = None


WATCHDOG_THREAD = Watchdog()


def _form(body: bytes) -> dict:
    return parse_qs(body.decode("utf-8", "surrogateescape"), keep_blank_values=True)


class Runner:
    """The clients of one test and the server they call; ``run`` makes one call
    with a fresh script, under a watchdog, and records what reached the server."""

    def __init__(
        self,
        server: ScriptedServer,
        loop: asyncio.AbstractEventLoop,
        boto_session,
        validation: Any = True,
    ):
        self.server = server
        self.loop = loop
        options = {
            "retries": {"total_max_attempts": 1},
            "read_timeout": CALL_TIMEOUT,
            "connect_timeout": CALL_TIMEOUT,
        }
        kwargs = {
            "region_name": "us-east-1",
            "endpoint_url": server.url,
            "aws_access_key_id": "AKIDFUZZ",
            "aws_secret_access_key": "fuzz-secret",
        }
        boto_validation = validation if isinstance(validation, bool) else True
        self.boto3 = boto_session.client(
            "iam",
            config=botocore.config.Config(parameter_validation=boto_validation, **options),
            **kwargs,
        )
        self.sync = fastiam.client(
            "iam", config=fastiam.Config(parameter_validation=validation, **options), **kwargs
        )
        self.aio = fastiam.aio.client(
            "iam", config=fastiam.Config(parameter_validation=validation, **options), **kwargs
        )
        self.strict = fastiam.client(
            "iam", config=fastiam.Config(parameter_validation="strict", **options), **kwargs
        )

    def run(self, lib: str, client, operation: str, args: tuple, kwargs: dict) -> Outcome:
        outcome = Outcome(lib)
        self.server.reset()
        self.server.script(success_reply(operation))
        try:
            method = getattr(client, operation)
            if lib == "async":

                async def awaited():
                    return await method(*args, **kwargs)

                with WATCHDOG_THREAD.armed(f"{lib} {operation}"):
                    outcome.result = self.loop.run_until_complete(
                        asyncio.wait_for(awaited(), CALL_TIMEOUT * 2)
                    )
            else:
                with WATCHDOG_THREAD.armed(f"{lib} {operation}"):
                    outcome.result = method(*args, **kwargs)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # noqa: BLE001 - PanicException is a BaseException
            outcome.error = error
        outcome.bodies = [request.body for request in self.server.requests]
        return outcome


@pytest.fixture
def loop():
    """One event loop per test; each async example runs to completion on it."""
    event_loop = asyncio.new_event_loop()
    yield event_loop
    event_loop.run_until_complete(event_loop.shutdown_asyncgens())
    event_loop.close()


# ---------------------------------------------------------------------------
# What may come out


def user_exception(error: BaseException) -> bool:
    """An exception of the caller's own objects: a broken ``__str__``/``__repr__``,
    a ``__str__`` returning a non-str, str() too deep, or a str that cannot be
    UTF-8 (boto3 raises these too, and so must fastiam)."""
    return isinstance(error, (UserStrError, KeyError, ValueError, RuntimeError, TypeError))


def assert_no_crash(outcome: Outcome) -> None:
    """A result, or an exception of the documented classes; never a panic or a
    SystemError, and nothing sent unless there is a result."""
    error = outcome.error
    if error is None:
        assert len(outcome.bodies) == 1, outcome
        return
    name = type(error).__name__
    assert name != "PanicException" and not isinstance(error, SystemError), outcome
    assert isinstance(
        error, (fastiam.exceptions.ParamValidationError, fastiam.exceptions.ClientError)
    ) or user_exception(error), outcome
    if isinstance(error, fastiam.exceptions.ClientError):
        assert len(outcome.bodies) == 1, outcome
    else:
        assert outcome.bodies == [], f"{outcome}: sent although the call was rejected"


def assert_same_rejection(boto: Outcome, fast: Outcome) -> None:
    """boto3 raised before sending: fastiam raises the same class (or fastiam's
    subclass of botocore's) with the same text, and sends nothing."""
    assert fast.error is not None, f"{fast} but {boto}"
    assert type(fast.error).__name__ == type(boto.error).__name__, (boto, fast)
    assert str(fast.error) == str(boto.error), (boto, fast)
    if isinstance(boto.error, botocore.exceptions.ParamValidationError):
        assert isinstance(fast.error, fastiam.exceptions.ParamValidationError)
        assert isinstance(fast.error, botocore.exceptions.ParamValidationError)
        assert fast.error.kwargs == {"report": boto.error.kwargs["report"]}
    else:
        assert type(fast.error) is type(boto.error), (boto, fast)
    assert fast.bodies == [], f"{fast}: sent although boto3 rejected the call"


def same_pairs(boto: Outcome, fast: Outcome) -> bool:
    """The same encoded pairs, perhaps in another order: the same form (and
    cheaper to see than to parse, with 100 kB values)."""
    return sorted(fast.bodies[0].split(b"&")) == sorted(boto.bodies[0].split(b"&"))


def assert_same_request(boto: Outcome, fast: Outcome, kwargs: dict) -> None:
    assert fast.error is None, (boto, fast)
    assert len(fast.bodies) == len(boto.bodies) == 1, (boto, fast)
    assert fast.result == boto.result
    if not same_pairs(boto, fast):
        assert fast.forms[0] == boto.forms[0], kwargs


# -- parameter_validation="strict": botocore's report plus the model's limits --

TAG_PATTERN_EXTRA = set("_.:/=+-@")


def _tag_pattern_match(value: str) -> bool | None:
    """``[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]``; None when a character is unassigned in
    Python's Unicode database (the Rust regex may know it: undecided)."""
    undecided = False
    for char in value:
        category = unicodedata.category(char)
        if category == "Cn":
            undecided = True
        elif category[0] not in "LZN" and char not in TAG_PATTERN_EXTRA:
            return False
    return None if undecided else True


def pattern_match(pattern: str, value: str) -> bool | None:
    """The model's (Java) pattern on all of ``value``: \\w and \\d are ASCII."""
    if r"\p{" in pattern:
        if pattern.endswith("+") and not value:
            return False
        return _tag_pattern_match(value)
    return re.fullmatch(pattern, value, re.ASCII) is not None


def strict_lines(spec: Spec, value: Any, path: str, secret: bool = False) -> list[tuple[str, bool]]:
    """The lines "strict" adds to botocore's report for ``value``, each with
    whether it is certain (see ``_tag_pattern_match``)."""
    lines: list[tuple[str, bool]] = []

    def add(problem: str, shown: Any, limit: str, certain: bool = True) -> None:
        lines.append((f"Invalid {problem} for parameter {path}, value: {shown}, {limit}", certain))

    if spec.kind == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and key in spec.member_names:
                name = f"{path}.{key}" if path else key
                lines += strict_lines(spec.member(key), item, name, key in SECRET_MEMBERS)
    elif spec.kind == "list" and isinstance(value, (list, tuple)):
        if spec.max is not None and len(value) > spec.max:
            add("length", len(value), f"valid max length: {spec.max}")
        assert spec.item is not None
        for index, item in enumerate(value):
            lines += strict_lines(spec.item, item, f"{path}[{index}]")
    elif spec.kind == "map" and isinstance(value, dict):
        assert spec.key is not None and spec.item is not None
        for key, item in value.items():  # named as botocore's report names them
            lines += strict_lines(spec.key, key, f"{path} (key: {key})")
            lines += strict_lines(spec.item, item, f"{path}.{key}")
    elif spec.kind == "string" and isinstance(value, str):
        shown = "<hidden>" if secret else str.__str__(value)  # the text, of a str subclass too
        if spec.max is not None and len(value) > spec.max:
            add("length", len(value), f"valid max length: {spec.max}")
        if spec.pattern and len(value) >= (spec.min or 0):
            matched = pattern_match(spec.pattern, value)
            if matched is not True:
                add("value", shown, f"valid pattern: {spec.pattern}", matched is False)
        if spec.enum and value not in spec.enum:
            add("value", shown, f"valid values: {', '.join(spec.enum)}")
    elif (
        spec.kind == "integer"
        and isinstance(value, int)
        and spec.max is not None
        and (spec.min or 0) <= value
        and value > spec.max
    ):
        add("value", value, f"valid max value: {spec.max}")
    return lines


def assert_strict(boto: Outcome, strict: Outcome, spec: Spec, args: tuple, kwargs: dict) -> None:
    """strict = boto3's verdict plus the model's maximums, patterns and enums:
    its report is botocore's with exactly the lines ``strict_lines`` expects."""
    assert_no_crash(strict)
    if args or (
        boto.error is not None
        and not isinstance(boto.error, botocore.exceptions.ParamValidationError)
    ):
        # Positional arguments, or str() of the caller's objects failed.
        assert strict.error is not None and strict.bodies == [], (boto, strict)
        return
    expected = strict_lines(spec, kwargs, "")
    if strict.error is None:
        assert boto.error is None, (boto, strict)
        assert not [line for line, certain in expected if certain], (expected, strict)
        assert_same_request(boto, strict, kwargs)
        return
    assert isinstance(strict.error, fastiam.exceptions.ParamValidationError), (boto, strict)
    report = strict.error.kwargs["report"]
    for line, certain in expected:
        for candidate in (f"{line}\n", f"\n{line}", line):
            if candidate in report:
                report = report.replace(candidate, "", 1)
                break
        else:
            assert not certain, f"strict did not report {line!r}: {strict.error}"
    boto_report = boto.error.kwargs["report"] if boto.error is not None else ""
    assert report == boto_report, (boto, strict)


# ---------------------------------------------------------------------------
# The properties


@pytest.mark.parametrize("operation", BOTO3_OPERATIONS)
def test_fuzzed_calls_match_boto3(operation, server, loop, boto_session):
    """boto3, fastiam sync, fastiam async and fastiam strict on the same call."""
    runner = Runner(server, loop, boto_session)
    spec = SPECS[operation]

    @fuzz_settings(PARITY_EXAMPLES)
    @given(call=calls(spec))
    def check(call):
        args, kwargs = call
        boto = runner.run("boto3", runner.boto3, operation, args, kwargs)
        for lib, client in (("sync", runner.sync), ("async", runner.aio)):
            fast = runner.run(lib, client, operation, args, kwargs)
            assert_no_crash(fast)
            if boto.error is None:
                assert_same_request(boto, fast, kwargs)
            else:
                assert boto.bodies == [], boto
                assert_same_rejection(boto, fast)
        strict = runner.run("strict", runner.strict, operation, args, kwargs)
        assert_strict(boto, strict, STRICT_SPECS[operation], args, kwargs)

    check()


@pytest.mark.parametrize("operation", BOTO3_OPERATIONS)
def test_valid_calls_reach_the_server(operation, server, loop, boto_session):
    """A call within every constraint of the model (lengths, ranges, enums,
    patterns) reaches the server from every client, "strict" included, with
    boto3's request; an operation without input sends its bare request."""
    runner = Runner(server, loop, boto_session)
    spec = SPECS[operation]

    @fuzz_settings(VALID_EXAMPLES)
    @given(kwargs=valid(spec))
    def check(kwargs):
        boto = runner.run("boto3", runner.boto3, operation, (), kwargs)
        assert boto.error is None, boto  # else valid() drew what botocore refuses
        for lib, client in (
            ("sync", runner.sync),
            ("async", runner.aio),
            ("strict", runner.strict),
        ):
            assert_same_request(boto, runner.run(lib, client, operation, (), kwargs), kwargs)

    check()


def unencodable(value: Any) -> UnicodeEncodeError | None:
    """The error of a str that cannot be UTF-8 (lone surrogates), as Python
    raises it."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return error
    return None


def extra_expected(kwargs: dict) -> list[BaseException] | None:
    """What an extra may raise (any one of the list), by botocore's validator on
    its input shape; None: it must send."""
    try:
        report = botocore.validate.ParamValidator().validate(kwargs, EXTRA_SHAPE)
        if report.has_errors():
            return [botocore.exceptions.ParamValidationError(report=report.generate_report())]
    except Exception as error:  # noqa: BLE001 - a user object's broken __str__
        return [error]
    # Valid for botocore. A name or serial that cannot be UTF-8 cannot be sent
    # (boto3's operations raise UnicodeEncodeError); a seed that is not base32
    # (lone surrogates included) is reported without being quoted.
    possible: list[BaseException] = [
        error
        for name in ("UserName", "SerialNumber")
        if (error := unencodable(kwargs[name])) is not None
    ]
    seed = kwargs["Base32StringSeed"]
    try:
        fastiam.totp.code(bytes(seed) if isinstance(seed, bytearray) else seed, 0)
    except ValueError as error:
        possible.append(
            botocore.exceptions.ParamValidationError(
                report=f"Invalid value for parameter Base32StringSeed: {error}"
            )
        )
    return possible or None


def shown(value: Any) -> str:
    """``str(value)``, or "" for an object whose ``__str__`` fails."""
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - the fuzzed objects raise anything
        return ""


@pytest.mark.parametrize("operation", list(EXTRAS))
def test_fuzzed_extras(operation, server, loop, boto_session):
    """The extras (not in boto3): botocore's verdict on their input shape, a
    seed that is not base32 rejected without quoting it, codes sent otherwise."""
    runner = Runner(server, loop, boto_session)

    @fuzz_settings(EXTRA_EXAMPLES)
    @given(call=calls(SPECS[operation]))
    def check(call):
        args, kwargs = call
        for lib, client in (("sync", runner.sync), ("async", runner.aio)):
            started = time.time()
            fast = runner.run(lib, client, operation, args, kwargs)
            ended = time.time()
            assert_no_crash(fast)
            if args:
                assert isinstance(fast.error, TypeError)
                assert str(fast.error) == f"{operation}() only accepts keyword arguments."
                continue
            seed = kwargs.get("Base32StringSeed")
            if fast.error is not None and isinstance(seed, (str, bytes, bytearray)):
                text = seed if isinstance(seed, str) else bytes(seed).decode("utf-8", "replace")
                # The report may quote the caller's other names and values,
                # which can hold the seed's text too.
                others = "".join(
                    k + shown(v)
                    for k, v in kwargs.items()
                    if k != "Base32StringSeed" and isinstance(k, str)
                )
                assert (
                    len(text.strip()) < 6
                    or text.strip() in others
                    or text.strip() not in str(fast.error)
                ), fast
            possible = extra_expected(kwargs)
            if possible is not None:
                assert fast.error is not None, (possible, fast)
                matching = [
                    error
                    for error in possible
                    if type(error).__name__ == type(fast.error).__name__
                    and str(error) == str(fast.error)
                ]
                assert matching, (possible, fast)
                assert_same_rejection(Outcome("expected", error=matching[0]), fast)
                continue
            assert fast.error is None, fast
            form = {key: values[0] for key, values in fast.forms[0].items()}
            assert form["Action"] == EXTRAS[operation]
            assert (form["UserName"], form["SerialNumber"]) == (
                kwargs["UserName"],
                kwargs["SerialNumber"],
            )
            seed = bytes(seed) if isinstance(seed, bytearray) else seed
            windows = range(int(started // 30), int(ended // 30) + 2)  # +1: it may have waited
            pairs = {
                (fastiam.totp.code(seed, (w - 1) * 30), fastiam.totp.code(seed, w * 30))
                for w in windows
            }
            assert (form["AuthenticationCode1"], form["AuthenticationCode2"]) in pairs

    check()


def representable(spec: Spec, value: Any) -> bool:
    """Whether botocore's serializer (validation off) sends ``value`` as one
    text the SDK can carry too: a string member's str() (not a sequence, which
    urlencode would repeat), a boolean's truth, lists and maps of such, tags
    with both members."""
    if spec.kind == "boolean":
        return True  # botocore sends "true" if value else "false"; fastiam too
    if spec.kind == "timestamp":
        return isinstance(value, datetime.datetime) and value.tzinfo is not None
    if spec.kind == "map":
        assert spec.key is not None and spec.item is not None
        return isinstance(value, dict) and all(
            representable(spec.key, k) and representable(spec.item, v) for k, v in value.items()
        )
    if spec.kind == "string":
        if isinstance(value, (bytes, bytearray)):
            return isinstance(value, bytes) and _utf8(value)
        return isinstance(value, str) or not hasattr(type(value), "__len__")
    if spec.kind == "integer":
        # Its str() (or a bytes value's bytes); a sequence would be repeated fields.
        return isinstance(value, (str, bytes)) or not hasattr(type(value), "__len__")
    if spec.kind == "list":
        assert spec.item is not None
        return isinstance(value, (list, tuple)) and all(
            representable(spec.item, item) for item in value
        )
    assert spec.kind == "structure"
    return (
        isinstance(value, dict)
        and sorted(value, key=repr) == sorted(spec.required)
        and all(representable(spec.member(k), v) for k, v in value.items())
    )


def _utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("operation", BOTO3_OPERATIONS)
def test_fuzzed_calls_without_validation(operation, server, loop, boto_session):
    """``parameter_validation=False``: nothing is rejected, nothing crashes, and
    what botocore can send, fastiam sends the same."""
    runner = Runner(server, loop, boto_session, validation=False)
    spec = SPECS[operation]

    @fuzz_settings(VALIDATION_OFF_EXAMPLES)
    @given(call=calls(spec))
    def check(call):
        args, kwargs = call
        boto = runner.run("boto3", runner.boto3, operation, args, kwargs)
        for lib, client in (("sync", runner.sync), ("async", runner.aio)):
            fast = runner.run(lib, client, operation, args, kwargs)
            assert_no_crash(fast)
            assert not isinstance(fast.error, fastiam.exceptions.ParamValidationError), fast
            if args:
                assert isinstance(fast.error, TypeError) and isinstance(boto.error, TypeError)
                continue
            # Without an input shape botocore's serializer ignores every name.
            plain = INPUT_SHAPES[operation] is None or all(
                name in spec.member_names and representable(spec.member(name), value)
                for name, value in kwargs.items()
            )
            if fast.error is not None:
                # Only str() of the caller's objects can fail (or text that
                # cannot be UTF-8); for plain values botocore's serializer calls
                # the same str() and fails the same way.
                assert user_exception(fast.error), (boto, fast)
                if plain:
                    assert_same_rejection(boto, fast)
                continue
            if not plain:
                continue  # botocore sends a list as repeated fields, or fails
            assert boto.error is None, (boto, fast)
            assert fast.result == boto.result
            if not same_pairs(boto, fast):
                assert fast.forms[0] == boto.forms[0], kwargs

    check()


# ---------------------------------------------------------------------------
# fastiam.totp and fastiam.Config


AT_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=2**40),
    st.floats(min_value=0, max_value=1e12),
    st.datetimes(timezones=st.just(datetime.timezone.utc)),
    st.datetimes(),
    ANY_VALUE,
)
SEED_VALUES = st.one_of(
    st.binary(max_size=40).map(lambda raw: base64.b32encode(raw).decode()),
    st.binary(max_size=40).map(base64.b32encode),
    texts(max_size=40),
    st.binary(max_size=40),
    ANY_VALUE,
)
TOTP_MESSAGES = {
    "the seed is empty",
    "the seed is not valid base32",
    "at must be a finite, non-negative number of unix seconds",
    "now must be a finite, non-negative number of unix seconds",
    "at must be under 2**53 unix seconds",
    "now must be under 2**53 unix seconds",
    "at must be a timezone-aware datetime (or unix seconds)",
}
TOTP_TYPE_ERRORS = re.compile(
    r"(seed must be str or bytes|at must be unix seconds or a datetime), not [\w.]+"
    r"|(argument 'now': )?must be real number, not [\w.]+"
)
TOO_BIG_FOR_A_FLOAT = "int too large to convert to float"


def assert_totp_error(seed: Any, error: BaseException, time_value: Any) -> None:
    """A ValueError or TypeError of a fixed text (so the seed cannot be in it);
    an int beyond a float's range as the time is Python's OverflowError."""
    if type(error) is OverflowError:
        assert str(error) == TOO_BIG_FOR_A_FLOAT and isinstance(time_value, int), repr(error)
        return
    if type(error) is ValueError:
        assert str(error) in TOTP_MESSAGES, repr(error)
    else:
        assert type(error) is TypeError and TOTP_TYPE_ERRORS.fullmatch(str(error)), repr(error)
    text = seed.decode("utf-8", "replace") if isinstance(seed, (bytes, bytearray)) else seed
    if isinstance(text, str) and len(text.strip()) >= 4:
        assert text.strip() not in str(error)


@fuzz_settings(TOTP_EXAMPLES)
@given(seed=SEED_VALUES, at=AT_VALUES)
def test_fuzzed_totp_code(seed, at):
    """A code, or a ValueError/TypeError that does not show the seed."""
    try:
        with WATCHDOG_THREAD.armed("totp.code"):
            code = fastiam.totp.code(seed, at)
    except (ValueError, TypeError, OverflowError) as error:
        assert_totp_error(seed, error, at)
        return
    assert isinstance(code, str) and len(code) == 6 and code.isdigit() and code.isascii()


@fuzz_settings(TOTP_EXAMPLES)
@given(
    seed=SEED_VALUES,
    now=st.one_of(
        st.floats(min_value=0, max_value=1e12), st.integers(min_value=0, max_value=2**40), ANY_VALUE
    ),
)
def test_fuzzed_totp_pair(seed, now):
    """Two codes (after a wait of at most 5 s on the given clock, or until the
    end of window 0, which has no previous window), or a ValueError/TypeError
    that does not show the seed."""
    waits: list[float] = []
    clock = [now]

    def sleep(seconds: float) -> None:  # the clock moves on by what was slept
        waits.append(seconds)
        clock[0] = float(clock[0]) + seconds

    try:
        with WATCHDOG_THREAD.armed("totp.pair"):
            first, second = fastiam.totp.pair(seed, clock=lambda: clock[0], sleep=sleep)
    except (ValueError, TypeError, OverflowError) as error:
        assert_totp_error(seed, error, now)
        return
    assert len(waits) <= 1, waits
    if waits:
        assert 0 < waits[0] <= (30 if now < 30 else 5), (now, waits)
    assert len(first) == len(second) == 6 and (first + second).isdigit()
    if isinstance(now, (int, float)) and now < 1e12:  # beyond, f64 seconds lose the window
        # The current window's pair, or the next one's when it begins within
        # less than a nanosecond (a wait that rounds to 0).
        window = int(clock[0] // 30)
        pairs = [
            (fastiam.totp.code(seed, (w - 1) * 30), fastiam.totp.code(seed, w * 30))
            for w in (window, window + 1)
            if w >= 1
        ]
        assert (first, second) in pairs, (now, clock, waits)


CONFIG_VALUES = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            0,
            1,
            -1,
            0.5,
            60,
            "strict",
            "standard",
            "legacy",
            "",
            "v4",
            {},
            [],
            {"mode": "standard"},
            {"max_attempts": 2},
            {"total_max_attempts": 0},
            {"mode": "bogus"},
            {"https": "http://127.0.0.1:9"},
            {"bogus": 1},
        ]
    ),
    st.dictionaries(
        st.sampled_from(["mode", "max_attempts", "total_max_attempts", "other"]),
        ANY_VALUE,
        max_size=2,
    ),
    ANY_VALUE,
)
CONFIG_OPTIONS = [name for name in botocore.config.Config.OPTION_DEFAULTS if name != "s3"]


def deliberate(error: BaseException) -> bool:
    """One of botocore's own Config checks (not an accident of its code, like
    ``retries=False`` -> AttributeError: 'bool' object has no attribute 'items')."""
    if isinstance(error, botocore.exceptions.BotoCoreError):
        return True
    return type(error) is TypeError and str(error).startswith(
        ("Got unexpected keyword argument", "Got multiple values", "Takes at most")
    )


@fuzz_settings(CONFIG_EXAMPLES)
@given(
    options=st.dictionaries(
        st.one_of(st.sampled_from(CONFIG_OPTIONS), texts(max_size=8)), CONFIG_VALUES, max_size=3
    )
)
def test_fuzzed_config(options):
    """``Config(**options)`` fails where botocore's own checks fail, with the
    same exception (``s3`` aside: fastiam ignores S3 options), and a client made
    with it is made or refused with an ordinary exception; never a crash."""
    try:
        botocore.config.Config(**options)
        boto_error = None
    except Exception as error:  # noqa: BLE001 - compared below
        boto_error = error
    try:
        config = fastiam.Config(**options)
    except Exception as error:  # noqa: BLE001 - compared below
        assert boto_error is not None, f"botocore accepted {options!r}: {error!r}"
        if deliberate(boto_error):
            assert (type(error).__name__, str(error)) == (
                type(boto_error).__name__,
                str(boto_error),
            )
        return
    assert boto_error is None or not deliberate(boto_error), (options, boto_error)
    try:
        with WATCHDOG_THREAD.armed("fastiam.client"):
            fastiam.client(
                "iam",
                config=config,
                region_name="us-east-1",
                endpoint_url="http://127.0.0.1:9",
                aws_access_key_id="AKID",
                aws_secret_access_key="secret",
            )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - PanicException is a BaseException
        assert type(error).__name__ != "PanicException", repr(error)
        assert isinstance(error, Exception) and not isinstance(error, SystemError), repr(error)


# ---------------------------------------------------------------------------
# What the fuzzing found: each defect's minimal reproduction (boto3 beside
# fastiam, sync and async through the ``parity`` fixture).

SERIAL = "arn:aws:iam::123456789012:mfa/alice"


@pytest.mark.parametrize(
    "call",
    [
        {"SerialNumber": "\ud800"},  # too short for botocore, and not UTF-8
        {"SerialNumber": SERIAL + "\ud800", "UserName": 5},  # not UTF-8, and UserName wrong
    ],
    ids=["too-short", "other-member-wrong"],
)
def test_lone_surrogate_in_a_value_does_not_hide_botocores_report(parity, call):
    boto, fast = parity.scripted(
        success_reply("get_mfa_device"), operation="get_mfa_device", call=call
    )

    assert type(boto.error).__name__ == "ParamValidationError", boto
    parity.assert_same(boto, fast)
    assert fast.requests == []


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        ("get_mfa_device", {"SerialNumber": SERIAL, "\ud800": 1}),
        (
            "tag_mfa_device",
            {"SerialNumber": SERIAL, "Tags": [{"Key": "k", "Value": "v", "x\udfff": 1}]},
        ),
    ],
    ids=["argument-name", "tag-member-name"],
)
def test_lone_surrogate_in_an_unknown_name_is_reported_as_unknown(parity, operation, call):
    boto, fast = parity.scripted(success_reply(operation), operation=operation, call=call)

    assert str(boto.error).startswith("Parameter validation failed:\nUnknown parameter in ")
    parity.assert_same(boto, fast)
    assert fast.requests == []


@pytest.mark.parametrize(
    "value",
    [
        OddStr("\ud800 lone surrogate"),  # shown as is by botocore, as U+FFFD by fastiam
        OddStr(StrSub("text")),  # __str__ gives a str subclass: botocore shows its text
        FormatDiffers(),  # botocore's f-string calls format(value, ""), not str(value)
    ],
    ids=["surrogate", "str-subclass", "format"],
)
def test_values_in_the_report_are_shown_as_botocore_shows_them(parity, value):
    boto, fast = parity.scripted(
        success_reply("get_mfa_device"),
        operation="get_mfa_device",
        call={"SerialNumber": SERIAL, "UserName": value},
    )

    assert type(boto.error).__name__ == "ParamValidationError", boto
    parity.assert_same(boto, fast)


def test_report_follows_the_dicts_iteration_order(parity):
    """An OrderedDict's order is its own (``move_to_end``), not the order its
    items were inserted in."""
    tag = OrderedDict(Key=1, Value=2)
    tag.move_to_end("Key")
    boto, fast = parity.scripted(
        success_reply("tag_mfa_device"),
        operation="tag_mfa_device",
        call={"SerialNumber": SERIAL, "Tags": [tag]},
    )

    assert str(boto.error).splitlines()[1].startswith("Invalid type for parameter Tags[0].Value")
    parity.assert_same(boto, fast)


@pytest.mark.parametrize("max_items", [2**31, 2**63, 10**30])
def test_max_items_beyond_32_bits_is_accepted_as_botocore_accepts_it(parity, max_items):
    """botocore checks MaxItems' minimum only and sends it; fastiam reports
    "valid max value: 1000", a line botocore never writes (and the README does
    not list this among the differences)."""
    boto, fast = parity.scripted(
        success_reply("list_mfa_devices"),
        operation="list_mfa_devices",
        call={"MaxItems": max_items},
    )

    assert boto.error is None and boto.requests[0].form["MaxItems"] == [str(max_items)]
    assert fast.error is None, fast
    assert len(fast.requests) == 1


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        ("get_mfa_device", {"SerialNumber": b"arn:aws:iam::123456789012:mfa/bytes"}),
        ("untag_mfa_device", {"SerialNumber": SERIAL, "TagKeys": [b"team"]}),
    ],
    ids=["member", "list-item"],
)
def test_bytes_are_sent_as_their_text_without_validation(parity, operation, call):
    """With validation off botocore sends a bytes value as its bytes; fastiam
    sends its repr, ``b'...'``."""
    boto, fast = parity.scripted(
        success_reply(operation),
        operation=operation,
        call=call,
        config={"parameter_validation": False},
    )

    assert boto.error is None, boto
    parity.assert_same(boto, fast)
    assert fast.requests[0].form == boto.requests[0].form


@pytest.mark.parametrize("operation", list(EXTRAS))
def test_seed_that_is_not_utf8_is_rejected_without_quoting_it(parity, server, operation):
    """Like ``totp.code``: "not valid base32", not Python's UnicodeEncodeError,
    which quotes a character of the (secret) seed and its position."""
    client = parity.fastiam_client(server.url)
    seed = SEED[:10] + "\ud800" + SEED[10:]

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        getattr(client, operation)(UserName="alice", SerialNumber=SERIAL, Base32StringSeed=seed)

    assert str(caught.value) == (
        "Parameter validation failed:\n"
        "Invalid value for parameter Base32StringSeed: "
        "the seed is not valid base32"
    )
    assert server.requests == []


def test_strict_codes_are_ascii_digits(parity, server):
    """The model's ``[\\d]+`` is Java's: ASCII digits. Rust's ``\\d`` also takes
    other scripts' digits, so "strict" lets ``١٢٣٤٥٦`` through to IAM."""
    client = parity.fastiam_client(server.url, {"parameter_validation": "strict"})

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        client.enable_mfa_device(
            UserName="alice",
            SerialNumber=SERIAL,
            AuthenticationCode1="\u0661\u0662\u0663\u0664\u0665\u0666",
            AuthenticationCode2="123456",
        )

    assert str(caught.value) == (
        "Parameter validation failed:\nInvalid value for parameter AuthenticationCode1, "
        "value: <hidden>, valid pattern: [\\d]+"
    )
    assert server.requests == []


@pytest.mark.parametrize("now", [1.8e19, 1e20, 1e21, 1e300])
def test_pair_plan_does_not_overflow_for_a_far_future_clock(now):
    """``totp_plan``'s ``(window + 1) * STEP`` overflows u64 past ~1.8e19 s:
    a release build returns a window that is not the clock's (0 from 1e21 on,
    the next one without a wait before), a debug build panics."""
    try:
        wait, window = fastiam._native.totp_plan(now)
    except ValueError:
        return
    current = math.floor(now / 30)
    assert window in (current, current + 1) and (wait > 0) == (window == current + 1), (
        wait,
        window,
        current,
    )


@pytest.mark.parametrize("operation", ["get_account_summary", "generate_credential_report"])
def test_an_operation_without_input_ignores_keyword_arguments_as_botocore_does(parity, operation):
    """botocore validates and serializes a call against the operation's input
    shape, and these operations have none: any keyword arguments are ignored
    and the bare request sent. fastiam reported each as an unknown parameter
    ("..., must be one of: ")."""
    boto, fast = parity.scripted(
        success_reply(operation), operation=operation, call={"UserName": "alice", "x": object()}
    )

    assert boto.error is None and len(boto.requests) == 1, boto
    parity.assert_same(boto, fast)
    assert [r.form for r in fast.requests] == [r.form for r in boto.requests]


def test_a_list_below_its_minimum_length_is_refused_as_botocore_refuses_it(parity):
    """botocore checks a list's ``min`` (ServiceNamespaces: at least one);
    fastiam sent the empty list."""
    boto, fast = parity.scripted(
        success_reply("list_policies_granting_service_access"),
        operation="list_policies_granting_service_access",
        call={"Arn": "arn:aws:iam::123456789012:user/alice", "ServiceNamespaces": []},
    )

    assert str(boto.error) == (
        "Parameter validation failed:\n"
        "Invalid length for parameter ServiceNamespaces, value: 0, valid min length: 1"
    )
    parity.assert_same(boto, fast)
    assert fast.requests == []


@pytest.mark.parametrize("alias", ["00:", "a--b", "-ab", "ab-"])
def test_strict_checks_patterns_with_a_lookahead(parity, server, alias):
    """AccountAlias's pattern, ``^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$``,
    has a lookahead, which the Rust regex engine does not compile: "strict"
    skipped the pattern and sent any alias."""
    client = parity.fastiam_client(server.url, {"parameter_validation": "strict"})

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        client.create_account_alias(AccountAlias=alias)

    assert str(caught.value) == (
        "Parameter validation failed:\nInvalid value for parameter AccountAlias, "
        f"value: {alias}, valid pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){{1,61}}[a-z0-9]$"
    )
    assert server.requests == []
