"""The rest of the MFA device lifecycle: create, list, deactivate, delete,
get, resync and tag virtual MFA devices, each call compared with boto3's.

Against moto where moto implements the operation (CreateVirtualMFADevice,
DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices,
ListVirtualMFADevices); against the scripted fake IAM for the rest
(GetMFADevice, ResyncMFADevice, TagMFADevice, UntagMFADevice,
ListMFADeviceTags), for every modeled error of every operation, and for the
result members moto never sends.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime

import fastiam
import pytest
from conftest import key_order, reset_moto
from support.operations import BOTOCORE_IAM, BOTOCORE_NAMES
from support.scripted_server import (
    Reply,
    error_reply,
    get_mfa_device_reply,
    list_mfa_device_tags_reply,
    result_reply,
    resync_mfa_device_reply,
    tag_mfa_device_reply,
    tags_xml,
    untag_mfa_device_reply,
)

ACCOUNT = "123456789012"
USER = "alice"


def serial(name: str, path: str = "/") -> str:
    return f"arn:aws:iam::{ACCOUNT}:mfa{path}{name}"


DEVICE = serial("dev")
OTHER = serial("other")
SERIAL = serial(USER)  # for the scripted server
CODES = {"AuthenticationCode1": "123456", "AuthenticationCode2": "654321"}

# A valid call of each operation (the scripted-server cases).
CALLS = {
    "create_virtual_mfa_device": {"VirtualMFADeviceName": "dev"},
    "deactivate_mfa_device": {"UserName": USER, "SerialNumber": SERIAL},
    "delete_virtual_mfa_device": {"SerialNumber": SERIAL},
    "get_mfa_device": {"SerialNumber": SERIAL},
    "list_mfa_devices": {"UserName": USER},
    "list_virtual_mfa_devices": {},
    "resync_mfa_device": {"UserName": USER, "SerialNumber": SERIAL, **CODES},
    "tag_mfa_device": {"SerialNumber": SERIAL, "Tags": [{"Key": "team", "Value": "ops"}]},
    "untag_mfa_device": {"SerialNumber": SERIAL, "TagKeys": ["team"]},
    "list_mfa_device_tags": {"SerialNumber": SERIAL},
}


# ---------------------------------------------------------------------------
# Comparing results that hold values moto makes up on each call

# Random per call (seeds, QR codes, user ids) or per run (timestamps).
RANDOM_MEMBERS = frozenset({"Base32StringSeed", "QRCodePNG", "UserId", "CreateDate", "EnableDate"})


def masked(value, name: str | None = None):
    """``value`` with each random member replaced by its type and size (bytes,
    str) or its UTC offset (datetime: aware, offset 0): key order, list order
    and every other value are kept."""
    if isinstance(value, dict):
        return {key: masked(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    if name in RANDOM_MEMBERS:
        if isinstance(value, datetime.datetime):
            return ("datetime", value.utcoffset())
        return (type(value).__name__, len(value))
    return value


def assert_same_masked(parity, boto, fast) -> None:
    """``assert_same`` (not exact: moto's request ids and dates differ) on the
    results with the random values masked."""
    assert boto.error is None, boto
    parity.assert_same(
        dataclasses.replace(boto, result=masked(boto.result)),
        dataclasses.replace(fast, result=masked(fast.result)),
        exact=False,
        attempts=False,
    )


def test_masked_keeps_order_and_types():
    when = datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)
    value = {"SerialNumber": "s", "QRCodePNG": b"1234", "EnableDate": when, "L": [{"UserId": "ab"}]}

    assert masked(value) == {
        "SerialNumber": "s",
        "QRCodePNG": ("bytes", 4),
        "EnableDate": ("datetime", datetime.timedelta(0)),
        "L": [{"UserId": ("str", 2)}],
    }
    assert masked({"QRCodePNG": "1234"}) != masked({"QRCodePNG": b"1234"})
    assert masked({"EnableDate": when.replace(tzinfo=None)}) != masked({"EnableDate": when})


def assert_recent(when: datetime.datetime) -> None:
    """A moto timestamp: aware, UTC, and from this test run."""
    assert when.utcoffset() == datetime.timedelta(0)
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs(now - when) < datetime.timedelta(minutes=5)


def assert_seed(device: dict) -> None:
    """A real TOTP seed (Base32 text as bytes) and a QR code given as bytes."""
    assert isinstance(device["Base32StringSeed"], bytes)
    assert base64.b32decode(device["Base32StringSeed"])
    assert isinstance(device["QRCodePNG"], bytes)


# ---------------------------------------------------------------------------
# moto: state set up with boto3, then the same call through boto3 and fastiam


def create_user(admin) -> None:
    admin.create_user(UserName=USER)


def create_device(admin, name: str = "dev") -> None:
    admin.create_virtual_mfa_device(VirtualMFADeviceName=name)


def user_and_device(admin) -> None:
    create_user(admin)
    create_device(admin)


def enabled_device(admin) -> None:
    """alice with device "dev" enabled, and an unassigned device "other"."""
    user_and_device(admin)
    create_device(admin, "other")
    admin.enable_mfa_device(UserName=USER, SerialNumber=DEVICE, **CODES)


def user_serials(admin) -> list[str]:
    return [d["SerialNumber"] for d in admin.list_mfa_devices(UserName=USER)["MFADevices"]]


def virtual_serials(admin, status: str = "Any") -> list[str]:
    listed = admin.list_virtual_mfa_devices(AssignmentStatus=status)["VirtualMFADevices"]
    return [d["SerialNumber"] for d in listed]


def assignments(admin) -> dict:
    return {
        "user": user_serials(admin),
        "assigned": virtual_serials(admin, "Assigned"),
        "unassigned": virtual_serials(admin, "Unassigned"),
    }


CREATE = {
    "name": ({"VirtualMFADeviceName": "dev"}, DEVICE),
    "path": ({"Path": "/team/ops/", "VirtualMFADeviceName": "dev"}, serial("dev", "/team/ops/")),
    "root-path": ({"VirtualMFADeviceName": "dev", "Path": "/"}, DEVICE),
    # moto ignores the tags (real IAM echoes none either: only the three members)
    "tags": (
        {"VirtualMFADeviceName": "dev", "Tags": [{"Key": "k", "Value": "v"}]},
        DEVICE,
    ),
}


@pytest.mark.parametrize(("call", "expected"), list(CREATE.values()), ids=list(CREATE))
def test_create_virtual_mfa_device(parity, call, expected):
    boto, fast = parity.moto(
        operation="create_virtual_mfa_device", call=call, check=virtual_serials
    )

    assert_same_masked(parity, boto, fast)
    assert list(fast.result) == ["VirtualMFADevice", "ResponseMetadata"]
    device = fast.result["VirtualMFADevice"]
    assert list(device) == ["SerialNumber", "Base32StringSeed", "QRCodePNG"]
    assert device["SerialNumber"] == expected
    assert_seed(device)
    assert masked(device) == {
        "SerialNumber": expected,
        "Base32StringSeed": ("bytes", 64),  # moto: 64 Base32 characters
        "QRCodePNG": ("bytes", 64),  # moto: 64 random bytes
    }
    assert fast.after == boto.after == [expected]


def test_create_existing_device_is_entity_already_exists(parity):
    boto, fast = parity.moto(
        setup=create_device,
        operation="create_virtual_mfa_device",
        call={"VirtualMFADeviceName": "dev"},
        check=virtual_serials,
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error).__name__ == "EntityAlreadyExistsException"
    assert fast.error.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert fast.error.operation_name == "CreateVirtualMFADevice"
    assert fast.after == boto.after == [DEVICE]


def test_create_with_bad_path_is_unmodeled_validation_error(parity):
    """botocore does not check the Path pattern; moto answers ValidationError."""
    boto, fast = parity.moto(
        operation="create_virtual_mfa_device",
        call={"VirtualMFADeviceName": "dev", "Path": "team"},
        check=virtual_serials,
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error) is fastiam.exceptions.ClientError
    assert fast.error.response["Error"]["Code"] == "ValidationError"
    assert fast.after == boto.after == []


def test_deactivate_detaches_the_device(parity):
    boto, fast = parity.moto(
        setup=enabled_device,
        operation="deactivate_mfa_device",
        call={"UserName": USER, "SerialNumber": DEVICE},
        check=assignments,
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert list(fast.result) == ["ResponseMetadata"]
    assert (
        fast.after
        == boto.after
        == {
            "user": [],
            "assigned": [],
            "unassigned": [DEVICE, OTHER],
        }
    )


DEACTIVATE_ERRORS = {
    "device-not-enabled": {"UserName": USER, "SerialNumber": OTHER},
    "unknown-device": {"UserName": USER, "SerialNumber": serial("nope")},
    "unknown-user": {"UserName": "bob", "SerialNumber": DEVICE},
    # moto looks up the user "None" (real IAM would use the caller's user)
    "no-user-name": {"SerialNumber": DEVICE},
}


@pytest.mark.parametrize("call", list(DEACTIVATE_ERRORS.values()), ids=list(DEACTIVATE_ERRORS))
def test_deactivate_errors(parity, call):
    boto, fast = parity.moto(
        setup=enabled_device, operation="deactivate_mfa_device", call=call, check=assignments
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error).__name__ == "NoSuchEntityException"
    assert fast.error.response["message"] == boto.error.response["message"]
    unchanged = {"user": [DEVICE], "assigned": [DEVICE], "unassigned": [OTHER]}
    assert fast.after == boto.after == unchanged


def test_delete_virtual_mfa_device(parity):
    boto, fast = parity.moto(
        setup=lambda admin: (create_device(admin), create_device(admin, "other")),
        operation="delete_virtual_mfa_device",
        call={"SerialNumber": DEVICE},
        check=virtual_serials,
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert list(fast.result) == ["ResponseMetadata"]
    assert fast.after == boto.after == [OTHER]


def test_delete_unknown_device_is_no_such_entity(parity):
    boto, fast = parity.moto(
        setup=create_device,
        operation="delete_virtual_mfa_device",
        call={"SerialNumber": OTHER},
        check=virtual_serials,
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error).__name__ == "NoSuchEntityException"
    assert fast.error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert fast.after == boto.after == [DEVICE]


def test_list_mfa_devices_empty(parity):
    boto, fast = parity.moto(
        setup=create_user, operation="list_mfa_devices", call={"UserName": USER}
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    without_metadata = {k: v for k, v in fast.result.items() if k != "ResponseMetadata"}
    assert without_metadata == {"MFADevices": [], "IsTruncated": False}


@pytest.mark.parametrize(
    "call",
    [{"UserName": USER}, {"UserName": USER, "MaxItems": 5}, {"MaxItems": 1, "UserName": USER}],
    ids=["user", "max-items", "kwargs-order"],
)
def test_list_mfa_devices(parity, call):
    boto, fast = parity.moto(setup=enabled_device, operation="list_mfa_devices", call=call)

    assert_same_masked(parity, boto, fast)
    assert list(fast.result) == ["MFADevices", "IsTruncated", "ResponseMetadata"]
    (device,) = fast.result["MFADevices"]
    assert list(device) == ["UserName", "SerialNumber", "EnableDate"]
    assert device["SerialNumber"] == DEVICE
    assert_recent(device["EnableDate"])


@pytest.mark.parametrize("call", [{"UserName": "bob"}, {}], ids=["unknown-user", "no-user"])
def test_list_mfa_devices_no_such_user(parity, call):
    boto, fast = parity.moto(setup=create_user, operation="list_mfa_devices", call=call)

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error).__name__ == "NoSuchEntityException"


LIST_VIRTUAL = {
    "default": ({}, [DEVICE, OTHER]),
    "any": ({"AssignmentStatus": "Any"}, [DEVICE, OTHER]),
    "assigned": ({"AssignmentStatus": "Assigned"}, [DEVICE]),
    "unassigned": ({"AssignmentStatus": "Unassigned"}, [OTHER]),
    "first-page": ({"MaxItems": 1}, [DEVICE]),
    "second-page": ({"Marker": "1", "MaxItems": 1}, [OTHER]),
    "last-page": ({"Marker": "1"}, [OTHER]),
}


@pytest.mark.parametrize(("call", "serials"), list(LIST_VIRTUAL.values()), ids=list(LIST_VIRTUAL))
def test_list_virtual_mfa_devices(parity, call, serials):
    boto, fast = parity.moto(setup=enabled_device, operation="list_virtual_mfa_devices", call=call)

    assert_same_masked(parity, boto, fast)
    listed = fast.result["VirtualMFADevices"]
    assert [d["SerialNumber"] for d in listed] == serials
    for device in listed:
        assert_seed(device)
        if device["SerialNumber"] == DEVICE:  # assigned: moto adds the user and date
            assert list(device) == [
                "SerialNumber",
                "Base32StringSeed",
                "QRCodePNG",
                "User",
                "EnableDate",
            ]
            assert list(device["User"]) == ["Path", "UserName", "UserId", "Arn", "CreateDate"]
            assert device["User"]["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/{USER}"
            assert_recent(device["EnableDate"])
        else:
            assert list(device) == ["SerialNumber", "Base32StringSeed", "QRCodePNG"]


def test_list_virtual_mfa_devices_truncated(parity):
    boto, fast = parity.moto(
        setup=enabled_device, operation="list_virtual_mfa_devices", call={"MaxItems": 1}
    )

    assert_same_masked(parity, boto, fast)
    assert list(fast.result) == ["VirtualMFADevices", "IsTruncated", "Marker", "ResponseMetadata"]
    assert fast.result["IsTruncated"] is True
    assert fast.result["Marker"] == "1"


def test_list_virtual_mfa_devices_none(parity):
    boto, fast = parity.moto(operation="list_virtual_mfa_devices", call={})

    parity.assert_same(boto, fast, exact=False, attempts=False)
    without_metadata = {k: v for k, v in fast.result.items() if k != "ResponseMetadata"}
    assert without_metadata == {"VirtualMFADevices": [], "IsTruncated": False}


def test_list_virtual_mfa_devices_bad_marker(parity):
    boto, fast = parity.moto(
        setup=enabled_device, operation="list_virtual_mfa_devices", call={"Marker": "99"}
    )

    parity.assert_same(boto, fast, exact=False, attempts=False)
    assert type(fast.error) is fastiam.exceptions.ClientError
    assert fast.error.response["Error"]["Code"] == "ValidationError"


LIFECYCLE = [
    ("create_virtual_mfa_device", {"VirtualMFADeviceName": "phone", "Path": "/"}),
    ("list_virtual_mfa_devices", {"AssignmentStatus": "Unassigned"}),
    ("enable_mfa_device", {"UserName": USER, "SerialNumber": serial("phone"), **CODES}),
    ("enable_mfa_device", {"UserName": USER, "SerialNumber": serial("phone"), **CODES}),
    ("list_mfa_devices", {"UserName": USER}),
    ("list_virtual_mfa_devices", {"AssignmentStatus": "Assigned"}),
    ("deactivate_mfa_device", {"UserName": USER, "SerialNumber": serial("phone")}),
    ("deactivate_mfa_device", {"UserName": USER, "SerialNumber": serial("phone")}),
    ("list_mfa_devices", {"UserName": USER}),
    ("delete_virtual_mfa_device", {"SerialNumber": serial("phone")}),
    ("list_virtual_mfa_devices", {}),
    ("delete_virtual_mfa_device", {"SerialNumber": serial("phone")}),
]


def test_lifecycle_round_trip(parity, moto_url):
    """create, enable, deactivate and delete one device with one client, step
    by step the same as boto3 (each run on a fresh moto)."""
    runs = {}
    for lib, make in (("boto3", parity.boto3_client), ("fastiam", parity.fastiam_client)):
        reset_moto(moto_url)
        parity.boto3_client(moto_url).create_user(UserName=USER)
        client = make(moto_url)
        runs[lib] = [parity.invoke(lib, client, call, operation=op) for op, call in LIFECYCLE]

    for (op, _), boto, fast in zip(LIFECYCLE, runs["boto3"], runs["fastiam"]):
        if boto.error is None:
            assert fast.error is None, (op, fast)
            assert_same_masked(parity, boto, fast)
        else:
            parity.assert_same(boto, fast, exact=False, attempts=False)
    errors = [type(o.error).__name__ if o.error else None for o in runs["fastiam"]]
    assert errors == [
        None,
        None,
        None,
        "EntityAlreadyExistsException",
        None,
        None,
        None,
        "NoSuchEntityException",
        None,
        None,
        None,
        "NoSuchEntityException",
    ]
    created, unassigned, *_ = (o.result for o in runs["fastiam"])
    seed = created["VirtualMFADevice"]["Base32StringSeed"]
    # The seed decodes the same every time the device is listed.
    assert unassigned["VirtualMFADevices"][0]["Base32StringSeed"] == seed
    assigned = runs["fastiam"][5].result["VirtualMFADevices"]
    assert [d["SerialNumber"] for d in assigned] == [serial("phone")]
    assert assigned[0]["Base32StringSeed"] == seed
    assert_recent(assigned[0]["EnableDate"])
    assert runs["fastiam"][8].result["MFADevices"] == []
    assert runs["fastiam"][10].result["VirtualMFADevices"] == []


# ---------------------------------------------------------------------------
# Scripted fake IAM: GetMFADevice, ResyncMFADevice, Tag/Untag/ListMFADeviceTags


def assert_same_request(boto, fast, action: str) -> dict:
    """fastiam sent boto3's form (order aside); returns it."""
    assert len(fast.requests) == len(boto.requests) == 1
    sent, expected = fast.requests[0], boto.requests[0]
    assert (sent.method, sent.path) == (expected.method, expected.path) == ("POST", "/")
    assert sent.form == expected.form
    assert sent.form["Action"] == [action]
    assert sent.form["Version"] == ["2010-05-08"]
    return sent.form


def members(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "ResponseMetadata"}


GET_REPLIES = {
    "full": (
        get_mfa_device_reply(
            SERIAL,
            user_name=USER,
            enable_date="2026-01-02T03:04:05Z",
            certifications={"FIPS-140-2": "L2", "FIPS-140-3": "L1"},
        ),
        {
            "UserName": USER,
            "SerialNumber": SERIAL,
            "EnableDate": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
            "Certifications": {"FIPS-140-2": "L2", "FIPS-140-3": "L1"},
        },
    ),
    "serial-only": (get_mfa_device_reply(SERIAL), {"SerialNumber": SERIAL}),
    "empty-certifications": (
        get_mfa_device_reply(SERIAL, certifications={}),
        {"SerialNumber": SERIAL, "Certifications": {}},
    ),
    "fractional-seconds": (
        get_mfa_device_reply(SERIAL, enable_date="2026-01-02T03:04:05.123456Z"),
        {
            "SerialNumber": SERIAL,
            "EnableDate": datetime.datetime(
                2026, 1, 2, 3, 4, 5, 123456, tzinfo=datetime.timezone.utc
            ),
        },
    ),
    # a required member missing from the reply is simply absent
    "nothing": (get_mfa_device_reply(None), {}),
    # XML elements in another order: the dict keys still follow the model
    "elements-out-of-order": (
        result_reply(
            "GetMFADevice",
            "<Certifications><entry><key>b</key><value>2</value></entry>"
            "<entry><key>a</key><value>1</value></entry></Certifications>"
            "<EnableDate>2026-01-02T03:04:05Z</EnableDate>"
            f"<SerialNumber>{SERIAL}</SerialNumber><UserName>{USER}</UserName><Extra>x</Extra>",
        ),
        {
            "UserName": USER,
            "SerialNumber": SERIAL,
            "EnableDate": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
            "Certifications": {"b": "2", "a": "1"},
        },
    ),
}


@pytest.mark.parametrize(("reply", "expected"), list(GET_REPLIES.values()), ids=list(GET_REPLIES))
def test_get_mfa_device(parity, reply, expected):
    call = {"SerialNumber": SERIAL, "UserName": USER}
    boto, fast = parity.scripted(reply, operation="get_mfa_device", call=call)

    parity.assert_same(boto, fast)
    assert members(fast.result) == members(boto.result) == expected
    assert key_order(members(fast.result)) == key_order(expected)
    if "EnableDate" in expected:
        assert fast.result["EnableDate"].utcoffset() == datetime.timedelta(0)
    form = assert_same_request(boto, fast, "GetMFADevice")
    assert form["SerialNumber"] == [SERIAL] and form["UserName"] == [USER]


def test_get_mfa_device_without_user_name_sends_none(parity):
    boto, fast = parity.scripted(
        get_mfa_device_reply(SERIAL), operation="get_mfa_device", call={"SerialNumber": SERIAL}
    )

    parity.assert_same(boto, fast)
    form = assert_same_request(boto, fast, "GetMFADevice")
    assert set(form) == {"Action", "Version", "SerialNumber"}


def test_resync_mfa_device(parity):
    call = CALLS["resync_mfa_device"]
    boto, fast = parity.scripted(
        resync_mfa_device_reply("rid-resync"), operation="resync_mfa_device", call=call
    )

    parity.assert_same(boto, fast)
    assert list(fast.result) == ["ResponseMetadata"]
    assert fast.result["ResponseMetadata"]["RequestId"] == "rid-resync"
    form = assert_same_request(boto, fast, "ResyncMFADevice")
    assert {k: v[0] for k, v in form.items() if k not in ("Action", "Version")} == call


TAGS = {
    "one": (
        [{"Key": "team", "Value": "ops"}],
        {"Tags.member.1.Key": "team", "Tags.member.1.Value": "ops"},
    ),
    "two-and-empty-value": (
        [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": ""}],
        {
            "Tags.member.1.Key": "a",
            "Tags.member.1.Value": "1",
            "Tags.member.2.Key": "b",
            "Tags.member.2.Value": "",
        },
    ),
    "value-before-key": (
        [{"Value": "v", "Key": "k"}],
        {"Tags.member.1.Key": "k", "Tags.member.1.Value": "v"},
    ),
    "odd-characters": (
        [{"Key": "a b&c=d/\u00e9:+@", "Value": "x y%z\u2603"}],
        {"Tags.member.1.Key": "a b&c=d/\u00e9:+@", "Tags.member.1.Value": "x y%z\u2603"},
    ),
    "tuple": (
        ({"Key": "k", "Value": "v"},),
        {"Tags.member.1.Key": "k", "Tags.member.1.Value": "v"},
    ),
    # botocore sends an empty list as "Tags=" (real IAM then rejects it)
    "empty": ([], {"Tags": ""}),
}


@pytest.mark.parametrize(("tags", "fields"), list(TAGS.values()), ids=list(TAGS))
def test_tag_mfa_device(parity, tags, fields):
    boto, fast = parity.scripted(
        tag_mfa_device_reply(),
        operation="tag_mfa_device",
        call={"SerialNumber": SERIAL, "Tags": tags},
    )

    parity.assert_same(boto, fast)
    assert list(fast.result) == ["ResponseMetadata"]
    form = assert_same_request(boto, fast, "TagMFADevice")
    assert {k: v[0] for k, v in form.items()} == {
        "Action": "TagMFADevice",
        "Version": "2010-05-08",
        "SerialNumber": SERIAL,
        **fields,
    }


def test_tag_mfa_device_many_tags(parity):
    """Over the model's 50: not checked by botocore, sent for IAM to refuse."""
    tags = [{"Key": f"k{i}", "Value": f"v{i}"} for i in range(51)]
    boto, fast = parity.scripted(
        error_reply("LimitExceeded", "too many tags", 409),
        operation="tag_mfa_device",
        call={"SerialNumber": SERIAL, "Tags": tags},
    )

    parity.assert_same(boto, fast)
    assert type(fast.error).__name__ == "LimitExceededException"
    form = assert_same_request(boto, fast, "TagMFADevice")
    assert form["Tags.member.51.Key"] == ["k50"]
    assert form["Tags.member.10.Value"] == ["v9"]


UNTAG = {
    "one": (["team"], {"TagKeys.member.1": "team"}),
    "two": (["b", "a"], {"TagKeys.member.1": "b", "TagKeys.member.2": "a"}),
    "tuple": (("k",), {"TagKeys.member.1": "k"}),
    "empty": ([], {"TagKeys": ""}),
}


@pytest.mark.parametrize(("keys", "fields"), list(UNTAG.values()), ids=list(UNTAG))
def test_untag_mfa_device(parity, keys, fields):
    boto, fast = parity.scripted(
        untag_mfa_device_reply(),
        operation="untag_mfa_device",
        call={"SerialNumber": SERIAL, "TagKeys": keys},
    )

    parity.assert_same(boto, fast)
    assert list(fast.result) == ["ResponseMetadata"]
    form = assert_same_request(boto, fast, "UntagMFADevice")
    assert {k: v[0] for k, v in form.items()} == {
        "Action": "UntagMFADevice",
        "Version": "2010-05-08",
        "SerialNumber": SERIAL,
        **fields,
    }


LIST_TAGS = {
    "two-truncated": (
        list_mfa_device_tags_reply([("a", "1"), ("b", "")], True, "next"),
        {
            "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": ""}],
            "IsTruncated": True,
            "Marker": "next",
        },
    ),
    "one": (
        list_mfa_device_tags_reply([("k", "v")]),
        {"Tags": [{"Key": "k", "Value": "v"}], "IsTruncated": False},
    ),
    "empty-tags-element": (list_mfa_device_tags_reply([]), {"Tags": [], "IsTruncated": False}),
    "no-tags-element": (list_mfa_device_tags_reply(None), {"IsTruncated": False}),
    "nothing": (list_mfa_device_tags_reply(None, None), {}),
    "marker-only": (list_mfa_device_tags_reply([], None, "m"), {"Tags": [], "Marker": "m"}),
    "escaped-values": (
        list_mfa_device_tags_reply([("a<b", "c&d \u00e9")]),
        {"Tags": [{"Key": "a<b", "Value": "c&d \u00e9"}], "IsTruncated": False},
    ),
    "elements-out-of-order": (
        result_reply(
            "ListMFADeviceTags",
            "<Marker>m</Marker><IsTruncated>true</IsTruncated>"
            "<Tags><member><Value>v</Value><Key>k</Key></member></Tags>",
        ),
        {"Tags": [{"Key": "k", "Value": "v"}], "IsTruncated": True, "Marker": "m"},
    ),
}


