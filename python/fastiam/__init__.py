"""fastiam: boto3's IAM MFA calls on the Rust AWS SDK.

``fastiam.client("iam")`` returns a client whose methods take the same
arguments, return the same dicts and raise the same exceptions as boto3's.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: importing typing would add ~7 ms to `import fastiam`.
TYPE_CHECKING = False

from ._native import IAM
from .config import Config, check_profile, resolve_retries

__all__ = ["IAM", "Config", "client", "enable_mfa_device", "exceptions"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from typing import Any

_SERVICES = ("iam",)
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _is_valid_region(name: str) -> bool:
    """botocore's region format, ``^[a-zA-Z0-9](?:[a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?$``,
    checked without importing ``re`` (which would double fastiam's import time)."""
    return (
        0 < len(name) <= 63
        and name[0] in _ALNUM
        and name[-1] in _ALNUM
        and all(c in _ALNUM or c == "-" for c in name)
    )


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
) -> IAM:
    """Creates an IAM client; the arguments are ``boto3.client``'s."""
    return _create(
        IAM, service_name, region_name, api_version, use_ssl, verify, endpoint_url,
        aws_access_key_id, aws_secret_access_key, aws_session_token, config,
    )


def _create(
    cls: type[IAM],
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
    **native: Any,
) -> Any:
    """Checks the arguments as botocore does and builds a ``cls`` client."""
    if service_name not in _SERVICES:
        raise _error(
            "UnknownServiceError",
            service_name=service_name,
            known_service_names=", ".join(_SERVICES),
        )
    if region_name is None and config is not None:
        region_name = config.region_name
    if region_name is not None and not _is_valid_region(region_name):
        raise _error("InvalidRegionError", region_name=region_name)
    if endpoint_url is not None:
        _check_endpoint(endpoint_url)
    if (aws_access_key_id is None) != (aws_secret_access_key is None):
        missing = "aws_secret_access_key" if aws_secret_access_key is None else "aws_access_key_id"
        raise _error("PartialCredentialsError", provider="explicit", cred_var=missing)
    check_profile()
    mode, attempts = resolve_retries(config)
    config = config or Config()
    settings = {
        "region_name": region_name,
        "endpoint_url": endpoint_url,
        "aws_access_key_id": aws_access_key_id,
        "aws_secret_access_key": aws_secret_access_key,
        "aws_session_token": aws_session_token,
        "connect_timeout": float(config.connect_timeout),
        "read_timeout": float(config.read_timeout),
        "retry_mode": mode,
        "max_attempts": attempts,
        "parameter_validation": bool(config.parameter_validation),
        "user_agent_extra": config.user_agent_extra,
    }
    return cls(settings, **native)


def _error(name: str, **kwargs: Any) -> Exception:
    # fastiam.exceptions imports botocore's exceptions when botocore is installed
    # (~30 ms): only pay for that when there is an error to raise.
    from . import exceptions

    return getattr(exceptions, name)(**kwargs)


def _check_endpoint(endpoint_url: str) -> None:
    from urllib.parse import urlsplit

    try:
        valid = urlsplit(endpoint_url).hostname is not None
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"Invalid endpoint: {endpoint_url}")


_default_client: IAM | None = None


def enable_mfa_device(**kwargs: Any) -> dict:
    """``enable_mfa_device`` on a default client, created on first use."""
    global _default_client
    if _default_client is None:
        _default_client = client("iam")
    return _default_client.enable_mfa_device(**kwargs)


def __getattr__(name: str) -> Any:
    # Loaded on first use: it imports botocore's exceptions when botocore is installed.
    if name in ("exceptions", "aio"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
