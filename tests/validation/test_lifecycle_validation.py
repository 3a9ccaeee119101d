"""Client-side parameter validation of the MFA lifecycle operations
(create/deactivate/delete virtual devices, get, list, resync, tags):
botocore's exact report and nothing sent; and what botocore accepts and
leaves to the server."""

from __future__ import annotations

import fastiam
import pytest
from support.operations import BOTOCORE_IAM, BOTOCORE_NAMES
from support.scripted_server import Reply, empty_success_reply, result_reply

SERIAL = "arn:aws:iam::123456789012:mfa/alice"
CODES = {"AuthenticationCode1": "123456", "AuthenticationCode2": "654321"}
TAG = {"Key": "team", "Value": "ops"}

# A valid call of each operation, every member given, in the model's order.
GOOD = {
    "create_virtual_mfa_device": {"Path": "/", "VirtualMFADeviceName": "phone", "Tags": [TAG]},
    "deactivate_mfa_device": {"UserName": "alice", "SerialNumber": SERIAL},
    "delete_virtual_mfa_device": {"SerialNumber": SERIAL},
    "get_mfa_device": {"SerialNumber": SERIAL, "UserName": "alice"},
    "list_mfa_devices": {"UserName": "alice", "Marker": "m", "MaxItems": 5},
    "list_virtual_mfa_devices": {"AssignmentStatus": "Any", "Marker": "m", "MaxItems": 5},
    "resync_mfa_device": {"UserName": "alice", "SerialNumber": SERIAL, **CODES},
    "tag_mfa_device": {"SerialNumber": SERIAL, "Tags": [TAG]},
    "untag_mfa_device": {"SerialNumber": SERIAL, "TagKeys": ["team"]},
    "list_mfa_device_tags": {"SerialNumber": SERIAL, "Marker": "m", "MaxItems": 5},
}
# What botocore's model says of each operation's input.
INPUTS = {op: BOTOCORE_IAM.operation_model(BOTOCORE_NAMES[op]).input_shape for op in GOOD}
REQUIRED = {op: list(shape.required_members) for op, shape in INPUTS.items()}
STRING_MEMBERS = {
    name
    for shape in INPUTS.values()
    for name, member in shape.members.items()
    if member.type_name == "string"
}
WITH_MAX_ITEMS = [op for op, shape in INPUTS.items() if "MaxItems" in shape.members]
WITH_TAGS = [op for op, shape in INPUTS.items() if "Tags" in shape.members]


def good(operation: str, *names: str, **changes) -> dict:
    """The operation's valid call without ``names``, with ``changes``."""
    call = {k: v for k, v in GOOD[operation].items() if k not in names}
    call.update(changes)
    return call


def short(operation: str) -> str:
    return {
        "create_virtual_mfa_device": "create",
        "deactivate_mfa_device": "deactivate",
        "delete_virtual_mfa_device": "delete",
        "get_mfa_device": "get",
        "list_mfa_devices": "list",
        "list_virtual_mfa_devices": "list-virtual",
        "resync_mfa_device": "resync",
        "tag_mfa_device": "tag",
        "untag_mfa_device": "untag",
        "list_mfa_device_tags": "list-tags",
    }[operation]


