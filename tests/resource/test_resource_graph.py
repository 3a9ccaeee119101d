"""boto3's IAM resources read through fastiam see what they see through boto3.

One account is filled on moto (users, groups, roles, policies, MFA devices,
keys, certificates, ...); then the whole resource graph is walked from the
service resource through ``boto3.resource`` and through ``fastiam.resource``:
every resource class's identifiers, every attribute with its type (which
loads the resource), every reference and sub-resource, every collection with
``all``, ``filter``, ``limit``, ``page_size`` and ``pages``. What to walk
comes from the resource model itself, so a class or collection added to it
is walked too. Both walks read the same state, so they must be equal.
"""

from __future__ import annotations

import datetime
import json

import boto3
import fastiam
import pytest
from boto3.exceptions import Boto3Error
from botocore.exceptions import ClientError
from moto.core import DEFAULT_ACCOUNT_ID
from support.resources import REGION, resource_arguments

ACCOUNT = DEFAULT_ACCOUNT_ID
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:*"}
        ],
    }
)
DOCUMENT = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
)
# A self-signed certificate for UploadServerCertificate/UploadSigningCertificate (moto
# checks that it parses).
CERTIFICATE_SUBJECT = "fastiam-test"
# The shapes of resource attributes (the resource model names them).
SERVICE_MODEL = boto3.session.Session().client("iam", region_name=REGION).meta.service_model


def _certificate() -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CERTIFICATE_SUBJECT)])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode(), pem_key.decode()


SAML_METADATA = (
    '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
    'entityID="https://idp.example.com"><md:IDPSSODescriptor '
    'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>'
    # IAM takes metadata of 1,000 characters or more.
    + "<!-- padding -->" * 60
    + "</md:EntityDescriptor>"
)


