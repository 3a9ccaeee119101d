"""``fastiam.stub.Stubber`` against ``botocore.stub.Stubber``.

Each scenario runs three times: through botocore's Stubber on a boto3 client,
and through fastiam's Stubber on a sync and on an async fastiam client, and
what every step produced (results, exception class names, messages, error
responses, pending-queue assertions) must be the same. The fastiam clients
point at a port where nothing listens, so a call that reached the network
would fail with EndpointConnectionError: stubbed calls send nothing.
"""

from __future__ import annotations

import asyncio
import copy
import datetime
import operator
import pickle
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Callable

import botocore.config
import botocore.exceptions
import botocore.session
import botocore.stub
import fastiam
import fastiam._native
import fastiam.aio
import fastiam.exceptions
import fastiam.stub
import pytest

SERIAL = "arn:aws:iam::123456789012:mfa/alice"
SEED = b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
WHEN = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
ENABLE = {
    "UserName": "alice",
    "SerialNumber": SERIAL,
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}
USER = {
    "Path": "/",
    "UserName": "alice",
    "UserId": "AIDAEXAMPLEEXAMPLE01",
    "Arn": "arn:aws:iam::123456789012:user/alice",
    "CreateDate": WHEN,
}
LIBS = ("boto3", "sync", "async")

# Every boto3 operation: valid arguments and a valid response of the model.
OPERATIONS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "create_virtual_mfa_device": (
        {"VirtualMFADeviceName": "alice", "Path": "/", "Tags": [{"Key": "k", "Value": "v"}]},
        {
            "VirtualMFADevice": {
                "SerialNumber": SERIAL,
                "Base32StringSeed": SEED,
                "QRCodePNG": b"\x89PNG\r\n",
                "Tags": [{"Key": "k", "Value": "v"}],
            },
            "ResponseMetadata": {"RequestId": "r-1", "HTTPStatusCode": 200},
        },
    ),
    "deactivate_mfa_device": ({"UserName": "alice", "SerialNumber": SERIAL}, {}),
    "delete_virtual_mfa_device": ({"SerialNumber": SERIAL}, {}),
    "enable_mfa_device": (ENABLE, {"ResponseMetadata": {"RequestId": "r-2"}}),
    "get_mfa_device": (
        {"SerialNumber": SERIAL, "UserName": "alice"},
        {
            "UserName": "alice",
            "SerialNumber": SERIAL,
            "EnableDate": WHEN,
            "Certifications": {"FIPS-140-2": "L2"},
        },
    ),
    "list_mfa_device_tags": (
        {"SerialNumber": SERIAL, "MaxItems": 10},
        {"Tags": [{"Key": "k", "Value": ""}], "IsTruncated": False},
    ),
    "list_mfa_devices": (
        {"UserName": "alice"},
        {
            "MFADevices": [{"UserName": "alice", "SerialNumber": SERIAL, "EnableDate": WHEN}],
            "IsTruncated": False,
        },
    ),
    "list_virtual_mfa_devices": (
        {"AssignmentStatus": "Assigned"},
        {
            "VirtualMFADevices": [
                {
                    "SerialNumber": SERIAL,
                    "User": {**USER, "Tags": [], "PasswordLastUsed": "2024-05-06T07:08:09Z"},
                    "EnableDate": 1714979289,
                }
            ],
            "IsTruncated": True,
            "Marker": "next",
        },
    ),
    "resync_mfa_device": (ENABLE, {}),
    "tag_mfa_device": ({"SerialNumber": SERIAL, "Tags": [{"Key": "k", "Value": "v"}]}, {}),
    "untag_mfa_device": ({"SerialNumber": SERIAL, "TagKeys": ["k"]}, {}),
}


# ---------------------------------------------------------------------------
# Running one scenario through the three stubbers


