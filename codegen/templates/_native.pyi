# The hand-written part of python/fastiam/_native.pyi: codegen/native_stub.py writes
# that stub from this file, with its imports completed, every operation of the
# pinned model, get_paginator and get_waiter in place of the "codegen:" line in
# IAM, and the waiter classes at the end.
from collections.abc import Sequence
from typing import Any, final, overload

from typing_extensions import Self, Unpack, disjoint_base

from .config import Config
from .exceptions import IAMExceptions
from .type_defs import (
    EmptyResponseMetadataTypeDef,
    EnableVirtualMFADeviceRequestTypeDef,
    ResyncVirtualMFADeviceRequestTypeDef,
    Seed,
)

__all__ = [
    "IAM",
    "INPUT_MEMBERS",
    "MODELED_ERRORS",
    "OPERATIONS",
    "OUTPUT_SHAPES",
    "WIRE_NAMES",
    "Completions",
    "load_profile",
    "totp_code",
    "totp_plan",
]

MODELED_ERRORS: list[tuple[str, str]]
OPERATIONS: list[str]
OUTPUT_SHAPES: dict[str, tuple[str, tuple[tuple[str, Any], ...]]]
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
# `**request` TypedDict (one of no arguments takes none), and returns boto3's
# result dict; fastiam.aio.AsyncIAM has the same methods as coroutine functions.
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
    # codegen: the operations, get_paginator, get_waiter and waiter_names
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
