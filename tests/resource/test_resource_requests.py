"""``fastiam.resource("iam")`` against ``boto3.resource("iam")``, action by action.

Every action and every load of every resource class in boto3's IAM resource
model (boto3's data/iam/2010-05-08/resources-1.json) runs once through each
library against the scripted fake IAM, and the two must send the same request
(the form: Action, Version and the parameters) and end the same way (the
value returned, or the exception raised). The cases, their arguments and the
server's replies all come from the models rather than from a hand-written
list, so an action that a boto3 upgrade adds becomes a case of its own.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import boto3
import botocore.exceptions
import botocore.loaders
import botocore.model
import fastiam
import pytest
from boto3.resources.base import ServiceResource
from botocore import xform_name
from conftest import KEY_ID, REGION, SECRET
from support.scripted_server import ScriptedServer, empty_success_reply, error_reply, result_reply

KEYS = {"aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET}

RESOURCES_JSON = os.path.join(
    os.path.dirname(boto3.__file__), "data", "iam", "2010-05-08", "resources-1.json"
)
with open(RESOURCES_JSON, encoding="utf-8") as _file:
    RESOURCE_MODEL = json.load(_file)
SERVICE_MODEL = botocore.model.ServiceModel(
    botocore.loaders.Loader().load_service_model("iam", "service-2"), service_name="iam"
)

USER = "alice"
SERIAL = "arn:aws:iam::123456789012:mfa/alice"
POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"
STATEMENT = {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}
EC2 = {"Service": "ec2.amazonaws.com"}
TRUST = {"Effect": "Allow", "Principal": EC2, "Action": "sts:AssumeRole"}
PEM = "-----BEGIN {0}-----\nMIIBsample\n-----END {0}-----\n"

# Sample values by member name: for the request members an action needs, for
# identifiers (through the member each one is sent as, see identifier_values)
# and for the strings of the scripted results (so that a resource built from
# a response, e.g. CreatePolicy's Policy.Arn, gets a meaningful identifier).
# A member not named here gets "<name>-1", padded to the shape's min length.
SAMPLES: dict[str, str] = {
    "UserName": USER,
    "GroupName": "admins",
    "RoleName": "deploy",
    "InstanceProfileName": "web",
    "PolicyName": "inline",
    "PolicyArn": POLICY_ARN,
    "Arn": POLICY_ARN,
    "VersionId": "v1",
    "SerialNumber": SERIAL,
    "AuthenticationCode1": "123456",  # exactly six digits in the model
    "AuthenticationCode2": "654321",
    "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
    "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "Secret": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  # AccessKeyPair's; never sent
    "CertificateId": "ASCACKCEVSQ6C2EXAMPLE1234",  # min length 24
    "ServerCertificateName": "web-cert",
    "SAMLProviderArn": "arn:aws:iam::123456789012:saml-provider/corp",
    "Name": "corp",  # CreateSAMLProvider's
    "SAMLMetadataDocument": "<EntityDescriptor>" + "<!-- metadata -->" * 60 + "</EntityDescriptor>",
    "VirtualMFADeviceName": "alice-phone",
    "AccountAlias": "example-corp",  # lower case and digits only
    "PolicyDocument": json.dumps({"Version": "2012-10-17", "Statement": [STATEMENT]}),
    "AssumeRolePolicyDocument": json.dumps({"Version": "2012-10-17", "Statement": [TRUST]}),
    "CertificateBody": PEM.format("CERTIFICATE"),
    "PrivateKey": PEM.format("RSA PRIVATE KEY"),
    "OldPassword": "Old-passw0rd!",
    "NewPassword": "New-passw0rd!",
    "Password": "New-passw0rd!",
    "NewUserName": "bob",
    "NewGroupName": "operators",
    "NewServerCertificateName": "web-cert-2",
}


def sample(name: str, shape: botocore.model.Shape) -> Any:
    """A valid request value for member ``name`` of type ``shape``."""
    kind = shape.type_name
    if kind == "structure":
        return {m: sample(m, shape.members[m]) for m in shape.required_members}
    if kind == "list":
        return [sample(name, shape.member)]
    if kind in ("integer", "long"):
        return max(1, shape.metadata.get("min", 1))
    if kind == "boolean":
        return True
    if name in SAMPLES:
        return SAMPLES[name]
    if shape.enum:
        return shape.enum[0]
    value = f"{name.lower()}-1"
    return value + "x" * (shape.metadata.get("min", 0) - len(value))


def scalar_text(name: str, shape: botocore.model.Shape) -> str:
    """A scalar of a scripted result, as real IAM writes it in XML."""
    kind = shape.type_name
    if kind == "timestamp":
        return "2024-01-02T03:04:05Z"
    if kind == "blob":
        return "c2FtcGxl"  # base64 of b"sample"
    if kind == "boolean":
        return "true"
    return str(sample(name, shape))


def element(name: str, shape: botocore.model.Shape) -> str:
    """``<name>...</name>`` with every member of ``shape`` filled in: one item
    per list, one entry per map (AWS Query serialization)."""
    kind = shape.type_name
    if kind == "structure":
        inner = "".join(
            element(member.serialization.get("name", m), member)
            for m, member in shape.members.items()
        )
    elif kind == "list":
        inner = element(shape.member.serialization.get("name", "member"), shape.member)
    elif kind == "map":
        inner = f"<entry>{element('key', shape.key)}{element('value', shape.value)}</entry>"
    else:
        inner = escape(scalar_text(name, shape))
    return f"<{name}>{inner}</{name}>"


def reply_for(operation_name: str) -> Any:
    """A success for the operation, its Result holding every modeled member
    (empty success for an operation without output)."""
    output = SERVICE_MODEL.operation_model(operation_name).output_shape
    if output is None:
        return empty_success_reply(operation_name)
    result = "".join(element(m, member) for m, member in output.members.items())
    return result_reply(operation_name, result)


# ---------------------------------------------------------------------------
# The cases: (resource class, action name or "load") for every entry in the model

DEFINITIONS = {"ServiceResource": RESOURCE_MODEL["service"], **RESOURCE_MODEL["resources"]}


def entry(resource: str, action: str) -> dict:
    definition = DEFINITIONS[resource]
    return definition["load"] if action == "load" else definition["actions"][action]


def identifier_values(resource: str) -> list[str]:
    """Sample identifiers, in the model's order: each one gets the sample of
    the request member it is sent as (User's Name is a UserName, Policy's Arn a
    PolicyArn, SamlProvider's Arn a SAMLProviderArn, ...)."""
    definition = DEFINITIONS[resource]
    requests = [definition.get("load", {}).get("request", {})]
    requests += [action["request"] for action in definition.get("actions", {}).values()]
    sent_as = {
        param["name"]: param["target"]
        for request in requests
        for param in request.get("params", [])
        if param["source"] == "identifier"
    }
    names = [identifier["name"] for identifier in definition.get("identifiers", [])]
    return [SAMPLES[sent_as.get(name, name)] for name in names]


def call_arguments(action: dict) -> dict:
    """The action's required request members that no identifier or constant
    binds, plus the request members its resulting resource takes identifiers
    from (e.g. User.update's NewUserName)."""
    operation = SERVICE_MODEL.operation_model(action["request"]["operation"])
    shape = operation.input_shape
    if shape is None:
        return {}
    bound = {param["target"] for param in action["request"].get("params", [])}
    wanted = set(shape.required_members)
    wanted |= {
        identifier["path"]
        for identifier in action.get("resource", {}).get("identifiers", [])
        if identifier["source"] == "requestParameter"
    }
    return {m: sample(m, member) for m, member in shape.members.items() if m in wanted - bound}


# Where boto3 itself fails on a success: its model builds the SigningCertificate
# of create_signing_certificate from the response's CertificateId alone, and
# the class also needs a UserName identifier (whatever the call passes). fastiam
# runs the same model, so it must fail the same way.
MISSING_USER_NAME = ("ValueError", "Required parameter user_name not set")
BOTO3_FAILS = {"ServiceResource.create_signing_certificate": MISSING_USER_NAME}

CASES = [
    pytest.param(resource, action, id=f"{resource}.{xform_name(action)}")
    for resource, definition in DEFINITIONS.items()
    for action in [*definition.get("actions", {}), *(["load"] if "load" in definition else [])]
]


# ---------------------------------------------------------------------------
# Running one case through one library


@dataclass
class Run:
    forms: list[dict]  # one per request the server received
    agents: list[str]
    outcome: Any


def describe(value: Any) -> Any:
    """A return value in comparable form: a resource as its model name, its
    identifiers and its data (the classes differ per library by design)."""
    if isinstance(value, ServiceResource):
        identifiers = {name: getattr(value, name) for name in value.meta.identifiers}
        return ("resource", value.meta.resource_model.name, identifiers, value.meta.data)
    if isinstance(value, list):
        return [describe(item) for item in value]
    return value


def ordered(value: Any) -> Any:
    """``value`` with every dict as its list of items: equal only if the keys
    come in the same order too (users print these dicts)."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [ordered(item) for item in value]
    return value


def failure(error: Exception) -> tuple:
    return ("error", type(error).__name__, str(error), getattr(error, "response", None))


def make_resources(server: ScriptedServer, boto_session: boto3.Session) -> dict[str, Any]:
    """The IAM service resource of each library, built with the same arguments."""
    kwargs = {"region_name": REGION, "endpoint_url": server.url, **KEYS}
    iams = {
        "boto3": boto_session.resource("iam", **kwargs),
        "fastiam": fastiam.resource("iam", **kwargs),
    }
    # boto3's resource classes, but fastiam's client making the calls.
    assert isinstance(iams["fastiam"].meta.client, fastiam.IAM)
    return iams


def run_case(server: ScriptedServer, iam: Any, resource: str, action: str) -> Run:
    definition = entry(resource, action)
    server.reset()
    server.script(reply_for(definition["request"]["operation"]))
    target = iam  # the service resource's actions are its own
    if resource != "ServiceResource":
        target = getattr(iam, resource)(*identifier_values(resource))
    try:
        if action == "load":
            target.load()  # returns None; what it loaded is the resource's data
            outcome = describe(target.meta.data)
        else:
            outcome = describe(getattr(target, xform_name(action))(**call_arguments(definition)))
    except Exception as error:  # noqa: BLE001 - the error is the outcome
        outcome = failure(error)
    requests = server.requests
    return Run(
        forms=[request.form for request in requests],
        agents=[request.headers.get("user-agent", "") for request in requests],
        outcome=outcome,
    )


@pytest.mark.parametrize(("resource", "action"), CASES)
def test_action_parity(server: ScriptedServer, boto_session, resource: str, action: str):
    iams = make_resources(server, boto_session)
    boto = run_case(server, iams["boto3"], resource, action)
    fast = run_case(server, iams["fastiam"], resource, action)

    # The case really reached the server, as the operation the model names.
    operation = entry(resource, action)["request"]["operation"]
    assert [form["Action"] for form in boto.forms] == [[operation]]
    # A success was scripted, so boto3 succeeds, except where its own model fails.
    known_failure = BOTO3_FAILS.get(f"{resource}.{xform_name(action)}")
    if known_failure:
        assert boto.outcome[:3] == ("error", *known_failure)
    else:
        assert not (isinstance(boto.outcome, tuple) and boto.outcome[0] == "error"), boto.outcome

    assert fast.forms == boto.forms
    assert fast.outcome == boto.outcome
    assert ordered(fast.outcome) == ordered(boto.outcome)
    # boto3 marks a resource's requests with a final "Resource" in the
    # User-Agent (user_agent_extra); fastiam's agent is its own up to there.
    assert [agent.split()[-1] for agent in boto.agents] == ["Resource"]
    assert [agent.split()[-1] for agent in fast.agents] == ["Resource"]
    assert fast.agents != boto.agents  # fastiam's client sent it, not botocore


def test_every_model_entry_is_a_case():
    """The parametrization covers the whole model: 1 service resource and 21
    classes today, and none of their actions or loads is missed."""
    expected = sum(
        len(definition.get("actions", {})) + ("load" in definition)
        for definition in DEFINITIONS.values()
    )
    assert len(CASES) == expected >= 90
    assert len({case.id for case in CASES}) == len(CASES)


# ---------------------------------------------------------------------------
# An MFA device's life, step by step, and a refused resync


def mfa_flow(server: ScriptedServer, iam: Any) -> list[tuple[list[dict], Any]]:
    """Enable, resync, deactivate, delete: each step's request forms and outcome."""
    codes = {"AuthenticationCode1": "123456", "AuthenticationCode2": "654321"}
    steps = [
        ("EnableMFADevice", lambda: iam.User(USER).enable_mfa(SerialNumber=SERIAL, **codes)),
        ("ResyncMFADevice", lambda: iam.MfaDevice(USER, SERIAL).resync(**codes)),
        ("DeactivateMFADevice", lambda: iam.MfaDevice(USER, SERIAL).disassociate()),
        ("DeleteVirtualMFADevice", lambda: iam.VirtualMfaDevice(SERIAL).delete()),
    ]
    seen = []
    for operation, step in steps:
        server.reset()
        server.script(empty_success_reply(operation))
        try:
            outcome = describe(step())
        except Exception as error:  # noqa: BLE001 - the error is the outcome
            outcome = failure(error)
        seen.append(([request.form for request in server.requests], outcome))
    return seen


def test_mfa_flow(server: ScriptedServer, boto_session):
    iams = make_resources(server, boto_session)
    boto = mfa_flow(server, iams["boto3"])
    fast = mfa_flow(server, iams["fastiam"])

    assert fast == boto
    assert ordered(fast) == ordered(boto)
    # What each step sent, spelled out once (the parity above covers the rest).
    enable_forms, enabled = boto[0]
    assert enable_forms == [
        {
            "Action": ["EnableMFADevice"],
            "Version": ["2010-05-08"],
            "UserName": [USER],
            "SerialNumber": [SERIAL],
            "AuthenticationCode1": ["123456"],
            "AuthenticationCode2": ["654321"],
        }
    ]
    # enable_mfa hands back the MfaDevice it enabled, built from the request.
    assert enabled == ("resource", "MfaDevice", {"user_name": USER, "serial_number": SERIAL}, None)
    actions = [forms[0]["Action"][0] for forms, _ in boto[1:]]
    assert actions == ["ResyncMFADevice", "DeactivateMFADevice", "DeleteVirtualMFADevice"]
    assert boto[3][0][0] == {
        "Action": ["DeleteVirtualMFADevice"],
        "Version": ["2010-05-08"],
        "SerialNumber": [SERIAL],
    }
    for _, outcome in boto[1:]:  # the raw response of an operation without output
        assert set(outcome) == {"ResponseMetadata"}


def test_resync_refused(server: ScriptedServer, boto_session):
    """IAM refuses the codes: both raise the same modeled error."""
    message = "Authentication code for device is not valid."
    codes = {"AuthenticationCode1": "111111", "AuthenticationCode2": "222222"}
    errors, forms = {}, {}
    for lib, iam in make_resources(server, boto_session).items():
        server.reset()
        server.script(error_reply("InvalidAuthenticationCode", message, 403))
        with pytest.raises(botocore.exceptions.ClientError) as caught:
            iam.MfaDevice(USER, SERIAL).resync(**codes)
        errors[lib] = caught.value
        forms[lib] = [request.form for request in server.requests]

    boto, fast = errors["boto3"], errors["fastiam"]
    assert type(boto).__name__ == "InvalidAuthenticationCodeException"
    assert type(fast).__name__ == type(boto).__name__
    assert str(fast) == str(boto)
    error = {"Type": "Sender", "Code": "InvalidAuthenticationCode", "Message": message}
    assert fast.response["Error"] == boto.response["Error"] == error
    assert fast.response == boto.response
    assert fast.operation_name == boto.operation_name == "ResyncMFADevice"
    assert forms["fastiam"] == forms["boto3"]
    assert len(forms["boto3"]) == 1  # a 403 is not retried
