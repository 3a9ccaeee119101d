"""The IAM operations boto3 has and fastiam lacks (the Rust SDK under it does not
have them yet): each is listed in the API reference, and calling one raises an
AttributeError that names the operation and says why."""

from __future__ import annotations

from pathlib import Path

import boto3
import fastiam
import fastiam.aio
import pytest
from fastiam import _unsupported

# The API reference (generated) lists them.
REFERENCE = (
    Path(__file__).resolve().parents[2] / "docs" / "reference" / "operations.md"
).read_text(encoding="utf-8")
BOTO3_METHODS = {
    name for name in dir(boto3.client("iam", region_name="us-east-1")) if not name.startswith("_")
}
OPERATION_METHODS = BOTO3_METHODS - {
    "can_paginate", "close", "exceptions", "generate_presigned_url", "get_paginator",
    "get_waiter", "meta", "waiter_names",
}  # fmt: skip


def test_the_unsupported_are_exactly_boto3s_operations_fastiam_lacks() -> None:
    assert set(_unsupported.OPERATIONS) == OPERATION_METHODS - set(fastiam._native.OPERATIONS)
    assert len(fastiam._native.OPERATIONS) - 2 + len(_unsupported.OPERATIONS) == len(
        OPERATION_METHODS
    )


@pytest.mark.parametrize("method", sorted(_unsupported.OPERATIONS))
def test_calling_one_says_which_operation_and_why(method: str) -> None:
    wire = _unsupported.OPERATIONS[method]
    assert f"`{wire}`" in REFERENCE
    for client in (
        fastiam.client("iam", region_name="us-east-1"),
        fastiam.aio.client("iam", region_name="us-east-1"),
    ):
        assert not hasattr(client, method)
        with pytest.raises(AttributeError) as raised:
            getattr(client, method)(Foo="bar")
        assert str(raised.value) == (
            f"'{type(client).__name__}' object has no attribute '{method}': IAM's {wire} "
            "operation is not in fastiam, because the Rust SDK it runs on "
            f"(aws-sdk-iam {_unsupported.SDK_VERSION}) does not have it yet"
        )


def test_other_missing_attributes_keep_pythons_message() -> None:
    client = fastiam.client("iam", region_name="us-east-1")
    with pytest.raises(AttributeError, match=r"^'IAM' object has no attribute 'no_such_call'$"):
        client.no_such_call  # noqa: B018