@pytest.mark.parametrize(("reply", "expected"), list(LIST_TAGS.values()), ids=list(LIST_TAGS))
def test_list_mfa_device_tags(parity, reply, expected):
    call = {"SerialNumber": SERIAL, "Marker": "from", "MaxItems": 2}
    boto, fast = parity.scripted(reply, operation="list_mfa_device_tags", call=call)

    parity.assert_same(boto, fast)
    assert members(fast.result) == expected
    assert list(members(fast.result)) == list(expected)
    for tag in fast.result.get("Tags", []):
        assert list(tag) == ["Key", "Value"]
    form = assert_same_request(boto, fast, "ListMFADeviceTags")
    assert form["MaxItems"] == ["2"] and form["Marker"] == ["from"]


# Replies with every member moto never sends (users' permissions boundaries,
# password use, device tags, pagination), for the operations moto implements.
USER_XML = (
    "<User><Path>/staff/</Path><UserName>alice</UserName><UserId>AIDAEXAMPLEEXAMPLE01</UserId>"
    f"<Arn>arn:aws:iam::{ACCOUNT}:user/staff/alice</Arn>"
    "<CreateDate>2025-12-01T10:00:00Z</CreateDate>"
    "<PasswordLastUsed>2026-01-01T09:30:00.5Z</PasswordLastUsed>"
    "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy"
    "</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::aws:policy/PowerUserAccess"
    "</PermissionsBoundaryArn></PermissionsBoundary>"
    f"{tags_xml([('dept', 'eng')])}</User>"
)
SEED_B64 = base64.b64encode(b"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").decode()
PNG_B64 = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\x00").decode()
FULL_DEVICE_XML = (
    f"<SerialNumber>{SERIAL}</SerialNumber><Base32StringSeed>{SEED_B64}</Base32StringSeed>"
    f"<QRCodePNG>{PNG_B64}</QRCodePNG>{USER_XML}<EnableDate>2026-01-02T03:04:05Z</EnableDate>"
    f"{tags_xml([('k', 'v'), ('k2', '')])}"
)
FULL_REPLIES = {
    "create-full": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "alice", "Tags": [{"Key": "k", "Value": "v"}]},
        result_reply(
            "CreateVirtualMFADevice", f"<VirtualMFADevice>{FULL_DEVICE_XML}</VirtualMFADevice>"
        ),
    ),
    "create-serial-only": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "alice"},
        result_reply(
            "CreateVirtualMFADevice",
            f"<VirtualMFADevice><SerialNumber>{SERIAL}</SerialNumber></VirtualMFADevice>",
        ),
    ),
    "create-empty-blobs": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "alice"},
        result_reply(
            "CreateVirtualMFADevice",
            f"<VirtualMFADevice><SerialNumber>{SERIAL}</SerialNumber><Base32StringSeed/>"
            "<QRCodePNG></QRCodePNG><Tags/></VirtualMFADevice>",
        ),
    ),
    "list-virtual-full": (
        "list_virtual_mfa_devices",
        {"AssignmentStatus": "Assigned", "MaxItems": 1, "Marker": "m0"},
        result_reply(
            "ListVirtualMFADevices",
            f"<VirtualMFADevices><member>{FULL_DEVICE_XML}</member>"
            f"<member><SerialNumber>{serial('b')}</SerialNumber></member></VirtualMFADevices>"
            "<IsTruncated>true</IsTruncated><Marker>m1</Marker>",
        ),
    ),
    "list-mfa-paged": (
        "list_mfa_devices",
        {"UserName": USER, "MaxItems": 2, "Marker": "m0"},
        result_reply(
            "ListMFADevices",
            "<MFADevices>"
            f"<member><UserName>{USER}</UserName><SerialNumber>{SERIAL}</SerialNumber>"
            "<EnableDate>2026-01-02T03:04:05Z</EnableDate></member>"
            f"<member><EnableDate>2026-02-03T04:05:06.789Z</EnableDate>"
            f"<SerialNumber>{serial('b')}</SerialNumber><UserName>{USER}</UserName></member>"
            "</MFADevices><IsTruncated>true</IsTruncated><Marker>m1</Marker>",
        ),
    ),
    "list-mfa-absent-members": (
        "list_mfa_devices",
        {},
        result_reply("ListMFADevices", ""),
    ),
}


