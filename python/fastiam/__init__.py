"""fastiam: boto3's IAM MFA calls on the Rust AWS SDK.

``fastiam.client("iam")`` returns a client whose methods take the same
arguments, return the same dicts and raise the same exceptions as boto3's.
"""

from __future__ import annotations

from ._native import IAM
from .config import Config
from .session import Session, default_session

# Not `from typing import TYPE_CHECKING`: importing typing would add ~7 ms to `import fastiam`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, overload

    from typing_extensions import Unpack

    from . import aio as aio
    from . import exceptions as exceptions
    from . import totp as totp
    from .type_defs import EmptyResponseMetadataTypeDef, EnableMFADeviceRequestTypeDef

__all__ = [
    "IAM",
    "Config",
    "Session",
    "aio",
    "client",
    "enable_mfa_device",
    "exceptions",
    "resource",
]
__version__ = "0.1.0"


def client(
    service_name: str,
    region_name: str | None = None,
    api_version: str | None = None,
    use_ssl: bool = True,
    verify: bool | str | None = None,
    endpoint_url: str | None = None,
    aws_access_key_id: str | None = None,
    aws_secret_access_key: str | None = None,
    aws_session_token: str | None = None,
    config: Config | None = None,
    aws_account_id: str | None = None,
) -> IAM:
    """Creates an IAM client on the default session; the arguments are ``boto3.client``'s."""
    return default_session().client(
        service_name,
        region_name,
        api_version,
        use_ssl,
        verify,
        endpoint_url,
        aws_access_key_id,
        aws_secret_access_key,
        aws_session_token,
        config,
        aws_account_id,
    )


def resource(
    service_name: str,
    region_name: str | None = None,
    api_version: str | None = None,
    use_ssl: bool = True,
    verify: bool | str | None = None,
    endpoint_url: str | None = None,
    aws_access_key_id: str | None = None,
    aws_secret_access_key: str | None = None,
    aws_session_token: str | None = None,
    config: Config | None = None,
) -> Any:
    """boto3's IAM resource interface on the default session, its calls made by a
    fastiam client; the arguments are ``boto3.resource``'s. Needs ``fastiam[resource]``."""
    return default_session().resource(
        service_name,
        region_name,
        api_version,
        use_ssl,
        verify,
        endpoint_url,
        aws_access_key_id,
        aws_secret_access_key,
        aws_session_token,
        config,
    )


_default_client: IAM | None = None


if TYPE_CHECKING:

    @overload
    def enable_mfa_device(
        *, UserName: str, SerialNumber: str, AuthenticationCode1: str, AuthenticationCode2: str
    ) -> EmptyResponseMetadataTypeDef: ...
    @overload
    def enable_mfa_device(  # type: ignore[overload-cannot-match, unused-ignore]
        **kwargs: Unpack[EnableMFADeviceRequestTypeDef],
    ) -> EmptyResponseMetadataTypeDef: ...


def enable_mfa_device(**kwargs: Any) -> Any:
    """``enable_mfa_device`` on a default client, created on first use."""
    global _default_client
    if _default_client is None:
        _default_client = client("iam")
    return _default_client.enable_mfa_device(**kwargs)


# Type checkers see the submodules imported above instead: a module __getattr__
# would make every misspelt fastiam.<name> pass as Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        # Loaded on first use: exceptions imports botocore's exceptions when
        # botocore is installed; aio is only for asyncio users.
        if name in ("exceptions", "aio", "totp"):
            import importlib

            return importlib.import_module(f".{name}", __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
