"""``fastiam.Config`` and the resolution of botocore's client settings.

The rules (which source wins, what ``max_attempts`` means, which values are
rejected and with which message) are botocore's; the native core receives only
final values.
"""

from __future__ import annotations

import os

# Not `from typing import TYPE_CHECKING`: importing typing would add ~7 ms to `import fastiam`.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any, ClassVar

_RETRY_OPTIONS = ("max_attempts", "mode", "total_max_attempts")
_RETRY_MODES = ("legacy", "standard", "adaptive")
# botocore's default total attempts for each retry mode.
_DEFAULT_ATTEMPTS = {"legacy": 5, "standard": 3, "adaptive": 3}


class Config:
    """Advanced client settings: botocore's Config, with the same option names
    and defaults. Options fastiam cannot honour yet raise NotImplementedError
    when a client is created with a non-default value."""

    if TYPE_CHECKING:
        # The options, set in __init__ from _DEFAULTS and the arguments.
        region_name: str | None
        signature_version: str | None
        user_agent: str | None
        user_agent_extra: str | None
        user_agent_appid: str | None
        connect_timeout: float
        read_timeout: float
        parameter_validation: bool | str  # also "strict", a fastiam extra
        max_pool_connections: int
        proxies: dict[str, str] | None
        proxies_config: dict[str, Any] | None
        s3: dict[str, Any] | None
        s3_disable_express_session_auth: bool | None
        retries: dict[str, Any] | None
        client_cert: str | tuple[str, str] | None
        inject_host_prefix: bool
        endpoint_discovery_enabled: bool | None
        use_dualstack_endpoint: bool | None
        use_fips_endpoint: bool | None
        ignore_configured_endpoint_urls: bool | None
        defaults_mode: str | None
        tcp_keepalive: bool | None
        request_min_compression_size_bytes: int | None
        disable_request_compression: bool | None
        client_context_params: dict[str, Any] | None
        sigv4a_signing_region_set: str | None
        request_checksum_calculation: str | None
        response_checksum_validation: str | None
        account_id_endpoint_mode: str | None
        auth_scheme_preference: str | None

    _DEFAULTS: ClassVar[dict[str, Any]] = {
        "region_name": None,
        "signature_version": None,
        "user_agent": None,
        "user_agent_extra": None,
        "user_agent_appid": None,
        "connect_timeout": 60,
        "read_timeout": 60,
        "parameter_validation": True,
        "max_pool_connections": 10,
        "proxies": None,
        "proxies_config": None,
        "s3": None,
        "s3_disable_express_session_auth": None,
        "retries": None,
        "client_cert": None,
        "inject_host_prefix": True,
        "endpoint_discovery_enabled": None,
        "use_dualstack_endpoint": None,
        "use_fips_endpoint": None,
        "ignore_configured_endpoint_urls": None,
        "defaults_mode": None,
        "tcp_keepalive": None,
        "request_min_compression_size_bytes": None,
        "disable_request_compression": None,
        "client_context_params": None,
        "sigv4a_signing_region_set": None,
        "request_checksum_calculation": None,
        "response_checksum_validation": None,
        "account_id_endpoint_mode": None,
        "auth_scheme_preference": None,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._user_provided_options = _options_from(args, kwargs, list(self._DEFAULTS))
        for name, default in self._DEFAULTS.items():
            setattr(self, name, self._user_provided_options.get(name, default))
        _validate_retries(self.retries)

    def merge(self, other_config: Config) -> Config:
        """A new Config: this one's options overridden by ``other_config``'s explicit ones."""
        options = {**self._user_provided_options, **other_config._user_provided_options}
        return Config(**options)

    def __repr__(self) -> str:
        # Proxy URLs may carry a user name and password: shown masked, as botocore
        # shows them in its errors.
        options = dict(self._user_provided_options)
        if "proxies" in options:
            from ._proxy import masked_proxies

            options["proxies"] = masked_proxies(options["proxies"])
        return f"fastiam.Config({options!r})"


def _options_from(args: tuple, kwargs: dict, order: list[str]) -> dict[str, Any]:
    """botocore's mapping of Config(*args, **kwargs) to options, with its errors."""
    for key in kwargs:
        if key not in order:
            raise TypeError(f"Got unexpected keyword argument '{key}'")
    if len(args) > len(order):
        raise TypeError(f"Takes at most {len(order)} arguments ({len(args)} given)")
    options = dict(kwargs)
    for name, value in zip(order, args):
        if name in options:
            raise TypeError(f"Got multiple values for keyword argument '{name}'")
        options[name] = value
    return options


# Options that change nothing for IAM (S3-only, services with host prefixes,
# endpoint discovery, compression or checksums).
_NO_EFFECT_ON_IAM = frozenset(
    {
        "s3",
        "s3_disable_express_session_auth",
        "inject_host_prefix",
        "endpoint_discovery_enabled",
        "request_min_compression_size_bytes",
        "disable_request_compression",
        "client_context_params",
        "request_checksum_calculation",
        "response_checksum_validation",
        "account_id_endpoint_mode",
        "auth_scheme_preference",
    }
)
_SUPPORTED = frozenset(
    {
        "region_name",
        "user_agent_extra",
        "user_agent_appid",
        "connect_timeout",
        "read_timeout",
        "parameter_validation",
        "proxies",
        "retries",
        "max_pool_connections",
        "use_dualstack_endpoint",
        "use_fips_endpoint",
        "ignore_configured_endpoint_urls",
    }
)
# Values of other options that mean "botocore's default behaviour".
_DEFAULT_EQUIVALENTS: dict[str, tuple] = {
    "signature_version": (None, "v4"),
    "defaults_mode": (None, "legacy"),
    "tcp_keepalive": (None, False),
    "proxies_config": (None, {}),
    "client_cert": (None,),
    "user_agent": (None,),
    "sigv4a_signing_region_set": (None,),
}


def unsupported_options(config: Config) -> str | None:
    """The first option set to something fastiam cannot do yet, if any."""
    for name in config._user_provided_options:
        if name in _SUPPORTED or name in _NO_EFFECT_ON_IAM:
            continue
        if getattr(config, name) not in _DEFAULT_EQUIVALENTS.get(name, (None,)):
            return name
    return None


def _validate_retries(retries: dict | None) -> None:
    for key, value in (retries or {}).items():
        if key not in _RETRY_OPTIONS:
            from .exceptions import InvalidRetryConfigurationError

            raise InvalidRetryConfigurationError(
                retry_config_option=key, valid_options=_RETRY_OPTIONS
            )
        if key == "max_attempts" and value < 0:
            _raise_bad_attempts(value, 0)
        if key == "total_max_attempts" and value < 1:
            _raise_bad_attempts(value, 1)
        if key == "mode" and value not in _RETRY_MODES:
            from .exceptions import InvalidRetryModeError

            raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=_RETRY_MODES)


def _raise_bad_attempts(value: int, min_value: int) -> None:
    from .exceptions import InvalidMaxRetryAttemptsError

    raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=min_value)


def resolve_retries(config: Config | None, profile: dict[str, str]) -> tuple[str, int]:
    """(mode, total attempts): Config first, then AWS_MAX_ATTEMPTS / AWS_RETRY_MODE,
    then the profile's max_attempts / retry_mode; checked in botocore's order
    (attempts before mode)."""
    retries = dict(config.retries or {}) if config is not None else {}
    if "total_max_attempts" in retries:
        attempts = retries["total_max_attempts"]
    elif "max_attempts" in retries:
        attempts = retries["max_attempts"] + 1
    else:
        configured = os.environ.get("AWS_MAX_ATTEMPTS", profile.get("max_attempts"))
        attempts = int(configured) if configured is not None else None
    if attempts is not None and attempts < 1:
        _raise_bad_attempts(attempts, 1)
    mode = (
        retries.get("mode")
        or os.environ.get("AWS_RETRY_MODE")
        or profile.get("retry_mode")
        or "standard"
    )
    _validate_retries({"mode": mode})
    return mode, attempts if attempts is not None else _DEFAULT_ATTEMPTS[mode]
