"""botocore's IAM model (the pinned one botocore 1.44.18 carries) as test input for
tests/model: which operations to test, hypothesis strategies for inputs botocore's
validator accepts, and the edits that make an input invalid (missing, unknown,
wrong-typed, too short, at any depth).

The operations are fastiam's list (``fastiam._native.OPERATIONS``) minus the
extras, so these tests grow with it. The response side (output values and the XML
IAM writes for them) is in ``bodies.py``.
"""

from __future__ import annotations

import copy
import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Callable

import botocore.model
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from support import operations

MODEL = operations.BOTOCORE_IAM
OPERATIONS = operations.BOTO3_OPERATIONS

# FASTIAM_NIGHTLY=1: many more examples from a fresh seed (see each module's docstring).
NIGHTLY = os.environ.get("FASTIAM_NIGHTLY") == "1"


def examples(default: int, nightly: int) -> settings:
    """Hypothesis settings for one operation's property: ``default`` examples from
    a fixed seed (CI, reproducible), or ``nightly`` from a random one."""
    return settings(
        max_examples=nightly if NIGHTLY else default,
        derandomize=not NIGHTLY,
        deadline=None,
        database=None,
        print_blob=True,
        # No "explain" phase: on a failure it reruns under coverage for minutes.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )


def wire_name(method: str) -> str:
    """list_mfa_devices -> ListMFADevices (botocore's own table)."""
    return operations.BOTOCORE_NAMES[method]


def operation_model(method: str) -> botocore.model.OperationModel:
    return MODEL.operation_model(wire_name(method))


def input_shape(method: str) -> botocore.model.StructureShape | None:
    return operation_model(method).input_shape


def output_shape(method: str) -> botocore.model.StructureShape | None:
    return operation_model(method).output_shape


def has_output_members(method: str) -> bool:
    shape = output_shape(method)
    return shape is not None and bool(shape.members)


def limit(shape: botocore.model.Shape, name: str) -> int | None:
    return shape.metadata.get(name)


# ---------------------------------------------------------------------------
# Valid inputs (what botocore's validator accepts: types and minimums; it checks
# no maximum, pattern or enum, so neither do these)

# Any character a Python str may hold and UTF-8 can carry (no lone surrogates),
# and often the ones a form encoding treats specially.
ANY_CHARACTER = st.characters(exclude_categories=("Cs",))
FORM_SPECIAL = " &=+%/?#;:@,.~*'\"<>[]{}|\\^`\x00\t\n\r\u00e9\u202e\ufeff\U0001f600"
INPUT_CHARACTER = st.one_of(ANY_CHARACTER, st.sampled_from(FORM_SPECIAL))
EXTRA_LENGTH = 12  # how far beyond its minimum a generated string or list may go

_input_cache: dict[str, st.SearchStrategy[Any]] = {}


def input_values(shape: botocore.model.Shape) -> st.SearchStrategy[Any]:
    """Values of ``shape`` that botocore's validator accepts (cached by shape name)."""
    if shape.name not in _input_cache:
        _input_cache[shape.name] = _input_strategy(shape)
    return _input_cache[shape.name]


def _input_strategy(shape: botocore.model.Shape) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    low = limit(shape, "min") or 0
    if kind == "structure" and shape.is_tagged_union:  # exactly one member
        return st.one_of(
            *[st.fixed_dictionaries({name: input_values(m)}) for name, m in shape.members.items()]
        )
    if kind == "structure":
        members = shape.members
        required = {name: input_values(members[name]) for name in shape.required_members}
        optional = {
            name: input_values(member)
            for name, member in members.items()
            if name not in shape.required_members
        }
        return st.fixed_dictionaries(required, optional=optional)
    if kind == "list":  # botocore takes a tuple too
        items = st.lists(input_values(shape.member), min_size=low, max_size=low + 3)
        return st.one_of(items, items, items.map(tuple))
    if kind == "map":
        return st.dictionaries(
            input_values(shape.key), input_values(shape.value), min_size=low, max_size=3
        )
    if kind == "string":
        text = st.text(INPUT_CHARACTER, min_size=low, max_size=low + EXTRA_LENGTH)
        if shape.enum:  # IAM's values, mostly; botocore sends any text
            return st.one_of(st.sampled_from(shape.enum), st.sampled_from(shape.enum), text)
        return text
    if kind in ("integer", "long"):
        # 32 bits (the SDK's i32), past the model's maximum too: botocore checks
        # only the minimum. Beyond 32 bits: see test_model_serialization.py.
        minimum = limit(shape, "min")
        return st.integers(-(2**31) if minimum is None else minimum, 2**31 - 1)
    if kind == "boolean":
        return st.booleans()
    if kind == "blob":
        return st.binary(min_size=low, max_size=low + EXTRA_LENGTH)
    if kind == "timestamp":
        return st.datetimes(timezones=st.just(datetime.timezone.utc))
    if kind in ("float", "double"):
        return st.floats(allow_nan=False, allow_infinity=False)
    raise AssertionError(f"no input strategy for {shape.name} ({kind})")


def input_calls(method: str) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``method`` that botocore's validator accepts."""
    shape = input_shape(method)
    return st.just({}) if shape is None else input_values(shape)


def baseline(shape: botocore.model.Shape) -> Any:
    """One valid value of ``shape`` with every member and one item in each list:
    what the invalid variants are made from, and the call of the parsing and
    error tests (required members only, see ``minimal_call``)."""
    kind = shape.type_name
    low = limit(shape, "min") or 0
    if kind == "structure" and shape.is_tagged_union:  # botocore: one member, no more
        name, member = next(iter(shape.members.items()))
        return {name: baseline(member)}
    if kind == "structure":
        return {name: baseline(member) for name, member in shape.members.items()}
    if kind == "list":
        return [baseline(shape.member) for _ in range(max(1, low))]
    if kind == "map":
        return {baseline(shape.key): baseline(shape.value)}
    if kind == "string":
        return shape.enum[0] if shape.enum else "v" * max(1, low)
    if kind in ("integer", "long"):
        return max(1, low)
    if kind == "boolean":
        return True
    if kind == "blob":
        return b"b" * max(1, low)
    if kind == "timestamp":
        return datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    if kind in ("float", "double"):
        return 1.5
    raise AssertionError(f"no baseline for {shape.name} ({kind})")


def full_call(method: str) -> dict[str, Any]:
    shape = input_shape(method)
    return {} if shape is None else baseline(shape)


def minimal_call(method: str) -> dict[str, Any]:
    """The required members only (a call the server's answer decides)."""
    call = full_call(method)
    shape = input_shape(method)
    return {} if shape is None else {name: call[name] for name in shape.required_members}


# ---------------------------------------------------------------------------
# Invalid inputs: edits of a valid one

MISSING = object()  # an Edit that removes the member
Path = tuple[Any, ...]  # member names and list indexes from the call's top


@dataclass(frozen=True)
class Edit:
    """Set the value at ``path`` (a member name or list index at each level) to
    ``value``, or remove it (``MISSING``); ``what`` names the edit in test ids."""

    path: Path
    value: Any
    what: str

    def __repr__(self) -> str:
        where = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in self.path)
        return f"{self.what}@{where.lstrip('.') or 'top'}"