@pytest.mark.parametrize(
    ("operation", "call", "reply"), list(FULL_REPLIES.values()), ids=list(FULL_REPLIES)
)
def test_every_result_member(parity, operation, call, reply):
    boto, fast = parity.scripted(reply, operation=operation, call=call)

    assert boto.error is None, boto
    parity.assert_same(boto, fast)
    assert_same_request(boto, fast, BOTOCORE_NAMES[operation])


def test_full_virtual_device_values(parity):
    """The values themselves, not only boto3's: blobs decoded to bytes, dates
    aware and UTC, nested structures and tags in model order."""
    operation, call, reply = FULL_REPLIES["list-virtual-full"]
    boto, fast = parity.scripted(reply, operation=operation, call=call)

    parity.assert_same(boto, fast)
    device = fast.result["VirtualMFADevices"][0]
    assert list(device) == [
        "SerialNumber",
        "Base32StringSeed",
        "QRCodePNG",
        "User",
        "EnableDate",
        "Tags",
    ]
    assert device["Base32StringSeed"] == b"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    assert device["QRCodePNG"] == b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\x00"
    assert device["User"] == {
        "Path": "/staff/",
        "UserName": "alice",
        "UserId": "AIDAEXAMPLEEXAMPLE01",
        "Arn": f"arn:aws:iam::{ACCOUNT}:user/staff/alice",
        "CreateDate": datetime.datetime(2025, 12, 1, 10, tzinfo=datetime.timezone.utc),
        "PasswordLastUsed": datetime.datetime(
            2026, 1, 1, 9, 30, 0, 500000, tzinfo=datetime.timezone.utc
        ),
        "PermissionsBoundary": {
            "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
            "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess",
        },
        "Tags": [{"Key": "dept", "Value": "eng"}],
    }
    assert device["User"]["PasswordLastUsed"].utcoffset() == datetime.timedelta(0)
    assert device["Tags"] == [{"Key": "k", "Value": "v"}, {"Key": "k2", "Value": ""}]
    assert fast.result["VirtualMFADevices"][1] == {"SerialNumber": serial("b")}
    assert (fast.result["IsTruncated"], fast.result["Marker"]) == (True, "m1")


