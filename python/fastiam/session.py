"""``fastiam.Session``: where a client's settings come from, in botocore's order.

Each setting is taken from the first source that has it: the client() call,
its Config, the Session, the environment, then the selected profile of the
shared config files (read by aws-config, see ``_native.load_profile``). The
credential chain itself (environment, files, SSO, web identity, processes,
container and instance metadata) is aws-config's and runs lazily in the native
core; only its entry point is chosen here.
"""

from __future__ import annotations

import os

from . import _native
from .config import Config, resolve_retries, unsupported_options

# Not `from typing import ...`: keeps typing out of the import path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._native import IAM

_SERVICES = ("iam",)
_API_VERSIONS = ("2010-05-08",)
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# The profile keys a client reads (all others are aws-config's business).
_PROFILE_KEYS = [
    "region",
    "retry_mode",
    "max_attempts",
    "sdk_ua_app_id",
    "use_fips_endpoint",
    "use_dualstack_endpoint",
    "ignore_configured_endpoint_urls",
    "ca_bundle",
    "parameter_validation",
    # Read to refuse what fastiam cannot do yet, as Config(...) refuses it.
    "tcp_keepalive",
    "defaults_mode",
    # Credential keys, to apply botocore's order where aws-config's differs.
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "role_arn",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
]
# The SDK works out a worst-case credential-load timeout in a loop over the
# attempts on every call (~90 ns each), so a huge count (botocore takes any)
# would cost seconds per call; 1,000 attempts already retry for over 5 hours.
_MAX_ATTEMPTS = 1_000
# Profile keys that make the profile's credentials come from another provider.
_DELEGATING_KEYS = ("role_arn", "web_identity_token_file", "sso_session", "sso_start_url")


def _error(name: str, **kwargs: Any) -> Exception:
    # fastiam.exceptions imports botocore's exceptions when botocore is installed
    # (~30 ms): only pay for that when there is an error to raise.
    from . import exceptions

    return getattr(exceptions, name)(**kwargs)


def _is_valid_region(name: str) -> bool:
    """botocore's region format, ``^[a-zA-Z0-9](?:[a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?$``,
    checked without importing ``re`` (which would double fastiam's import time)."""
    return (
        0 < len(name) <= 63
        and name[0] in _ALNUM
        and name[-1] in _ALNUM
        and all(c in _ALNUM or c == "-" for c in name)
    )


def _check_endpoint(endpoint_url: str) -> str:
    """botocore's check: ``urlsplit(url).hostname`` must not be None."""
    valid = _plain_url_has_host(endpoint_url)
    if valid is None:
        from urllib.parse import urlsplit

        try:
            valid = urlsplit(endpoint_url).hostname is not None
        except ValueError:
            valid = False
    if not valid:
        raise ValueError(f"Invalid endpoint: {endpoint_url}")
    return endpoint_url


def _plain_url_has_host(url: str) -> bool | None:
    """urlsplit's answer for a plain ``http(s)://`` URL (printable ASCII, no IPv6
    brackets), without importing urllib.parse: with ``re``, ``ipaddress`` and
    ``collections`` it costs more than the rest of a first client's creation.
    None for any other URL, which urlsplit then judges."""
    scheme, separator, rest = url.partition("://")
    plain = url.isascii() and url.isprintable() and not any(c in url for c in " []")
    if not separator or scheme.lower() not in ("http", "https") or not plain:
        return None
    netloc = rest
    for delimiter in "/?#":
        netloc = netloc.split(delimiter, 1)[0]
    return netloc.rpartition("@")[2].partition(":")[0] != ""


def _boolean(value: object) -> bool:
    # botocore's ensure_boolean: only a real True or the string "true" count.
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _first(*values: Any) -> Any:
    return next((value for value in values if value is not None), None)


