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
``NotRequired``.

``import fastiam`` does not import this module, which imports ``typing`` (and,
before Python 3.11, ``typing_extensions``).
"""

# No `from __future__ import annotations`: TypedDict reads NotRequired from the
# evaluated annotations (a string one would make every key required at runtime).
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Union

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # typing.TypedDict ignores NotRequired before 3.11
    from typing_extensions import NotRequired, TypedDict

__all__ = [
    "AssignmentStatusTypeType",
    "AttachedPermissionsBoundaryTypeDef",
    "ClientErrorResponseErrorTypeDef",
    "ClientErrorResponseMetadataTypeDef",
    "ClientErrorResponseTypeDef",
    "CreateVirtualMFADeviceRequestTypeDef",
    "CreateVirtualMFADeviceResponseTypeDef",
    "DeactivateMFADeviceRequestTypeDef",
    "DeleteVirtualMFADeviceRequestTypeDef",
    "EmptyResponseMetadataTypeDef",
    "EnableMFADeviceRequestTypeDef",
    "EnableVirtualMFADeviceRequestTypeDef",
    "GetMFADeviceRequestTypeDef",
    "GetMFADeviceResponseTypeDef",
    "ListMFADeviceTagsRequestPaginateTypeDef",
    "ListMFADeviceTagsRequestTypeDef",
    "ListMFADeviceTagsResponseTypeDef",
    "ListMFADevicesRequestPaginateTypeDef",
    "ListMFADevicesRequestTypeDef",
    "ListMFADevicesResponseTypeDef",
    "ListVirtualMFADevicesRequestPaginateTypeDef",
    "ListVirtualMFADevicesRequestTypeDef",
    "ListVirtualMFADevicesResponseTypeDef",
    "MFADeviceTypeDef",
    "PaginatorConfigTypeDef",
    "ResponseMetadataTypeDef",
    "ResyncMFADeviceRequestTypeDef",
    "ResyncVirtualMFADeviceRequestTypeDef",
    "Seed",
    "TagMFADeviceRequestTypeDef",
    "TagTypeDef",
    "UntagMFADeviceRequestTypeDef",
    "UserTypeDef",
    "VirtualMFADeviceTypeDef",
]

AssignmentStatusTypeType = Literal["Any", "Assigned", "Unassigned"]
"""``list_virtual_mfa_devices(AssignmentStatus=...)``."""

Seed = Union[str, bytes]
"""A ``Base32StringSeed``: the bytes IAM returned, or their text."""


# ---------------------------------------------------------------------------
# Shapes shared by several operations


class ResponseMetadataTypeDef(TypedDict):
    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: dict[str, str]
    RetryAttempts: int
    HostId: NotRequired[str]


class TagTypeDef(TypedDict):
    Key: str
    Value: str


class AttachedPermissionsBoundaryTypeDef(TypedDict):
    PermissionsBoundaryType: NotRequired[Literal["PermissionsBoundaryPolicy"]]
    PermissionsBoundaryArn: NotRequired[str]


class UserTypeDef(TypedDict):
    Path: str
    UserName: str
    UserId: str
    Arn: str
    CreateDate: datetime
    PasswordLastUsed: NotRequired[datetime]
    PermissionsBoundary: NotRequired[AttachedPermissionsBoundaryTypeDef]
    Tags: NotRequired[list[TagTypeDef]]


class MFADeviceTypeDef(TypedDict):
    UserName: str
    SerialNumber: str
    EnableDate: datetime


class VirtualMFADeviceTypeDef(TypedDict):
    SerialNumber: str
    Base32StringSeed: NotRequired[bytes]
    QRCodePNG: NotRequired[bytes]
    User: NotRequired[UserTypeDef]
    EnableDate: NotRequired[datetime]
    Tags: NotRequired[list[TagTypeDef]]


class PaginatorConfigTypeDef(TypedDict):
    """``PaginationConfig=`` of a paginator's ``paginate()``."""

    MaxItems: NotRequired[int]
    PageSize: NotRequired[int]
    StartingToken: NotRequired[str]


