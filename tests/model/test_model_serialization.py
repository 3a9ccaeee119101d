"""(b) Serialization, for every operation of fastiam's list: for an input botocore's
validator accepts, fastiam's sync and async clients send the form fields boto3
sends, name for name and value for value once decoded (``+`` or ``%20``, the
order of the fields: IAM ignores both), Action and Version included, and return
the same result.

The inputs are generated from each operation's input shape (hypothesis, a fixed
seed: any text that UTF-8 can carry, numbers over their 32-bit range, booleans,
lists empty or not, tuples, optional members present or not), plus fixed calls
(every member, the required ones only, empty lists, integers past 32 bits and
booleans where an integer goes, which botocore's validator takes). The nightly
run draws many more from a fresh seed::

    FASTIAM_NIGHTLY=1 python -m pytest -q tests/model
"""

from __future__ import annotations

import pytest
from hypothesis import given
from shapes import (
    OPERATIONS,
    Edit,
    apply,
    examples,
    full_call,
    input_calls,
    input_shape,
    minimal_call,
    output_shape,
    paths_of_kind,
    wire_name,
)
from side_by_side import SideBySide, assert_same, form
from support.scripted_server import Reply, empty_success_reply, result_reply


@pytest.fixture(scope="module")
def sides(boto_session):
    running = SideBySide(boto_session)
    yield running
    running.stop()


def success(operation: str) -> Reply:
    """An answer without result members (the result is not what is compared here)."""
    wire = wire_name(operation)
    return empty_success_reply(wire) if output_shape(operation) is None else result_reply(wire, "")


def assert_sent_alike(sides: SideBySide, operation: str, call: dict) -> None:
    boto, fast = sides.run(operation, call, success(operation))
    if boto.error is not None:  # only the fixed odd values may be refused
        assert boto.requests == [], boto
    else:
        assert len(boto.requests) == 1, boto
    for outcome in fast:
        assert_same(boto, outcome)  # the same result (or exception) and attempts
        if boto.error is None:
            sent = form(outcome.requests[0])
            assert sent == form(boto.requests[0]), (call, outcome.lib)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_generated_inputs_are_sent_as_boto3_sends_them(sides, operation):
    @examples(default=10, nightly=1000)
    @given(call=input_calls(operation))
    def check(call):
        assert_sent_alike(sides, operation, call)

    check()


def empty_lists(operation: str) -> dict:
    """Every member, each list empty (where its minimum allows)."""
    shape = input_shape(operation)
    call = full_call(operation)
    if shape is None:
        return call
    edits = [
        Edit(path, [], "empty")
        for path in paths_of_kind(shape, call, {"list"})
        if not _minimum(shape, path)
    ]
    return apply(call, edits)


def _minimum(shape, path) -> int:
    for step in path:
        shape = shape.member if isinstance(step, int) else shape.members[step]
    return shape.metadata.get("min", 0)


FIXED = {"every-member": full_call, "required-only": minimal_call, "empty-lists": empty_lists}


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("make", list(FIXED.values()), ids=list(FIXED))
def test_fixed_inputs_are_sent_as_boto3_sends_them(sides, operation, make):
    assert_sent_alike(sides, operation, make(operation))


# botocore checks an integer's minimum only, and its type with isinstance(int):
# these pass its validator and go out as str(value).
ODD_INTEGERS = {"2**31": 2**31, "2**63": 2**63, "10**30": 10**30, "True": True}
INTEGER_CASES = [
    (operation, path, name)
    for operation in OPERATIONS
    if input_shape(operation) is not None
    for path in paths_of_kind(input_shape(operation), full_call(operation), {"integer", "long"})
    for name in ODD_INTEGERS
]


@pytest.mark.parametrize(
    ("operation", "path", "value"),
    INTEGER_CASES,
    ids=[f"{op}-{'.'.join(map(str, path))}={name}" for op, path, name in INTEGER_CASES],
)
def test_integers_botocore_takes_are_sent_as_it_sends_them(sides, operation, path, value):
    call = apply(full_call(operation), [Edit(path, ODD_INTEGERS[value], "odd")])
    assert_sent_alike(sides, operation, call)


def test_fixed_cases_reach_every_kind_of_member():
    assert INTEGER_CASES, "no integer member in any input"
    assert any(empty_lists(op) != full_call(op) for op in OPERATIONS)