# Values of another type than the shape's (botocore: "Invalid type for parameter").
WRONG_TYPES: dict[str, list[Any]] = {
    "string": [5, None, ["v"], b"bytes"],
    "integer": ["1", 1.5, None],
    "long": ["1", 1.5],
    "boolean": ["true", 1, None],
    "list": ["v", {"k": "v"}, None],
    "map": ["v", [("k", "v")]],
    "structure": ["v", [], None],
    "blob": [5, None],
    "timestamp": [[], None],
    "float": ["1.5", None],
    "double": ["1.5", None],
}


def invalid_edits(shape: botocore.model.Shape, value: Any, path: Path = ()) -> list[Edit]:
    """Every single edit that makes ``value`` (a valid value of ``shape``, as
    ``baseline`` makes it) invalid for botocore, at this level and below."""
    kind = shape.type_name
    edits: list[Edit] = []
    if path:  # the call itself is always a dict of keyword arguments
        edits += [Edit(path, wrong, "type") for wrong in WRONG_TYPES[kind]]
    edits += _too_small(shape, value, path)
    if kind == "structure":
        edits += [Edit((*path, name), MISSING, "missing") for name in shape.required_members]
        edits.append(Edit((*path, "Bogus"), "v", "unknown"))
        first = next(iter(shape.members), None)
        if first is not None:  # a near miss: botocore does not fold case
            edits.append(Edit((*path, first.lower()), "v", "unknown-case"))
        if shape.is_tagged_union:
            edits += _union_edits(shape, value, path)
        for name, member in shape.members.items():
            if name in value:  # a generated call may leave optional members out
                edits += invalid_edits(member, value[name], (*path, name))
    elif kind == "list" and value:
        edits += invalid_edits(shape.member, value[0], (*path, 0))
    elif kind == "map" and value:
        key = next(iter(value))
        edits += invalid_edits(shape.value, value[key], (*path, key))
        edits += _map_key_edits(shape, value[key], path)
    return edits


