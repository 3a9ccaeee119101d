"""(a) Validation, for every operation of fastiam's list: an input botocore's
validator rejects (a required member missing, an unknown name, a value of the
wrong type or under its minimum, at the top and inside lists and structures)
gives boto3's exact ParamValidationError from fastiam's sync and async clients,
and neither client sends anything.

The fixed cases are each single edit of a call with every member (shapes.py's
``invalid_calls``); the generated ones (hypothesis, a fixed seed) stack one to
four edits on a generated valid call with its keys in any order, so the report's
lines and their order are compared too. The nightly run draws many more from a
fresh seed::

    FASTIAM_NIGHTLY=1 python -m pytest -q tests/model
"""

from __future__ import annotations

import botocore.exceptions
import fastiam
import pytest
from hypothesis import given
from shapes import (
    OPERATIONS,
    examples,
    input_shape,
    invalid_calls,
    mixed_invalid_calls,
    output_shape,
    wire_name,
)
from side_by_side import SideBySide, assert_same, form
from support.scripted_server import Reply, empty_success_reply, result_reply

WITH_INPUT = [op for op in OPERATIONS if input_shape(op) is not None]
WITHOUT_INPUT = [op for op in OPERATIONS if input_shape(op) is None]
CASES = [(op, case_id, call) for op in WITH_INPUT for case_id, call in invalid_calls(op)]


@pytest.fixture(scope="module")
def sides(boto_session):
    running = SideBySide(boto_session)
    yield running
    running.stop()


def success(operation: str) -> Reply:
    """An answer the call would parse, had it been sent."""
    wire = wire_name(operation)
    return empty_success_reply(wire) if output_shape(operation) is None else result_reply(wire, "")


def assert_rejected_alike(sides: SideBySide, operation: str, call: dict) -> None:
    boto, fast = sides.run(operation, call, success(operation))
    assert isinstance(boto.error, botocore.exceptions.ParamValidationError), (call, boto)
    assert boto.requests == []
    for outcome in fast:
        assert isinstance(outcome.error, fastiam.exceptions.ParamValidationError), (call, outcome)
        assert_same(boto, outcome)  # text, kwargs["report"], what catches it; 0 attempts


@pytest.mark.parametrize(
    ("operation", "call"),
    [(op, call) for op, _, call in CASES],
    ids=[f"{op}-{case_id}" for op, case_id, _ in CASES],
)
def test_invalid_input_is_rejected_as_boto3_rejects_it(sides, operation, call):
    assert_rejected_alike(sides, operation, call)


@pytest.mark.parametrize("operation", WITH_INPUT)
def test_generated_invalid_inputs_are_rejected_as_boto3_rejects_them(sides, operation):
    @examples(default=6, nightly=400)
    @given(call=mixed_invalid_calls(operation))
    def check(call):
        assert_rejected_alike(sides, operation, call)

    check()


@pytest.mark.parametrize("operation", WITHOUT_INPUT)
@pytest.mark.parametrize(
    "call", [{"Bogus": 1}, {"UserName": None}], ids=["unknown", "a-name-of-another-operation"]
)
def test_operation_without_input_sends_as_boto3_sends(sides, operation, call):
    """botocore validates nothing for an operation without an input shape and
    sends Action and Version alone, whatever the keyword arguments."""
    boto, fast = sides.run(operation, call, success(operation))
    assert boto.error is None, boto
    for outcome in fast:
        assert_same(boto, outcome)
        assert form(outcome.requests[0]) == form(boto.requests[0])


def test_every_operation_is_covered():
    """The list is fastiam's: every operation with an input has cases of each kind."""
    assert len(WITH_INPUT) + len(WITHOUT_INPUT) == len(OPERATIONS) > 100
    kinds = {case_id.split("@")[0] for _, case_id, _ in CASES}
    assert {"missing", "unknown", "type", "too-short", "below-min", "nothing"} <= kinds
    assert {"union-empty", "union-two", "key-type", "key-too-short"} <= kinds
    nested = [case_id for _, case_id, _ in CASES if "[0]." in case_id]
    assert nested, "no edit inside a list of structures"
    for operation in WITH_INPUT:
        assert any(op == operation for op, _, _ in CASES), operation
