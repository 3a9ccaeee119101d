# The hand-written part of python/fastiam/type_defs.py: codegen/type_defs.py
# writes that module from this file, with its imports and __all__ completed and
# the TypedDicts of every operation of the pinned model added after this text.
"""TypedDicts of fastiam's requests and results, for type checkers.

The names and shapes are those of ``types_boto3_iam.type_defs`` (also published
as ``mypy_boto3_iam.type_defs``) for the operations fastiam has, so code
annotated for boto3's IAM client type-checks unchanged against fastiam's::

    from fastiam.type_defs import EnableMFADeviceRequestTypeDef

    request: EnableMFADeviceRequestTypeDef = {
        "UserName": "alice", "SerialNumber": serial,
        "AuthenticationCode1": first, "AuthenticationCode2": second,
    }
    iam.enable_mfa_device(**request)

As there, each top-level member of a ``...ResponseTypeDef`` is typed as always
present, although IAM leaves some out: ``Marker`` is only there when
``IsTruncated`` is true (use ``result.get("Marker")``). Nested shapes
(``VirtualMFADeviceTypeDef``, ``UserTypeDef``, ...) mark IAM's optional members
``NotRequired``. A request takes ``Sequence`` and ``Mapping`` where a result
gives ``list`` and ``dict``; an enum of several values is a ``Literal`` alias
(``StatusTypeType``); a policy document in a result is the decoded JSON
(``PolicyDocumentTypeDef``), as botocore gives it.

``import fastiam`` does not import this module, which imports ``typing`` (and,
before Python 3.11, ``typing_extensions``).
"""

# No `from __future__ import annotations`: TypedDict reads NotRequired from the
# evaluated annotations (a string one would make every key required at runtime).
import sys
from typing import Union

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # typing.TypedDict ignores NotRequired before 3.11
    from typing_extensions import NotRequired, TypedDict

Seed = Union[str, bytes]
"""A ``Base32StringSeed``: the bytes IAM returned, or their text."""


# ---------------------------------------------------------------------------
# What every result, paginator and waiter shares


class ResponseMetadataTypeDef(TypedDict):
    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: dict[str, str]
    RetryAttempts: int
    HostId: NotRequired[str]


class EmptyResponseMetadataTypeDef(TypedDict):
    """The result of an operation that returns nothing but its metadata."""

    ResponseMetadata: ResponseMetadataTypeDef


class PaginatorConfigTypeDef(TypedDict):
    """``PaginationConfig=`` of a paginator's ``paginate()``."""

    MaxItems: NotRequired[int]
    PageSize: NotRequired[int]
    StartingToken: NotRequired[str]


class WaiterConfigTypeDef(TypedDict):
    """``WaiterConfig=`` of a waiter's ``wait()``: seconds between attempts, and
    how many attempts before ``WaiterError``."""

    Delay: NotRequired[int]
    MaxAttempts: NotRequired[int]


# ---------------------------------------------------------------------------
# Policy documents in results (a role's trust policy, an inline policy, a policy
# version): botocore URL-decodes and parses them, as types-boto3 types them.


# (Union, not `str | list[str]`: this module is evaluated, from Python 3.9 on.)
class PolicyDocumentStatementTypeDef(TypedDict):
    Effect: str
    Resource: Union[str, list[str]]  # noqa: FA100
    Sid: str
    Action: Union[str, list[str]]  # noqa: FA100


class PolicyDocumentDictTypeDef(TypedDict):
    Version: str
    Statement: list[PolicyDocumentStatementTypeDef]


PolicyDocumentTypeDef = Union[str, PolicyDocumentDictTypeDef]
"""The parsed JSON, or the text as IAM sent it when it is no JSON."""


# ---------------------------------------------------------------------------
# fastiam's own operations (not in botocore's model)


class EnableVirtualMFADeviceRequestTypeDef(TypedDict):
    """fastiam's ``enable_virtual_mfa_device``: the two codes come from the seed."""

    UserName: str
    SerialNumber: str
    Base32StringSeed: Seed


class ResyncVirtualMFADeviceRequestTypeDef(TypedDict):
    """fastiam's ``resync_virtual_mfa_device``: the two codes come from the seed."""

    UserName: str
    SerialNumber: str
    Base32StringSeed: Seed


# ---------------------------------------------------------------------------
# Errors: ``ClientError.response`` (botocore-stubs' ``_ClientErrorResponseTypeDef``
# for what IAM sends). Every key may be missing: an error page from a proxy
# has no request id, a malformed error body no ``Error``.


class ClientErrorResponseErrorTypeDef(TypedDict, total=False):
    Code: str
    Message: str
    Type: str
    """``Sender`` or ``Receiver``."""


class ClientErrorResponseMetadataTypeDef(TypedDict, total=False):
    RequestId: str
    HostId: str
    HTTPStatusCode: int
    HTTPHeaders: dict[str, str]
    RetryAttempts: int
    MaxAttemptsReached: bool
    """Present (True) when the retries ran out."""


class ClientErrorResponseTypeDef(TypedDict, total=False):
    Error: ClientErrorResponseErrorTypeDef
    ResponseMetadata: ClientErrorResponseMetadataTypeDef
    message: str
    """The ``message`` member of IAM's modeled errors (``NoSuchEntityException``, ...)."""