def test_empty_elements_are_empty_values(parity):
    """``<Base32StringSeed/>`` is b"", ``<QRCodePNG></QRCodePNG>`` is b"", ``<Tags/>`` is []."""
    operation, call, reply = FULL_REPLIES["create-empty-blobs"]
    boto, fast = parity.scripted(reply, operation=operation, call=call)

    parity.assert_same(boto, fast)
    assert fast.result["VirtualMFADevice"] == {
        "SerialNumber": SERIAL,
        "Base32StringSeed": b"",
        "QRCodePNG": b"",
        "Tags": [],
    }


# ---------------------------------------------------------------------------
# Every modeled error of every operation, with the HTTP status IAM sends it with


def modeled_errors() -> list[tuple[str, str, int]]:
    cases = []
    for operation in CALLS:
        for shape in BOTOCORE_IAM.operation_model(BOTOCORE_NAMES[operation]).error_shapes:
            error = shape.metadata["error"]
            cases.append((operation, error["code"], error["httpStatusCode"]))
    return cases


MODELED = modeled_errors()


def test_modeled_errors_cover_every_operation():
    assert {operation for operation, _, _ in MODELED} == set(CALLS) - {
        "list_virtual_mfa_devices"  # models no errors
    }
    assert ("delete_virtual_mfa_device", "DeleteConflict", 409) in MODELED
    assert ("resync_mfa_device", "InvalidAuthenticationCode", 403) in MODELED
    assert ("tag_mfa_device", "InvalidInput", 400) in MODELED


