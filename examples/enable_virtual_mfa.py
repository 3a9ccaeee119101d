"""Enable a virtual MFA device for a new IAM user, end to end, on a local IAM.

Starts moto's IAM server in this process, creates a user and a virtual MFA
device (with boto3: fastiam does not offer those calls yet), computes two
consecutive TOTP codes from the device's seed, enables the device with fastiam
and prints what ``list_mfa_devices`` then reports.
"""

from __future__ import annotations

import logging
import time

import boto3
import fastiam
import pyotp
from moto.server import ThreadedMotoServer

CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}


def consecutive_codes(seed: bytes) -> tuple[str, str]:
    """Codes for the previous and the current 30 s window: both still valid now.

    Waits for a fresh window when the current one is about to end, so that the
    pair is not stale by the time IAM reads it.
    """
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30)
    totp = pyotp.TOTP(seed.decode())
    now = time.time()
    return totp.at(now - 30), totp.at(now)


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request access log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    try:
        setup = boto3.client("iam", endpoint_url=endpoint, **CREDENTIALS)
        setup.create_user(UserName="alice")
        device = setup.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone")
        serial = device["VirtualMFADevice"]["SerialNumber"]
        code1, code2 = consecutive_codes(device["VirtualMFADevice"]["Base32StringSeed"])

        iam = fastiam.client("iam", endpoint_url=endpoint, **CREDENTIALS)
        result = iam.enable_mfa_device(
            UserName="alice",
            SerialNumber=serial,
            AuthenticationCode1=code1,
            AuthenticationCode2=code2,
        )
        print(f"enabled {serial}: HTTP {result['ResponseMetadata']['HTTPStatusCode']}")

        for mfa in setup.list_mfa_devices(UserName="alice")["MFADevices"]:
            print(f"  {mfa['UserName']}  {mfa['SerialNumber']}  enabled {mfa['EnableDate']}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
