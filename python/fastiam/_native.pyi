from collections.abc import Sequence
from typing import Any, Literal, final, overload

from typing_extensions import Self, Unpack, disjoint_base

from .config import Config
from .exceptions import IAMExceptions
from .paginate import (
    _ListMFADevicesPaginator,
    _ListMFADeviceTagsPaginator,
    _ListVirtualMFADevicesPaginator,
)
from .type_defs import (
    AssignmentStatusTypeType,
    CreateVirtualMFADeviceRequestTypeDef,
    CreateVirtualMFADeviceResponseTypeDef,
    DeactivateMFADeviceRequestTypeDef,
    DeleteVirtualMFADeviceRequestTypeDef,
    EmptyResponseMetadataTypeDef,
    EnableMFADeviceRequestTypeDef,
    EnableVirtualMFADeviceRequestTypeDef,
    GetMFADeviceRequestTypeDef,
    GetMFADeviceResponseTypeDef,
    ListMFADevicesRequestTypeDef,
    ListMFADevicesResponseTypeDef,
    ListMFADeviceTagsRequestTypeDef,
    ListMFADeviceTagsResponseTypeDef,
    ListVirtualMFADevicesRequestTypeDef,
    ListVirtualMFADevicesResponseTypeDef,
    ResyncMFADeviceRequestTypeDef,
    ResyncVirtualMFADeviceRequestTypeDef,
    Seed,
    TagMFADeviceRequestTypeDef,
    TagTypeDef,
    UntagMFADeviceRequestTypeDef,
)

__all__ = [
    "IAM",
    "INPUT_MEMBERS",
    "MODELED_ERRORS",
    "OPERATIONS",
    "OUTPUT_SHAPES",
    "PAGINATORS",
    "WIRE_NAMES",
    "Completions",
    "load_profile",
    "totp_code",
    "totp_plan",
]

MODELED_ERRORS: list[tuple[str, str]]
OPERATIONS: list[str]
OUTPUT_SHAPES: dict[str, tuple[str, tuple[tuple[str, Any], ...]]]
PAGINATORS: dict[str, dict[str, str]]
WIRE_NAMES: dict[str, str]
INPUT_MEMBERS: dict[str, tuple[tuple[str, bool, str, bool], ...]]

def load_profile(
    profile_name: str | None, keys: Sequence[str]
) -> tuple[str, bool, dict[str, str]]: ...
def totp_code(seed: Seed, at: float) -> str: ...
def totp_plan(now: float) -> tuple[float, int]: ...

@final
class Completions:
    """Finished async requests of one event loop, delivered in batches."""

    def __init__(self) -> None: ...
    def fileno(self) -> int: ...
    def drain(self) -> None: ...

class _ClientMeta:
    """``client.meta`` (``fastiam.client.ClientMeta`` at runtime)."""

    @property
    def region_name(self) -> str | None: ...
    @property
    def endpoint_url(self) -> str: ...
    @property
    def config(self) -> Config: ...
    @property
    def service_name(self) -> str: ...

# Every operation takes boto3's keyword arguments, either spelled out or as a
# `**request` TypedDict, and returns boto3's result dict; fastiam.aio.AsyncIAM
# has the same methods as coroutine functions.
@disjoint_base
class IAM:
    def __new__(
        cls, settings: dict[str, Any], *, config: Config | None = None, asynchronous: bool = False
    ) -> Self: ...
    @property
    def exceptions(self) -> IAMExceptions: ...
    @property
    def meta(self) -> _ClientMeta: ...
    def can_paginate(self, operation_name: str) -> bool: ...
    @overload
    def get_paginator(
        self, operation_name: Literal["list_mfa_device_tags"]
    ) -> _ListMFADeviceTagsPaginator: ...
    @overload
    def get_paginator(
        self, operation_name: Literal["list_mfa_devices"]
    ) -> _ListMFADevicesPaginator: ...
    @overload
    def get_paginator(
        self, operation_name: Literal["list_virtual_mfa_devices"]
    ) -> _ListVirtualMFADevicesPaginator: ...
    @overload
    def create_virtual_mfa_device(
        self, *, VirtualMFADeviceName: str, Path: str = ..., Tags: Sequence[TagTypeDef] = ...
    ) -> CreateVirtualMFADeviceResponseTypeDef: ...
    @overload
    def create_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[CreateVirtualMFADeviceRequestTypeDef]
    ) -> CreateVirtualMFADeviceResponseTypeDef: ...
    @overload
    def deactivate_mfa_device(
        self, *, SerialNumber: str, UserName: str = ...
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def deactivate_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[DeactivateMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def delete_virtual_mfa_device(self, *, SerialNumber: str) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def delete_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[DeleteVirtualMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def enable_mfa_device(
        self,
        *,
        UserName: str,
        SerialNumber: str,
        AuthenticationCode1: str,
        AuthenticationCode2: str,
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def enable_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[EnableMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def get_mfa_device(
        self, *, SerialNumber: str, UserName: str = ...
    ) -> GetMFADeviceResponseTypeDef: ...
    @overload
    def get_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[GetMFADeviceRequestTypeDef]
    ) -> GetMFADeviceResponseTypeDef: ...
    @overload
    def list_mfa_device_tags(
        self, *, SerialNumber: str, Marker: str = ..., MaxItems: int = ...
    ) -> ListMFADeviceTagsResponseTypeDef: ...
    @overload
    def list_mfa_device_tags(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[ListMFADeviceTagsRequestTypeDef]
    ) -> ListMFADeviceTagsResponseTypeDef: ...
    @overload
    def list_mfa_devices(
        self, *, UserName: str = ..., Marker: str = ..., MaxItems: int = ...
    ) -> ListMFADevicesResponseTypeDef: ...
    @overload
    def list_mfa_devices(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[ListMFADevicesRequestTypeDef]
    ) -> ListMFADevicesResponseTypeDef: ...
    @overload
    def list_virtual_mfa_devices(
        self,
        *,
        AssignmentStatus: AssignmentStatusTypeType = ...,
        Marker: str = ...,
        MaxItems: int = ...,
    ) -> ListVirtualMFADevicesResponseTypeDef: ...
    @overload
    def list_virtual_mfa_devices(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[ListVirtualMFADevicesRequestTypeDef]
    ) -> ListVirtualMFADevicesResponseTypeDef: ...
    @overload
    def resync_mfa_device(
        self,
        *,
        UserName: str,
        SerialNumber: str,
        AuthenticationCode1: str,
        AuthenticationCode2: str,
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def resync_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[ResyncMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def tag_mfa_device(
        self, *, SerialNumber: str, Tags: Sequence[TagTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def tag_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[TagMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def untag_mfa_device(
        self, *, SerialNumber: str, TagKeys: Sequence[str]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def untag_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[UntagMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    # fastiam extras: a fresh pair of codes from the seed, sent at once.
    @overload
    def enable_virtual_mfa_device(
        self, *, UserName: str, SerialNumber: str, Base32StringSeed: Seed
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def enable_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[EnableVirtualMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def resync_virtual_mfa_device(
        self, *, UserName: str, SerialNumber: str, Base32StringSeed: Seed
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def resync_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        self, **kwargs: Unpack[ResyncVirtualMFADeviceRequestTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