def invalid_cases() -> dict[str, tuple[str, dict]]:
    cases: dict[str, tuple[str, dict]] = {}
    for op, call in GOOD.items():
        name = short(op)
        if REQUIRED[op]:
            cases[f"{name}-all-missing"] = (op, {})
        for member in REQUIRED[op]:
            cases[f"{name}-missing-{member}"] = (op, good(op, member))
        cases[f"{name}-unknown"] = (op, good(op, Foo="bar"))
        cases[f"{name}-unknown-first-and-last"] = (op, {"Zed": 1, **call, "Abc": 2})
        lowercase = {k[0].lower() + k[1:]: v for k, v in call.items()}
        cases[f"{name}-unknown-lowercase"] = (op, lowercase)
        for member in call:
            if member in STRING_MEMBERS:
                cases[f"{name}-int-{member}"] = (op, good(op, member, **{member: 123}))
                cases[f"{name}-none-{member}"] = (op, good(op, member, **{member: None}))
        if "SerialNumber" in call:
            # min length 9: eight characters are one too few
            cases[f"{name}-short-serial"] = (op, good(op, SerialNumber="12345678"))
        if "UserName" in call:
            cases[f"{name}-empty-user-name"] = (op, good(op, UserName=""))
        if "Marker" in call:
            cases[f"{name}-empty-marker"] = (op, good(op, Marker=""))
    for op in WITH_MAX_ITEMS:
        name = short(op)
        for label, value in [
            ("str", "5"),
            ("float", 5.0),
            ("none", None),
            ("zero", 0),
            ("negative", -1),
            ("false", False),
            ("list", [5]),
        ]:
            cases[f"{name}-max-items-{label}"] = (op, good(op, MaxItems=value))
        cases[f"{name}-max-items-and-marker"] = (op, good(op, MaxItems=0, Marker=1))
    for op in WITH_TAGS:
        name = short(op)
        for label, tags in [
            ("dict", TAG),
            ("str", "team"),
            ("none", None),
            ("item-str", ["team"]),
            ("item-list", [["team", "ops"]]),
            ("item-none", [TAG, None]),
            ("missing-value", [{"Key": "k"}]),
            ("missing-key", [{"Value": "v"}]),
            ("missing-both", [{}]),
            ("unknown-key", [{"Key": "k", "Value": "v", "Extra": 1}]),
            ("lowercase-keys", [{"key": "k", "value": "v"}]),
            ("int-key-none-value", [{"Key": 1, "Value": None}]),
            ("empty-key", [{"Key": "", "Value": "v"}]),
            ("second-item-wrong", [TAG, {"Key": "", "Value": 5}]),
            ("several", [{"Value": "v"}, "x", {"Key": "k", "Value": 3}]),
        ]:
            cases[f"{name}-tags-{label}"] = (op, good(op, Tags=tags))
    for label, keys in [
        ("str", "team"),
        ("dict", {"team": 1}),
        ("none", None),
        ("item-int", ["a", 1, None]),
        ("item-empty", [""]),
        ("item-dict", [{"Key": "k"}]),
    ]:
        cases[f"untag-tag-keys-{label}"] = (
            "untag_mfa_device",
            good("untag_mfa_device", TagKeys=keys),
        )
    cases.update(
        {
            "create-empty-name-and-path": (
                "create_virtual_mfa_device",
                good("create_virtual_mfa_device", Path="", VirtualMFADeviceName=""),
            ),
            "list-virtual-int-status": (
                "list_virtual_mfa_devices",
                good("list_virtual_mfa_devices", AssignmentStatus=1),
            ),
            "resync-short-codes": (
                "resync_mfa_device",
                good("resync_mfa_device", AuthenticationCode1="1", AuthenticationCode2="12345"),
            ),
            "resync-int-code": (
                "resync_mfa_device",
                good("resync_mfa_device", AuthenticationCode2=123456),
            ),
            "get-bytes-serial": ("get_mfa_device", good("get_mfa_device", SerialNumber=b"x" * 20)),
            "combined": ("list_mfa_device_tags", {"X": 1, "MaxItems": "1", "Marker": 2, "Y": None}),
            "everything-wrong": (
                "create_virtual_mfa_device",
                {"Tags": [{"Key": ""}], "Extra": None, "Path": 5},
            ),
        }
    )
    return cases


INVALID = invalid_cases()


@pytest.mark.parametrize(("operation", "call"), list(INVALID.values()), ids=list(INVALID))
def test_invalid_parameters(parity, operation, call):
    boto, fast = parity.scripted(operation=operation, call=call)

    assert type(boto.error).__name__ == "ParamValidationError", boto
    parity.assert_same(boto, fast)
    assert isinstance(fast.error, fastiam.exceptions.ParamValidationError)
    assert fast.error.kwargs == {"report": boto.error.kwargs["report"]}
    assert fast.attempts == boto.attempts == 0, "nothing may be sent"


