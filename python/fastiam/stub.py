"""``fastiam.stub.Stubber``: botocore's Stubber for fastiam clients.

Queue the responses (or errors) that calls should get, activate the stubber,
and the client's calls take them from the queue in order, with nothing sent::

    import fastiam
    from fastiam.stub import ANY, Stubber

    iam = fastiam.client("iam")
    with Stubber(iam) as stubber:
        stubber.add_response(
            "list_mfa_devices", {"MFADevices": []}, expected_params={"UserName": ANY}
        )
        stubber.add_client_error("get_mfa_device", "NoSuchEntity", "No such device", 404)
        assert iam.list_mfa_devices(UserName="alice") == {"MFADevices": []}
        try:
            iam.get_mfa_device(SerialNumber="arn:aws:iam::123456789012:mfa/alice")
        except iam.exceptions.NoSuchEntityException:
            pass
        stubber.assert_no_pending_responses()

It behaves as ``botocore.stub.Stubber`` does on a boto3 client, with the same
methods, checks, order of checks and messages: a call is first checked against
the head of the queue (``UnStubbedResponseError`` when the queue is empty,
``StubResponseError`` for another operation, ``StubAssertionError`` when the
arguments differ from ``expected_params``), then its arguments are validated
as usual (``ParamValidationError``, the response stays queued), then the queued
response is returned or its error raised. ``add_response`` checks the response
against the operation's result model as botocore does. It works on
``fastiam.aio`` clients too: there each call's outcome comes when it is awaited.

The extras ``enable_virtual_mfa_device`` and ``resync_virtual_mfa_device`` are
``EnableMFADevice`` and ``ResyncMFADevice`` calls, so a response queued for
either name of an operation answers both methods; their ``expected_params`` are
the extra's own arguments (``UserName``, ``SerialNumber``, ``Base32StringSeed``).

Works without botocore; when botocore is installed, the stub errors are also
instances of botocore's classes of the same names.
"""

from __future__ import annotations

import datetime
import importlib
from collections import deque
from pprint import pformat
from typing import TYPE_CHECKING, Any

