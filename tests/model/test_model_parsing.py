"""(c) Parsing, for every operation of fastiam's list that has result members: a
body written as IAM writes it parses, in fastiam's sync and async clients, to
the dict boto3 returns: the same keys in the same order at every depth, the same
values and types (dates are equal instants, aware, UTC), ResponseMetadata too.

The bodies are generated from each operation's output shape (hypothesis, a fixed
seed: any member present or absent, lists and maps empty or not, ``<X/>`` or
``<X></X>``, any text XML can carry, dates with and without milliseconds, policy
documents as URL-encoded JSON, which boto3 decodes into dicts), plus fixed ones:
every member, every list empty, every string empty, no member at all. The nightly
run draws many more from a fresh seed::

    FASTIAM_NIGHTLY=1 python -m pytest -q tests/model
"""

from __future__ import annotations

import pytest
from bodies import FILLED_MODES, bodies, filled, reply
from hypothesis import given
from shapes import OPERATIONS, examples, has_output_members, minimal_call, output_shape, wire_name
from side_by_side import SideBySide, assert_same

PARSED = [op for op in OPERATIONS if has_output_members(op)]


@pytest.fixture(scope="module")
def sides(boto_session):
    running = SideBySide(boto_session)
    yield running
    running.stop()


def assert_parsed_alike(sides: SideBySide, operation: str, value: dict, short_empty: bool) -> None:
    shape = output_shape(operation)
    answer = reply(wire_name(operation), shape, value, short_empty)
    boto, fast = sides.run(operation, minimal_call(operation), answer)
    assert boto.error is None, (answer.body, boto)
    for outcome in fast:
        assert_same(boto, outcome)


@pytest.mark.parametrize("operation", PARSED)
def test_generated_bodies_parse_as_boto3_parses_them(sides, operation):
    @examples(default=10, nightly=1000)
    @given(body=bodies(output_shape(operation)))
    def check(body):
        value, short_empty = body
        assert_parsed_alike(sides, operation, value, short_empty)

    check()


@pytest.mark.parametrize("operation", PARSED)
@pytest.mark.parametrize("mode", [*FILLED_MODES, "no-members"])
def test_fixed_bodies_parse_as_boto3_parses_them(sides, operation, mode):
    value = {} if mode == "no-members" else filled(output_shape(operation), mode)
    assert_parsed_alike(sides, operation, value, short_empty=mode == "empty-lists")


def test_every_operation_with_a_result_is_parsed():
    """Those left out have no output shape, or one without members (UpdateRole)."""
    left_out = [op for op in OPERATIONS if op not in PARSED]
    assert all(not getattr(output_shape(op), "members", None) for op in left_out)
    assert len(PARSED) > 50