@pytest.mark.parametrize(
    ("operation", "code", "status"), MODELED, ids=[f"{op}-{code}" for op, code, _ in MODELED]
)
def test_modeled_error(parity, operation, code, status):
    kind = "Receiver" if status >= 500 else "Sender"
    boto, fast = parity.scripted(
        error_reply(code, f"msg for {code}", status, type=kind, request_id="err-rid"),
        operation=operation,
        call=CALLS[operation],
    )

    parity.assert_same(boto, fast)
    assert fast.error.operation_name == BOTOCORE_NAMES[operation]
    client = parity.fastiam_client(parity.server.url)
    assert isinstance(fast.error, getattr(client.exceptions, type(boto.error).__name__))
    assert fast.error.response["Error"]["Code"] == code
    assert fast.error.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert fast.attempts == boto.attempts == (3 if status >= 500 else 1)


@pytest.mark.parametrize("operation", list(CALLS))
def test_unmodeled_error(parity, operation):
    boto, fast = parity.scripted(
        error_reply("SomethingWeird", "odd", 400), operation=operation, call=CALLS[operation]
    )

    parity.assert_same(boto, fast)
    assert type(fast.error) is fastiam.exceptions.ClientError
    assert fast.error.response["Error"]["Code"] == "SomethingWeird"
    assert fast.attempts == 1


def test_retried_then_success(parity):
    """Retries are per call, whatever the operation: a 500 then the reply."""
    boto, fast = parity.scripted(
        error_reply("ServiceFailure", "boom", 500, type="Receiver"),
        list_mfa_device_tags_reply([("k", "v")], request_id="ok"),
        operation="list_mfa_device_tags",
        call=CALLS["list_mfa_device_tags"],
    )

    parity.assert_same(boto, fast)
    assert fast.attempts == 2
    assert fast.result["Tags"] == [{"Key": "k", "Value": "v"}]
    assert fast.result["ResponseMetadata"]["RetryAttempts"] == 1


@pytest.mark.parametrize("operation", list(CALLS))
def test_empty_200_is_response_parser_error(parity, operation):
    """An empty 200 body is a parser error for every operation, output or not."""
    boto, fast = parity.scripted(
        Reply(200, b"", [("x-amzn-RequestId", "rid")]), operation=operation, call=CALLS[operation]
    )

    parity.assert_same(boto, fast)
    assert isinstance(fast.error, fastiam.exceptions.ResponseParserError)