# botocore's exact report for some of the cases above.
REPORTS = {
    "create-tags-missing-value": 'Missing required parameter in Tags[0]: "Value"',
    "create-unknown": (
        'Unknown parameter in input: "Foo", must be one of: Path, VirtualMFADeviceName, Tags'
    ),
    "create-tags-unknown-key": 'Unknown parameter in Tags[0]: "Extra", must be one of: Key, Value',
    "create-tags-empty-key": (
        "Invalid length for parameter Tags[0].Key, value: 0, valid min length: 1"
    ),
    "tag-tags-dict": (
        "Invalid type for parameter Tags, value: {'Key': 'team', 'Value': 'ops'}, "
        "type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>"
    ),
    "tag-tags-item-str": (
        "Invalid type for parameter Tags[0], value: team, type: <class 'str'>, "
        "valid types: <class 'dict'>"
    ),
    "tag-tags-several": (
        'Missing required parameter in Tags[0]: "Key"\n'
        "Invalid type for parameter Tags[1], value: x, type: <class 'str'>, "
        "valid types: <class 'dict'>\n"
        "Invalid type for parameter Tags[2].Value, value: 3, type: <class 'int'>, "
        "valid types: <class 'str'>"
    ),
    "untag-tag-keys-item-int": (
        "Invalid type for parameter TagKeys[1], value: 1, type: <class 'int'>, "
        "valid types: <class 'str'>\n"
        "Invalid type for parameter TagKeys[2], value: None, type: <class 'NoneType'>, "
        "valid types: <class 'str'>"
    ),
    "delete-short-serial": (
        "Invalid length for parameter SerialNumber, value: 8, valid min length: 9"
    ),
    "list-max-items-zero": "Invalid value for parameter MaxItems, value: 0, valid min value: 1",
    "list-max-items-false": (
        "Invalid value for parameter MaxItems, value: False, valid min value: 1"
    ),
    "list-tags-max-items-str": (
        "Invalid type for parameter MaxItems, value: 5, type: <class 'str'>, "
        "valid types: <class 'int'>"
    ),
    "list-virtual-unknown": (
        'Unknown parameter in input: "Foo", must be one of: AssignmentStatus, Marker, MaxItems'
    ),
    "get-all-missing": 'Missing required parameter in input: "SerialNumber"',
    "resync-all-missing": "\n".join(
        f'Missing required parameter in input: "{name}"'
        for name in ("UserName", "SerialNumber", "AuthenticationCode1", "AuthenticationCode2")
    ),
    "combined": (
        'Missing required parameter in input: "SerialNumber"\n'
        'Unknown parameter in input: "X", must be one of: SerialNumber, Marker, MaxItems\n'
        'Unknown parameter in input: "Y", must be one of: SerialNumber, Marker, MaxItems\n'
        "Invalid type for parameter MaxItems, value: 1, type: <class 'str'>, "
        "valid types: <class 'int'>\n"
        "Invalid type for parameter Marker, value: 2, type: <class 'int'>, "
        "valid types: <class 'str'>"
    ),
}


@pytest.mark.parametrize("case", list(REPORTS))
def test_report_text(parity, case):
    operation, call = INVALID[case]
    boto, fast = parity.scripted(operation=operation, call=call)

    expected = f"Parameter validation failed:\n{REPORTS[case]}"
    assert str(boto.error) == expected
    assert str(fast.error) == expected
    assert fast.error.kwargs == {"report": REPORTS[case]}
    assert parity.server.requests == []


def reply_for(operation: str) -> Reply:
    """A success for the operation (its output members left out)."""
    name = BOTOCORE_NAMES[operation]
    if BOTOCORE_IAM.operation_model(name).output_shape is None:
        return empty_success_reply(name)
    return result_reply(name, "")


# Accepted by botocore (bool is an int, a tuple is a list; no max length, max
# value, enum or pattern checks): sent for the server to decide.
ACCEPTED = {
    "max-items-over-max": ("list_mfa_device_tags", good("list_mfa_device_tags", MaxItems=1001)),
    "tags-tuple": ("tag_mfa_device", good("tag_mfa_device", Tags=(TAG, {"Key": "k", "Value": ""}))),
    "tag-keys-tuple": ("untag_mfa_device", good("untag_mfa_device", TagKeys=("a", "b"))),
    "create-tags-tuple": (
        "create_virtual_mfa_device",
        good("create_virtual_mfa_device", Tags=(TAG,)),
    ),
    "status-not-in-enum": (
        "list_virtual_mfa_devices",
        good("list_virtual_mfa_devices", AssignmentStatus="Bogus"),
    ),
    "path-pattern": (
        "create_virtual_mfa_device",
        good("create_virtual_mfa_device", Path="no slashes"),
    ),
    "long-serial": ("get_mfa_device", good("get_mfa_device", SerialNumber="s" * 300)),
    "long-tag-key": (
        "tag_mfa_device",
        good("tag_mfa_device", Tags=[{"Key": "k" * 200, "Value": "v"}]),
    ),
    "pattern-code": ("resync_mfa_device", good("resync_mfa_device", AuthenticationCode1="abcdef")),
    "empty-tag-value": ("tag_mfa_device", good("tag_mfa_device", Tags=[{"Key": "k", "Value": ""}])),
    "kwargs-order": ("resync_mfa_device", dict(reversed(list(GOOD["resync_mfa_device"].items())))),
    "nothing-optional": ("list_virtual_mfa_devices", {}),
}


