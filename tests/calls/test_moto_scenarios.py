"""Realistic IAM scenarios on moto, one per family of operations, each run
with boto3, then with fastiam's sync client and with ``fastiam.aio`` (each
call awaited in its own ``asyncio.run``), every run on a freshly reset moto.

Every call's outcome is recorded (the result without ResponseMetadata, or the
error's class, code and message) and the recordings are compared call by call.
moto makes random ids, secrets and timestamps, so a recording keeps the shape
of an outcome (keys in order, leaf types, aware datetimes) and the values the
scenario itself decides (names, paths, ARNs, tags, policy documents, flags,
counts, enums); ``normalised`` below is the one place that tells them apart.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import tempfile
from pathlib import Path
from typing import Any, Callable

import fastiam
import fastiam.aio
import pytest
from conftest import KEY_ID, REGION, SECRET, AwaitEachCall, key_order, reset_moto
from support.tls_server import make_certificates

# Values moto draws at random (or from the clock): only their type is compared.
# fmt: off
RANDOM_KEYS = frozenset({
    "UserId", "GroupId", "RoleId", "PolicyId", "InstanceProfileId", "AccessKeyId",
    "SecretAccessKey", "ServerCertificateId", "CertificateId", "SSHPublicKeyId",
    "Base32StringSeed", "QRCodePNG", "DeletionTaskId",
})
# fmt: on
# Policy documents, which boto3 (and so fastiam) return decoded, as dicts.
DOCUMENT_KEYS = frozenset({"PolicyDocument", "AssumeRolePolicyDocument", "Document"})
# A credential report's times: 2026-12-06T23:51:56+00:00
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^,\n]*")
# A trust policy moto stores without checking it: returned as the string it is.
NOT_JSON = "nope"


def policy(action: str | list[str], **extra: Any) -> str:
    """A one-statement policy; a trust policy when given a Principal."""
    scope = {"Principal": extra.pop("Principal")} if "Principal" in extra else {"Resource": "*"}
    statement = {"Effect": "Allow", "Action": action, **scope, **extra}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


TRUST = policy("sts:AssumeRole", Principal={"Service": "ec2.amazonaws.com"})
READ = policy("s3:Get*")
WRITE = policy("s3:Put*", Condition={"Bool": {"aws:SecureTransport": "true"}})
# Characters a URL-encoded document must bring back intact: % + & < > space, non-ASCII.
PREFIXES = {"StringLike": {"s3:prefix": ["a b+c%20d", "x&y<z>", "\u00fc/*"]}}
ODD = policy(["s3:Get*", "s3:List*"], Sid="Caf\u00e9", Condition=PREFIXES)
TAGS = [{"Key": "team", "Value": "blue"}, {"Key": "env", "Value": "test"}]
SAML_METADATA = f"<EntityDescriptor entityID='https://idp.test'>{'x' * 999}</EntityDescriptor>"


# A user, a group and a role, by the kind names of their calls (put_user_policy...).
OWNERS = {"user": {"UserName": "ann"}, "group": {"GroupName": "devs"}, "role": {"RoleName": "app"}}


@functools.cache
def certificate_upload() -> dict:
    """A server certificate upload's members: the same PEM text for every run."""
    with tempfile.TemporaryDirectory() as directory:
        paths = make_certificates(Path(directory))
        body, key, chain = (path.read_text() for path in (paths.cert, paths.key, paths.ca))
    return {"CertificateBody": body, "PrivateKey": key, "CertificateChain": chain}


def create_owners(call: Recorder) -> None:
    call("create_user", UserName="ann")
    call("create_group", GroupName="devs")
    call("create_role", RoleName="app", AssumeRolePolicyDocument=TRUST)


# ---------------------------------------------------------------------------
# Recording and normalising outcomes


