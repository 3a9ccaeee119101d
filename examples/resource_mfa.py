"""A boto3 resource-style IAM script: users, a group, a role, policies and an MFA device.

It is written for boto3 the way administrators write such scripts, with
``boto3.resource("iam")`` and its objects, and it runs unchanged on fastiam
with the import line changed to ``import fastiam as boto3`` (fastiam's
``resource()`` hands boto3's resource classes a fastiam client).

It talks to the IAM that the standard AWS environment names: with
AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL set it uses that endpoint and the
environment's credentials; with neither, it starts moto's IAM server in this
process and works against it, so it also runs on its own:

    python examples/resource_mfa.py

What it prints is the same on every run against a fresh IAM (no ids, secrets
or dates, only their types): tests/resource/test_resource_script.py runs it
with boto3 and with fastiam and compares the two transcripts.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pyotp

TEAM = {"alice": "/engineering/", "bob": "/engineering/", "carol": "/contractors/"}
READ_ONLY_S3 = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}],
}
READ_ONLY_LOGS = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "logs:Get*", "Resource": "*"}],
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
OWN_MFA_ONLY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:EnableMFADevice", "iam:ListMFADevices"],
            "Resource": "arn:aws:iam::*:user/${aws:username}",
        }
    ],
}


def onboard(iam: Any) -> tuple[list[Any], Any]:
    """Users, a group holding them, and a managed policy on the group and on a
    role; returns the managed policies made (the attached one first) and the role."""
    for name, path in TEAM.items():
        user = iam.create_user(UserName=name, Path=path, Tags=[{"Key": "team", "Value": "web"}])
        print(f"user {user.name}: {user.arn}, created {type(user.create_date).__name__}")

    group = iam.create_group(GroupName="developers")
    for name in TEAM:
        group.add_user(UserName=name)
    print(f"group {group.name}: {sorted(user.name for user in group.users.all())}")
    print(f"alice's groups: {[g.name for g in iam.User('alice').groups.all()]}")

    policy = iam.create_policy(
        PolicyName="read-only-s3", PolicyDocument=json.dumps(READ_ONLY_S3), Path="/team/"
    )
    print(f"policy {policy.policy_name}: {policy.arn}, {policy.attachment_count} attachments")
    group.attach_policy(PolicyArn=policy.arn)
    logs = iam.create_policy(PolicyName="read-only-logs", PolicyDocument=json.dumps(READ_ONLY_LOGS))
    print(f"policy {logs.policy_name}: {logs.arn}, {logs.default_version_id}")

    role = iam.create_role(RoleName="ci-deployer", AssumeRolePolicyDocument=json.dumps(TRUSTS_CI))
    # Trust and policy documents come back as dicts, not as IAM's URL-encoded text.
    trusted = role.assume_role_policy_document["Statement"][0]["Principal"]
    print(f"role {role.name}: {role.arn}, trusts {trusted}")
    iam.Role("ci-deployer").attach_policy(PolicyArn=policy.arn)
    print(f"role's policies: {[p.arn for p in role.attached_policies.all()]}")

    policy.reload()  # the attachment count is the server's, read again
    print(f"policy {policy.policy_name}: {policy.attachment_count} attachments")
    print(f"default version: {policy.default_version.version_id}")
    print(f"  allows {policy.default_version.document['Statement'][0]['Action']}")
    print(f"  attached to groups {[g.name for g in policy.attached_groups.all()]}")
    print(f"  attached to roles {[r.name for r in policy.attached_roles.all()]}")
    return [policy, logs], role


def enroll_mfa(iam: Any) -> str:
    """A virtual MFA device for alice, enabled with two consecutive codes from
    its seed; returns its serial number."""
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone")
    seed = device.base32_string_seed
    print(f"virtual MFA {device.serial_number}: seed is {type(seed).__name__}")

    # Two consecutive codes that IAM still accepts when it reads them.
    totp, now = pyotp.TOTP(seed.decode()), time.time()
    iam.User("alice").enable_mfa(
        SerialNumber=device.serial_number,
        AuthenticationCode1=totp.at(now - totp.interval),
        AuthenticationCode2=totp.at(now),
    )
    for user in iam.users.all():
        for mfa in user.mfa_devices.all():
            enabled = type(mfa.enable_date).__name__
            print(f"  {user.name} has {mfa.serial_number}, enabled {enabled}")

    assigned = iam.virtual_mfa_devices.filter(AssignmentStatus="Assigned")
    print(f"assigned virtual MFA devices: {[(d.serial_number, d.user.name) for d in assigned]}")
    return str(device.serial_number)


def browse(iam: Any) -> None:
    """The users, listed the ways boto3's collections list them."""
    print(f"all users: {[u.name for u in iam.users.all()]}")
    # page_size asks IAM for one user per request and follows its markers.
    print(f"one per request: {[u.name for u in iam.users.page_size(1)]}")
    # The same for policies (moto, unlike IAM, ends them with an empty page).
    policies = iam.policies.filter(Scope="Local").page_size(1)
    pages = [[p.policy_name for p in page] for page in policies.pages()]
    print(f"local policies, by page: {pages}")
    print(f"first two: {[u.name for u in iam.users.limit(2)]}")
    engineers = iam.users.filter(PathPrefix="/engineering/")
    print(f"under /engineering/: {[(u.name, u.path) for u in engineers]}")
    print(f"first engineer, paged: {[u.name for u in engineers.page_size(1).limit(1)]}")

    bob = iam.User("bob")  # lazy: GetUser runs on the first attribute read
    print(f"bob: {bob.arn} {bob.path} id is {type(bob.user_id).__name__}")

    try:
        iam.User("nobody").load()
    except iam.meta.client.exceptions.NoSuchEntityException as error:
        print(f"no such user: {error.response['Error']['Code']} from {error.operation_name}")
        print(f"  {error}")


