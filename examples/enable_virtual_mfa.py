"""A virtual MFA device's whole life with fastiam, on a local IAM.

Starts moto's IAM server in this process and creates a user (the one boto3 call:
user management is not fastiam's business), then, with fastiam only: creates a
virtual MFA device, enables it with two codes computed from its seed, lists it,
deactivates it and deletes it.
"""

from __future__ import annotations

import logging
from typing import Any

import boto3
import fastiam
from fastiam import totp
from moto.server import ThreadedMotoServer

CREDENTIALS: dict[str, Any] = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}


def lifecycle(iam: fastiam.IAM) -> None:
    device = iam.create_virtual_mfa_device(
        VirtualMFADeviceName="alice-phone", Tags=[{"Key": "team", "Value": "payments"}]
    )["VirtualMFADevice"]
    serial, seed = device["SerialNumber"], device["Base32StringSeed"]
    print(f"created {serial}")

    # Two consecutive codes that are still valid when IAM reads them.
    code1, code2 = totp.pair(seed)
    iam.enable_mfa_device(
        UserName="alice", SerialNumber=serial, AuthenticationCode1=code1, AuthenticationCode2=code2
    )
    # Or in one step, a fastiam extra: iam.enable_virtual_mfa_device(UserName=...,
    # SerialNumber=serial, Base32StringSeed=seed)

    for page in iam.get_paginator("list_mfa_devices").paginate(UserName="alice"):
        for mfa in page["MFADevices"]:
            print(
                f"  {mfa['UserName']}  {mfa['SerialNumber']}  enabled {mfa['EnableDate']:%F %T %Z}"
            )

    assigned = iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
    print(f"assigned virtual devices: {[d['SerialNumber'] for d in assigned]}")

    # A device that drifted would be brought back with a fresh pair (a fastiam extra;
    # moto does not implement ResyncMFADevice, real IAM does):
    # iam.resync_virtual_mfa_device(UserName="alice", SerialNumber=serial, Base32StringSeed=seed)

    iam.deactivate_mfa_device(UserName="alice", SerialNumber=serial)
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    print(f"deleted {serial}; left: {iam.list_virtual_mfa_devices()['VirtualMFADevices']}")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request access log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    try:
        boto3.client("iam", endpoint_url=endpoint, **CREDENTIALS).create_user(UserName="alice")
        lifecycle(fastiam.client("iam", endpoint_url=endpoint, **CREDENTIALS))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