class Recorder:
    """Calls one client, records each outcome normalised, and returns the raw
    result (None after an error) so that a scenario can use what it got."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.log: list[tuple[str, str, Any]] = []  # (method, "result"/"error", view)
        self.documents: list[Any] = []  # every policy document seen, raw
        self._random: set[str] = set()  # random strings seen, for messages

    def __call__(self, method: str, **kwargs: Any) -> Any:
        try:
            result = getattr(self.client, method)(**kwargs)
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            self.log.append((method, "error", self.error_view(error)))
            return None
        result = {key: value for key, value in result.items() if key != "ResponseMetadata"}
        self.log.append((method, "result", self.normalised(result)))
        return result

    def error_view(self, error: Exception) -> dict:
        response = getattr(error, "response", {}) or {}
        details = response.get("Error", {})
        return {
            "class": type(error).__name__,
            "code": details.get("Code"),
            "message": self.scrubbed(details.get("Message", str(error))),
            "status": response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
        }

    def scrubbed(self, text: str) -> str:
        """``text`` with the random values of this run's results masked (a
        message may name an id that a scenario took from an earlier result)."""
        for value in self._random - {""}:
            text = text.replace(value, "<random>")
        return text

    def normalised(self, value: Any, key: str | None = None) -> Any:
        """Dicts and lists as they are (key order kept); each leaf as (type
        name, value), the value masked under a random key (and kept for
        ``scrubbed``), a datetime reduced to whether it is aware, a credential
        report without its times. Policy documents are kept as they came."""
        if key in DOCUMENT_KEYS:
            self.documents.append(value)
        if isinstance(value, dict):
            return {name: self.normalised(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self.normalised(item, key) for item in value]
        kind = type(value).__name__
        if key in RANDOM_KEYS:
            self._random.add(value if isinstance(value, str) else "")
            return (kind, "<random>")
        if isinstance(value, datetime.datetime):
            return (kind, "aware" if value.utcoffset() is not None else "naive")
        if key == "Content" and isinstance(value, bytes):
            return (kind, TIMESTAMP.sub(b"<time>", value))
        return (kind, value)


# ---------------------------------------------------------------------------
# The scenarios: each makes its calls through a Recorder, ``call``

SCENARIOS: dict[str, Callable[[Recorder], None]] = {}


def scenario(function: Callable[[Recorder], None]) -> Callable[[Recorder], None]:
    SCENARIOS[function.__name__] = function
    return function


@scenario
def users(call: Recorder) -> None:
    call("create_user", UserName="ann", Path="/staff/", Tags=TAGS)
    call("create_user", UserName="bob")
    call("create_user", UserName="ann")  # EntityAlreadyExists
    call("create_user", UserName="")  # ParamValidationError, before any request
    call("get_user", UserName="ann")
    call("list_users")
    call("list_users", PathPrefix="/staff/")
    call("update_user", UserName="ann", NewUserName="anne", NewPath="/ops/")
    call("get_user", UserName="ann")  # NoSuchEntity
    call("get_user", UserName="anne")
    call("tag_user", UserName="anne", Tags=[{"Key": "cost", "Value": "42"}])
    call("list_user_tags", UserName="anne")
    call("untag_user", UserName="anne", TagKeys=["team"])
    call("list_user_tags", UserName="anne")
    call("delete_user", UserName="anne")
    call("delete_user", UserName="anne")  # NoSuchEntity
    call("list_users")


@scenario
def groups(call: Recorder) -> None:
    call("create_group", GroupName="devs", Path="/eng/")
    call("create_group", GroupName="devs")  # EntityAlreadyExists
    call("create_user", UserName="ann")
    call("add_user_to_group", GroupName="devs", UserName="ann")
    call("add_user_to_group", GroupName="nope", UserName="ann")  # NoSuchEntity
    call("get_group", GroupName="devs")
    call("list_groups_for_user", UserName="ann")
    call("list_groups", PathPrefix="/eng/")
    call("update_group", GroupName="devs", NewGroupName="builders", NewPath="/build/")
    call("get_group", GroupName="builders")
    call("remove_user_from_group", GroupName="builders", UserName="ann")
    call("list_groups_for_user", UserName="ann")
    call("delete_group", GroupName="builders")
    call("list_groups")


@scenario
def managed_policies(call: Recorder) -> None:
    reader = {"PolicyName": "reader", "Path": "/app/", "PolicyDocument": READ}
    created = call("create_policy", **reader, Description="reads", Tags=TAGS)
    arn = {"PolicyArn": created["Policy"]["Arn"]}
    call("create_policy", PolicyName="bad", PolicyDocument="{not json")  # Malformed
    call("get_policy", **arn)
    call("create_policy_version", **arn, PolicyDocument=ODD)
    call("create_policy_version", **arn, PolicyDocument=READ, SetAsDefault=True)
    call("list_policy_versions", **arn)
    call("get_policy_version", **arn, VersionId="v2")
    call("set_default_policy_version", **arn, VersionId="v2")
    call("get_policy", **arn)
    call("delete_policy_version", **arn, VersionId="v2")  # DeleteConflict
    call("delete_policy_version", **arn, VersionId="v3")
    for _ in range(4):  # the fifth version is the most: LimitExceeded
        call("create_policy_version", **arn, PolicyDocument=READ)
    call("list_policy_versions", **arn)
    call("get_policy_version", **arn, VersionId="v9")  # NoSuchEntity
    call("tag_policy", **arn, Tags=[{"Key": "tier", "Value": "1"}])
    call("untag_policy", **arn, TagKeys=["env"])
    call("list_policy_tags", **arn)
    call("list_policies", Scope="Local")
    create_owners(call)
    for kind, owner in OWNERS.items():
        call(f"attach_{kind}_policy", **owner, **arn)
    call("list_policies", Scope="Local", OnlyAttached=True)
    call("list_entities_for_policy", **arn)
    call("list_entities_for_policy", **arn, EntityFilter="Role")
    for kind, owner in OWNERS.items():
        call(f"list_attached_{kind}_policies", **owner)
    call("delete_user", UserName="ann")  # DeleteConflict: a policy is attached
    for kind, owner in OWNERS.items():
        call(f"detach_{kind}_policy", **owner, **arn)
    call("list_entities_for_policy", **arn)
    call("delete_policy", **arn)
    call("get_policy", **arn)  # NoSuchEntity


@scenario
def inline_policies(call: Recorder) -> None:
    create_owners(call)
    for kind, owner in OWNERS.items():
        call(f"put_{kind}_policy", **owner, PolicyName="read", PolicyDocument=READ)
        call(f"put_{kind}_policy", **owner, PolicyName="write", PolicyDocument=WRITE)
        call(f"put_{kind}_policy", **owner, PolicyName="odd", PolicyDocument=ODD)
        call(f"put_{kind}_policy", **owner, PolicyName="bad", PolicyDocument="[]")  # Malformed
        call(f"get_{kind}_policy", **owner, PolicyName="write")
        call(f"get_{kind}_policy", **owner, PolicyName="odd")
        call(f"list_{kind}_policies", **owner)
        call(f"delete_{kind}_policy", **owner, PolicyName="read")
        call(f"get_{kind}_policy", **owner, PolicyName="read")  # NoSuchEntity
        call(f"list_{kind}_policies", **owner)


@scenario
def roles(call: Recorder) -> None:
    boundary = call("create_policy", PolicyName="boundary", PolicyDocument=READ)["Policy"]["Arn"]
    app = {"RoleName": "app", "Path": "/service/", "AssumeRolePolicyDocument": TRUST}
    extras = {"Description": "the app", "MaxSessionDuration": 7200, "PermissionsBoundary": boundary}
    call("create_role", **app, **extras, Tags=TAGS)
    call("create_role", RoleName="app", AssumeRolePolicyDocument=TRUST)  # EntityAlreadyExists
    call("create_role", RoleName="odd", AssumeRolePolicyDocument=NOT_JSON)
    call("get_role", RoleName="app")
    call("update_role", RoleName="app", Description="new", MaxSessionDuration=3600)
    call("update_role_description", RoleName="app", Description="newer")
    call("update_assume_role_policy", RoleName="app", PolicyDocument=TRUST.replace("ec2", "ecs"))
    call("tag_role", RoleName="app", Tags=[{"Key": "owner", "Value": "ann"}])
    call("untag_role", RoleName="app", TagKeys=["team"])
    call("list_role_tags", RoleName="app")
    call("delete_role_permissions_boundary", RoleName="app")
    call("get_role", RoleName="app")
    call("put_role_permissions_boundary", RoleName="app", PermissionsBoundary=boundary)
    call("get_role", RoleName="app")
    call("list_roles", PathPrefix="/service/")
    call("attach_role_policy", RoleName="app", PolicyArn=boundary)
    call("delete_role", RoleName="app")  # DeleteConflict
    call("detach_role_policy", RoleName="app", PolicyArn=boundary)
    call("delete_role", RoleName="app")
    call("get_role", RoleName="app")  # NoSuchEntity


@scenario
def instance_profiles(call: Recorder) -> None:
    call("create_role", RoleName="app", AssumeRolePolicyDocument=TRUST)
    call("create_instance_profile", InstanceProfileName="web", Path="/web/", Tags=TAGS)
    call("create_instance_profile", InstanceProfileName="web")  # EntityAlreadyExists
    call("add_role_to_instance_profile", InstanceProfileName="web", RoleName="app")
    call("get_instance_profile", InstanceProfileName="web")
    call("list_instance_profiles", PathPrefix="/web/")
    call("list_instance_profiles_for_role", RoleName="app")
    call("tag_instance_profile", InstanceProfileName="web", Tags=[{"Key": "a", "Value": "b"}])
    call("untag_instance_profile", InstanceProfileName="web", TagKeys=["team"])
    call("get_instance_profile", InstanceProfileName="web")
    call("delete_role", RoleName="app")  # DeleteConflict: in an instance profile
    call("remove_role_from_instance_profile", InstanceProfileName="web", RoleName="app")
    call("delete_instance_profile", InstanceProfileName="web")
    call("get_instance_profile", InstanceProfileName="web")  # NoSuchEntity


@scenario
def credentials(call: Recorder) -> None:
    """Access keys and a password, and the credential report that shows them."""
    call("get_credential_report")  # CredentialReportNotPresent
    call("create_user", UserName="ann")
    first = call("create_access_key", UserName="ann")["AccessKey"]["AccessKeyId"]
    second = call("create_access_key", UserName="ann")["AccessKey"]["AccessKeyId"]
    call("create_access_key", UserName="ann")  # LimitExceeded: two keys a user
    call("update_access_key", UserName="ann", AccessKeyId=first, Status="Inactive")
    call("list_access_keys", UserName="ann")
    call("get_access_key_last_used", AccessKeyId=second)
    call("delete_access_key", UserName="ann", AccessKeyId=first)
    call("delete_access_key", UserName="ann", AccessKeyId=first)  # NoSuchEntity
    call("list_access_keys", UserName="ann")
    call("list_access_keys", UserName="nobody")  # NoSuchEntity
    call("get_login_profile", UserName="ann")  # NoSuchEntity
    call("create_login_profile", UserName="ann", Password="Secret-123", PasswordResetRequired=True)
    call("create_login_profile", UserName="ann", Password="Secret-123")  # EntityAlreadyExists
    call("get_login_profile", UserName="ann")
    call("update_login_profile", UserName="ann", Password="Secret-456", PasswordResetRequired=False)
    call("get_login_profile", UserName="ann")
    call("generate_credential_report")
    call("generate_credential_report")
    call("get_credential_report")
    call("delete_login_profile", UserName="ann")
    call("delete_login_profile", UserName="ann")  # NoSuchEntity


@scenario
def account(call: Recorder) -> None:
    call("list_account_aliases")
    call("create_account_alias", AccountAlias="fastiam-scenes")
    call("list_account_aliases")
    call("delete_account_alias", AccountAlias="fastiam-scenes")
    call("get_account_password_policy")  # NoSuchEntity
    rules = {"MinimumPasswordLength": 14, "RequireSymbols": True, "MaxPasswordAge": 90}
    call("update_account_password_policy", **rules, PasswordReusePrevention=5, HardExpiry=False)
    call("get_account_password_policy")
    call("delete_account_password_policy")
    call("delete_account_password_policy")  # NoSuchEntity
    call("create_user", UserName="ann")
    call("create_policy", PolicyName="reader", PolicyDocument=READ)
    call("get_account_summary")


@scenario
def authorization_details(call: Recorder) -> None:
    reader = call("create_policy", PolicyName="reader", PolicyDocument=READ)["Policy"]["Arn"]
    call("create_user", UserName="ann", Tags=TAGS)
    call("create_group", GroupName="devs")
    call("add_user_to_group", GroupName="devs", UserName="ann")
    call("put_user_policy", UserName="ann", PolicyName="write", PolicyDocument=WRITE)
    call("put_group_policy", GroupName="devs", PolicyName="read", PolicyDocument=READ)
    call("create_role", RoleName="app", AssumeRolePolicyDocument=TRUST, Tags=TAGS)
    call("put_role_policy", RoleName="app", PolicyName="write", PolicyDocument=WRITE)
    call("attach_role_policy", RoleName="app", PolicyArn=reader)
    call("attach_user_policy", UserName="ann", PolicyArn=reader)
    call("create_instance_profile", InstanceProfileName="web")
    call("add_role_to_instance_profile", InstanceProfileName="web", RoleName="app")
    for kinds in (["User"], ["Group"], ["Role"], ["LocalManagedPolicy"], ["User", "Role"]):
        call("get_account_authorization_details", Filter=kinds)
    call("get_account_authorization_details")


@scenario
def identity_providers(call: Recorder) -> None:
    created = call("create_saml_provider", Name="corp", SAMLMetadataDocument=SAML_METADATA)
    saml = {"SAMLProviderArn": created["SAMLProviderArn"]}
    call("get_saml_provider", **saml)
    call("list_saml_providers")
    call("update_saml_provider", **saml, SAMLMetadataDocument=SAML_METADATA[:-1])
    call("delete_saml_provider", **saml)
    call("get_saml_provider", **saml)  # NoSuchEntity
    provider = {"Url": "https://oidc.example.com", "ThumbprintList": ["a" * 40]}
    created = call("create_open_id_connect_provider", **provider, ClientIDList=["a1"], Tags=TAGS)
    oidc = {"OpenIDConnectProviderArn": created["OpenIDConnectProviderArn"]}
    call("create_open_id_connect_provider", **provider)  # EntityAlreadyExists
    call("get_open_id_connect_provider", **oidc)
    call("list_open_id_connect_providers")
    call("tag_open_id_connect_provider", **oidc, Tags=[{"Key": "cost", "Value": "7"}])
    call("untag_open_id_connect_provider", **oidc, TagKeys=["env"])
    call("list_open_id_connect_provider_tags", **oidc)
    call("update_open_id_connect_provider_thumbprint", **oidc, ThumbprintList=["b" * 40, "c" * 40])
    call("get_open_id_connect_provider", **oidc)
    call("delete_open_id_connect_provider", **oidc)
    call("get_open_id_connect_provider", **oidc)  # NoSuchEntity


@scenario
def certificates_and_keys(call: Recorder) -> None:
    upload = certificate_upload()
    call("upload_server_certificate", ServerCertificateName="web", Path="/tls/", **upload)
    call("get_server_certificate", ServerCertificateName="web")
    call("list_server_certificates", PathPrefix="/tls/")
    call("delete_server_certificate", ServerCertificateName="web")
    call("get_server_certificate", ServerCertificateName="web")  # NoSuchEntity
    ann = {"UserName": "ann"}
    call("create_user", **ann)
    signing = call("upload_signing_certificate", **ann, CertificateBody=upload["CertificateBody"])
    certificate = {**ann, "CertificateId": signing["Certificate"]["CertificateId"]}
    call("upload_signing_certificate", **ann, CertificateBody="junk")  # Malformed
    call("update_signing_certificate", **certificate, Status="Inactive")
    call("list_signing_certificates", **ann)
    call("delete_signing_certificate", **certificate)
    call("list_signing_certificates", **ann)
    body = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 ann@example"
    ssh = call("upload_ssh_public_key", **ann, SSHPublicKeyBody=body)["SSHPublicKey"]
    key = {**ann, "SSHPublicKeyId": ssh["SSHPublicKeyId"]}
    call("get_ssh_public_key", **key, Encoding="SSH")
    call("update_ssh_public_key", **key, Status="Inactive")
    call("list_ssh_public_keys", **ann)
    call("delete_ssh_public_key", **key)
    call("get_ssh_public_key", **key, Encoding="SSH")  # NoSuchEntity


@scenario
def service_linked_roles(call: Recorder) -> None:
    created = call(
        "create_service_linked_role",
        AWSServiceName="elasticbeanstalk.amazonaws.com",
        Description="beanstalk",
        CustomSuffix="blue",
    )
    name = created["Role"]["RoleName"]
    call("get_role", RoleName=name)
    call("list_roles", PathPrefix="/aws-service-role/")
    task = call("delete_service_linked_role", RoleName=name)["DeletionTaskId"]
    call("get_service_linked_role_deletion_status", DeletionTaskId=task)
    call("get_role", RoleName=name)  # NoSuchEntity


@scenario
def mfa_devices(call: Recorder) -> None:
    call("create_user", UserName="ann")
    device = call("create_virtual_mfa_device", VirtualMFADeviceName="ann-phone", Path="/")
    serial = device["VirtualMFADevice"]["SerialNumber"]
    call("create_virtual_mfa_device", VirtualMFADeviceName="ann-phone")  # EntityAlreadyExists
    call("list_virtual_mfa_devices", AssignmentStatus="Unassigned")
    codes = {"AuthenticationCode1": "123456", "AuthenticationCode2": "654321"}
    call("enable_mfa_device", UserName="ann", SerialNumber=serial, **codes)
    call("list_mfa_devices", UserName="ann")
    call("list_virtual_mfa_devices", AssignmentStatus="Assigned")
    call("deactivate_mfa_device", UserName="ann", SerialNumber=serial)
    call("list_virtual_mfa_devices")
    call("delete_virtual_mfa_device", SerialNumber=serial)
    call("delete_virtual_mfa_device", SerialNumber=serial)  # NoSuchEntity


# ---------------------------------------------------------------------------
# Running a scenario on each client


def make_client(mode: str, url: str, boto_session: Any) -> Any:
    kwargs = {"region_name": REGION, "aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET}
    if mode == "boto3":
        return boto_session.client("iam", endpoint_url=url, **kwargs)
    if mode == "sync":
        return fastiam.client("iam", endpoint_url=url, **kwargs)
    return AwaitEachCall(fastiam.aio.client("iam", endpoint_url=url, **kwargs))


def record(name: str, mode: str, moto_url: str, boto_session: Any) -> Recorder:
    recorder = Recorder(make_client(mode, reset_moto(moto_url), boto_session))
    SCENARIOS[name](recorder)
    return recorder


@pytest.fixture(scope="module")
def boto3_runs(_moto_url: str, boto_session: Any) -> Callable[[str], Recorder]:
    """boto3's recording of a scenario, made once for both fastiam clients."""
    runs: dict[str, Recorder] = {}

    def run(name: str) -> Recorder:
        if name not in runs:
            runs[name] = record(name, "boto3", _moto_url, boto_session)
        return runs[name]

    return run


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_matches_boto3(name, mode, boto3_runs, _moto_url, boto_session):
    expected = boto3_runs(name)
    got = record(name, mode, _moto_url, boto_session)

    assert [entry[:2] for entry in got.log] == [entry[:2] for entry in expected.log]
    for (method, _, fast), (_, _, boto) in zip(got.log, expected.log):
        assert fast == boto, method
        assert key_order(fast) == key_order(boto), method
    # Decoded, as dicts (the leaf comparison above only says both are alike).
    documents = got.documents + expected.documents
    assert all(isinstance(document, dict) or document == NOT_JSON for document in documents)
    assert len(got.documents) == len(expected.documents)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_exercises_success_and_errors(name, boto3_runs):
    """Each scenario's calls mostly succeed on moto (it implements them) and
    the errors it provokes are IAM's, not moto's NotImplemented or a parse error."""
    log = boto3_runs(name).log
    errors = [view for _, kind, view in log if kind == "error"]
    assert len(errors) < len(log) / 2, errors
    for error in errors:  # IAM's errors, or client-side parameter validation
        assert error["class"] == "ParamValidationError" or 400 <= error["status"] < 500, error
