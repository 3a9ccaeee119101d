"""Config(parameter_validation="strict"), a fastiam extra: the model's maximum
lengths, patterns, ranges and enums are checked client-side too, with lines in
botocore's style, and nothing is sent. Without it, fastiam sends what boto3 sends."""

from __future__ import annotations

import fastiam
import pytest
from fastiam._native import WIRE_NAMES
from support.operations import has_result
from support.scripted_server import empty_success_reply, result_reply, success_reply

STRICT = {"parameter_validation": "strict"}
SERIAL = "arn:aws:iam::123456789012:mfa/alice"
GOOD = {
    "UserName": "alice",
    "SerialNumber": SERIAL,
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}

# (method, call, the report lines after "Parameter validation failed:")
REJECTED = {
    "code-too-long": (
        "enable_mfa_device",
        {**GOOD, "AuthenticationCode1": "1234567"},
        ["Invalid length for parameter AuthenticationCode1, value: 7, valid max length: 6"],
    ),
    "user-name-pattern": (
        "enable_mfa_device",
        {**GOOD, "UserName": "bad name!"},
        [r"Invalid value for parameter UserName, value: bad name!, valid pattern: [\w+=,.@-]+"],
    ),
    "user-name-non-ascii-word": (
        "deactivate_mfa_device",
        {"UserName": "\u00e9l\u00e8ve", "SerialNumber": SERIAL},
        [
            (
                "Invalid value for parameter UserName, value: \u00e9l\u00e8ve, "
                r"valid pattern: [\w+=,.@-]+"
            )
        ],
    ),
    "serial-too-long-and-bad": (
        "delete_virtual_mfa_device",
        {"SerialNumber": "s p" * 100},
        [
            "Invalid length for parameter SerialNumber, value: 300, valid max length: 256",
            "Invalid value for parameter SerialNumber, value: "
            + "s p" * 100
            + r", valid pattern: [\w+=/:,.@-]+",
        ],
    ),
    "max-items-above-range": (
        "list_mfa_devices",
        {"MaxItems": 1001},
        ["Invalid value for parameter MaxItems, value: 1001, valid max value: 1000"],
    ),
    "assignment-status-enum": (
        "list_virtual_mfa_devices",
        {"AssignmentStatus": "Mine"},
        [
            (
                "Invalid value for parameter AssignmentStatus, value: Mine, "
                "valid values: Assigned, Unassigned, Any"
            )
        ],
    ),
    "too-many-tags": (
        "tag_mfa_device",
        {"SerialNumber": SERIAL, "Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(51)]},
        ["Invalid length for parameter Tags, value: 51, valid max length: 50"],
    ),
    "nested-tag-key-pattern": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "phone", "Tags": [{"Key": "a*b", "Value": "v"}]},
        [
            (
                r"Invalid value for parameter Tags[0].Key, value: a*b, "
                r"valid pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+"
            )
        ],
    ),
    "path-pattern": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "phone", "Path": "no-slashes"},
        [
            (
                "Invalid value for parameter Path, value: no-slashes, "
                r"valid pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)"
            )
        ],
    ),
    "untag-key-too-long": (
        "untag_mfa_device",
        {"SerialNumber": SERIAL, "TagKeys": ["k" * 129]},
        ["Invalid length for parameter TagKeys[0], value: 129, valid max length: 128"],
    ),
}


@pytest.mark.parametrize("case", list(REJECTED.values()), ids=list(REJECTED))
def test_strict_rejects_before_sending(parity, server, case):
    method, call, lines = case
    client = parity.fastiam_client(server.url, config=STRICT)
    server.reset()

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        getattr(client, method)(**call)

    assert str(caught.value).splitlines() == ["Parameter validation failed:", *lines]
    assert server.requests == []


def test_strict_never_shows_an_authentication_code(parity, server):
    client = parity.fastiam_client(server.url, config=STRICT)

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        client.resync_mfa_device(**{**GOOD, "AuthenticationCode2": "12345x"})

    assert "12345x" not in str(caught.value)
    assert "AuthenticationCode2, value: <hidden>, valid pattern" in str(caught.value)


def test_strict_keeps_botocores_checks_and_order(parity, server):
    client = parity.fastiam_client(server.url, config=STRICT)

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        client.enable_mfa_device(Foo=1, UserName="bad name!", AuthenticationCode1="1")

    assert str(caught.value).splitlines()[1:] == [
        'Missing required parameter in input: "SerialNumber"',
        'Missing required parameter in input: "AuthenticationCode2"',
        (
            'Unknown parameter in input: "Foo", must be one of: UserName, SerialNumber, '
            "AuthenticationCode1, AuthenticationCode2"
        ),
        r"Invalid value for parameter UserName, value: bad name!, valid pattern: [\w+=,.@-]+",
        "Invalid length for parameter AuthenticationCode1, value: 1, valid min length: 6",
    ]


def test_strict_accepts_valid_calls(parity, server):
    client = parity.fastiam_client(server.url, config=STRICT)
    server.reset()
    server.script(success_reply(), empty_success_reply("TagMFADevice"))
    client.enable_mfa_device(**GOOD)
    client.tag_mfa_device(
        SerialNumber=SERIAL,
        Tags=[{"Key": "team name", "Value": ""}, {"Key": "k:1", "Value": "v@x"}],
    )

    assert len(server.requests) == 2


@pytest.mark.parametrize("case", list(REJECTED.values()), ids=list(REJECTED))
def test_default_validation_leaves_it_to_the_server_as_boto3_does(parity, server, case):
    method, call, _ = case
    wire = WIRE_NAMES[method]
    reply = result_reply(wire, "" if has_result(method) else None)
    boto, fast = parity.scripted(reply, call=call, operation=method)

    assert boto.error is None and fast.error is None, (boto.error, fast.error)
    assert fast.requests[0].form == boto.requests[0].form