@dataclass
class Harness:
    """One client and its stubber; ``call`` and ``pending`` record outcomes."""

    lib: str
    client: Any
    stubber: Any
    ANY: Any

    def call(self, method: str, *args: Any, **kwargs: Any) -> tuple:
        """``client.<method>(*args, **kwargs)`` (awaited on an async client):
        ("result", value) or the error's class name, str, response and
        operation name."""
        try:
            if self.lib == "async":
                result = asyncio.run(awaited(getattr(self.client, method), args, kwargs))
            else:
                result = getattr(self.client, method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            return error_outcome(error)
        return ("result", result)

    def pending(self) -> tuple:
        try:
            self.stubber.assert_no_pending_responses()
        except AssertionError as error:
            return ("AssertionError", str(error))
        return ("none pending",)

    def attempt(self, action: Callable[[], Any]) -> tuple:
        """A stubber method's outcome: ("ok", its return value) or the error."""
        try:
            return ("ok", action())
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            return error_outcome(error)


async def awaited(method: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    return await method(*args, **kwargs)


def error_outcome(error: BaseException) -> tuple:
    return (
        type(error).__name__,
        str(error),
        getattr(error, "response", None),
        getattr(error, "operation_name", None),
    )


@pytest.fixture
def harness(boto_session, refused_url: str) -> Callable[..., Harness]:
    """``harness(lib, config=None)``: a fresh client of ``lib`` ("boto3",
    "sync" or "async") with an (inactive) stubber."""

    def make(lib: str, config: dict | None = None, endpoint_url: str | None = None) -> Harness:
        kwargs: dict[str, Any] = {
            "region_name": "us-east-1",
            "aws_access_key_id": "a",
            "aws_secret_access_key": "b",
        }
        if lib == "boto3":
            client = boto_session.client(
                "iam",
                endpoint_url=endpoint_url,
                config=botocore.config.Config(**(config or {})),
                **kwargs,
            )
            return Harness(lib, client, botocore.stub.Stubber(client), botocore.stub.ANY)
        create = fastiam.client if lib == "sync" else fastiam.aio.client
        client = create(
            "iam",
            endpoint_url=endpoint_url or refused_url,
            config=fastiam.Config(**(config or {})),
            **kwargs,
        )
        return Harness(lib, client, fastiam.stub.Stubber(client), fastiam.stub.ANY)

    return make


def run_everywhere(harness, scenario: Callable[[Harness], list], **options: Any) -> list:
    """Runs ``scenario`` on each lib; asserts they all recorded the same
    outcomes, and that fastiam's errors are instances of botocore's classes
    (and of the builtins) that boto3's errors are; returns boto3's record."""
    records = {lib: scenario(harness(lib, **options)) for lib in LIBS}
    for lib in ("sync", "async"):
        assert records[lib] == records["boto3"], lib
    return records["boto3"]


# ---------------------------------------------------------------------------
# Scenarios: botocore's documented Stubber behaviours


def test_response_is_returned_as_given_and_the_queue_empties(harness):
    def scenario(h: Harness) -> list:
        response = {"MFADevices": [], "IsTruncated": False}
        h.stubber.add_response("list_mfa_devices", response)
        record = [h.pending()]
        with h.stubber:
            outcome = h.call("list_mfa_devices")
        record += [outcome, outcome[1] is response, h.pending()]
        return record

    record = run_everywhere(harness, scenario)
    assert record[0] == ("AssertionError", "1 responses remaining in queue.")
    assert record[1:] == [
        ("result", {"MFADevices": [], "IsTruncated": False}),
        True,
        ("none pending",),
    ]


@pytest.mark.parametrize("method", sorted(OPERATIONS))
def test_every_operation_is_stubbed(harness, method):
    params, response = OPERATIONS[method]

    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_response(method, response, expected_params=params)
            return [h.call(method, **params), h.pending(), h.call(method, **params)]

    record = run_everywhere(harness, scenario)
    assert record[0] == ("result", response)
    assert record[2][0] == "UnStubbedResponseError"


def test_responses_are_given_in_order(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_response("list_mfa_devices", {"MFADevices": []})
            h.stubber.add_client_error("get_mfa_device", "NoSuchEntity", "gone", 404)
            h.stubber.add_response("enable_mfa_device", {})
            return [
                h.call("list_mfa_devices"),
                h.call("get_mfa_device", SerialNumber=SERIAL),
                h.pending(),
                h.call("enable_mfa_device", **ENABLE),
                h.pending(),
            ]

    record = run_everywhere(harness, scenario)
    assert record[1][:2] == (
        "NoSuchEntityException",
        "An error occurred (NoSuchEntity) when calling the GetMFADevice operation: gone",
    )
    assert record[2] == ("AssertionError", "1 responses remaining in queue.")


def test_operation_mismatch_keeps_the_response_queued(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_response("list_mfa_devices", {"MFADevices": []})
            return [
                h.call("enable_mfa_device", **ENABLE),
                h.pending(),
                h.call("list_mfa_devices"),
                h.pending(),
            ]

    record = run_everywhere(harness, scenario)
    assert record[0] == (
        "StubResponseError",
        (
            "Error getting response stub for operation EnableMFADevice: "
            "Operation mismatch: found response for ListMFADevices."
        ),
        None,
        None,
    )
    assert record[1] == ("AssertionError", "1 responses remaining in queue.")
    assert record[3] == ("none pending",)


def test_unstubbed_call(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            return [h.call("enable_mfa_device", **ENABLE)]

    (outcome,) = run_everywhere(harness, scenario)
    assert outcome[:2] == (
        "UnStubbedResponseError",
        (
            "Error getting response stub for operation EnableMFADevice: Unexpected API Call: "
            "A call was made but no additional calls expected. Either the API Call was not "
            "stubbed or it was called multiple times."
        ),
    )


@pytest.mark.parametrize(
    "call",
    [
        pytest.param({"UserName": "alice", "SerialNumber": SERIAL}, id="equal"),
        pytest.param({"UserName": "bob", "SerialNumber": SERIAL}, id="other-value"),
        pytest.param({"UserName": "alice"}, id="missing"),
        pytest.param({"UserName": "alice", "SerialNumber": SERIAL, "MaxItems": 1}, id="extra"),
    ],
)
def test_expected_params(harness, call):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_response(
                "get_mfa_device",
                {"SerialNumber": SERIAL},
                expected_params={"UserName": "alice", "SerialNumber": SERIAL},
            )
            return [h.call("get_mfa_device", **call), h.pending()]

    record = run_everywhere(harness, scenario)
    if call == {"UserName": "alice", "SerialNumber": SERIAL}:
        assert record == [("result", {"SerialNumber": SERIAL}), ("none pending",)]
    else:
        assert record[0][0] == "StubAssertionError"
        assert record[0][1].startswith(
            "Error getting response stub for operation GetMFADevice: Expected parameters:\n"
            "{'SerialNumber': 'arn:aws:iam::123456789012:mfa/alice', 'UserName': 'alice'},\n"
            "but received:\n"
        )
        assert record[1] == ("AssertionError", "1 responses remaining in queue.")


def test_expected_params_with_any(harness):
    def scenario(h: Harness) -> list:
        record = []
        with h.stubber:
            for call in (ENABLE, {**ENABLE, "UserName": "bob"}, {"UserName": "x"}):
                h.stubber.add_response(
                    "enable_mfa_device",
                    {},
                    expected_params={**ENABLE, "AuthenticationCode1": h.ANY, "UserName": h.ANY},
                )
                record += [h.call("enable_mfa_device", **call), h.pending()]
                h.stubber._queue.clear()
            # ANY is for top-level values only: nested, it is compared as such.
            h.stubber.add_response(
                "tag_mfa_device",
                {},
                expected_params={"SerialNumber": SERIAL, "Tags": [{"Key": h.ANY, "Value": "v"}]},
            )
            record.append(
                h.call("tag_mfa_device", SerialNumber=SERIAL, Tags=[{"Key": "k", "Value": "v"}])
            )
        record.append(repr(h.ANY))
        return record

    record = run_everywhere(harness, scenario)
    assert record[0] == ("result", {})
    assert record[2] == ("result", {})
    assert record[4][0] == "StubAssertionError"
    assert "'AuthenticationCode1': <ANY>" in record[4][1]
    assert record[6] == ("result", {})
    assert record[7] == "<ANY>"


def test_empty_expected_params_reject_any_argument(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_response("list_mfa_devices", {"MFADevices": []}, expected_params={})
            h.stubber.add_response("list_mfa_devices", {"MFADevices": []}, expected_params={})
            return [h.call("list_mfa_devices", UserName="alice"), h.pending()]

    record = run_everywhere(harness, scenario)
    assert record[0][:2] == (
        "StubAssertionError",
        (
            "Error getting response stub for operation ListMFADevices: Expected parameters:\n"
            "{},\nbut received:\n{'UserName': 'alice'}"
        ),
    )


def test_parameter_validation_runs_after_the_queue_check_and_keeps_the_response(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            record = [h.call("enable_mfa_device", UserName=1)]  # empty queue: unstubbed first
            h.stubber.add_response("enable_mfa_device", {})
            record += [
                h.call("list_mfa_devices", MaxItems="x"),  # operation mismatch first
                h.call("enable_mfa_device", UserName=1, Unknown=2),  # then validation
                h.pending(),
                h.call("enable_mfa_device", **ENABLE),
            ]
            h.stubber.add_response("enable_mfa_device", {}, expected_params=ENABLE)
            record.append(h.call("enable_mfa_device", UserName=1))  # expected_params first
            return record

    record = run_everywhere(harness, scenario)
    assert [outcome[0] for outcome in record] == [
        "UnStubbedResponseError",
        "StubResponseError",
        "ParamValidationError",
        "AssertionError",
        "result",
        "StubAssertionError",
    ]
    assert record[2][1] == (
        "Parameter validation failed:\n"
        'Missing required parameter in input: "SerialNumber"\n'
        'Missing required parameter in input: "AuthenticationCode1"\n'
        'Missing required parameter in input: "AuthenticationCode2"\n'
        'Unknown parameter in input: "Unknown", must be one of: UserName, SerialNumber, '
        "AuthenticationCode1, AuthenticationCode2\n"
        "Invalid type for parameter UserName, value: 1, type: <class 'int'>, "
        "valid types: <class 'str'>"
    )


def test_positional_arguments_are_a_type_error_before_the_stub(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            return [h.call("enable_mfa_device", "alice"), h.pending()]

    record = run_everywhere(harness, scenario)
    assert record[0][:2] == ("TypeError", "enable_mfa_device() only accepts keyword arguments.")


def test_client_errors(harness):
    def scenario(h: Harness) -> list:
        s = h.stubber
        with s:
            s.add_client_error("enable_mfa_device")
            s.add_client_error("enable_mfa_device", "NoSuchEntity", "User alice not found.", 404)
            s.add_client_error(
                "get_mfa_device",
                "EntityAlreadyExists",
                "exists",
                409,
                service_error_meta={"Type": "Sender", "Detail": "d"},
                response_meta={"RequestId": "r-9", "MaxAttemptsReached": True, "RetryAttempts": 4},
                modeled_fields={"message": "exists"},
            )
            s.add_client_error("list_mfa_devices", "Throttling", "Rate exceeded", 400)
            s.add_client_error("list_mfa_devices", "ServiceFailure", http_status_code=500)
            s.add_client_error(
                "delete_virtual_mfa_device", "OrganizationNotFoundException", modeled_fields={}
            )
            return [
                h.call("enable_mfa_device", **ENABLE),
                h.call("enable_mfa_device", **ENABLE),
                h.call("get_mfa_device", SerialNumber=SERIAL),
                h.call("list_mfa_devices"),
                h.call("list_mfa_devices"),
                h.call("delete_virtual_mfa_device", SerialNumber=SERIAL),
                h.pending(),
            ]

    record = run_everywhere(harness, scenario)
    assert record[0] == (
        "ClientError",
        "An error occurred () when calling the EnableMFADevice operation: ",
        {"ResponseMetadata": {"HTTPStatusCode": 400}, "Error": {"Message": "", "Code": ""}},
        "EnableMFADevice",
    )
    assert record[1][0] == "NoSuchEntityException"
    assert record[2] == (
        "EntityAlreadyExistsException",
        (
            "An error occurred (EntityAlreadyExists) when calling the GetMFADevice operation "
            "(reached max retries: 4): exists"
        ),
        {
            "ResponseMetadata": {
                "HTTPStatusCode": 409,
                "RequestId": "r-9",
                "MaxAttemptsReached": True,
                "RetryAttempts": 4,
            },
            "Error": {
                "Message": "exists",
                "Code": "EntityAlreadyExists",
                "Type": "Sender",
                "Detail": "d",
            },
            "message": "exists",
        },
        "GetMFADevice",
    )
    assert record[3][0] == "ClientError"  # an unmodeled code
    assert record[4][0] == "ServiceFailureException"  # a 5xx is not retried
    assert record[5][0] == "OrganizationNotFoundException"
    assert record[6] == ("none pending",)


def test_client_error_expected_params(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_client_error(
                "get_mfa_device", "NoSuchEntity", expected_params={"SerialNumber": "arn:other"}
            )
            return [h.call("get_mfa_device", SerialNumber=SERIAL), h.pending()]

    record = run_everywhere(harness, scenario)
    assert record[0][0] == "StubAssertionError"


def test_client_error_below_300_is_returned(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_client_error("enable_mfa_device", "Odd", "odd", 200)
            return [h.call("enable_mfa_device", **ENABLE)]

    (outcome,) = run_everywhere(harness, scenario)
    assert outcome == (
        "result",
        {"ResponseMetadata": {"HTTPStatusCode": 200}, "Error": {"Message": "odd", "Code": "Odd"}},
    )


def test_client_error_for_a_name_that_is_no_operation(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_client_error("no_such_method", "NoSuchEntity")
            return [h.call("enable_mfa_device", **ENABLE), h.pending()]

    record = run_everywhere(harness, scenario)
    assert record[0][1].endswith("Operation mismatch: found response for None.")


def test_client_exceptions_catch_stubbed_errors(harness):
    def scenario(h: Harness) -> list:
        with h.stubber:
            h.stubber.add_client_error("get_mfa_device", "NoSuchEntity", "gone", 404)
            try:
                if h.lib == "async":
                    asyncio.run(awaited(h.client.get_mfa_device, (), {"SerialNumber": SERIAL}))
                else:
                    h.client.get_mfa_device(SerialNumber=SERIAL)
            except h.client.exceptions.NoSuchEntityException as error:
                caught = isinstance(error, botocore.exceptions.ClientError)
                return [caught, error.response["Error"]["Code"]]
        return ["not raised"]

    assert run_everywhere(harness, scenario) == [True, "NoSuchEntity"]


@pytest.mark.parametrize(
    ("method", "response"),
    [
        ("enable_mfa_device", {"Foo": 1}),
        ("enable_mfa_device", {"ResponseMetadata": {"RequestId": "r"}}),
        ("enable_mfa_device", None),
        (
            "list_mfa_devices",
            {
                "MFADevices": [{"SerialNumber": "abc", "Foo": 1, "EnableDate": "nope"}],
                "IsTruncated": "yes",
                "Bar": 2,
            },
        ),
        (
            "list_mfa_devices",
            {"MFADevices": ({"SerialNumber": 1, "UserName": b"x", "EnableDate": 0},)},
        ),
        (
            "list_mfa_devices",
            {"MFADevices": [{**USER, "SerialNumber": SERIAL, "EnableDate": b"1"}]},
        ),
        ("get_mfa_device", {"SerialNumber": SERIAL, "Certifications": {"": "", "a": 1, 3: "x"}}),
        ("get_mfa_device", {"SerialNumber": SERIAL, "Certifications": []}),
        ("get_mfa_device", {"SerialNumber": SERIAL, "EnableDate": "2024-05-06 07:08:09"}),
        ("get_mfa_device", {"SerialNumber": SERIAL, "EnableDate": datetime.date(2024, 5, 6)}),
        ("get_mfa_device", {"SerialNumber": SERIAL, "EnableDate": "1714979289.5"}),
        ("get_mfa_device", {"SerialNumber": SERIAL, "EnableDate": True}),
        (
            "create_virtual_mfa_device",
            {
                "VirtualMFADevice": {
                    "SerialNumber": SERIAL,
                    "Base32StringSeed": 5,
                    "QRCodePNG": "text",
                    "User": {"Path": "/"},
                }
            },
        ),
        (
            "create_virtual_mfa_device",
            {"VirtualMFADevice": {"SerialNumber": SERIAL, "QRCodePNG": bytearray(b"x")}},
        ),
        ("create_virtual_mfa_device", []),
        ("create_virtual_mfa_device", {}),
        (
            "list_virtual_mfa_devices",
            {
                "VirtualMFADevices": [
                    {
                        "SerialNumber": SERIAL,
                        "EnableDate": "2020-01-01",
                        "User": {
                            "Path": "",
                            "UserName": "",
                            "UserId": "x",
                            "Arn": "y",
                            "CreateDate": "1600000000",
                            "PermissionsBoundary": {"PermissionsBoundaryArn": "a"},
                            "Tags": [{"Key": "", "Value": ""}],
                        },
                    }
                ],
                "Marker": 1,
            },
        ),
        ("list_mfa_device_tags", {"Tags": "x"}),
        ("list_mfa_device_tags", {"Tags": [1, None, {"Key": "k"}]}),
        ("list_mfa_device_tags", {"IsTruncated": 1}),
        ("no_such_method", {}),
    ],
)
def test_service_response_is_checked_against_the_model(harness, method, response):
    def scenario(h: Harness) -> list:
        return [h.attempt(lambda: h.stubber.add_response(method, response)), h.pending()]

    record = run_everywhere(harness, scenario)
    assert record[0][0] in ("ParamValidationError", "TypeError", "ValueError", "ok")


def test_service_response_errors_are_botocores_text(harness):
    def scenario(h: Harness) -> list:
        bad = {"MFADevices": [{"SerialNumber": "abc", "EnableDate": "nope"}], "Bar": 2}
        return [h.attempt(lambda: h.stubber.add_response("list_mfa_devices", bad))]

    (outcome,) = run_everywhere(harness, scenario)
    assert outcome[:2] == (
        "ParamValidationError",
        (
            "Parameter validation failed:\n"
            'Unknown parameter in input: "Bar", must be one of: MFADevices, IsTruncated, Marker\n'
            'Missing required parameter in MFADevices[0]: "UserName"\n'
            "Invalid length for parameter MFADevices[0].SerialNumber, value: 3, "
            "valid min length: 9\n"
            "Invalid type for parameter MFADevices[0].EnableDate, value: nope, "
            "type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string"
        ),
    )


@pytest.mark.parametrize(
    ("code", "fields"),
    [
        ("NoSuchEntity", {"message": 3, "x": 1}),
        ("NoSuchEntity", {"message": "gone"}),
        ("NoSuchEntityException", {"message": "gone"}),  # a class name is no error code
        ("Throttling", {"message": "slow down"}),
        ("Throttling", {}),
        ("OrganizationNotFoundException", {"message": "x"}),
    ],
)
def test_modeled_fields_are_checked_against_the_error_model(harness, code, fields):
    def scenario(h: Harness) -> list:
        return [
            h.attempt(
                lambda: h.stubber.add_client_error("get_mfa_device", code, modeled_fields=fields)
            ),
            h.pending(),
        ]

    run_everywhere(harness, scenario)


def test_activate_deactivate_and_context_manager(harness, refused_url):
    config = {"retries": {"total_max_attempts": 1}}

    def scenario(h: Harness) -> list:
        s = h.stubber
        s.add_response("list_mfa_devices", {"MFADevices": []})
        record = [h.call("list_mfa_devices")]  # not active: sent (and refused)
        s.activate()
        record.append(h.call("list_mfa_devices"))
        s.add_response("list_mfa_devices", {"MFADevices": []})
        s.deactivate()
        record += [h.call("list_mfa_devices"), h.pending()]  # the queue is kept
        with s as entered:
            record += [entered is s, h.call("list_mfa_devices"), h.pending()]
            s.add_response("list_mfa_devices", {"MFADevices": []})
        record += [h.call("list_mfa_devices"), h.pending()]  # leaving does not assert
        return record

    record = run_everywhere(harness, scenario, config=config, endpoint_url=refused_url)
    refused = (
        "EndpointConnectionError",
        f'Could not connect to the endpoint URL: "{refused_url}/"',
    )
    assert record[0][:2] == refused
    assert record[1] == ("result", {"MFADevices": []})
    assert record[2][:2] == refused
    assert record[3] == ("AssertionError", "1 responses remaining in queue.")
    assert record[4:7] == [True, ("result", {"MFADevices": []}), ("none pending",)]
    assert record[7][:2] == refused
    assert record[8] == ("AssertionError", "1 responses remaining in queue.")


def test_paginators_take_stubbed_pages(harness):
    pages = [
        {
            "MFADevices": [{"UserName": "a", "SerialNumber": SERIAL, "EnableDate": WHEN}],
            "IsTruncated": True,
            "Marker": "m1",
        },
        {
            "MFADevices": [{"UserName": "b", "SerialNumber": SERIAL + "2", "EnableDate": WHEN}],
            "IsTruncated": False,
        },
    ]

    def scenario(h: Harness) -> list:
        with h.stubber:
            # Copies: responses are returned as given, and build_full_result
            # extends the first page's list (botocore's and fastiam's alike).
            first, second = copy.deepcopy(pages)
            h.stubber.add_response("list_mfa_devices", first, {"UserName": "a"})
            h.stubber.add_response("list_mfa_devices", second, {"UserName": "a", "Marker": "m1"})
            paginator = h.client.get_paginator("list_mfa_devices")
            if h.lib == "async":

                async def collect() -> Any:
                    return await paginator.paginate(UserName="a").build_full_result()

                full = asyncio.run(collect())
            else:
                full = paginator.paginate(UserName="a").build_full_result()
            return [full, h.pending()]

    record = run_everywhere(harness, scenario)
    assert [d["UserName"] for d in record[0]["MFADevices"]] == ["a", "b"]


# ---------------------------------------------------------------------------
# fastiam only: async timing, the extras, strict validation, the exceptions


def test_async_calls_are_checked_when_awaited(refused_url):
    # fastiam.aio's methods are coroutine functions, as aiobotocore's: the
    # stub sees a call when its coroutine runs.
    client = fastiam.aio.client(
        "iam",
        endpoint_url=refused_url,
        region_name="us-east-1",
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )

    async def main() -> list:
        with fastiam.stub.Stubber(client) as stubber:
            listed = client.list_mfa_devices()  # nothing checked yet
            positional = client.enable_mfa_device("positional")
            stubber.add_response("list_mfa_devices", {"MFADevices": []})
            outcomes = [await listed]
            stubber.assert_no_pending_responses()
            for awaitable in (positional, client.enable_mfa_device(**ENABLE)):
                try:
                    outcomes.append(await awaitable)
                except Exception as error:  # noqa: BLE001 - the error is the outcome
                    outcomes.append(type(error).__name__)
            return outcomes

    assert asyncio.run(main()) == [{"MFADevices": []}, "TypeError", "UnStubbedResponseError"]


def test_method_names_map_to_botocores_operation_names(boto_session, refused_url):
    boto = boto_session.client("iam", region_name="us-east-1")
    # boto3's own mapping; an extra (not in boto3) names the operation it sends.
    expected = {
        method: boto.meta.method_to_api_mapping.get(method) or fastiam._native.WIRE_NAMES[method]
        for method in fastiam._native.OPERATIONS
    }
    assert fastiam.stub._OPERATION_NAMES == expected

    # ... and to the names the native client hands the stub.
    class Recorder:
        def __init__(self) -> None:
            self.names: list[str] = []

        def _expect(self, operation_name: str, params: dict) -> None:
            self.names.append(operation_name)

        def _respond(self, operation_name: str) -> dict:
            return {}

    client = fastiam.client("iam", endpoint_url=refused_url, region_name="us-east-1")
    recorder = Recorder()
    client._set_stub(recorder)  # type: ignore[attr-defined]
    for method in expected:
        try:
            getattr(client, method)()
        except fastiam.exceptions.ParamValidationError:
            pass  # validation runs after _expect
    assert recorder.names == list(expected.values())


def test_a_call_that_fails_validation_leaves_its_response_queued(refused_url):
    client = fastiam.client("iam", endpoint_url=refused_url, region_name="us-east-1")
    with fastiam.stub.Stubber(client) as stubber:
        stubber.add_response("enable_mfa_device", {})
        with pytest.raises(fastiam.exceptions.ParamValidationError):
            client.enable_mfa_device()
        with pytest.raises(AssertionError, match="1 responses remaining in queue."):
            stubber.assert_no_pending_responses()


@pytest.mark.parametrize("lib", ["sync", "async"])
def test_extras_are_their_operations(harness, lib):
    h = harness(lib)
    seed = SEED.decode()
    call = {"UserName": "alice", "SerialNumber": SERIAL, "Base32StringSeed": seed}
    with h.stubber:
        h.stubber.add_response("enable_virtual_mfa_device", {}, expected_params=call)
        h.stubber.add_response("enable_mfa_device", {"ResponseMetadata": {"RequestId": "r"}})
        h.stubber.add_client_error(
            "resync_virtual_mfa_device", "InvalidAuthenticationCode", "bad", 403
        )
        h.stubber.add_response("resync_mfa_device", {}, expected_params={**call, "UserName": "bob"})
        assert h.call("enable_virtual_mfa_device", **call) == ("result", {})
        # A response queued for one name of an operation answers the other.
        assert h.call("enable_virtual_mfa_device", **call) == (
            "result",
            {"ResponseMetadata": {"RequestId": "r"}},
        )
        error = h.call("resync_virtual_mfa_device", **call)
        assert error[:2] == (
            "InvalidAuthenticationCodeException",
            (
                "An error occurred (InvalidAuthenticationCode) when calling the ResyncMFADevice "
                "operation: bad"
            ),
        )
        mismatch = h.call("resync_virtual_mfa_device", **call)
        assert mismatch[0] == "StubAssertionError"
        assert "'Base32StringSeed': 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'" in mismatch[1]
        assert h.call("resync_virtual_mfa_device", **{**call, "UserName": "bob"}) == ("result", {})
        # The extras' own validation runs on stubbed calls too.
        h.stubber.add_response("resync_virtual_mfa_device", {})
        invalid = h.call("resync_virtual_mfa_device", UserName="bob", SerialNumber=SERIAL)
        assert invalid[0] == "ParamValidationError"
        assert invalid[1].endswith('Missing required parameter in input: "Base32StringSeed"')
        assert h.pending() == ("AssertionError", "1 responses remaining in queue.")


def test_stubbed_calls_need_no_credentials(no_credentials, refused_url):
    boto = botocore.session.get_session().create_client("iam", region_name="us-east-1")
    fast = fastiam.client("iam", endpoint_url=refused_url, region_name="us-east-1")
    for client, stubber in (
        (boto, botocore.stub.Stubber(boto)),
        (fast, fastiam.stub.Stubber(fast)),
    ):
        with stubber:
            stubber.add_response("list_mfa_devices", {"MFADevices": []})
            assert client.list_mfa_devices() == {"MFADevices": []}


WITHOUT_BOTOCORE = """
import sys
sys.modules["botocore"] = None  # `import botocore...` raises ImportError
sys.modules["dateutil"] = None  # botocore's dependency: ISO 8601 dates only
import fastiam, fastiam.stub

iam = fastiam.client("iam", endpoint_url={url!r}, region_name="us-east-1",
                     aws_access_key_id="a", aws_secret_access_key="b")
stubber = fastiam.stub.Stubber(iam)
stubber.add_response("get_mfa_device", {{"SerialNumber": {serial!r}, "EnableDate": "2024-05-06T07:08:09Z"}})
stubber.add_response("get_mfa_device", {{"SerialNumber": {serial!r}, "EnableDate": "1714979289"}})
try:
    stubber.add_response("get_mfa_device", {{"SerialNumber": {serial!r}, "EnableDate": "nope"}})
except fastiam.exceptions.ParamValidationError as error:
    print(str(error).splitlines()[-1])
with stubber:
    print(iam.get_mfa_device(SerialNumber={serial!r})["EnableDate"])
    iam.get_mfa_device(SerialNumber={serial!r})
    try:
        iam.get_mfa_device(SerialNumber={serial!r})
    except AssertionError as error:
        print(" ".join(cls.__module__ for cls in type(error).__mro__))
"""


def test_works_without_botocore(refused_url):
    script = WITHOUT_BOTOCORE.format(url=refused_url, serial=SERIAL)
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        (
            "Invalid type for parameter EnableDate, value: nope, type: <class 'str'>, "
            "valid types: <class 'datetime.datetime'>, timestamp-string"
        ),
        "2024-05-06T07:08:09Z",
        " ".join(["fastiam.exceptions"] * 4 + ["builtins"] * 4),
    ]


def test_strict_validation_runs_on_stubbed_calls(refused_url):
    client = fastiam.client(
        "iam",
        endpoint_url=refused_url,
        region_name="us-east-1",
        config=fastiam.Config(parameter_validation="strict"),
    )
    with fastiam.stub.Stubber(client) as stubber:
        stubber.add_response("get_mfa_device", {"SerialNumber": SERIAL})
        with pytest.raises(fastiam.exceptions.ParamValidationError, match="SerialNumber"):
            client.get_mfa_device(SerialNumber="short")
        assert client.get_mfa_device(SerialNumber=SERIAL) == {"SerialNumber": SERIAL}


def test_add_response_for_a_non_operation_attribute(refused_url):
    # botocore raises its model's OperationNotFoundError('None') here.
    client = fastiam.client("iam", endpoint_url=refused_url, region_name="us-east-1")
    with pytest.raises(ValueError, match="^Client iam does not have method: get_paginator$"):
        fastiam.stub.Stubber(client).add_response("get_paginator", {})


def test_stub_exceptions_are_botocores():
    pairs = [
        (fastiam.exceptions.StubResponseError, botocore.exceptions.StubResponseError),
        (fastiam.exceptions.StubAssertionError, botocore.exceptions.StubAssertionError),
        (fastiam.exceptions.UnStubbedResponseError, botocore.exceptions.UnStubbedResponseError),
    ]
    for ours, theirs in pairs:
        error = ours(operation_name="GetMFADevice", reason="why")
        assert isinstance(error, theirs)
        assert isinstance(error, fastiam.exceptions.BotoCoreError)
        assert str(error) == str(theirs(operation_name="GetMFADevice", reason="why"))
        assert ours.fmt == theirs.fmt
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is ours and str(copy) == str(error) and copy.kwargs == error.kwargs
    assert issubclass(fastiam.exceptions.StubAssertionError, AssertionError)
    assert not issubclass(fastiam.exceptions.StubResponseError, AssertionError)
    assert fastiam.stub.StubAssertionError is fastiam.exceptions.StubAssertionError


def test_any():
    assert fastiam.stub.ANY == object()
    assert operator.ne(fastiam.stub.ANY, 1) is False
    assert repr(fastiam.stub.ANY) == repr(botocore.stub.ANY) == "<ANY>"


def test_public_names_have_docstrings():
    stub = fastiam.stub
    for name in stub.__all__:
        value = getattr(stub, name)
        if name != "ANY":
            assert value.__doc__, name
    for name in (
        "activate",
        "deactivate",
        "add_response",
        "add_client_error",
        "assert_no_pending_responses",
    ):
        assert getattr(stub.Stubber, name).__doc__, name


# ---------------------------------------------------------------------------
# The result model the Stubber checks (generated into _stub_tables), against
# botocore's IAM model, for every operation


@pytest.fixture(scope="module")
def model():
    return botocore.session.get_session().get_service_model("iam")


def same_shape(theirs: Any, seen: set[str]) -> None:
    """_stub_tables' entry for ``theirs`` (and every shape it reaches) says what
    botocore's validator reads from it: type, members, required, minimums."""
    if theirs.name in seen:
        return
    seen.add(theirs.name)
    ours = fastiam.stub._SHAPES[theirs.name]
    path = theirs.name
    assert ours[0] == theirs.type_name, path
    if ours[0] == "structure":
        _, members, required, union = ours
        assert members == tuple((n, m.name) for n, m in theirs.members.items()), path
        assert required == tuple(theirs.metadata.get("required", ())), path
        assert union == bool(theirs.is_tagged_union), path
        children = list(theirs.members.values())
    elif ours[0] == "list":
        assert ours[1:] == (theirs.member.name, theirs.metadata.get("min")), path
        children = [theirs.member]
    elif ours[0] == "map":
        assert ours[1:] == (theirs.key.name, theirs.value.name), path
        children = [theirs.key, theirs.value]
    else:
        assert ours[1:] == (theirs.metadata.get("min"),), path
        children = []
    assert "document" not in theirs.metadata, path
    for child in children:
        same_shape(child, seen)


def test_result_constraints_are_botocores(model):
    seen: set[str] = set()
    for operation in sorted(set(fastiam._native.WIRE_NAMES.values())):
        output = model.operation_model(operation).output_shape
        assert fastiam.stub._OUTPUTS[operation] == (output and output.name), operation
        if output is not None:
            same_shape(output, seen)


def valid_value(shape: Any) -> Any:
    """A value botocore's validator accepts for ``shape``: every member, each
    string and list at its minimum length (at least 1)."""
    kind = shape.type_name
    if kind == "structure":
        names = list(shape.members)[:1] if shape.is_tagged_union else shape.members
        return {name: valid_value(shape.members[name]) for name in names}
    if kind == "list":
        return [valid_value(shape.member)] * max(shape.metadata.get("min", 1), 1)
    if kind == "map":
        return {valid_value(shape.key): valid_value(shape.value)}
    if kind == "string":
        return "s" * max(shape.metadata.get("min", 1), 1)
    if kind in ("integer", "long"):
        return shape.metadata.get("min", 7)
    return {"boolean": True, "timestamp": WHEN, "blob": b"b"}[kind]


def invalid_value(shape: Any, depth: int = 0) -> Any:
    """A value with a fault for every check botocore's validator makes on
    ``shape``: a missing required member and an unknown one, strings and lists
    below their minimum, wrong types."""
    kind = shape.type_name
    if kind == "structure":
        value = {name: invalid_value(member, depth + 1) for name, member in shape.members.items()}
        for name in shape.metadata.get("required", ())[:1]:
            del value[name]
        return {**value, "Bogus": 1}
    if kind == "list":
        if "min" in shape.metadata:
            return []
        return [invalid_value(shape.member, depth + 1), None] if depth < 6 else "not a list"
    if kind == "map":
        return {valid_value(shape.key): invalid_value(shape.value, depth + 1), 3: "x"}
    if kind == "string":
        return "" if shape.metadata.get("min", 0) > 0 else b"bytes"
    if kind in ("integer", "long"):
        return shape.metadata["min"] - 1 if "min" in shape.metadata else "7"
    return {"boolean": "yes", "timestamp": "nope", "blob": 5}[kind]


@pytest.mark.parametrize("method", fastiam._native.OPERATIONS)
def test_every_result_model_checks_as_botocores(harness, model, method):
    """For every operation (the extras answer as the operation they send): a
    valid response is queued; one with a fault for each of botocore's checks
    is refused with botocore's report, line for line."""
    wire = fastiam._native.WIRE_NAMES[method]
    output = model.operation_model(wire).output_shape
    valid = {} if output is None else valid_value(output)
    invalid = {"Bogus": 1} if output is None else invalid_value(output)
    # boto3 has no method for an extra: its response goes to the operation it sends.
    boto3_method = fastiam.stub._OPERATION_NAMES[method]

    def scenario(h: Harness) -> list:
        name = method if h.lib != "boto3" else botocore.xform_name(boto3_method)
        return [
            h.attempt(lambda: h.stubber.add_response(name, copy.deepcopy(valid))),
            h.attempt(lambda: h.stubber.add_response(name, copy.deepcopy(invalid))),
            h.pending(),
        ]

    accepted, refused, pending = run_everywhere(harness, scenario)
    assert accepted == ("ok", None)
    assert refused[0] == "ParamValidationError", refused
    assert pending == ("AssertionError", "1 responses remaining in queue.")


def test_error_shapes_are_botocores(model):
    codes = {shape.error_code for shape in model.error_shapes}
    assert codes == set(fastiam.exceptions.MODELED_CODES)
    for code in codes:
        theirs = model.shape_for_error_code(code)
        ours = fastiam.stub._error_shape(code)
        assert tuple(name for name, _ in ours[1]) == tuple(theirs.members), code
        assert ours[2:] == (tuple(theirs.metadata.get("required", ())), False), code
        for name, (kind, minimum) in ours[1]:
            assert kind == theirs.members[name].type_name == "string", code
            assert minimum is theirs.members[name].metadata.get("min") is None, code
    assert fastiam.stub._error_shape("Throttling") is None