def _fill(url: str) -> None:
    """An account with something behind every resource class, made by boto3's client."""
    iam = boto3.client("iam", **resource_arguments(url))
    for name, path in (("alice", "/eng/"), ("bob", "/eng/"), ("carol", "/ops/")):
        iam.create_user(UserName=name, Path=path, Tags=[{"Key": "team", "Value": path.strip("/")}])
    iam.create_group(GroupName="admins", Path="/eng/")
    iam.create_group(GroupName="auditors")
    iam.add_user_to_group(GroupName="admins", UserName="alice")
    iam.add_user_to_group(GroupName="admins", UserName="bob")
    policy = iam.create_policy(PolicyName="s3-all", PolicyDocument=DOCUMENT, Path="/eng/")
    arn = policy["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=DOCUMENT, SetAsDefault=True)
    iam.attach_group_policy(GroupName="admins", PolicyArn=arn)
    iam.attach_user_policy(UserName="carol", PolicyArn=arn)
    iam.put_user_policy(UserName="alice", PolicyName="inline", PolicyDocument=DOCUMENT)
    iam.put_group_policy(GroupName="admins", PolicyName="inline", PolicyDocument=DOCUMENT)
    iam.create_role(RoleName="builder", AssumeRolePolicyDocument=TRUST, Description="CI")
    iam.attach_role_policy(RoleName="builder", PolicyArn=arn)
    iam.put_role_policy(RoleName="builder", PolicyName="inline", PolicyDocument=DOCUMENT)
    iam.create_instance_profile(InstanceProfileName="builder-profile")
    iam.add_role_to_instance_profile(InstanceProfileName="builder-profile", RoleName="builder")
    iam.create_access_key(UserName="alice")
    iam.create_login_profile(UserName="alice", Password="Str0ng-passw0rd!")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice-phone")
    serial = device["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(
        UserName="alice", SerialNumber=serial, AuthenticationCode1="123456",
        AuthenticationCode2="654321",
    )  # fmt: skip
    iam.create_virtual_mfa_device(VirtualMFADeviceName="spare", Path="/eng/")
    certificate, key = _certificate()
    iam.upload_server_certificate(
        ServerCertificateName="web", CertificateBody=certificate, PrivateKey=key
    )
    iam.upload_signing_certificate(UserName="bob", CertificateBody=certificate)
    iam.create_saml_provider(Name="idp", SAMLMetadataDocument=SAML_METADATA)
    iam.update_account_password_policy(MinimumPasswordLength=12, RequireSymbols=True)
    iam.create_account_alias(AccountAlias="fastiam-test")


# ---------------------------------------------------------------------------
# The walk


def _value(value: object) -> object:
    """A value with its type: a str and a bytes or a datetime and its text differ."""
    if isinstance(value, dict):
        return {key: _value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_value(item) for item in value]
    if isinstance(value, datetime.datetime):
        return ("datetime", value.isoformat(), value.utcoffset())
    return (type(value).__name__, value)


def _attempt(read) -> object:
    try:
        return read()
    except (ClientError, Boto3Error) as error:
        return ("error", type(error).__name__, str(error))


def _resource(resource, depth: int) -> dict:
    """A resource's class, identifiers, attributes, references, collections."""
    model = resource.meta.resource_model
    shown: dict = {
        "class": type(resource).__name__,
        "identifiers": {i.name: getattr(resource, i.name) for i in model.identifiers},
    }
    if model.shape and (model.load or resource.meta.data is not None):
        shape = SERVICE_MODEL.shape_for(model.shape)
        names = list(model.get_attributes(shape))
        shown["attributes"] = _attempt(lambda: {n: _value(getattr(resource, n)) for n in names})
    if depth == 0:
        return shown
    shown["references"] = {
        reference.name: _attempt(
            lambda name=reference.name: _reference(getattr(resource, name), depth - 1)
        )
        for reference in model.references
    }
    shown["collections"] = {
        collection.name: _collection(getattr(resource, collection.name), depth - 1)
        for collection in model.collections
    }
    return shown


def _reference(value, depth: int) -> object:
    if value is None:
        return None
    if isinstance(value, list):
        return [_resource(item, depth) for item in value]
    return _resource(value, depth)


def _collection(collection, depth: int) -> object:
    return _attempt(lambda: [_resource(item, depth) for item in collection.all()])


@pytest.fixture
def world(moto_url: str) -> dict:
    """The filled account, and the service resource of each library on it."""
    _fill(moto_url)
    return {
        "boto3": boto3.resource("iam", **resource_arguments(moto_url)),
        "fastiam": fastiam.resource("iam", **resource_arguments(moto_url)),
    }


def _both(world: dict, read) -> tuple[object, object]:
    return read(world["boto3"]), read(world["fastiam"])


def _service_collections() -> list[str]:
    resource = boto3.resource("iam", region_name=REGION)
    return [collection.name for collection in resource.meta.resource_model.collections]


def _roots(iam, name: str):
    # moto has over a thousand AWS managed policies: the account's own are the ones to walk.
    collection = getattr(iam, name)
    return collection.filter(Scope="Local") if name == "policies" else collection.all()


@pytest.mark.parametrize("name", _service_collections())
def test_each_service_collection_walks_the_same(world: dict, name: str) -> None:
    boto3_walk, fastiam_walk = _both(
        world, lambda iam: [_resource(item, depth=2) for item in _roots(iam, name)]
    )
    assert boto3_walk  # the account has something in every collection
    assert fastiam_walk == boto3_walk


def _singletons() -> dict:
    """The service resource's sub-resources that take no identifier, and how to
    reach the other classes from a known name."""
    return {
        "AccountPasswordPolicy": lambda iam: iam.AccountPasswordPolicy(),
        "AccountSummary": lambda iam: iam.AccountSummary(),
        "User": lambda iam: iam.User("alice"),
        "LoginProfile": lambda iam: iam.User("alice").LoginProfile(),
        "UserPolicy": lambda iam: iam.User("alice").Policy("inline"),
        "GroupPolicy": lambda iam: iam.Group("admins").Policy("inline"),
        "RolePolicy": lambda iam: iam.Role("builder").Policy("inline"),
        "AssumeRolePolicy": lambda iam: iam.Role("builder").AssumeRolePolicy(),
        "InstanceProfile": lambda iam: iam.InstanceProfile("builder-profile"),
        "Policy": lambda iam: iam.Policy(f"arn:aws:iam::{ACCOUNT}:policy/eng/s3-all"),
        "PolicyVersion": lambda iam: iam.PolicyVersion(
            f"arn:aws:iam::{ACCOUNT}:policy/eng/s3-all", "v2"
        ),
        "ServerCertificate": lambda iam: iam.ServerCertificate("web"),
        "SamlProvider": lambda iam: iam.SamlProvider(f"arn:aws:iam::{ACCOUNT}:saml-provider/idp"),
        "VirtualMfaDevice": lambda iam: iam.VirtualMfaDevice(
            f"arn:aws:iam::{ACCOUNT}:mfa/alice-phone"
        ),
        "MfaDevice": lambda iam: iam.User("alice").MfaDevice(
            f"arn:aws:iam::{ACCOUNT}:mfa/alice-phone"
        ),
    }


@pytest.mark.parametrize("name", list(_singletons()))
def test_each_resource_reached_by_name_walks_the_same(world: dict, name: str) -> None:
    reach = _singletons()[name]
    boto3_walk, fastiam_walk = _both(world, lambda iam: _resource(reach(iam), depth=1))
    assert boto3_walk["class"] == f"iam.{name}"
    assert fastiam_walk == boto3_walk


def test_every_resource_class_is_walked(world: dict) -> None:
    """The walks above reach every class of the model (the account's CurrentUser
    is moto's default user, made anew with a new id on each read: its class is
    checked apart)."""
    seen: set[str] = set()

    def collect(shown: object) -> None:
        if isinstance(shown, dict):
            if isinstance(shown.get("class"), str):
                seen.add(shown["class"].split(".", 1)[1])
            for item in shown.values():
                collect(item)
        elif isinstance(shown, (list, tuple)):
            for item in shown:
                collect(item)

    iam = world["fastiam"]
    for name in _service_collections():
        collect([_resource(item, depth=2) for item in _roots(iam, name)])
    for reach in _singletons().values():
        collect(_resource(reach(iam), depth=1))
    seen.add(type(iam.CurrentUser()).__name__.split(".", 1)[1])
    created = iam.User("bob").create_access_key_pair()  # AccessKeyPair comes only from here
    seen.add(type(created).__name__.split(".", 1)[1])
    assert seen == _resource_classes()


def _resource_classes() -> set[str]:
    import os

    path = os.path.join(os.path.dirname(boto3.__file__), "data/iam/2010-05-08/resources-1.json")
    with open(path) as model:
        return set(json.load(model)["resources"])


def test_current_user_reads_the_callers_user(world: dict) -> None:
    """GetUser without a name: moto answers with its default user (a new id on
    each call, so the ids are left out of the comparison)."""

    def read(iam) -> dict:
        user = iam.CurrentUser()
        return {"arn": user.arn, "user_name": user.user_name, "path": user.path,
                "user": user.user.name, "keys": _collection(user.access_keys, 0)}  # fmt: skip

    boto3_user, fastiam_user = _both(world, read)
    assert fastiam_user == boto3_user
    assert fastiam_user["user_name"]


# ---------------------------------------------------------------------------
# Collections: paging, limits and filters


def _names(items) -> list[str]:
    return [item.name for item in items]


PAGINGS = {
    "all": lambda users: _names(users.all()),
    "page_size(1)": lambda users: _names(users.page_size(1)),
    "limit(2)": lambda users: _names(users.limit(2)),
    "page_size(1).limit(2)": lambda users: _names(users.page_size(1).limit(2)),
    "filter(PathPrefix)": lambda users: _names(users.filter(PathPrefix="/eng/")),
    "filter(MaxItems=1)": lambda users: _names(users.filter(MaxItems=1)),
    "pages()": lambda users: [_names(page) for page in users.pages()],
    "page_size(2).pages()": lambda users: [_names(page) for page in users.page_size(2).pages()],
    "limit(0)": lambda users: _names(users.limit(0)),
    "filter().limit(1)": lambda users: _names(users.filter(PathPrefix="/").limit(1)),
}


@pytest.mark.parametrize("paging", list(PAGINGS))
def test_collections_page_as_in_boto3(world: dict, paging: str) -> None:
    read = PAGINGS[paging]
    boto3_names, fastiam_names = _both(world, lambda iam: read(iam.users))
    assert fastiam_names == boto3_names
    assert fastiam_names or paging == "limit(0)"


def test_a_sub_collection_pages_as_in_boto3(world: dict) -> None:
    boto3_pages, fastiam_pages = _both(
        world,
        lambda iam: [_names(page) for page in iam.Group("admins").users.page_size(1).pages()],
    )
    # (moto answers GetGroup with all its users whatever MaxItems says.)
    assert fastiam_pages == boto3_pages
    assert sorted(name for page in fastiam_pages for name in page) == ["alice", "bob"]
