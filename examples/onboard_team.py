"""A boto3 IAM script, running on fastiam: the only line changed is the import.

It onboards a team the way an administrator's script does: a group with a
managed policy, users with login profiles (each waited for with a waiter), a
role with a trust policy, paginated listings, the policy documents read back as
dicts, and an MFA device enrolled with two TOTP codes. Run as a script, it
starts moto's IAM server in this process and works against it:

    python examples/onboard_team.py

tests/tools/test_examples.py runs ``onboard`` with boto3 and with fastiam on
fresh servers and compares what each printed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
import time
from typing import Any

import fastiam as boto3  # was: import boto3

TEAM = ("alice", "bob", "carol")
READ_ONLY_S3 = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}],
}
TRUSTS_CI = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "codebuild.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def totp(seed: bytes, step: int) -> str:
    """RFC 6238's code (SHA-1, 6 digits) of the 30-second step ``step``."""
    key = base64.b32decode(seed)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def onboard(iam: Any) -> None:
    """The script's work, on any boto3-style IAM client."""
    iam.create_group(GroupName="developers")
    policy = iam.create_policy(PolicyName="read-only-s3", PolicyDocument=json.dumps(READ_ONLY_S3))[
        "Policy"
    ]
    iam.attach_group_policy(GroupName="developers", PolicyArn=policy["Arn"])

    for name in TEAM:
        iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": "payments"}])
        iam.get_waiter("user_exists").wait(
            UserName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 5}
        )
        iam.add_user_to_group(GroupName="developers", UserName=name)
        iam.create_login_profile(
            UserName=name, Password="Initial-Passw0rd!", PasswordResetRequired=True
        )

    paginator = iam.get_paginator("list_users")
    pages = paginator.paginate(PaginationConfig={"PageSize": 2})
    print("users:", [user["UserName"] for page in pages for user in page["Users"]])
    members = iam.get_group(GroupName="developers")["Users"]
    print("developers:", sorted(user["UserName"] for user in members))

    # Policy documents come back as dicts, not as the URL-encoded text IAM sends.
    version = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId="v1")["PolicyVersion"]
    print("policy allows:", version["Document"]["Statement"][0]["Action"])

    iam.create_role(RoleName="ci-deployer", AssumeRolePolicyDocument=json.dumps(TRUSTS_CI))
    iam.get_waiter("role_exists").wait(RoleName="ci-deployer")
    role = iam.get_role(RoleName="ci-deployer")["Role"]
    print("role trusts:", role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"])

    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone")["VirtualMFADevice"]
    step = int(time.time()) // 30
    seed = device["Base32StringSeed"]
    iam.enable_mfa_device(
        UserName="alice",
        SerialNumber=device["SerialNumber"],
        AuthenticationCode1=totp(seed, step - 1),
        AuthenticationCode2=totp(seed, step),
    )
    devices = iam.list_mfa_devices(UserName="alice")["MFADevices"]
    print("alice's MFA:", [d["SerialNumber"] for d in devices])

    try:
        iam.get_user(UserName="mallory")
    except iam.exceptions.NoSuchEntityException as error:
        print("no mallory:", error.response["Error"]["Code"])
    print("users in account:", iam.get_account_summary()["SummaryMap"]["Users"])


def main() -> None:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        iam = boto3.client(
            "iam",
            region_name="us-east-1",
            endpoint_url=f"http://{host}:{port}",
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="example-secret",
        )
        onboard(iam)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
