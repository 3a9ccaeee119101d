"""Result dicts of operations with output members, for ordinary and odd bodies:
fastiam's fast path (Rust) and its fallback (fastiam._wire) both give boto3's
dict, key order, types and absent members included."""

from __future__ import annotations

import base64

import pytest
from conftest import key_order
from fastiam import _wire
from fastiam._native import WIRE_NAMES
from support.scripted_server import result_reply

SEED = base64.b64encode(b"JBSWY3DPEHPK3PXP" * 4).decode()
USER = (
    "<User><Path>/</Path><UserName>alice</UserName><UserId>AIDAEXAMPLEEXAMPLE01</UserId>"
    "<Arn>arn:aws:iam::123456789012:user/alice</Arn>"
    "<CreateDate>2026-01-02T03:04:05Z</CreateDate></User>"
)


def device(serial: str = "arn:aws:iam::123456789012:mfa/d1", extra: str = "") -> str:
    return f"<member><SerialNumber>{serial}</SerialNumber>{extra}</member>"


# (operation, call, Result inner XML)
BODIES = {
    "virtual-devices-full": (
        "list_virtual_mfa_devices",
        {},
        "<VirtualMFADevices>"
        + device(
            extra=f"<Base32StringSeed>{SEED}</Base32StringSeed>{USER}"
            "<EnableDate>2026-03-04T05:06:07.123Z</EnableDate>"
            "<Tags><member><Key>team</Key><Value>a &amp; b</Value></member></Tags>"
        )
        + device("arn:aws:iam::123456789012:mfa/d2")
        + "</VirtualMFADevices><IsTruncated>true</IsTruncated><Marker>m&lt;1</Marker>",
    ),
    "empty-list-and-no-flags": ("list_virtual_mfa_devices", {}, "<VirtualMFADevices/>"),
    "no-members-at-all": ("list_mfa_devices", {}, ""),
    "mfa-devices-offset-dates": (
        "list_mfa_devices",
        {"UserName": "alice"},
        (
            "<MFADevices><member><UserName>alice</UserName>"
            "<SerialNumber>arn:aws:iam::123456789012:mfa/alice</SerialNumber>"
            "<EnableDate>2026-11-28T07:31:53.805358+00:00</EnableDate></member></MFADevices>"
            "<IsTruncated>false</IsTruncated>"
        ),
    ),
    "empty-strings-and-empty-tags": (
        "list_mfa_device_tags",
        {"SerialNumber": "arn:aws:iam::123456789012:mfa/d1"},
        (
            "<Tags><member><Key>k</Key><Value></Value></member><member><Key>e</Key><Value/></member>"
            "</Tags><IsTruncated>false</IsTruncated><Marker></Marker>"
        ),
    ),
    "certifications-map": (
        "get_mfa_device",
        {"SerialNumber": "arn:aws:iam::123456789012:mfa/d1"},
        (
            "<UserName>alice</UserName><SerialNumber>arn:aws:iam::123456789012:mfa/d1</SerialNumber>"
            "<EnableDate>2026-01-02T03:04:05Z</EnableDate>"
            "<Certifications><entry><key>FIPS-140-2</key><value>L2</value></entry>"
            "<entry><key>FIPS-140-3</key><value>L3</value></entry></Certifications>"
        ),
    ),
    "members-in-odd-order-and-unknown-ones": (
        "get_mfa_device",
        {"SerialNumber": "arn:aws:iam::123456789012:mfa/d1"},
        (
            "<Surprise>x</Surprise><EnableDate>2026-01-02T03:04:05Z</EnableDate>"
            "<SerialNumber>arn:aws:iam::123456789012:mfa/d1</SerialNumber><UserName>bob</UserName>"
        ),
    ),
    "created-device": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "d1"},
        (
            f"<VirtualMFADevice><SerialNumber>arn:aws:iam::123456789012:mfa/d1</SerialNumber>"
            f"<Base32StringSeed>{SEED}</Base32StringSeed><QRCodePNG>iVBORw0KGgo=</QRCodePNG>"
            f"</VirtualMFADevice>"
        ),
    ),
    "unpadded-base64-seed": (
        "create_virtual_mfa_device",
        {"VirtualMFADeviceName": "d1"},
        (
            "<VirtualMFADevice><SerialNumber>s-123456789</SerialNumber>"
            "<Base32StringSeed>QUJD</Base32StringSeed><QRCodePNG>QUI=\n</QRCodePNG></VirtualMFADevice>"
        ),
    ),
}


@pytest.mark.parametrize("case", list(BODIES.values()), ids=list(BODIES))
def test_result_matches_boto3(parity, case):
    operation, call, inner = case
    reply = result_reply(WIRE_NAMES[operation], inner)
    boto, fast = parity.scripted(reply, call=call, operation=operation)

    assert boto.error is None, boto.error
    parity.assert_same(boto, fast)


@pytest.mark.parametrize("case", list(BODIES.values()), ids=list(BODIES))
def test_fallback_parser_agrees_with_fast_path(parity, server, case):
    operation, call, inner = case
    reply = result_reply(WIRE_NAMES[operation], inner)
    client = parity.fastiam_client(server.url)
    server.reset()
    server.script(reply)

    fast = getattr(client, operation)(**call)
    fallback = _wire.parse_response(WIRE_NAMES[operation], 200, reply.headers, reply.body, 0, False)

    fast.pop("ResponseMetadata")
    fallback.pop("ResponseMetadata")
    assert fast == fallback
    assert key_order(fast) == key_order(fallback)
