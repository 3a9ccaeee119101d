"""Every paginator of the generated paging table (fastiam/paginate/_table.py),
compared with boto3's, for fastiam's sync client and its async one.

The table itself against botocore's paginators-1.json; on moto, every
paginator whose operation moto implements, over a small account set up once
for this module (PageSize, MaxItems, resuming from each NextToken,
build_full_result, search). moto pages little and never truncates with several
result keys, so every paginator is also paged on the scripted server, from
pages built from botocore's output shapes: three pages, several result keys of
different lengths (some empty, some left out), cut inside a page by MaxItems
and resumed from boto3's and fastiam's tokens.
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Callable
from xml.sax.saxutils import escape

import botocore.session
import fastiam
import fastiam.aio
import pytest
from conftest import KEY_ID, REGION, SECRET, reset_moto
from fastiam import _native
from fastiam.paginate._table import PAGINATORS
from moto.iam.responses import IamResponse
from support.operations import BOTOCORE_IAM, BOTOCORE_NAMES
from support.scripted_server import error_reply, result_reply
from support.tls_server import Certificates, make_certificates

ACCOUNT = "123456789012"
USER = "pager"
BOTOCORE_PAGINATORS = botocore.session.get_session().get_paginator_model("iam")


def result_keys(method: str) -> list[str]:
    keys = PAGINATORS[method]["result_key"]
    return [keys] if isinstance(keys, str) else keys


# ---------------------------------------------------------------------------
# The table


@pytest.mark.parametrize("method", list(PAGINATORS))
def test_table_entry_is_botocores(method):
    wire = BOTOCORE_NAMES[method]
    assert PAGINATORS[method] == BOTOCORE_PAGINATORS.get_paginator(wire)


def test_table_has_every_paging_operation_of_the_client():
    paging = BOTOCORE_PAGINATORS._paginator_config
    assert set(PAGINATORS) == {m for m in _native.OPERATIONS if BOTOCORE_NAMES.get(m) in paging}
    assert any(len(result_keys(m)) > 1 for m in PAGINATORS), "no paginator with several keys"


def test_import_fastiam_does_not_load_the_tables():
    code = "import fastiam, sys; print(sorted(m for m in sys.modules if '_table' in m))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (run.returncode, run.stdout.strip()) == (0, "[]")


# ---------------------------------------------------------------------------
# One interface over boto3's paginators and fastiam's sync and async ones


@dataclass
class Pass:
    pages: list[dict]  # without ResponseMetadata (request ids differ)
    token: str | None


def strip(page: dict) -> dict:
    return {key: value for key, value in page.items() if key != "ResponseMetadata"}


def client_kwargs(url: str) -> dict:
    return {
        "region_name": REGION,
        "endpoint_url": url,
        "aws_access_key_id": KEY_ID,
        "aws_secret_access_key": SECRET,
    }


class Side:
    """A client and the way to drive its paginators: plainly, or (fastiam.aio)
    each pass in its own asyncio.run."""

    def __init__(self, mode: str, url: str, boto_session: Any = None) -> None:
        self.mode = mode
        if mode == "boto3":
            self.client = boto_session.client("iam", **client_kwargs(url))
        else:
            create = fastiam.client if mode == "sync" else fastiam.aio.client
            self.client = create("iam", **client_kwargs(url))

    def drain(self, iterable: Any) -> list:
        if self.mode != "async":
            return list(iterable)

        async def collect() -> list:
            return [item async for item in iterable]

        return asyncio.run(collect())

    def paginate(self, method: str, call: dict, config: dict) -> Any:
        return self.client.get_paginator(method).paginate(**call, PaginationConfig=dict(config))

    def walk(self, method: str, call: dict, config: dict) -> Pass:
        iterator = self.paginate(method, call, config)
        pages = self.drain(iterator)
        return Pass([strip(page) for page in pages], iterator.resume_token)

    def full(self, method: str, call: dict, config: dict) -> dict:
        result = self.paginate(method, call, config).build_full_result()
        return asyncio.run(result) if self.mode == "async" else result

    def search(self, method: str, call: dict, config: dict, expression: str) -> list:
        return self.drain(self.paginate(method, call, config).search(expression))


def decode(token: str) -> dict:
    return json.loads(base64.b64decode(token))


# ---------------------------------------------------------------------------
# moto: an account with a few of everything, set up once


MOTO_PAGED = [method for method in PAGINATORS if hasattr(IamResponse, method)]


def policy(**statement: Any) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **statement}]})


DOCUMENT = policy(Action="iam:Get*", Resource="*")
TRUST = policy(Principal={"Service": "ec2.amazonaws.com"}, Action="sts:AssumeRole")
TAGS = [{"Key": f"k{i}", "Value": f"v{i}"} for i in range(5)]
POLICY = f"arn:aws:iam::{ACCOUNT}:policy/p0"
OIDC = f"arn:aws:iam::{ACCOUNT}:oidc-provider/oidc.example.com"
# The arguments of the moto paginators that need some.
CALLS: dict[str, dict] = {
    "get_group": {"GroupName": "g0"},
    "list_access_keys": {"UserName": USER},
    "list_attached_group_policies": {"GroupName": "g0"},
    "list_attached_role_policies": {"RoleName": "r0"},
    "list_attached_user_policies": {"UserName": USER},
    "list_entities_for_policy": {"PolicyArn": POLICY},
    "list_group_policies": {"GroupName": "g0"},
    "list_groups_for_user": {"UserName": USER},
    "list_instance_profiles_for_role": {"RoleName": "r0"},
    "list_mfa_devices": {"UserName": USER},
    "list_open_id_connect_provider_tags": {"OpenIDConnectProviderArn": OIDC},
    "list_policies": {"Scope": "Local"},
    "list_policy_tags": {"PolicyArn": POLICY},
    "list_policy_versions": {"PolicyArn": POLICY},
    "list_role_policies": {"RoleName": "r0"},
    "list_role_tags": {"RoleName": "r0"},
    "list_signing_certificates": {"UserName": USER},
    "list_ssh_public_keys": {"UserName": USER},
    "list_user_policies": {"UserName": USER},
    "list_user_tags": {"UserName": USER},
}


def populate(admin: Any, certificates: Certificates) -> None:
    """Users, groups, roles, instance profiles and policies, each list of a
    few items, the ones the calls name holding several of each."""
    admin.create_user(UserName=USER, Tags=TAGS)
    for i in range(5):
        admin.create_user(UserName=f"u{i}", Path="/pg/")
        admin.create_group(GroupName=f"g{i}")
        admin.create_policy(
            PolicyName=f"p{i}", PolicyDocument=DOCUMENT, Tags=TAGS if i == 0 else []
        )
    for i in range(4):
        admin.create_role(
            RoleName=f"r{i}", AssumeRolePolicyDocument=TRUST, Tags=TAGS if i == 0 else []
        )
        admin.create_instance_profile(InstanceProfileName=f"ip{i}")
    for i in range(3):
        admin.add_role_to_instance_profile(InstanceProfileName=f"ip{i}", RoleName="r0")
        admin.create_policy_version(PolicyArn=POLICY, PolicyDocument=DOCUMENT)
        admin.add_user_to_group(GroupName="g0", UserName=f"u{i}")
        admin.add_user_to_group(GroupName=f"g{i}", UserName=USER)
        for kind, name in (("User", USER), ("Group", "g0"), ("Role", "r0")):
            names = {f"{kind}Name": name}
            getattr(admin, f"put_{kind.lower()}_policy")(
                **names, PolicyName=f"in{i}", PolicyDocument=DOCUMENT
            )
            arn = f"arn:aws:iam::{ACCOUNT}:policy/p{i}"
            getattr(admin, f"attach_{kind.lower()}_policy")(**names, PolicyArn=arn)
        # p0 is attached to several users, groups and roles: list_entities_for_policy.
        admin.attach_user_policy(UserName=f"u{i}", PolicyArn=POLICY)
        admin.attach_group_policy(GroupName=f"g{i + 1}", PolicyArn=POLICY)
        admin.attach_role_policy(RoleName=f"r{i + 1}", PolicyArn=POLICY)
        admin.upload_ssh_public_key(UserName=USER, SSHPublicKeyBody=f"ssh-rsa AAAAB3Nza{i} k{i}")
        admin.upload_server_certificate(
            ServerCertificateName=f"sc{i}", CertificateBody="body", PrivateKey="key"
        )
        admin.enable_mfa_device(
            UserName=USER,
            SerialNumber=f"arn:aws:iam::{ACCOUNT}:mfa/pager-{i}",
            AuthenticationCode1="111111",
            AuthenticationCode2="222222",
        )
        admin.create_virtual_mfa_device(VirtualMFADeviceName=f"v{i}")
    for certificate in (certificates.ca, certificates.cert):  # IAM's (and moto's) most: 2
        admin.create_access_key(UserName=USER)
        admin.upload_signing_certificate(UserName=USER, CertificateBody=certificate.read_text())
    admin.create_account_alias(AccountAlias="fastiam-pages")
    admin.create_open_id_connect_provider(
        Url="https://oidc.example.com", ThumbprintList=["a" * 40], Tags=TAGS
    )


@pytest.fixture(scope="module")
def account_url(_moto_url: str, boto_session, tmp_path_factory) -> str:
    url = reset_moto(_moto_url)
    certificates = make_certificates(tmp_path_factory.mktemp("signing"))
    populate(boto_session.client("iam", **client_kwargs(url)), certificates)
    return url


@pytest.fixture(scope="module")
def moto_boto(account_url: str, boto_session) -> Memo:
    return Memo(Side("boto3", account_url, boto_session))


class Memo:
    """boto3's answers, each computed once for both fastiam clients."""

    def __init__(self, side: Side) -> None:
        self.side = side
        self._answers: dict[str, Any] = {}

    def once(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(boto3's side, *args)``, the first time it is asked for."""
        key = repr((function.__qualname__, args))
        if key not in self._answers:
            self._answers[key] = function(self.side, *args)
        return self._answers[key]


@pytest.mark.parametrize("method", MOTO_PAGED)
def test_every_moto_paginator_has_its_arguments(method):
    required = BOTOCORE_IAM.operation_model(BOTOCORE_NAMES[method]).input_shape.required_members
    assert set(required) <= set(CALLS.get(method, {}))


def chain(side: Side, method: str, call: dict, config: dict, limit: int = 12) -> list[Pass]:
    """Passes resumed from each NextToken until there is none."""
    passes = [side.walk(method, call, config)]
    while passes[-1].token is not None and len(passes) < limit:
        passes.append(side.walk(method, call, {**config, "StartingToken": passes[-1].token}))
    return passes


MOTO_CONFIGS = [{}, {"PageSize": 2}, {"MaxItems": 3, "PageSize": 2}, {"MaxItems": 1}]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("config", MOTO_CONFIGS, ids=["plain", "page-size", "cut", "one-each"])
@pytest.mark.parametrize("method", MOTO_PAGED)
def test_moto_pages_and_tokens(moto_boto, account_url, method, config, mode):
    call = CALLS.get(method, {})
    expected = moto_boto.once(chain, method, call, config)
    got = chain(Side(mode, account_url), method, call, config)

    assert sum(len(page.get(result_keys(method)[0], [])) for p in expected for page in p.pages)
    assert [p.token for p in got] == [p.token for p in expected]
    assert [p.pages for p in got] == [p.pages for p in expected]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("config", [{"PageSize": 2}, {"MaxItems": 2}], ids=["all", "cut"])
@pytest.mark.parametrize("method", MOTO_PAGED)
def test_moto_build_full_result_and_search(moto_boto, account_url, method, config, mode):
    call = CALLS.get(method, {})
    side = Side(mode, account_url)
    expression = f"{result_keys(method)[0]}[]"

    assert side.full(method, call, config) == moto_boto.once(Side.full, method, call, config)
    assert side.search(method, call, config, expression) == moto_boto.once(
        Side.search, method, call, config, expression
    )


# ---------------------------------------------------------------------------
# The scripted server: three pages of each paginator, built from botocore's
# output shapes


WHEN = "2024-01-02T03:04:05Z"
SCALARS = {"timestamp": WHEN, "integer": "7", "long": "7", "boolean": "true"}
# Items of each result key (in the paginator's order) on each page; None
# leaves the key out of that page.
COUNTS = [(3, 2, 0, 1), (2, None, 2, 1), (2, 1, 1, None)]
# The Marker each page is asked for with, and the one each page gives.
MARKERS = [None, "m1", "m2"]


def shown_members(shape: Any) -> list[str]:
    """An item's members: the required ones and the other scalars (not
    policy documents, which other tests cover)."""
    return [
        name
        for name, member in shape.members.items()
        if name in shape.required_members
        or (member.type_name in (*SCALARS, "string") and member.name != "policyDocumentType")
    ]


def xml_value(shape: Any, seed: str) -> str:
    """The inner XML of a value of ``shape``, its strings made of ``seed``."""
    kind = shape.type_name
    if kind == "structure":
        return "".join(
            f"<{name}>{xml_value(shape.members[name], f'{seed}.{name}')}</{name}>"
            for name in shown_members(shape)
        )
    if kind == "list":
        return f"<member>{xml_value(shape.member, seed + '.0')}</member>"
    if kind == "map":
        return f"<entry><key>k-{escape(seed)}</key><value>{xml_value(shape.value, seed)}</value></entry>"
    return escape(SCALARS.get(kind, seed))


def page_reply(method: str, index: int):
    """Page ``index`` of the paginator: its result keys with COUNTS[index]
    items, the truncation flag and marker, and the other required members."""
    wire = BOTOCORE_NAMES[method]
    output = BOTOCORE_IAM.operation_model(wire).output_shape
    config = PAGINATORS[method]
    keys = result_keys(method)
    last = index == len(COUNTS) - 1
    parts = []
    for name, shape in output.members.items():
        if name in keys:
            count = COUNTS[index][keys.index(name)]
            if count is not None:
                seeds = [f"{name}-{index}-{i}" for i in range(count)]
                items = "".join(f"<member>{xml_value(shape.member, s)}</member>" for s in seeds)
                parts.append(f"<{name}>{items}</{name}>")
        elif name == config["more_results"]:
            parts.append(f"<{name}>{'false' if last else 'true'}</{name}>")
        elif name == config["output_token"]:
            parts.append("" if last else f"<{name}>{MARKERS[index + 1]}</{name}>")
        elif name in output.required_members or name in config.get("non_aggregate_keys", ()):
            parts.append(f"<{name}>{xml_value(shape, f'{name}-{index}')}</{name}>")
    return result_reply(wire, "".join(parts))


def call_for(method: str) -> dict:
    """The operation's required arguments (strings, or lists of one)."""
    shape = BOTOCORE_IAM.operation_model(BOTOCORE_NAMES[method]).input_shape
    call: dict[str, Any] = {}
    for name in shape.required_members:
        value = f"arn:aws:iam::{ACCOUNT}:thing/{name}"  # longer than any minimum
        call[name] = [value] if shape.members[name].type_name == "list" else value
    return call


def script_from(server: Any, method: str, token: str | None) -> None:
    """The pages from the one the starting token's Marker asks for; a request
    past the last page gets an error that ends the pass."""
    start = 0 if token is None else MARKERS.index(decode(token).get("Marker"))
    server.reset()
    pages = [page_reply(method, index) for index in range(start, len(COUNTS))]
    server.script(*pages, error_reply("NoSuchEntity", "no page after the last one", 404))


def sent(server: Any) -> list[dict]:
    """The Marker and MaxItems each request carried."""
    names = ("Marker", "MaxItems")
    return [{n: r.form[n] for n in names if n in r.form} for r in server.requests]


def scripted_chain(side: Side, server: Any, method: str, config: dict) -> list[tuple]:
    """(pass, requests) of each pass, resumed from each NextToken until none."""
    passes: list[tuple] = []
    token = config.get("StartingToken")
    while len(passes) < 12:
        script_from(server, method, token)
        walk = side.walk(method, call_for(method), {**config, "StartingToken": token})
        passes.append((walk, sent(server)))
        token = walk.token
        if token is None:
            return passes
    raise AssertionError(f"more than 12 passes: {passes[-1]}")


def scripted_full(side: Side, server: Any, method: str, config: dict) -> tuple[dict, list]:
    script_from(server, method, config.get("StartingToken"))
    return side.full(method, call_for(method), config), sent(server)


def scripted_key_items(side: Side, server: Any, method: str) -> tuple[list, list]:
    """The items of each result key (result_key_iters) and the requests."""
    script_from(server, method, None)
    iterators = side.paginate(method, call_for(method), {}).result_key_iters()
    return [side.drain(iterator) for iterator in iterators], sent(server)


def scripted_search(side: Side, server: Any, method: str) -> list:
    """search() of the last result key's items (of several keys, not the first)."""
    script_from(server, method, None)
    return side.search(method, call_for(method), {}, f"{result_keys(method)[-1]}[]")


@pytest.fixture(scope="module")
def scripted_boto(_scripted_server: Any, boto_session) -> Memo:
    return Memo(Side("boto3", _scripted_server.url, boto_session))


def token(marker: str | None, handed_out: int) -> str:
    value = {"Marker": marker, "boto_truncate_amount": handed_out}
    return base64.b64encode(json.dumps(value).encode()).decode()


SCRIPTED_CONFIGS = {
    "plain": {},
    "page-size": {"PageSize": 3},
    "cut-mid-page": {"MaxItems": 4},
    "cut-at-page-end": {"MaxItems": 3},
    "two-each": {"MaxItems": 2},
    "five-each": {"MaxItems": 5, "PageSize": 3},
    "resume-mid-first-page": {"StartingToken": token(None, 2), "MaxItems": 2},
    "resume-mid-second-page": {"StartingToken": token("m1", 1)},
}
SEVERAL = [method for method in PAGINATORS if len(result_keys(method)) > 1]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("config", SCRIPTED_CONFIGS.values(), ids=SCRIPTED_CONFIGS.keys())
@pytest.mark.parametrize("method", list(PAGINATORS))
def test_scripted_pages_tokens_and_requests(scripted_boto, server, method, config, mode):
    expected = scripted_boto.once(scripted_chain, server, method, config)
    got = scripted_chain(Side(mode, server.url), server, method, config)

    assert expected[0][0].pages, "boto3 paged nothing"
    assert [(p.token, requests) for p, requests in got] == [
        (p.token, requests) for p, requests in expected
    ]
    assert [p.pages for p, _ in got] == [p.pages for p, _ in expected]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    "config",
    [
        {},
        {"MaxItems": 4},
        {"MaxItems": 6, "PageSize": 3},
        SCRIPTED_CONFIGS["resume-mid-first-page"],
    ],
    ids=["all", "cut", "cut-page-size", "resumed"],
)
@pytest.mark.parametrize("method", list(PAGINATORS))
def test_scripted_build_full_result(scripted_boto, server, method, config, mode):
    expected = scripted_boto.once(scripted_full, server, method, config)
    got = scripted_full(Side(mode, server.url), server, method, config)

    assert got == expected
    assert list(got[0]) == list(expected[0])  # key order too


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("method", list(PAGINATORS))
def test_scripted_result_key_iters_and_search(scripted_boto, server, method, mode):
    side = Side(mode, server.url)
    expected = scripted_boto.once(scripted_key_items, server, method)
    assert scripted_key_items(side, server, method) == expected
    assert scripted_search(side, server, method) == scripted_boto.once(
        scripted_search, server, method
    )


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("method", SEVERAL)
def test_several_keys_cut_inside_a_page(scripted_boto, server, method, mode):
    # botocore's rules, shown on its own pages: MaxItems counts the first
    # result key only and cuts only it; the other keys of the cut page are
    # handed out whole, so the pass resumed from its token blanks them.
    expected = scripted_boto.once(scripted_chain, server, method, {"MaxItems": 2})
    first, second = (p.pages[0] for p, _ in expected[:2])
    primary, other = result_keys(method)[:2]

    assert decode(expected[0][0].token) == {"Marker": None, "boto_truncate_amount": 2}
    assert (len(first[primary]), len(first[other])) == (2, COUNTS[0][1])
    assert (len(second[primary]), second[other]) == (1, [])
    assert scripted_chain(Side(mode, server.url), server, method, {"MaxItems": 2}) == expected
