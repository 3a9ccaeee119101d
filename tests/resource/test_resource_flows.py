"""Resource-style MFA flows and errors, step by step, through boto3.resource and
fastiam.resource on moto: each step's result and each error as boto3 gives them.

Each library runs the flow on a freshly reset moto, and the two transcripts
are compared; what moto makes anew on each run (ids, seeds, dates) is
recorded by its type only.
"""

from __future__ import annotations

import datetime
import json

import boto3
import fastiam
import pyotp
import pytest
from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from conftest import reset_moto
from support.resources import REGION, resource_arguments

# Values moto draws at random on each run: compared by type.
RANDOM_KEYS = {"user_id", "id", "secret", "base32_string_seed", "qr_code_png", "UserId"}


def _shown(value: object) -> object:
    """A step's value as the transcript records it."""
    if isinstance(value, datetime.datetime):
        return ("datetime", value.utcoffset())
    if isinstance(value, dict):
        return {k: _random(k, v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, (list, tuple)):
        return [_shown(item) for item in value]
    if hasattr(value, "meta") and hasattr(value.meta, "identifiers"):
        ids = {name: _random(name, getattr(value, name)) for name in value.meta.identifiers}
        return (type(value).__name__, ids)
    return (type(value).__name__, value)


def _random(key: str, value: object) -> object:
    return ("<random>", type(value).__name__) if key in RANDOM_KEYS else _shown(value)


def _step(transcript: list, name: str, action) -> object:
    try:
        value = action()
    except (ClientError, BotoCoreError, Boto3Error, ValueError, TypeError) as error:
        response = dict(getattr(error, "response", {}))
        response.pop("ResponseMetadata", None)
        transcript.append((name, "raised", type(error).__name__, str(error), response))
        return None
    transcript.append((name, _shown(value)))
    return value


def _both(url: str, flow) -> tuple[list, list]:
    transcripts = []
    for library in (boto3, fastiam):
        reset_moto(url)
        transcript: list = []
        flow(library.resource("iam", **resource_arguments(url)), transcript)
        transcripts.append(transcript)
    return transcripts[0], transcripts[1]


def _codes(seed: bytes) -> tuple[str, str]:
    totp = pyotp.TOTP(seed.decode())
    now = datetime.datetime.now(datetime.timezone.utc)
    return totp.at(now), totp.at(now + datetime.timedelta(seconds=30))


def mfa_lifecycle(iam, transcript: list) -> None:
    """The MFA device lifecycle as resource-style scripts write it."""
    user = _step(transcript, "create_user", lambda: iam.create_user(UserName="alice"))
    device = _step(
        transcript,
        "create_virtual_mfa_device",
        lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone"),
    )
    _step(transcript, "seed", lambda: type(device.base32_string_seed).__name__)
    _step(transcript, "qr", lambda: type(device.qr_code_png).__name__)
    code1, code2 = _codes(device.base32_string_seed)
    serial = device.serial_number
    _step(
        transcript,
        "enable_mfa",
        lambda: user.enable_mfa(
            SerialNumber=serial, AuthenticationCode1=code1, AuthenticationCode2=code2
        ),
    )
    _step(transcript, "mfa_devices", lambda: list(user.mfa_devices.all()))
    _step(
        transcript,
        "mfa_device fields",
        lambda: [(d.serial_number, d.enable_date, d.user_name) for d in user.mfa_devices.all()],
    )
    _step(
        transcript,
        "assigned",
        lambda: list(iam.virtual_mfa_devices.filter(AssignmentStatus="Assigned")),
    )
    _step(
        transcript,
        "device user",
        lambda: [d.user.name for d in iam.virtual_mfa_devices.all() if d.user is not None],
    )
    _step(transcript, "device user (by serial)", lambda: iam.VirtualMfaDevice(serial).user)
    _step(transcript, "enable again", lambda: iam.User("alice").enable_mfa(
        SerialNumber=serial, AuthenticationCode1=code1, AuthenticationCode2=code2))  # fmt: skip
    mfa = iam.MfaDevice("alice", serial)
    _step(transcript, "mfa user", lambda: mfa.User())
    _step(transcript, "disassociate", lambda: mfa.disassociate())
    _step(transcript, "mfa_devices after", lambda: list(user.mfa_devices.all()))
    _step(transcript, "unassigned", lambda: list(iam.virtual_mfa_devices.filter(
        AssignmentStatus="Unassigned")))  # fmt: skip
    _step(transcript, "delete device", lambda: iam.VirtualMfaDevice(serial).delete())
    _step(transcript, "delete again", lambda: iam.VirtualMfaDevice(serial).delete())
    _step(transcript, "all devices", lambda: list(iam.virtual_mfa_devices.all()))
    _step(transcript, "delete user", lambda: user.delete())


def test_the_mfa_lifecycle_goes_as_in_boto3(moto_url: str) -> None:
    boto3_steps, fastiam_steps = _both(moto_url, mfa_lifecycle)
    assert fastiam_steps == boto3_steps
    # The flow did what it says: the device was enabled, then gone.
    assert ("mfa_devices after", []) in fastiam_steps
    assert fastiam_steps[-1] == ("delete user", {})


def errors(iam, transcript: list) -> None:
    """What goes wrong in resource-style scripts, each raised as boto3 raises it."""
    _step(transcript, "load a missing user", lambda: iam.User("nobody").load())
    _step(transcript, "attribute of a missing role", lambda: iam.Role("nobody").arn)
    _step(transcript, "create_user", lambda: iam.create_user(UserName="alice"))
    _step(transcript, "create it again", lambda: iam.create_user(UserName="alice"))
    _step(transcript, "missing parameter", lambda: iam.create_group())
    _step(transcript, "wrong type", lambda: iam.create_user(UserName=5))
    _step(transcript, "unknown parameter", lambda: iam.User("alice").update(Name="x"))
    _step(transcript, "bad code", lambda: iam.User("alice").enable_mfa(
        SerialNumber="arn:aws:iam::123456789012:mfa/none", AuthenticationCode1="12",
        AuthenticationCode2="654321"))  # fmt: skip
    _step(transcript, "no identifier", lambda: iam.User())
    _step(transcript, "identifier of the wrong type", lambda: iam.User(None))
    _step(transcript, "no load method", lambda: iam.MfaDevice("alice", "serial").enable_date)
    _step(transcript, "delete a missing policy", lambda: iam.Policy(
        "arn:aws:iam::123456789012:policy/none").delete())  # fmt: skip
    _step(transcript, "missing group's users", lambda: list(iam.Group("none").users.all()))
    _step(transcript, "missing login profile", lambda: iam.LoginProfile("alice").create_date)
    _step(transcript, "no password policy", lambda: iam.AccountPasswordPolicy().load())


def test_errors_are_boto3s(moto_url: str) -> None:
    boto3_steps, fastiam_steps = _both(moto_url, errors)
    assert fastiam_steps == boto3_steps
    raised = [step for step in fastiam_steps if step[1] == "raised"]
    assert len(raised) == len(fastiam_steps) - 1  # all but the create_user


@pytest.mark.parametrize("library", [boto3, fastiam], ids=["boto3", "fastiam"])
def test_modeled_errors_are_the_clients_classes(moto_url: str, library) -> None:
    """``except iam.meta.client.exceptions.NoSuchEntityException`` catches a
    resource's error, and so does ``except ClientError``."""
    iam = library.resource("iam", **resource_arguments(moto_url))
    with pytest.raises(iam.meta.client.exceptions.NoSuchEntityException) as info:
        iam.User("nobody").load()
    assert isinstance(info.value, ClientError)
    assert info.value.response["Error"]["Code"] == "NoSuchEntity"


def test_resources_under_mock_aws_share_boto3s_state() -> None:
    """A ``@mock_aws`` test written for boto3 resources runs on fastiam's: what one
    library's resource writes, the other's reads, with the same values."""
    from moto import mock_aws

    document = (
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
    )
    with mock_aws():
        boto3_iam = boto3.resource("iam", region_name=REGION)
        fastiam_iam = fastiam.resource("iam", region_name=REGION)
        fastiam_iam.create_user(UserName="alice").create_policy(
            PolicyName="s3", PolicyDocument=document
        )
        boto3_iam.User("alice").create_access_key_pair()
        seen = [
            (
                [user.name for user in iam.users.all()],
                iam.UserPolicy("alice", "s3").policy_document,
                [key.status for key in iam.User("alice").access_keys.all()],
            )
            for iam in (boto3_iam, fastiam_iam)
        ]
    assert seen[0] == seen[1] == (["alice"], json.loads(document), ["Active"])