from . import _native, _stub_tables
from .exceptions import (
    IAM_EXCEPTIONS,
    MODELED_CODES,
    ParamValidationError,
    StubAssertionError,
    StubResponseError,
    UnStubbedResponseError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import TracebackType
    from typing import Protocol

    from typing_extensions import Self

    from ._native import IAM

    class _Stubbable(Protocol):
        def _set_stub(self, stub: Stubber | None) -> None: ...


__all__ = [
    "ANY",
    "StubAssertionError",
    "StubResponseError",
    "Stubber",
    "UnStubbedResponseError",
]


class _ANY:
    """A helper object that compares equal to everything (as botocore's and
    unittest.mock's ``ANY``)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __repr__(self) -> str:
        return "<ANY>"


ANY: Any = _ANY()
"""In ``expected_params``, a top-level value that matches any argument."""


# Client method -> IAM operation (wire) name; the extras send the operations
# they are built on.
_OPERATION_NAMES: dict[str, str] = dict(_native.WIRE_NAMES)


class Stubber:
    """Answers a fastiam client's calls from a queue of responses, as
    ``botocore.stub.Stubber`` does for a boto3 client.

    ``with Stubber(client) as stubber:`` activates it for the block (or call
    ``activate()`` and ``deactivate()``). While it is active the client sends
    nothing: every call takes the next queued response.
    """

    def __init__(self, client: IAM) -> None:
        """:param client: the fastiam client (sync or ``fastiam.aio``) to stub."""
        self.client = client
        self._queue: deque[dict[str, Any]] = deque()

    def __enter__(self) -> Self:
        self.activate()
        return self

    def __exit__(
        self,
        exception_type: type[BaseException] | None,
        exception_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.deactivate()

    def activate(self) -> None:
        """Activates the stubber on the client: its calls are answered from the queue."""
        self._stubbable()._set_stub(self)

    def deactivate(self) -> None:
        """Deactivates the stubber on the client: calls go to IAM again. The
        queue is kept."""
        self._stubbable()._set_stub(None)

    def _stubbable(self) -> _Stubbable:
        return self.client  # type: ignore[return-value]

    def add_response(
        self,
        method: str,
        service_response: Mapping[str, Any],
        expected_params: Mapping[str, Any] | None = None,
    ) -> None:
        """Adds a service response to the response queue. It is validated
        against the operation's result model as botocore does (unknown keys,
        wrong types, missing required keys and too short strings raise
        ``ParamValidationError``); fill in every value a real response has.

        :param method: the name of the client method to stub, e.g. ``"list_mfa_devices"``.
        :param service_response: the dict the call returns (as given, not copied).
        :param expected_params: the keyword arguments the call must get;
            ``ANY`` matches any value of a top-level argument. A call with
            other arguments raises ``StubAssertionError``.
        """
        if not hasattr(self.client, method) or method not in _OPERATION_NAMES:
            raise ValueError(
                f"Client {self.client.meta.service_name} does not have method: {method}"
            )
        operation_name = _OPERATION_NAMES[method]
        response: Any = service_response
        if "ResponseMetadata" in response:
            # Not validated, as botocore.
            response = dict(service_response)
            del response["ResponseMetadata"]
        _validate_response(_OUTPUTS[operation_name], response)
        self._queue.append(
            {
                "operation_name": operation_name,
                "response": (200, service_response),
                "expected_params": expected_params,
            }
        )

    def add_client_error(
        self,
        method: str,
        service_error_code: str = "",
        service_message: str = "",
        http_status_code: int = 400,
        service_error_meta: Mapping[str, Any] | None = None,
        expected_params: Mapping[str, Any] | None = None,
        response_meta: Mapping[str, Any] | None = None,
        modeled_fields: Mapping[str, Any] | None = None,
    ) -> None:
        """Adds a ``ClientError`` to the response queue: the call raises the
        error code's class (``client.exceptions.from_code(code)``) with
        botocore's ``response`` dict.

        :param method: the name of the client method to return the error on.
        :param service_error_code: IAM's error code, e.g. ``"NoSuchEntity"``.
        :param service_message: the error message, e.g. ``"User alice not found."``.
        :param http_status_code: the HTTP status code, e.g. 404; below 300 the
            call returns the error dict instead, as botocore's does.
        :param service_error_meta: more keys for ``response["Error"]``.
        :param expected_params: as for ``add_response``.
        :param response_meta: more keys for ``response["ResponseMetadata"]``.
        :param modeled_fields: more top-level keys of ``response``, validated
            against the error code's model (``message`` for most IAM errors).
        """
        parsed: dict[str, Any] = {
            "ResponseMetadata": {"HTTPStatusCode": http_status_code},
            "Error": {"Message": service_message, "Code": service_error_code},
        }
        if service_error_meta is not None:
            parsed["Error"].update(service_error_meta)
        if response_meta is not None:
            parsed["ResponseMetadata"].update(response_meta)
        if modeled_fields is not None:
            _validate_response(_error_shape(service_error_code), modeled_fields)
            parsed.update(modeled_fields)
        self._queue.append(
            {
                # None for a name that is not an operation, as botocore: the
                # call then finds "a response for None".
                "operation_name": _OPERATION_NAMES.get(method),
                "response": (http_status_code, parsed),
                "expected_params": expected_params,
            }
        )

    def assert_no_pending_responses(self) -> None:
        """Asserts that all expected calls were made (``AssertionError`` if not)."""
        remaining = len(self._queue)
        if remaining != 0:
            raise AssertionError(f"{remaining} responses remaining in queue.")

    # -- the client's hooks (see client._set_stub) ---------------------------

    def _assert_expected_call_order(self, operation_name: str) -> None:
        if not self._queue:
            raise UnStubbedResponseError(
                operation_name=operation_name,
                reason=(
                    "Unexpected API Call: A call was made but no additional "
                    "calls expected. Either the API Call was not stubbed or "
                    "it was called multiple times."
                ),
            )
        name = self._queue[0]["operation_name"]
        if name != operation_name:
            raise StubResponseError(
                operation_name=operation_name,
                reason=f"Operation mismatch: found response for {name}.",
            )

    def _expect(self, operation_name: str, params: dict[str, Any]) -> None:
        """Before validation: the call must be the head of the queue, with its
        expected arguments (botocore's ``before-parameter-build`` handler)."""
        self._assert_expected_call_order(operation_name)
        expected_params = self._queue[0]["expected_params"]
        if expected_params is None:
            return
        for param in expected_params:
            if param not in params or expected_params[param] != params[param]:
                raise _params_mismatch(operation_name, expected_params, params)
        if sorted(expected_params.keys()) != sorted(params.keys()):
            raise _params_mismatch(operation_name, expected_params, params)

    def _respond(self, operation_name: str) -> Any:
        """After validation: takes the head of the queue; returns its response
        or raises its error (botocore's ``before-call`` handler and client)."""
        self._assert_expected_call_order(operation_name)
        status, parsed = self._queue.popleft()["response"]
        if status >= 300:
            code = parsed.get("Error", {}).get("Code")
            raise IAM_EXCEPTIONS.from_code(code)(parsed, operation_name)
        shape = _OUTPUTS[operation_name]
        if shape is not None:
            # botocore's after-call handler decodes stubbed results too, in place.
            from ._wire import policy_document

            _decode_policies(parsed, shape, policy_document)
        return parsed


def _params_mismatch(
    operation_name: str, expected_params: Mapping[str, Any], params: dict[str, Any]
) -> StubAssertionError:
    return StubAssertionError(
        operation_name=operation_name,
        reason=(
            f"Expected parameters:\n{pformat(expected_params)},\nbut received:\n{pformat(params)}"
        ),
    )


# ---------------------------------------------------------------------------
# Responses against the result model, as botocore.validate.ParamValidator.
#
# _stub_tables holds botocore's result model for fastiam's operations (generated
# from the pinned model, keyed by shape name as botocore's own: one member name
# has different shapes in different results); tests/tools/test_stub.py compares
# it with botocore's IAM model.
_OUTPUTS = _stub_tables.OUTPUTS
_SHAPES = _stub_tables.SHAPES
_ERRORS_WITHOUT_MEMBERS = _stub_tables.ERRORS_WITHOUT_MEMBERS
# A modeled error's one member, ``message``: a string without a minimum.
_MESSAGE = ("string", None)

_STR = str(str)  # "<class 'str'>"
_VALID_TYPES: dict[str, tuple[type, ...]] = {
    "structure": (dict,),
    "map": (dict,),
    "list": (list, tuple),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "string": (str,),
}


def _decode_policies(parsed: Any, shape: str, decode: Callable[[Any], Any]) -> None:
    """Decodes the policy documents in ``parsed`` (of result shape ``shape``) in
    place, as botocore's json_decode_policies does: structures and lists are
    walked, maps are not."""
    entry = _SHAPES[shape]
    if entry[0] == "structure" and isinstance(parsed, dict):
        for member, member_shape in entry[1]:
            if member not in parsed:
                continue
            if member_shape == _POLICY_DOCUMENT:  # a string shape in IAM's model
                parsed[member] = decode(parsed[member])
            else:
                _decode_policies(parsed[member], member_shape, decode)
    elif entry[0] == "list":
        for item in parsed:
            _decode_policies(item, entry[1], decode)


_POLICY_DOCUMENT = "policyDocumentType"


def _error_shape(code: str) -> Any:
    """The model of a modeled error's extra fields (None for other codes), as a
    _SHAPES entry."""
    if code not in MODELED_CODES:
        return None
    if code in _ERRORS_WITHOUT_MEMBERS:
        return ("structure", (), (), False)
    return ("structure", (("message", _MESSAGE),), (), False)


def _validate_response(shape: Any, response: Any) -> None:
    """Raises ParamValidationError with botocore's report when ``response``
    does not fit ``shape`` (a _SHAPES name or entry; None: the operation has no
    result, only ResponseMetadata)."""
    if shape is None:
        if response:
            raise ParamValidationError(
                report="Service response should only contain ResponseMetadata."
            )
        return
    errors: list[str] = []
    _validate(response, shape, "", errors)
    if errors:
        raise ParamValidationError(report="\n".join(errors))


def _shown(name: str) -> str:
    if not name:
        return "input"
    return name.removeprefix(".")


def _invalid_type(errors: list[str], name: str, value: Any, valid: str) -> None:
    errors.append(
        f"Invalid type for parameter {_shown(name)}, value: {value}, "
        f"type: {type(value)}, valid types: {valid}"
    )


def _validate(value: Any, shape: Any, name: str, errors: list[str]) -> None:
    """Appends botocore's report lines for ``value`` against ``shape`` (a
    _SHAPES name, or an entry) to ``errors``."""
    entry = _SHAPES[shape] if isinstance(shape, str) else shape
    kind = entry[0]
    if kind == "blob":
        if not isinstance(value, (bytes, bytearray, str)) and not hasattr(value, "read"):
            valid = f"{bytes}, {bytearray}, file-like object"
            _invalid_type(errors, name, value, valid)
    elif kind == "timestamp":
        if not _is_timestamp(value):
            _invalid_type(errors, name, value, f"{datetime.datetime}, timestamp-string")
    elif not _is_instance(value, _VALID_TYPES[kind]):
        _invalid_type(errors, name, value, ", ".join(str(t) for t in _VALID_TYPES[kind]))
    elif kind == "structure":
        _validate_structure(value, entry, name, errors)
    elif kind == "list":
        _check_min(errors, name, len(value), entry[2], "length")
        for i, item in enumerate(value):
            _validate(item, entry[1], f"{name}[{i}]", errors)
    elif kind == "map":
        for key, item in value.items():
            _validate(key, entry[1], f"{name} (key: {key})", errors)
            _validate(item, entry[2], f"{name}.{key}", errors)
    elif kind == "string":
        _check_min(errors, name, len(value), entry[1], "length")
    elif kind in ("integer", "long"):
        _check_min(errors, name, value, entry[1], "value")


def _validate_structure(value: Any, entry: Any, name: str, errors: list[str]) -> None:
    _, members_in_order, required, union = entry
    members = dict(members_in_order)
    if union and len(value) == 0:
        # botocore's text, without the space between "union" and "structure".
        errors.append(
            "Must set one of the following keys for tagged union"
            f"structure {_shown(name)}: {', '.join(members)}."
        )
    elif union and len(value) > 1:
        errors.append(
            "Invalid number of parameters set for tagged union structure "
            f"{_shown(name)}. Can only set one of the following keys: {', '.join(members)}."
        )
    for member in required:
        if member not in value:
            errors.append(f'Missing required parameter in {_shown(name)}: "{member}"')
    known = []
    for param in value:
        if param in members:
            known.append(param)
        else:
            errors.append(
                f'Unknown parameter in {_shown(name)}: "{param}", '
                f"must be one of: {', '.join(members)}"
            )
    for param in known:
        _validate(value[param], members[param], f"{name}.{param}", errors)


def _is_instance(value: Any, types: tuple[type, ...]) -> bool:
    # A function, so that the caller's ``value`` stays Any for type checkers.
    return isinstance(value, types)


def _check_min(errors: list[str], name: str, value: int, minimum: int | None, what: str) -> None:
    """botocore's range check: a length (``what`` "length") or a value below the minimum."""
    if minimum is not None and value < minimum:
        errors.append(
            f"Invalid {what} for parameter {_shown(name)}, value: {value}, "
            f"valid min {what}: {minimum}"
        )


def _is_timestamp(value: Any) -> bool:
    """Whether botocore takes ``value`` for a timestamp: a datetime, epoch
    seconds (a number, or a string of one), or a date string that
    dateutil parses (ISO 8601 when dateutil is not installed)."""
    if isinstance(value, datetime.datetime):
        return True
    try:
        seconds = value if isinstance(value, (int, float)) else float(value)
        datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
        return True
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    try:
        parser = importlib.import_module("dateutil.parser")
        tz = importlib.import_module("dateutil.tz")
    except ImportError:
        return _is_iso8601(value)
    try:
        parser.parse(value, tzinfos={"GMT": tz.tzutc()})
        return True
    except Exception:  # noqa: BLE001 - any failure to parse is an invalid timestamp
        return False


def _is_iso8601(value: Any) -> bool:
    if isinstance(value, (bytes, bytearray)):
        try:
            value = value.decode()
        except UnicodeDecodeError:
            return False
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        datetime.datetime.fromisoformat(text)
        return True
    except ValueError:
        return False