# ---------------------------------------------------------------------------
# Requests: the keyword arguments of each client method


class CreateVirtualMFADeviceRequestTypeDef(TypedDict):
    VirtualMFADeviceName: str
    Path: NotRequired[str]
    Tags: NotRequired[Sequence[TagTypeDef]]


class DeactivateMFADeviceRequestTypeDef(TypedDict):
    SerialNumber: str
    UserName: NotRequired[str]


class DeleteVirtualMFADeviceRequestTypeDef(TypedDict):
    SerialNumber: str


class EnableMFADeviceRequestTypeDef(TypedDict):
    UserName: str
    SerialNumber: str
    AuthenticationCode1: str
    AuthenticationCode2: str


class GetMFADeviceRequestTypeDef(TypedDict):
    SerialNumber: str
    UserName: NotRequired[str]


class ListMFADeviceTagsRequestTypeDef(TypedDict):
    SerialNumber: str
    Marker: NotRequired[str]
    MaxItems: NotRequired[int]


class ListMFADevicesRequestTypeDef(TypedDict):
    UserName: NotRequired[str]
    Marker: NotRequired[str]
    MaxItems: NotRequired[int]


class ListVirtualMFADevicesRequestTypeDef(TypedDict):
    AssignmentStatus: NotRequired[AssignmentStatusTypeType]
    Marker: NotRequired[str]
    MaxItems: NotRequired[int]


class ResyncMFADeviceRequestTypeDef(TypedDict):
    UserName: str
    SerialNumber: str
    AuthenticationCode1: str
    AuthenticationCode2: str


class TagMFADeviceRequestTypeDef(TypedDict):
    SerialNumber: str
    Tags: Sequence[TagTypeDef]


class UntagMFADeviceRequestTypeDef(TypedDict):
    SerialNumber: str
    TagKeys: Sequence[str]


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


# The keyword arguments of each paginator's paginate().


class ListMFADeviceTagsRequestPaginateTypeDef(TypedDict):
    SerialNumber: str
    PaginationConfig: NotRequired[PaginatorConfigTypeDef]


class ListMFADevicesRequestPaginateTypeDef(TypedDict):
    UserName: NotRequired[str]
    PaginationConfig: NotRequired[PaginatorConfigTypeDef]


class ListVirtualMFADevicesRequestPaginateTypeDef(TypedDict):
    AssignmentStatus: NotRequired[AssignmentStatusTypeType]
    PaginationConfig: NotRequired[PaginatorConfigTypeDef]


# ---------------------------------------------------------------------------
# Results


class EmptyResponseMetadataTypeDef(TypedDict):
    """The result of an operation that returns nothing but its metadata."""

    ResponseMetadata: ResponseMetadataTypeDef


class CreateVirtualMFADeviceResponseTypeDef(TypedDict):
    VirtualMFADevice: VirtualMFADeviceTypeDef
    ResponseMetadata: ResponseMetadataTypeDef


class GetMFADeviceResponseTypeDef(TypedDict):
    UserName: str
    SerialNumber: str
    EnableDate: datetime
    Certifications: dict[str, str]
    ResponseMetadata: ResponseMetadataTypeDef


class ListMFADeviceTagsResponseTypeDef(TypedDict):
    Tags: list[TagTypeDef]
    IsTruncated: bool
    Marker: str
    ResponseMetadata: ResponseMetadataTypeDef


class ListMFADevicesResponseTypeDef(TypedDict):
    MFADevices: list[MFADeviceTypeDef]
    IsTruncated: bool
    Marker: str
    ResponseMetadata: ResponseMetadataTypeDef


class ListVirtualMFADevicesResponseTypeDef(TypedDict):
    VirtualMFADevices: list[VirtualMFADeviceTypeDef]
    IsTruncated: bool
    Marker: str
    ResponseMetadata: ResponseMetadataTypeDef


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
