"""fastiam for asyncio: the same client, whose calls return awaitables.

    async with fastiam.aio.client("iam") as iam:
        await iam.enable_mfa_device(UserName=..., SerialNumber=...,
                                    AuthenticationCode1=..., AuthenticationCode2=...)

Requests run on fastiam's own runtime, never on the event loop's thread, so
thousands can be in flight from one client. Cancelling the awaiting task drops
the request at once; one already sent may still have reached IAM.
"""

from __future__ import annotations

import weakref

from ._native import IAM, OPERATIONS, Completions
from .session import default_session

# Not `from typing import ...`: keeps typing out of the import path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, Literal, overload

    from typing_extensions import Self, Unpack

    from .paginate import (
        _AioListMFADevicesPaginator,
        _AioListMFADeviceTagsPaginator,
        _AioListVirtualMFADevicesPaginator,
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

__all__ = ["AsyncIAM", "client"]


class AsyncIAM(IAM):
    """An IAM client whose methods return awaitables; usable with ``async with``."""

    if TYPE_CHECKING:
        # IAM's methods as coroutine functions (set up below, from OPERATIONS);
        # get_paginator gives aiobotocore's async paginators.
        @overload  # type: ignore[override]
        def get_paginator(
            self, operation_name: Literal["list_mfa_device_tags"]
        ) -> _AioListMFADeviceTagsPaginator: ...
        @overload
        def get_paginator(
            self, operation_name: Literal["list_mfa_devices"]
        ) -> _AioListMFADevicesPaginator: ...
        @overload
        def get_paginator(
            self, operation_name: Literal["list_virtual_mfa_devices"]
        ) -> _AioListVirtualMFADevicesPaginator: ...
        def get_paginator(self, operation_name: str) -> Any: ...

        @overload  # type: ignore[override]
        async def create_virtual_mfa_device(
            self,
            *,
            VirtualMFADeviceName: str,
            Path: str = ...,
            Tags: Sequence[TagTypeDef] = ...,
        ) -> CreateVirtualMFADeviceResponseTypeDef: ...
        @overload
        async def create_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[CreateVirtualMFADeviceRequestTypeDef]
        ) -> CreateVirtualMFADeviceResponseTypeDef: ...
        async def create_virtual_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def deactivate_mfa_device(
            self,
            *,
            SerialNumber: str,
            UserName: str = ...,
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def deactivate_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[DeactivateMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def deactivate_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def delete_virtual_mfa_device(
            self,
            *,
            SerialNumber: str,
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def delete_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[DeleteVirtualMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def delete_virtual_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def enable_mfa_device(
            self,
            *,
            UserName: str,
            SerialNumber: str,
            AuthenticationCode1: str,
            AuthenticationCode2: str,
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def enable_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[EnableMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def enable_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def get_mfa_device(
            self,
            *,
            SerialNumber: str,
            UserName: str = ...,
        ) -> GetMFADeviceResponseTypeDef: ...
        @overload
        async def get_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[GetMFADeviceRequestTypeDef]
        ) -> GetMFADeviceResponseTypeDef: ...
        async def get_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def list_mfa_device_tags(
            self,
            *,
            SerialNumber: str,
            Marker: str = ...,
            MaxItems: int = ...,
        ) -> ListMFADeviceTagsResponseTypeDef: ...
        @overload
        async def list_mfa_device_tags(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[ListMFADeviceTagsRequestTypeDef]
        ) -> ListMFADeviceTagsResponseTypeDef: ...
        async def list_mfa_device_tags(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def list_mfa_devices(
            self,
            *,
            UserName: str = ...,
            Marker: str = ...,
            MaxItems: int = ...,
        ) -> ListMFADevicesResponseTypeDef: ...
        @overload
        async def list_mfa_devices(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[ListMFADevicesRequestTypeDef]
        ) -> ListMFADevicesResponseTypeDef: ...
        async def list_mfa_devices(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def list_virtual_mfa_devices(
            self,
            *,
            AssignmentStatus: AssignmentStatusTypeType = ...,
            Marker: str = ...,
            MaxItems: int = ...,
        ) -> ListVirtualMFADevicesResponseTypeDef: ...
        @overload
        async def list_virtual_mfa_devices(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[ListVirtualMFADevicesRequestTypeDef]
        ) -> ListVirtualMFADevicesResponseTypeDef: ...
        async def list_virtual_mfa_devices(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def resync_mfa_device(
            self,
            *,
            UserName: str,
            SerialNumber: str,
            AuthenticationCode1: str,
            AuthenticationCode2: str,
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def resync_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[ResyncMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def resync_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def tag_mfa_device(
            self,
            *,
            SerialNumber: str,
            Tags: Sequence[TagTypeDef],
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def tag_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[TagMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def tag_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def untag_mfa_device(
            self,
            *,
            SerialNumber: str,
            TagKeys: Sequence[str],
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def untag_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[UntagMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def untag_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def enable_virtual_mfa_device(
            self,
            *,
            UserName: str,
            SerialNumber: str,
            Base32StringSeed: Seed,
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def enable_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[EnableVirtualMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def enable_virtual_mfa_device(self, **kwargs: Any) -> Any: ...

        @overload  # type: ignore[override]
        async def resync_virtual_mfa_device(
            self,
            *,
            UserName: str,
            SerialNumber: str,
            Base32StringSeed: Seed,
        ) -> EmptyResponseMetadataTypeDef: ...
        @overload
        async def resync_virtual_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
            self, **kwargs: Unpack[ResyncVirtualMFADeviceRequestTypeDef]
        ) -> EmptyResponseMetadataTypeDef: ...
        async def resync_virtual_mfa_device(self, **kwargs: Any) -> Any: ...

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None


def _coroutine_method(name: str) -> Any:
    """``name`` as a coroutine function, as aiobotocore's methods are: the
    request starts when the coroutine runs on a loop, so ``create_task``,
    ``asyncio.run`` and ``run_coroutine_threadsafe`` take the call as it is."""
    native = getattr(IAM, name)

    async def method(self: AsyncIAM, *args: Any, **kwargs: Any) -> dict:
        return await native(self, *args, **kwargs)

    method.__name__ = name
    method.__qualname__ = f"AsyncIAM.{name}"
    method.__doc__ = native.__doc__
    return method


for _name in OPERATIONS:
    setattr(AsyncIAM, _name, _coroutine_method(_name))
del _name


# One Completions per event loop: finished requests wait there until the loop,
# woken through its descriptor, resolves their futures in one batch.
_completions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _completions_for(loop: Any) -> Completions:
    completions = _completions.get(loop)
    if completions is None:
        completions = _completions[loop] = Completions()
        loop.add_reader(completions.fileno(), completions.drain)
    return completions


def client(*args: Any, **kwargs: Any) -> AsyncIAM:
    """Creates an async IAM client; the arguments are ``fastiam.client``'s."""
    return default_session()._create(AsyncIAM, *args, asynchronous=True, **kwargs)
