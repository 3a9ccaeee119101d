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


def resolve_retries(config: Config | None) -> tuple[str, int]:
    """(mode, total attempts): Config first, then AWS_MAX_ATTEMPTS / AWS_RETRY_MODE,
    checked in botocore's order (attempts before mode)."""
    retries = dict(config.retries or {}) if config is not None else {}
    if "total_max_attempts" in retries:
        attempts = retries["total_max_attempts"]
    elif "max_attempts" in retries:
        attempts = retries["max_attempts"] + 1
    else:
        env = os.environ.get("AWS_MAX_ATTEMPTS")
        attempts = int(env) if env is not None else None
    if attempts is not None and attempts < 1:
        _raise_bad_attempts(attempts, 1)
    mode = retries.get("mode") or os.environ.get("AWS_RETRY_MODE") or "standard"
    _validate_retries({"mode": mode})
    return mode, attempts if attempts is not None else _DEFAULT_ATTEMPTS[mode]


def check_profile() -> None:
    """``AWS_PROFILE`` naming a profile that no config file has: botocore's
    ``ProfileNotFound`` when the client is created."""
    name = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE")
    if name is None or name == "default":
        return
    import configparser

    config_file = os.path.expanduser(os.environ.get("AWS_CONFIG_FILE", "~/.aws/config"))
    credentials_file = os.path.expanduser(
        os.environ.get("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    )
    found = set()
    for path, prefix in ((config_file, "profile "), (credentials_file, "")):
        parser = configparser.RawConfigParser()
        try:
            parser.read(path)
        except configparser.Error:
            continue
        found.update(section.removeprefix(prefix).strip() for section in parser.sections())
    if name not in found:
        from .exceptions import ProfileNotFound

        raise ProfileNotFound(profile=name)
