"""fastiam extras: enable_virtual_mfa_device / resync_virtual_mfa_device compute
a fresh pair of codes from the device's seed and send the call at once."""

from __future__ import annotations

import base64
import time

import fastiam
import pyotp
import pytest
from support.scripted_server import empty_success_reply, error_reply

SERIAL = "arn:aws:iam::123456789012:mfa/alice-phone"
SEED = base64.b32encode(b"fastiam-test-seed-0123456789").decode()


def expected_pairs(seed: str, started: float, ended: float) -> set[tuple[str, str]]:
    """The pairs (window-1, window) fastiam may have sent between two instants
    (a window boundary can fall inside the call)."""
    totp = pyotp.TOTP(seed)
    pairs = set()
    for at in (started, ended):
        window = int(at // 30)
        pairs.add((totp.at((window - 1) * 30), totp.at(window * 30)))
    return pairs


@pytest.mark.parametrize(
    ("method", "wire"),
    [
        ("enable_virtual_mfa_device", "EnableMFADevice"),
        ("resync_virtual_mfa_device", "ResyncMFADevice"),
    ],
)
@pytest.mark.parametrize("seed", [SEED, SEED.encode(), SEED.lower().rstrip("=")])
def test_sends_a_fresh_pair_of_codes(parity, server, method, wire, seed):
    client = parity.fastiam_client(server.url)
    server.reset()
    server.script(empty_success_reply(wire))

    started = time.time()
    result = getattr(client, method)(UserName="alice", SerialNumber=SERIAL, Base32StringSeed=seed)
    ended = time.time()

    assert result["ResponseMetadata"]["HTTPStatusCode"] == 200
    [request] = server.requests
    form = {key: values[0] for key, values in request.form.items()}
    assert form["Action"] == wire
    assert (form["UserName"], form["SerialNumber"]) == ("alice", SERIAL)
    sent = (form["AuthenticationCode1"], form["AuthenticationCode2"])
    assert sent in expected_pairs(SEED, started, ended)


def test_enable_virtual_device_on_moto(parity, moto_url):
    admin = parity.boto3_client(moto_url)
    admin.create_user(UserName="alice")
    client = parity.fastiam_client(moto_url)
    device = client.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone")[
        "VirtualMFADevice"
    ]

    client.enable_virtual_mfa_device(
        UserName="alice",
        SerialNumber=device["SerialNumber"],
        Base32StringSeed=device["Base32StringSeed"],
    )

    listed = admin.list_mfa_devices(UserName="alice")["MFADevices"]
    assert [d["SerialNumber"] for d in listed] == [device["SerialNumber"]]


@pytest.mark.parametrize("seed", ["not base32 at all!", "", b"\xff\xfe"])
def test_bad_seed_is_rejected_without_sending_or_showing_it(parity, server, seed):
    client = parity.fastiam_client(server.url)
    server.reset()

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        client.enable_virtual_mfa_device(
            UserName="alice", SerialNumber=SERIAL, Base32StringSeed=seed
        )

    assert "Base32StringSeed" in str(caught.value)
    if seed:
        assert str(seed) not in str(caught.value)
    assert server.requests == []


def test_missing_and_wrong_types_are_reported_as_botocore_would(parity, server):
    client = parity.fastiam_client(server.url)
    server.reset()

    with pytest.raises(fastiam.exceptions.ParamValidationError) as caught:
        client.resync_virtual_mfa_device(UserName="alice", Base32StringSeed=5)

    assert str(caught.value).splitlines()[1:] == [
        'Missing required parameter in input: "SerialNumber"',
        (
            "Invalid type for parameter Base32StringSeed, value: 5, type: <class 'int'>, "
            "valid types: <class 'bytes'>, <class 'bytearray'>, file-like object"
        ),
    ]
    assert server.requests == []


def test_codes_stay_out_of_service_errors(parity, server):
    client = parity.fastiam_client(server.url)
    server.reset()
    server.script(
        error_reply(
            "InvalidAuthenticationCode", "Authentication code for the MFA device is not valid.", 403
        )
    )

    with pytest.raises(fastiam.exceptions.ClientError) as caught:
        client.enable_virtual_mfa_device(
            UserName="alice", SerialNumber=SERIAL, Base32StringSeed=SEED
        )

    form = {key: values[0] for key, values in server.requests[0].form.items()}
    text = f"{caught.value} {caught.value!r} {caught.value.response}"
    assert caught.value.response["Error"]["Code"] == "InvalidAuthenticationCode"
    assert form["AuthenticationCode1"] not in text and form["AuthenticationCode2"] not in text
    assert SEED not in text
