"""(d) Errors, for every operation of fastiam's list: each error botocore's model
lists for it, answered as IAM answers (its code, HTTP status, Sender or Receiver),
raises in fastiam's sync and async clients the class boto3 raises, with the same
text, ``.response`` (key order included), ``.operation_name`` and the same
classes catching it.

Also, for each operation: an error IAM models for other operations only (botocore
maps codes for the whole service, so boto3 still raises that class), and
AccessDenied, which the model does not list anywhere (a plain ClientError). One
attempt per call: retries are tests/calls/test_service_errors.py's business.
"""

from __future__ import annotations

import botocore.exceptions
import botocore.model
import fastiam
import pytest
from shapes import MODEL, OPERATIONS, minimal_call, operation_model
from side_by_side import SideBySide, assert_same
from support.scripted_server import error_reply

IAM_ERRORS = sorted(MODEL.error_shapes, key=lambda shape: shape.name)


def wire_error(shape: botocore.model.Shape) -> tuple[str, int, str]:
    """(code, HTTP status, Type) IAM sends for an error shape; a shape without
    ``error`` metadata is sent under its own name, as botocore expects it."""
    error = shape.metadata.get("error", {})
    status = error.get("httpStatusCode", 400)
    kind = "Sender" if error.get("senderFault", status < 500) else "Receiver"
    return error.get("code", shape.name), status, kind


def modeled_cases() -> list[tuple[str, botocore.model.Shape]]:
    return [(op, shape) for op in OPERATIONS for shape in operation_model(op).error_shapes]


def unlisted_cases() -> list[tuple[str, botocore.model.Shape]]:
    """For each operation, one of IAM's errors it does not list, taking them in
    turn so that every error class is reached."""
    cases = []
    for index, op in enumerate(OPERATIONS):
        listed = {shape.name for shape in operation_model(op).error_shapes}
        others = [shape for shape in IAM_ERRORS if shape.name not in listed]
        cases.append((op, others[index % len(others)]))
    return cases


MODELED = modeled_cases()
UNLISTED = unlisted_cases()


@pytest.fixture(scope="module")
def sides(boto_session):
    running = SideBySide(boto_session)
    yield running
    running.stop()


def assert_raised_alike(sides: SideBySide, operation: str, code: str, status: int, kind: str):
    message = f"{operation} failed: a < b & \"c\" 'd' \u00e9"
    answer = error_reply(code, message, status, type=kind, request_id=f"rid-{code}")
    boto, fast = sides.run(operation, minimal_call(operation), answer)
    assert isinstance(boto.error, botocore.exceptions.ClientError), boto
    assert len(boto.requests) == 1
    for outcome in fast:
        assert_same(boto, outcome)
    return boto, fast


def assert_modeled_class(boto, fast, sides: SideBySide, name: str) -> None:
    assert type(boto.error).__name__ == name  # the model's class, for boto3 too
    for outcome in fast:
        assert isinstance(outcome.error, getattr(sides.fastiam.exceptions, name))
        assert isinstance(outcome.error, getattr(fastiam.exceptions, name))


@pytest.mark.parametrize(
    ("operation", "shape"),
    MODELED,
    ids=[f"{op}-{shape.name}" for op, shape in MODELED],
)
def test_modeled_error_is_raised_as_boto3_raises_it(sides, operation, shape):
    boto, fast = assert_raised_alike(sides, operation, *wire_error(shape))
    assert_modeled_class(boto, fast, sides, shape.name)


@pytest.mark.parametrize(
    ("operation", "shape"),
    UNLISTED,
    ids=[f"{op}-{shape.name}" for op, shape in UNLISTED],
)
def test_error_of_another_operation_is_raised_as_boto3_raises_it(sides, operation, shape):
    boto, fast = assert_raised_alike(sides, operation, *wire_error(shape))
    assert_modeled_class(boto, fast, sides, shape.name)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_unmodeled_error_is_a_plain_client_error(sides, operation):
    boto, fast = assert_raised_alike(sides, operation, "AccessDenied", 403, "Sender")
    assert type(boto.error) is botocore.exceptions.ClientError
    for outcome in fast:
        assert type(outcome.error) is fastiam.exceptions.ClientError


def test_every_error_class_is_reached():
    reached = {shape.name for _, shape in MODELED + UNLISTED}
    assert reached == {shape.name for shape in IAM_ERRORS}
    assert len(MODELED) > len(OPERATIONS)
