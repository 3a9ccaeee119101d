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
    """Advanced client settings; the same names and defaults as botocore's Config."""

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
        "retries": None,
        "use_fips_endpoint": None,
    }

    def __init__(self, **kwargs: Any) -> None:
        unknown = set(kwargs) - set(self._DEFAULTS)
        if unknown:
            raise TypeError(f"Got unexpected keyword argument '{min(unknown)}'")
        self._user_provided_options = dict(kwargs)
        for name, default in self._DEFAULTS.items():
            setattr(self, name, kwargs.get(name, default))
        _validate_retries(self.retries)

    def merge(self, other_config: Config) -> Config:
        """A new Config: this one's options overridden by ``other_config``'s explicit ones."""
        options = {**self._user_provided_options, **other_config._user_provided_options}
        return Config(**options)

    def __repr__(self) -> str:
        return f"fastiam.Config({self._user_provided_options!r})"


def _validate_retries(retries: dict | None) -> None:
    from .exceptions import (
        InvalidMaxRetryAttemptsError,
        InvalidRetryConfigurationError,
        InvalidRetryModeError,
    )

    for key, value in (retries or {}).items():
        if key not in _RETRY_OPTIONS:
            raise InvalidRetryConfigurationError(
                retry_config_option=key, valid_options=_RETRY_OPTIONS
            )
        if key == "max_attempts" and value < 0:
            raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=0)
        if key == "total_max_attempts" and value < 1:
            raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=1)
        if key == "mode" and value not in _RETRY_MODES:
            raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=_RETRY_MODES)


def resolve_retries(config: Config | None) -> tuple[str, int]:
    """(mode, total attempts): Config first, then AWS_RETRY_MODE / AWS_MAX_ATTEMPTS."""
    retries = dict(config.retries or {}) if config is not None else {}
    if "total_max_attempts" in retries:
        attempts = retries["total_max_attempts"]
    elif "max_attempts" in retries:
        attempts = retries["max_attempts"] + 1
    else:
        env = os.environ.get("AWS_MAX_ATTEMPTS")
        attempts = int(env) if env is not None else None
    mode = retries.get("mode") or os.environ.get("AWS_RETRY_MODE") or "standard"
    _validate_retries({"mode": mode})
    if attempts is None:
        attempts = _DEFAULT_ATTEMPTS[mode]
    elif attempts < 1:
        from .exceptions import InvalidMaxRetryAttemptsError

        raise InvalidMaxRetryAttemptsError(provided_max_attempts=attempts, min_value=1)
    return mode, attempts