class Session:
    """Credentials, region and profile shared by the clients it creates; the
    arguments are ``boto3.Session``'s. An unknown profile raises ``ProfileNotFound``."""

    def __init__(
        self,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        region_name: str | None = None,
        profile_name: str | None = None,
    ) -> None:
        self._credentials = (aws_access_key_id, aws_secret_access_key, aws_session_token)
        self._region_name = region_name
        # botocore: an explicit profile_name makes the credential chain skip the
        # environment's keys; a profile chosen through AWS_PROFILE does not.
        self._explicit_profile = profile_name
        requested = _first(
            profile_name, os.environ.get("AWS_DEFAULT_PROFILE"), os.environ.get("AWS_PROFILE")
        )
        selected, found, self._profile = _native.load_profile(requested, _PROFILE_KEYS)
        if requested is not None and not found:
            raise _error("ProfileNotFound", profile=requested)
        self._profile_name = requested or selected

    @property
    def profile_name(self) -> str:
        return self._profile_name

    @property
    def region_name(self) -> str | None:
        return _first(
            self._region_name,
            os.environ.get("AWS_DEFAULT_REGION"),
            os.environ.get("AWS_REGION"),
            self._profile.get("region"),
        )

    def get_available_services(self) -> list[str]:
        """The services this session can create clients for: ``["iam"]``."""
        return list(_SERVICES)

    def get_available_resources(self) -> list[str]:
        """The services this session can create resources for: ``["iam"]``."""
        return list(_SERVICES)

    def client(
        self,
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
        """Creates an IAM client; the arguments are ``boto3.Session.client``'s."""
        return self._create(
            _native.IAM,
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
        self,
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
        """boto3's IAM resource interface, its calls made by a fastiam client; the
        arguments are ``boto3.Session.resource``'s. Needs ``fastiam[resource]``."""
        from . import _resource

        return _resource.create(
            self,
            service_name,
            api_version,
            config,
            region_name=region_name,
            use_ssl=use_ssl,
            verify=verify,
            endpoint_url=endpoint_url,
            aws_access_key_id=aws_access_key_id,
            aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token,
        )

    def _create(
        self,
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
        aws_account_id: str | None = None,  # IAM has no account-based endpoints
        **native: Any,
    ) -> Any:
        """Checks the arguments as botocore does and builds a ``cls`` client."""
        if service_name not in _SERVICES:
            raise _error(
                "UnknownServiceError",
                service_name=service_name,
                known_service_names=", ".join(_SERVICES),
            )
        if api_version is not None and api_version not in _API_VERSIONS:
            raise _error("DataNotFoundError", data_path=f"{service_name}/{api_version}/service-2")
        config = config or Config()
        unsupported = unsupported_options(config)
        if unsupported:
            raise NotImplementedError(f"Config({unsupported}=...) is not supported by fastiam")
        profile = self._profile
        _refuse_from_elsewhere(config, profile)
        region = _first(region_name, config.region_name, self.region_name)
        if region is not None and not _is_valid_region(region):
            raise _error("InvalidRegionError", region_name=region)
        ignore_configured = _boolean(
            _first(
                config.ignore_configured_endpoint_urls,
                os.environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"),
                profile.get("ignore_configured_endpoint_urls"),
            )
        )
        endpoint = self._endpoint_url(endpoint_url, ignore_configured)
        key, secret, token = self._pick_credentials(
            aws_access_key_id, aws_secret_access_key, aws_session_token
        )
        mode, attempts = resolve_retries(config, profile)
        fips = _boolean(
            _first(
                config.use_fips_endpoint,
                os.environ.get("AWS_USE_FIPS_ENDPOINT"),
                profile.get("use_fips_endpoint"),
            )
        )
        dualstack = _boolean(
            _first(
                config.use_dualstack_endpoint,
                os.environ.get("AWS_USE_DUALSTACK_ENDPOINT"),
                profile.get("use_dualstack_endpoint"),
            )
        )
        settings = {
            "region_name": region,
            "endpoint_url": endpoint,
            "ignore_configured_endpoint_urls": ignore_configured,
            "use_ssl": bool(use_ssl),
            "use_fips": fips,
            "use_dualstack": dualstack,
            "profile_name": self._profile_name if self._profile_name != "default" else None,
            "skip_environment_credentials": self._explicit_profile is not None,
            "aws_access_key_id": key,
            "aws_secret_access_key": secret,
            "aws_session_token": token,
            "connect_timeout": float(config.connect_timeout),
            "read_timeout": float(config.read_timeout),
            "retry_mode": mode,
            "max_attempts": min(int(attempts), _MAX_ATTEMPTS),
            "parameter_validation": _validation(
                config.parameter_validation, profile.get("parameter_validation")
            ),
            "user_agent_extra": config.user_agent_extra,
            "user_agent_appid": _first(
                config.user_agent_appid,
                os.environ.get("AWS_SDK_UA_APP_ID"),
                profile.get("sdk_ua_app_id"),
            ),
            **_proxy_settings(config.proxies, endpoint, use_ssl),
            "ca_bundle": None if verify is False else self._ca_bundle(verify),
            "verify": verify is not False,
            "max_pool_connections": _pool_size(config.max_pool_connections),
        }
        return cls(settings, config=config, **native)

    def _endpoint_url(self, endpoint_url: str | None, ignore_configured: bool) -> str | None:
        """The argument, else (unless configured endpoints are ignored)
        AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL; checked here so that a bad one
        fails at client creation, as in botocore. (The profile's services
        section and endpoint_url, which come next, are read by the native core.)"""
        if endpoint_url is not None:
            return _check_endpoint(endpoint_url)
        if ignore_configured:
            return None
        configured = _first(
            os.environ.get("AWS_ENDPOINT_URL_IAM"), os.environ.get("AWS_ENDPOINT_URL")
        )
        return None if configured is None else _check_endpoint(configured)

    def _pick_credentials(
        self, key: str | None, secret: str | None, token: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """The client's keys, else the session's, else (when the chain would reach
        the profile) the profile's static keys; all None leaves it to aws-config's
        chain. botocore takes a profile's static keys before its
        credential_process, and rejects a profile with only half of a key pair."""
        candidates = [((key, secret, token), "explicit"), (self._credentials, "explicit")]
        if self._explicit_profile is None and self._env_keys_are_partial(candidates):
            # botocore's environment provider, at client creation as there.
            raise _error(
                "PartialCredentialsError", provider="env", cred_var="AWS_SECRET_ACCESS_KEY"
            )
        if self._chain_reaches_profile():
            profile = self._profile
            keys = (
                profile.get("aws_access_key_id"),
                profile.get("aws_secret_access_key"),
                profile.get("aws_session_token"),
            )
            candidates.append((keys, "shared-credentials-file"))
        for candidate, provider in candidates:
            access_key, secret_key, _ = candidate
            if access_key is not None and secret_key is not None:
                return candidate
            if (access_key is None) != (secret_key is None):
                missing = "aws_secret_access_key" if secret_key is None else "aws_access_key_id"
                raise _error("PartialCredentialsError", provider=provider, cred_var=missing)
        return None, None, None

    @staticmethod
    def _env_keys_are_partial(explicit: list) -> bool:
        """An access key in the environment without its secret key, when no
        complete or half explicit pair comes first."""
        if any(a is not None or s is not None for (a, s, _), _ in explicit):
            return False
        return bool(os.environ.get("AWS_ACCESS_KEY_ID")) and not os.environ.get(
            "AWS_SECRET_ACCESS_KEY"
        )

    def _chain_reaches_profile(self) -> bool:
        """Whether the chain gets past the environment to the profile's own keys."""
        if any(self._profile.get(name) for name in _DELEGATING_KEYS):
            return False
        if self._explicit_profile is not None:
            return True
        return not (os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"))

    def _ca_bundle(self, verify: bool | str | None) -> bytes | None:
        """PEM certificates to trust: ``verify="path"``, AWS_CA_BUNDLE, the profile's
        ca_bundle. A bundle that cannot be read trusts nothing, so HTTPS calls
        fail with SSLError, as in botocore."""
        path = verify if isinstance(verify, str) else None
        path = _first(path, os.environ.get("AWS_CA_BUNDLE"), self._profile.get("ca_bundle"))
        if path is None:
            return None
        try:
            with open(os.path.expanduser(path), "rb") as bundle:
                return bundle.read()
        except OSError:
            return b""


def _pool_size(value: Any) -> int:
    """``Config(max_pool_connections)`` for the native core: botocore takes any
    int; a size of 0 or less means no cap there (an unbounded urllib3 pool), and
    so does 0 here, as does a size too large to count."""
    size = int(value)
    return size if 0 < size < 2**63 else 0


def _proxy_settings(proxies: dict | None, endpoint: str | None, use_ssl: bool) -> dict:
    """The proxy for the endpoint's scheme, from ``Config(proxies=...)`` or else
    the environment (HTTPS_PROXY / HTTP_PROXY, either case), with NO_PROXY; with
    the masked form the native core shows in its texts."""
    scheme = endpoint.split("://", 1)[0].lower() if endpoint else ("https" if use_ssl else "http")
    if proxies:
        return _proxy(proxies.get(scheme), None)

    def environment(name: str) -> str | None:
        return _first(os.environ.get(name.lower()), os.environ.get(name.upper())) or None

    no_proxy = environment("no_proxy")
    if no_proxy is not None and no_proxy.strip() == "*":
        return _proxy(None, None)  # every host bypasses the proxy
    return _proxy(environment(f"{scheme}_proxy"), no_proxy)


def _proxy(url: object, no_proxy: str | None) -> dict:
    if not url:
        return {"proxy": None, "proxy_shown": None, "proxy_secrets": [], "no_proxy": None}
    if not isinstance(url, str):
        raise TypeError(f"proxy URL must be a str, not {type(url).__name__}")
    from ._proxy import fix_proxy_url, mask_proxy_url, proxy_secrets

    url = fix_proxy_url(url)
    return {
        "proxy": url,
        "proxy_shown": mask_proxy_url(url),
        "proxy_secrets": proxy_secrets(url),
        "no_proxy": no_proxy,
    }


_default: tuple[tuple, Session] | None = None
# The environment a default session was made from: change one and the next
# fastiam.client() builds a new default session.
_SESSION_ENVIRONMENT = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
)


def default_session() -> Session:
    """The session behind ``fastiam.client()``, like boto3's default session."""
    global _default
    environment = tuple(os.environ.get(name) for name in _SESSION_ENVIRONMENT)
    if _default is None or _default[0] != environment:
        _default = (environment, Session())
    return _default[1]


def _validation(setting: object, from_profile: str | None) -> str:
    # botocore: a false Config setting turns validation off; otherwise the
    # profile's `parameter_validation` decides (any text but "true" is off).
    if setting and from_profile is not None:
        setting = setting if from_profile.lower() == "true" else False
    # "strict" (a fastiam extra) adds the model's maximums and patterns;
    # anything else counts by truthiness, as in botocore.
    if setting == "strict":
        return "strict"
    return "botocore" if setting else "off"


def _refuse_from_elsewhere(config: Config, profile: dict) -> None:
    """The refused Config options, set by the environment or the profile:
    refused the same way rather than silently ignored."""
    options = config._user_provided_options
    if "tcp_keepalive" not in options:
        variable = os.environ.get("BOTOCORE_TCP_KEEPALIVE")
        if variable is not None and variable.lower() == "true":
            raise NotImplementedError(
                "BOTOCORE_TCP_KEEPALIVE=true (tcp_keepalive) is not supported by fastiam"
            )
        if variable is None and (profile.get("tcp_keepalive") or "").lower() == "true":
            raise NotImplementedError(
                "tcp_keepalive = true in the profile is not supported by fastiam"
            )
    if "defaults_mode" not in options:
        variable = os.environ.get("AWS_DEFAULTS_MODE")
        mode = _first(variable, profile.get("defaults_mode"))
        if mode is not None and mode.lower() != "legacy":
            where = "AWS_DEFAULTS_MODE" if variable is not None else "defaults_mode in the profile"
            raise NotImplementedError(
                f"{where}={mode!r} (defaults_mode) is not supported by fastiam"
            )
