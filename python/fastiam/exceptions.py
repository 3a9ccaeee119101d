"""fastiam's exceptions: botocore's names, messages, attributes and pickling.

When botocore is installed, each class here also subclasses botocore's class
of the same name, so ``except botocore.exceptions.ClientError`` handlers written
for boto3 keep catching fastiam's errors. ``import fastiam`` does not import
this module (and so does not pay for botocore's import) until an exception or
``client.exceptions`` is first needed.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from . import _native

try:
    import botocore.exceptions as _botocore
except ImportError:  # fastiam works the same without botocore
    _botocore = None


def _bases(name: str, *own: type) -> tuple[type, ...]:
    """``own`` plus botocore's class of the same name, placed after fastiam's
    bases and before builtins so that the MRO stays consistent."""
    theirs = getattr(_botocore, name, None) if _botocore is not None else None
    if theirs is None:
        return own
    fastiam_bases = tuple(b for b in own if b.__module__ == __name__)
    builtin_bases = tuple(b for b in own if b.__module__ != __name__)
    return (*fastiam_bases, theirs, *builtin_bases)


def _exception_from_packed_args(cls: type, args: tuple = (), kwargs: dict | None = None):
    return cls(*args, **(kwargs or {}))


class BotoCoreError(*_bases("BotoCoreError", Exception)):
    """Base of every fastiam error that is not an error answer from IAM."""

    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs: Any) -> None:
        Exception.__init__(self, self.fmt.format(**kwargs))
        self.kwargs = kwargs

    def __reduce__(self):
        return _exception_from_packed_args, (self.__class__, (), self.kwargs)


class DataNotFoundError(*_bases("DataNotFoundError", BotoCoreError)):
    """Data fastiam has no copy of (botocore's model data)."""

    fmt = "Unable to load data for: {data_path}"


class UnknownServiceError(*_bases("UnknownServiceError", DataNotFoundError)):
    """``client()`` was asked for a service other than ``iam``."""

    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"


class ApiVersionNotFoundError(*_bases("ApiVersionNotFoundError", BotoCoreError)):
    """``client()`` was asked for an API version IAM does not have."""

    fmt = "Unable to load data {data_path} for: {api_version}"


class NoRegionError(*_bases("NoRegionError", BotoCoreError)):
    """A call to a custom endpoint needs a region to sign for, and none is set."""

    fmt = "You must specify a region."


class HTTPClientError(*_bases("HTTPClientError", BotoCoreError)):
    """The HTTP exchange failed in a way that is not a connection error."""

    fmt = "An HTTP Client raised an unhandled exception: {error}"

    def __init__(self, request: Any = None, response: Any = None, **kwargs: Any) -> None:
        self.request = request
        self.response = response
        BotoCoreError.__init__(self, **kwargs)

    def __reduce__(self):
        return _exception_from_packed_args, (
            self.__class__,
            (self.request, self.response),
            self.kwargs,
        )


class ConnectionError(*_bases("ConnectionError", BotoCoreError)):
    """No connection could be made to the endpoint."""

    fmt = "An HTTP Client failed to establish a connection: {error}"


class EndpointConnectionError(*_bases("EndpointConnectionError", ConnectionError)):
    """The endpoint refused the connection or could not be resolved."""

    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'


class SSLError(*_bases("SSLError", ConnectionError)):
    """TLS failed: the certificate was not trusted, or the handshake failed."""

    fmt = "SSL validation failed for {endpoint_url} {error}"


class ProxyConnectionError(*_bases("ProxyConnectionError", ConnectionError)):
    """The proxy could not be reached."""

    fmt = 'Failed to connect to proxy URL: "{proxy_url}"'


class ConnectTimeoutError(*_bases("ConnectTimeoutError", ConnectionError)):
    """Connecting took longer than ``connect_timeout``."""

    fmt = 'Connect timeout on endpoint URL: "{endpoint_url}"'


class ConnectionClosedError(*_bases("ConnectionClosedError", HTTPClientError)):
    """The connection closed before the whole response arrived."""

    fmt = (
        "Connection was closed before we received a valid response "
        'from endpoint URL: "{endpoint_url}".'
    )


class ReadTimeoutError(*_bases("ReadTimeoutError", HTTPClientError)):
    """The response did not arrive within ``read_timeout``."""

    fmt = 'Read timeout on endpoint URL: "{endpoint_url}"'


class NoCredentialsError(*_bases("NoCredentialsError", BotoCoreError)):
    """No credentials were found anywhere in the chain."""

    fmt = "Unable to locate credentials"


class PartialCredentialsError(*_bases("PartialCredentialsError", BotoCoreError)):
    """A source had an access key without its secret key, or the reverse."""

    fmt = "Partial credentials found in {provider}, missing: {cred_var}"


class ProfileNotFound(*_bases("ProfileNotFound", BotoCoreError)):
    """The named profile is in none of the shared config files."""

    fmt = "The config profile ({profile}) could not be found"


class ValidationError(*_bases("ValidationError", BotoCoreError)):
    """A client setting has a value of the wrong form."""

    fmt = "Invalid value ('{value}') for param {param} of type {type_name} "


class ParamValidationError(*_bases("ParamValidationError", BotoCoreError)):
    """The call's arguments failed validation; nothing was sent."""

    fmt = "Parameter validation failed:\n{report}"


class PaginationError(*_bases("PaginationError", BotoCoreError)):
    """A paginator was given a bad ``PaginationConfig`` or token."""

    fmt = "Error during pagination: {message}"


class OperationNotPageableError(*_bases("OperationNotPageableError", BotoCoreError)):
    """``get_paginator`` was asked for an operation that does not page."""

    fmt = "Operation cannot be paginated: {operation_name}"


class WaiterError(*_bases("WaiterError", BotoCoreError)):
    """A waiter gave up: a failure state, an unexpected error, or its attempts
    ran out. ``last_response`` is the result or error response of the last
    attempt; ``kwargs`` holds ``name`` and ``reason``."""

    fmt = "Waiter {name} failed: {reason}"

    def __init__(self, name: str, reason: str, last_response: Any) -> None:
        BotoCoreError.__init__(self, name=name, reason=reason)
        self.last_response = last_response

    def __reduce__(self):
        kwargs = {**self.kwargs, "last_response": self.last_response}
        return _exception_from_packed_args, (self.__class__, (), kwargs)


class InvalidRegionError(*_bases("InvalidRegionError", ValidationError, ValueError)):
    """``region_name`` is not of a region's form."""

    fmt = "Provided region_name '{region_name}' doesn't match a supported format."


class InvalidRetryConfigurationError(*_bases("InvalidRetryConfigurationError", BotoCoreError)):
    """``Config(retries=...)`` has a key botocore does not know."""

    fmt = (
        'Cannot provide retry configuration for "{retry_config_option}". '
        "Valid retry configuration options are: {valid_options}"
    )


class InvalidMaxRetryAttemptsError(
    *_bases("InvalidMaxRetryAttemptsError", InvalidRetryConfigurationError)
):
    """``Config(retries=...)`` asks for too few attempts."""

    fmt = (
        'Value provided to "max_attempts": {provided_max_attempts} must '
        "be an integer greater than or equal to {min_value}."
    )


class InvalidRetryModeError(*_bases("InvalidRetryModeError", InvalidRetryConfigurationError)):
    """``Config(retries={'mode': ...})`` names no retry mode."""

    fmt = 'Invalid value provided to "mode": "{provided_retry_mode}" must be one of: {valid_modes}'


class StubResponseError(*_bases("StubResponseError", BotoCoreError)):
    """A call on a client with an active ``fastiam.stub.Stubber`` that does
    not match the next queued response (another operation)."""

    fmt = "Error getting response stub for operation {operation_name}: {reason}"


class StubAssertionError(*_bases("StubAssertionError", StubResponseError, AssertionError)):
    """A stubbed call whose arguments differ from the queued ``expected_params``."""


class UnStubbedResponseError(*_bases("UnStubbedResponseError", StubAssertionError)):
    """A call on a client with an active Stubber whose queue is empty."""


class ResponseParserError(BotoCoreError):
    """A response that could not be read. botocore's class of this name (in
    ``botocore.parsers``) is a plain ``Exception``; fastiam's is a ``BotoCoreError``
    so that one ``except BotoCoreError`` covers every non-service failure."""

    fmt = "{message}"

    def __init__(self, message: str = "", **kwargs: Any) -> None:
        BotoCoreError.__init__(self, message=message, **kwargs)

    @classmethod
    def create(cls, message: str) -> ResponseParserError:
        """An instance that ``except botocore.parsers.ResponseParserError`` also
        catches, when that module is loaded: importing it just for this would
        cost ~170 ms, and code that names it in an except clause has loaded it."""
        parsers = sys.modules.get("botocore.parsers")
        if parsers is None:
            return cls(message)
        return _with_botocore_parser_base(parsers.ResponseParserError)(message)

    def __reduce__(self):
        return _exception_from_packed_args, (ResponseParserError, (), self.kwargs)


@functools.cache
def _with_botocore_parser_base(theirs: type) -> type:
    return type("ResponseParserError", (ResponseParserError, theirs), {"__module__": __name__})


class ClientError(*_bases("ClientError", Exception)):
    """An error answer from IAM; ``.response`` holds botocore's error dict."""

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} "
        "operation{retry_info}: {error_message}"
    )

    def __init__(self, error_response: dict, operation_name: str) -> None:
        error = error_response.get("Error", {})
        msg = self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"),
            error_message=error.get("Message", "Unknown"),
            operation_name=operation_name,
            retry_info=self._get_retry_info(error_response),
        )
        Exception.__init__(self, msg)
        self.response = error_response
        self.operation_name = operation_name

    @staticmethod
    def _get_retry_info(response: dict) -> str:
        metadata = response.get("ResponseMetadata", {})
        if metadata.get("MaxAttemptsReached", False) and "RetryAttempts" in metadata:
            return f" (reached max retries: {metadata['RetryAttempts']})"
        return ""

    def __reduce__(self):
        return self.__class__, (self.response, self.operation_name)