def _map_key_edits(shape: botocore.model.MapShape, item: Any, path: Path) -> list[Edit]:
    """The map replaced by one whose key is of the wrong type, or too short."""
    edits = [Edit(path, {5: item}, "key-type")]
    low = limit(shape.key, "min")
    if low:
        edits.append(Edit(path, {"k" * (low - 1): item}, "key-too-short"))
    return edits


def _union_edits(shape: botocore.model.StructureShape, value: dict, path: Path) -> list[Edit]:
    """A tagged union with no member set, or with a second one."""
    edits = [Edit((*path, name), MISSING, "union-empty") for name in value]
    unset = [name for name in shape.members if name not in value]
    if unset:
        member = shape.members[unset[0]]
        edits.append(Edit((*path, unset[0]), baseline(member), "union-two"))
    return edits


def _too_small(shape: botocore.model.Shape, value: Any, path: Path) -> list[Edit]:
    """Below the minimum botocore checks: a length for strings, lists and blobs,
    a value for numbers."""
    low = limit(shape, "min")
    if not low or not path:
        return []
    kind = shape.type_name
    if kind in ("integer", "long"):
        return [Edit(path, low - 1, "below-min")]
    if kind == "string":
        return [Edit(path, "v" * (low - 1), "too-short")]
    if kind == "list":
        return [Edit(path, value[: low - 1], "too-short")]
    if kind == "blob":
        return [Edit(path, b"b" * (low - 1), "too-short")]
    return []


def paths_of_kind(
    shape: botocore.model.Shape, value: Any, kinds: set[str], path: Path = ()
) -> Iterator[Path]:
    """The paths in ``value`` (as ``baseline`` makes it) of the members whose
    shape is of one of ``kinds``."""
    kind = shape.type_name
    if kind in kinds and path:
        yield path
    if kind == "structure":
        for name, member in shape.members.items():
            if name in value:
                yield from paths_of_kind(member, value[name], kinds, (*path, name))
    elif kind == "list" and value:
        yield from paths_of_kind(shape.member, value[0], kinds, (*path, 0))


def apply(call: dict[str, Any], edits: list[Edit]) -> dict[str, Any]:
    """A copy of ``call`` with each edit made in turn; an edit whose parent an
    earlier one removed or replaced is skipped."""
    edited = copy.deepcopy(call)
    for edit in edits:
        _apply_one(edited, edit)
    return edited


def _apply_one(call: dict[str, Any], edit: Edit) -> None:
    parent: Any = call
    for step in edit.path[:-1]:
        holds = isinstance(parent, dict) and step in parent
        holds = holds or (isinstance(parent, list) and isinstance(step, int) and step < len(parent))
        if not holds:
            return
        if isinstance(parent[step], tuple):  # botocore takes either; only a list can change
            parent[step] = list(parent[step])
        parent = parent[step]
    last = edit.path[-1]
    if isinstance(parent, dict):
        if edit.value is MISSING:
            parent.pop(last, None)
        else:
            parent[last] = edit.value
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if edit.value is MISSING:
            del parent[last]
        else:
            parent[last] = edit.value


def invalid_calls(method: str) -> list[tuple[str, dict[str, Any]]]:
    """(id, call) for each single edit of the full call, every required member
    missing at once, and all the top level's edits together (one report of
    many lines, in botocore's order)."""
    shape = input_shape(method)
    if shape is None:  # botocore validates nothing: see test_model_validation.py
        return []
    call = baseline(shape)
    edits = invalid_edits(shape, call)
    cases = [(repr(edit), apply(call, [edit])) for edit in edits]
    if shape.required_members:
        cases.append(("nothing", {}))
    cases.append(("all-at-once", apply(call, [e for e in edits if len(e.path) == 1])))
    return cases


@st.composite
def _mixed_invalid(draw: Callable[..., Any], method: str) -> dict[str, Any]:
    shape = input_shape(method)
    assert shape is not None
    call = draw(input_values(shape))
    edits = invalid_edits(shape, call)
    if not edits:
        return call
    picked = draw(st.lists(st.sampled_from(edits), min_size=1, max_size=4))
    edited = apply(call, picked)
    order = draw(st.permutations(list(edited)))  # the report follows the dict's order
    return {name: edited[name] for name in order}


def mixed_invalid_calls(method: str) -> st.SearchStrategy[dict[str, Any]]:
    """A generated valid call with one to four edits at any depth, keys in any
    order: the report's lines and their order."""
    return _mixed_invalid(method)
