"""Large IAM answers for the canned nginx: a page of 1,000 virtual MFA devices and a
page of 1,000 users, as IAM writes them (the bench's large-results figures)."""

from __future__ import annotations

XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"
ACCOUNT = "123456789012"
ITEMS = 1000


def _response(operation: str, result: str, request_id: str) -> str:
    return (
        f'<{operation}Response xmlns="{XMLNS}"><{operation}Result>{result}'
        f"</{operation}Result><ResponseMetadata><RequestId>{request_id}</RequestId>"
        f"</ResponseMetadata></{operation}Response>"
    )


def _user(index: int) -> str:
    return (
        f"<Path>/team/</Path><UserName>user{index:04d}</UserName>"
        f"<UserId>AIDA{index:016d}</UserId>"
        f"<Arn>arn:aws:iam::{ACCOUNT}:user/team/user{index:04d}</Arn>"
        "<CreateDate>2024-05-06T07:08:09Z</CreateDate>"
        "<PasswordLastUsed>2024-06-07T08:09:10Z</PasswordLastUsed>"
    )


def virtual_mfa_devices(request_id: str, count: int = ITEMS) -> str:
    devices = "".join(
        f"<member><SerialNumber>arn:aws:iam::{ACCOUNT}:mfa/user{i:04d}</SerialNumber>"
        f"<User>{_user(i)}</User><EnableDate>2024-05-06T07:08:09Z</EnableDate></member>"
        for i in range(count)
    )
    result = f"<IsTruncated>false</IsTruncated><VirtualMFADevices>{devices}</VirtualMFADevices>"
    return _response("ListVirtualMFADevices", result, request_id)


def users(request_id: str, count: int = ITEMS) -> str:
    members = "".join(f"<member>{_user(i)}</member>" for i in range(count))
    result = f"<IsTruncated>false</IsTruncated><Users>{members}</Users>"
    return _response("ListUsers", result, request_id)


# endpoint path under /large/ -> (operation's method, its result key, body maker)
LARGE = {
    "list-virtual-mfa-devices": (
        "list_virtual_mfa_devices",
        "VirtualMFADevices",
        virtual_mfa_devices,
    ),
    "list-users": ("list_users", "Users", users),
}