@pytest.mark.parametrize(("operation", "call"), list(ACCEPTED.values()), ids=list(ACCEPTED))
def test_accepted_and_sent(parity, operation, call):
    boto, fast = parity.scripted(reply_for(operation), operation=operation, call=call)

    assert boto.error is None, boto
    parity.assert_same(boto, fast)
    assert fast.attempts == 1
    assert fast.requests[0].form == boto.requests[0].form


@pytest.mark.parametrize("value", [True, 2**31, 10**30], ids=["true", "beyond-i32", "huge"])
def test_max_items_goes_as_botocore_sends_it(parity, value):
    """botocore checks only MaxItems' minimum, then sends str(value): "True",
    or digits beyond the SDK's 32-bit integer (IAM rejects both). fastiam puts
    the same text in the form (src/transport/verbatim.rs)."""
    call = good("list_mfa_devices", MaxItems=value)
    boto, fast = parity.scripted(
        reply_for("list_mfa_devices"), operation="list_mfa_devices", call=call
    )

    assert boto.requests[0].form["MaxItems"] == [str(value)]
    assert fast.requests[0].form == boto.requests[0].form


class _ShownOtherwise(str):
    """A str whose str() is not its text: urlencode sends the text."""

    def __str__(self) -> str:
        return "<shown otherwise>"


NOT_VALIDATED = {
    "missing-required": ("resync_mfa_device", {"UserName": "alice"}),
    "str-subclass-max-items": ("list_mfa_devices", {"MaxItems": _ShownOtherwise("7")}),
    "str-subclass-serial": ("get_mfa_device", {"SerialNumber": _ShownOtherwise(SERIAL)}),
    "int-serial": ("get_mfa_device", {"SerialNumber": 5}),
    "short-and-empty": ("untag_mfa_device", {"SerialNumber": "s", "TagKeys": [""]}),
    "text-max-items": ("list_mfa_devices", {"MaxItems": "five"}),
    "float-max-items": ("list_mfa_device_tags", {"SerialNumber": SERIAL, "MaxItems": 2.5}),
    "bytes-not-utf8": ("untag_mfa_device", {"SerialNumber": SERIAL, "TagKeys": [b"\xff t&"]}),
}


@pytest.mark.parametrize(
    ("operation", "call"), list(NOT_VALIDATED.values()), ids=list(NOT_VALIDATED)
)
def test_parameter_validation_off_sends(parity, operation, call):
    boto, fast = parity.scripted(
        reply_for(operation), operation=operation, call=call, config={"parameter_validation": False}
    )

    assert boto.error is None, boto
    parity.assert_same(boto, fast)
    assert fast.attempts == 1
    assert fast.requests[0].form == boto.requests[0].form


@pytest.mark.parametrize("operation", list(GOOD))
@pytest.mark.parametrize(
    ("args", "with_kwargs"),
    [(("x",), False), (("x",), True), ((None, None), False)],
    ids=["one", "with-kwargs", "two"],
)
def test_positional_arguments_are_rejected(parity, client_pair, operation, args, with_kwargs):
    boto_client, fast_client = client_pair()
    call = GOOD[operation] if with_kwargs else {}
    boto = parity.invoke("boto3", boto_client, call, args, operation=operation)
    fast = parity.invoke("fastiam", fast_client, call, args, operation=operation)

    assert type(boto.error) is TypeError
    assert str(boto.error) == f"{operation}() only accepts keyword arguments."
    assert type(fast.error) is TypeError
    assert str(fast.error) == str(boto.error)
    assert parity.server.requests == []


def test_valid_call_after_validation_error_works(parity):
    client = parity.fastiam_client(parity.server.url)
    with pytest.raises(fastiam.exceptions.ParamValidationError):
        client.tag_mfa_device(SerialNumber=SERIAL, Tags=[{"Key": "k"}])
    assert parity.server.requests == []
    parity.server.script(reply_for("tag_mfa_device"))

    result = client.tag_mfa_device(SerialNumber=SERIAL, Tags=[{"Key": "k", "Value": "v"}])

    assert result["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert len(parity.server.requests) == 1
    assert parity.server.requests[0].form["Tags.member.1.Value"] == ["v"]