def grant_inline(iam: Any) -> None:
    """An inline policy on alice, and an access key for her."""
    inline = iam.UserPolicy("alice", "own-mfa-only")
    inline.put(PolicyDocument=json.dumps(OWN_MFA_ONLY))
    alice = iam.User("alice")
    print(f"alice's inline policies: {[p.name for p in alice.policies.all()]}")
    print(f"  own-mfa-only allows {inline.policy_document['Statement'][0]['Action']}")

    key = alice.create_access_key_pair()
    # The key's id and secret are never printed, only what they are.
    print(
        f"access key: {key.status}, id {type(key.id).__name__}, secret {type(key.secret).__name__}"
    )
    print(f"alice's keys: {[k.status for k in alice.access_keys.all()]}")
    key.deactivate()
    print(f"after deactivate: {[k.status for k in alice.access_keys.all()]}")

    summary = iam.AccountSummary().summary_map
    print(
        f"account: {summary['Users']} users, {summary['Groups']} groups, {summary['Roles']} roles"
    )


def clean_up(iam: Any, policies: list[Any], role: Any, serial: str) -> None:
    """What the script made, and only that (on a real account, the other users
    and policies stay), removed in the order IAM requires."""
    for mfa in iam.User("alice").mfa_devices.all():
        mfa.disassociate()
    iam.VirtualMfaDevice(serial).delete()
    print(f"deleted {serial}")

    attached = policies[0]
    role.detach_policy(PolicyArn=attached.arn)
    role.delete()
    group = iam.Group("developers")
    group.detach_policy(PolicyArn=attached.arn)
    for name in TEAM:
        group.remove_user(UserName=name)
    group.delete()
    for policy in policies:
        policy.delete()

    for name in TEAM:
        user = iam.User(name)
        for inline in user.policies.all():
            inline.delete()
        for key in user.access_keys.all():
            key.delete()
        user.delete()
    left = [u.name for u in iam.users.all() if u.name in TEAM]
    left += [d.serial_number for d in iam.virtual_mfa_devices.all() if d.serial_number == serial]
    print(f"cleaned up; left: {left}")


@contextmanager
def local_iam_unless_configured() -> Iterator[None]:
    """Runs against the environment's endpoint when it names one; otherwise
    against moto's IAM server, started in this process for the script's run."""
    if os.environ.get("AWS_ENDPOINT_URL_IAM") or os.environ.get("AWS_ENDPOINT_URL"):
        yield
        return
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's per-request access log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    # The environment sends boto3 to the local server, with keys that moto takes
    # and that no real account has: nothing this run does can reach AWS.
    os.environ.pop("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", None)
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ["AWS_ENDPOINT_URL_IAM"] = f"http://{host}:{port}"
    os.environ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "example-secret"
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    try:
        yield
    finally:
        server.stop()


def main() -> None:
    with local_iam_unless_configured():
        iam = boto3.resource("iam")
        policies, role = onboard(iam)
        serial = enroll_mfa(iam)
        browse(iam)
        grant_inline(iam)
        # moto's server has no ResyncMFADevice; on real IAM a drifted device comes
        # back with iam.MfaDevice("alice", serial).resync(AuthenticationCode1=...,
        # AuthenticationCode2=...).
        clean_up(iam, policies, role, serial)


if __name__ == "__main__":
    main()