# IAM's modeled errors, (class name, wire code), from the native core, which
# also needs them to tell modeled from unmodeled errors when retrying.
_MODELED = dict(_native.MODELED_ERRORS)

_BY_CODE: dict[str, type[ClientError]] = {}
for _name, _code in _MODELED.items():
    # Module-level classes, so that pickle finds them by name.
    _BY_CODE[_code] = globals()[_name] = type(
        _name,
        (ClientError,),
        {"__module__": __name__, "__doc__": f"IAM's ``{_code}`` error answer (a ClientError)."},
    )
del _name, _code
MODELED_CODES = frozenset(_BY_CODE)


class IAMExceptions:
    """``client.exceptions``: the modeled classes by name, and lookup by code."""

    ClientError = ClientError

    def __init__(self, code_to_exception: dict[str, type[ClientError]]) -> None:
        self._code_to_exception = code_to_exception
        for cls in code_to_exception.values():
            setattr(self, cls.__name__, cls)

    def from_code(self, error_code: str) -> type[ClientError]:
        """The class for IAM's error ``error_code``; ``ClientError`` for unmodeled codes."""
        return self._code_to_exception.get(error_code, self.ClientError)

    def __getattr__(self, name: str):
        names = ", ".join(cls.__name__ for cls in self._code_to_exception.values())
        raise AttributeError(
            f"{self} object has no attribute {name}. Valid exceptions are: {names}"
        )


IAM_EXCEPTIONS = IAMExceptions(_BY_CODE)
