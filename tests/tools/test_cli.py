"""The command-line interface: ``fastiam iam <operation>`` and ``python -m fastiam``
behave as ``aws iam <operation>`` (AWS CLI v2): option names, output (JSON, text),
paging, exit codes and error messages.

Each command runs in a subprocess against moto or the scripted fake IAM.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import boto3
import fastiam.cli
import fastiam.totp
import pytest
from botocore import xform_name
from fastiam import _native
from fastiam.cli import _errors, _operations, _table, _values
from support import operations
from support.scripted_server import Reply, empty_success_reply, error_reply, result_reply

KEY_ID = "AKIDCLITEST"
SECRET_KEY = "cli-secret-key-xyz"
REGION = "us-east-1"
USER = "alice"
SERIAL = "arn:aws:iam::123456789012:mfa/alice"
CODE1 = "135791"
CODE2 = "246802"
SHORT_CODE = "97531"
USAGE_START = "\nusage: fastiam [options] iam <operation> [parameters]\n"
REPO = Path(__file__).resolve().parents[2]


def command_environment(**changes: str | None) -> dict[str, str]:
    """The test session's clean environment (see conftest.py) with the test
    keys; a change to None removes the variable."""
    environment = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": REGION,
    }
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def entry_point() -> list[str]:
    """The installed ``fastiam`` script; in a development install made before
    the entry point was declared, the same code the generated script runs."""
    script = shutil.which("fastiam", path=os.path.dirname(sys.executable))
    if script is not None:
        return [script]
    return [sys.executable, "-c", "import sys; from fastiam.cli import main; sys.exit(main())"]


def run(*args: str, entry: list[str] | None = None, **environment: str | None):
    """``python -m fastiam *args`` (or ``entry``) -> CompletedProcess (text)."""
    command = (entry or [sys.executable, "-m", "fastiam"]) + list(args)
    return subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        env=command_environment(**environment),
        timeout=60,
    )


def as_the_aws_cli_prints(value):
    """boto3's result as the AWS CLI shows it: no ResponseMetadata, timestamps
    in ISO 8601, blobs in base64."""
    if isinstance(value, dict):
        return {k: as_the_aws_cli_prints(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [as_the_aws_cli_prints(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def aws_cli_json(result: dict) -> str:
    """The exact text ``aws --output json`` prints for a result."""
    return json.dumps(as_the_aws_cli_prints(result), indent=4, ensure_ascii=False) + "\n"


def assert_prints(completed, expected: dict) -> None:
    assert (completed.returncode, completed.stderr) == (0, "")
    assert json.loads(completed.stdout) == as_the_aws_cli_prints(expected)
    assert completed.stdout == aws_cli_json(expected)  # key order, indent, newline


@pytest.fixture
def admin(moto_url):
    """A boto3 client on a fresh moto, where the user alice exists."""
    client = boto3.client(
        "iam",
        region_name=REGION,
        endpoint_url=moto_url,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_user(UserName=USER)
    return client


def form(request) -> dict[str, str]:
    return {key: values[0] for key, values in request.form.items()}


# ---------------------------------------------------------------------------
# Operations and options


# The AWS CLI's reading of a member, by its botocore type (and a list's item type).
CLI_KINDS = {
    ("string", None): "string",
    ("timestamp", None): "string",
    ("integer", None): "integer",
    ("long", None): "integer",
    ("boolean", None): "boolean",
    ("blob", None): "blob",
    ("list", "string"): "strings",
    ("list", "structure"): "structures",
    ("structure", None): "structure",
    ("map", None): "map",
}


def input_members(method: str) -> dict:
    """botocore's input members of an operation ({} for one without input)."""
    shape = operations.input_shape(method)
    return {} if shape is None else dict(shape.members)


def test_every_operation_has_the_aws_cli_options():
    """Each native operation is a command; its options are the native core's
    members (names, order, required) with the AWS CLI's names and kinds for
    IAM's input shape."""
    assert set(_native.OPERATIONS) <= set(_table.INPUTS)  # the table may be ahead of the build
    for method in _native.OPERATIONS:
        ours = _operations.options(method)
        native = _native.INPUT_MEMBERS[method]
        assert [(name, required) for name, _, _, required in ours] == [
            (name, required) for name, required, _, _ in native
        ], method
        for name, option, kind, _ in ours:
            assert option == "--" + xform_name(name, "-"), method
        if method in operations.EXTRAS:
            assert [kind for _, _, kind, _ in ours] == [kind for _, _, kind, _ in native]
            continue
        shape = operations.input_shape(method)
        required = set() if shape is None else set(shape.required_members)
        members = input_members(method)
        assert [(name, name in required) for name in members] == [
            (name, required) for name, _, _, required in ours
        ], method
        for (name, _, kind, _), member in zip(ours, members.values()):
            element = getattr(member, "member", None)
            assert kind == CLI_KINDS[member.type_name, element and element.type_name], name
    assert _operations.options("enable_mfa_device")[2][1] == "--authentication-code1"


def model_value(shape):
    """A value botocore's validation accepts for ``shape``, every member given
    (a tagged union's first)."""
    kind = shape.type_name
    if kind == "structure":
        members = list(shape.members.items())[: 1 if shape.is_tagged_union else None]
        return {name: model_value(member) for name, member in members}
    if kind == "list":
        return [model_value(shape.member)]
    if kind == "map":
        return {"k": model_value(shape.value)}
    if kind == "string":
        return shape.enum[0] if shape.enum else "v" * max(shape.metadata.get("min", 1), 1)
    if kind in ("integer", "long"):
        return max(shape.metadata.get("min", 1), 1)
    return {"boolean": True, "blob": b"blob", "timestamp": "2024-05-06T07:08:09Z"}[kind]


def cli_arguments(option: str, kind: str, value) -> list[str]:
    """The AWS CLI's arguments that give a member ``value``."""
    if kind == "boolean":
        return [option if value else f"--no-{option[2:]}"]
    if kind == "strings":
        return [option, *value]
    if kind in ("structure", "structures", "map"):
        return [option, json.dumps(value)]
    return [option, str(value)]


def result_of(method: str) -> Reply:
    """A success of the operation with an empty result (or none, if it has none)."""
    wire = operations.BOTOCORE_NAMES[method]
    if operations.BOTOCORE_IAM.operation_model(wire).output_shape is None:
        return empty_success_reply(wire)
    return result_reply(wire, "")


@pytest.mark.parametrize("method", operations.BOTO3_OPERATIONS)
def test_every_operation_sends_what_boto3_sends(server, boto_session, capsys, method):
    """Every member given with the AWS CLI's option (booleans as --x, lists as
    values, structures and maps as JSON): the CLI sends boto3's request for
    the same arguments and prints boto3's result as the AWS CLI does. Run in
    this process (fastiam.cli.main), as one subprocess per operation is slow."""
    arguments = {name: model_value(member) for name, member in input_members(method).items()}
    command = ["iam", method.replace("_", "-"), "--endpoint-url", server.url]
    for name, option, kind, _ in _operations.options(method):
        command += cli_arguments(option, kind, arguments[name])
    if _operations.input_tokens(method):
        command.append("--no-paginate")  # MaxItems and Marker go as they are
    boto3_client = boto_session.client("iam", endpoint_url=server.url, region_name=REGION)
    server.script(result_of(method))
    expected = getattr(boto3_client, method)(**arguments)
    [sent_by_boto3] = server.requests
    server.reset()
    server.script(result_of(method))
    code = fastiam.cli.main(command)
    printed = capsys.readouterr()
    assert (code, printed.err) == (0, "")
    [request] = server.requests
    assert request.form == sent_by_boto3.form
    assert printed.out == ("" if as_the_aws_cli_prints(expected) == {} else aws_cli_json(expected))


@pytest.mark.parametrize("args", [["--help"], ["help"], ["iam", "help"], ["iam", "--help"]])
def test_help_lists_the_operations(args):
    completed = run(*args)
    assert (completed.returncode, completed.stderr) == (0, "")
    for operation in _native.OPERATIONS:
        assert f"  {operation.replace('_', '-')}\n" in completed.stdout


@pytest.mark.parametrize("last", ["--help", "help"])
def test_operation_help_lists_its_options(last):
    completed = run("iam", "enable-mfa-device", last)
    assert (completed.returncode, completed.stderr) == (0, "")
    for option in (
        "--user-name",
        "--serial-number",
        "--authentication-code1",
        "--authentication-code2",
    ):
        assert option in completed.stdout


# ---------------------------------------------------------------------------
# A device's life on moto


def test_virtual_device_lifecycle_on_moto(admin, moto_url):
    """create -> enable (empty output) -> list (ISO dates) -> deactivate -> delete."""
    endpoint = ["--endpoint-url", moto_url, "--region", REGION]
    created = run(
        "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "phone", *endpoint
    )
    assert (created.returncode, created.stderr) == (0, "")
    device = json.loads(created.stdout)["VirtualMFADevice"]
    assert device["SerialNumber"] == "arn:aws:iam::123456789012:mfa/phone"
    # Blobs are printed in base64, as the AWS CLI does: the seed is base32 text inside.
    seed = base64.b64decode(device["Base32StringSeed"]).decode()
    base64.b32decode(seed)
    base64.b64decode(device["QRCodePNG"], validate=True)

    first, second = fastiam.totp.pair(seed)
    enabled = run(
        "iam",
        "enable-mfa-device",
        "--user-name",
        USER,
        "--serial-number",
        device["SerialNumber"],
        "--authentication-code1",
        first,
        "--authentication-code2",
        second,
        *endpoint,
    )
    assert (enabled.returncode, enabled.stdout, enabled.stderr) == (0, "", "")

    listed = run("iam", "list-mfa-devices", "--user-name", USER, *endpoint)
    pages = admin.get_paginator("list_mfa_devices").paginate(UserName=USER)
    assert_prints(listed, pages.build_full_result())
    [entry] = json.loads(listed.stdout)["MFADevices"]
    assert datetime.datetime.fromisoformat(entry["EnableDate"]).utcoffset() is not None
    assert (
        entry["EnableDate"]
        == admin.list_mfa_devices(UserName=USER)["MFADevices"][0]["EnableDate"].isoformat()
    )

    for step in (
        ["deactivate-mfa-device", "--user-name", USER, "--serial-number", device["SerialNumber"]],
        ["delete-virtual-mfa-device", "--serial-number", device["SerialNumber"]],
    ):
        done = run("iam", *step, *endpoint)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert admin.list_virtual_mfa_devices()["VirtualMFADevices"] == []


@pytest.fixture
def three_devices(admin):
    """Three virtual devices, the first assigned to alice."""
    serials = []
    for name in ("one", "two", "three"):
        device = admin.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]
        serials.append(device["SerialNumber"])
    admin.enable_mfa_device(
        UserName=USER,
        SerialNumber=serials[0],
        AuthenticationCode1="123456",
        AuthenticationCode2="234567",
    )
    return serials


def test_list_output_is_boto3s_full_result(admin, moto_url, three_devices):
    """A list operation pages through everything, as the AWS CLI does: the
    output is boto3's paginator full result (no IsTruncated, no Marker)."""
    completed = run("iam", "list-virtual-mfa-devices", "--endpoint-url", moto_url)
    paginator = admin.get_paginator("list_virtual_mfa_devices")
    assert_prints(completed, paginator.paginate().build_full_result())
    assert len(json.loads(completed.stdout)["VirtualMFADevices"]) == 3


def test_max_items_and_starting_token(admin, moto_url, three_devices):
    """--max-items ends with boto3's NextToken; --starting-token resumes from it."""
    endpoint = ["--endpoint-url", moto_url]
    paginator = admin.get_paginator("list_virtual_mfa_devices")
    first = run(
        "iam", "list-virtual-mfa-devices", "--max-items", "2", "--page-size", "1", *endpoint
    )
    expected = paginator.paginate(PaginationConfig={"MaxItems": 2, "PageSize": 1})
    expected = expected.build_full_result()
    assert_prints(first, expected)
    token = json.loads(first.stdout)["NextToken"]
    rest = run("iam", "list-virtual-mfa-devices", "--starting-token", token, *endpoint)
    assert_prints(
        rest, paginator.paginate(PaginationConfig={"StartingToken": token}).build_full_result()
    )
    assert len(json.loads(rest.stdout)["VirtualMFADevices"]) == 1


@pytest.mark.parametrize("switch", [["--no-paginate"], ["--marker", "0"]])
def test_one_page_with_no_paginate_or_marker(admin, moto_url, three_devices, switch):
    """--no-paginate, or the operation's own --marker, sends one request:
    --max-items is then IAM's MaxItems and the page is printed as it is."""
    completed = run(
        "iam", "list-virtual-mfa-devices", "--max-items", "1", *switch, "--endpoint-url", moto_url
    )
    marker = {"Marker": "0"} if "--marker" in switch else {}
    expected = admin.list_virtual_mfa_devices(MaxItems=1, **marker)
    assert expected["IsTruncated"] is True
    assert_prints(completed, expected)


def test_paging_options_need_paging(server):
    completed = run(
        "iam",
        "list-mfa-devices",
        "--no-paginate",
        "--starting-token",
        "x",
        "--page-size",
        "2",
        "--endpoint-url",
        server.url,
    )
    assert (completed.returncode, completed.stdout) == (252, "")
    assert completed.stderr == (
        "\nCannot specify --no-paginate along with pagination "
        "arguments: --starting-token, --page-size\n"
    )
    assert server.requests == []


def test_text_output_and_query(admin, moto_url, three_devices):
    """--output text and --query, in the AWS CLI's format."""
    endpoint = ["--endpoint-url", moto_url]
    [device] = admin.list_mfa_devices(UserName=USER)["MFADevices"]
    text = run("iam", "list-mfa-devices", "--user-name", USER, "--output", "text", *endpoint)
    assert (text.returncode, text.stderr) == (0, "")
    assert text.stdout == (
        f"MFADEVICES\t{device['EnableDate'].isoformat()}\t{device['SerialNumber']}\t{USER}\n"
    )
    query = ["--query", "VirtualMFADevices[].SerialNumber"]
    serials = run("iam", "list-virtual-mfa-devices", *query, "--output", "text", *endpoint)
    assert serials.stdout == "\t".join(three_devices) + "\n"
    as_json = run("iam", "list-virtual-mfa-devices", *query, *endpoint)
    assert json.loads(as_json.stdout) == three_devices
    off = run("iam", "list-virtual-mfa-devices", "--output", "off", *endpoint)
    assert (off.returncode, off.stdout, off.stderr) == (0, "", "")


def test_outfile_and_bootstrap_method(admin, moto_url, tmp_path):
    """The AWS CLI's --outfile/--bootstrap-method: the seed goes to a file only
    the user can read, no blob to stdout; file:// reads it back."""
    endpoint = ["--endpoint-url", moto_url]
    seed_file = tmp_path / "seed.txt"
    created = run(
        "iam",
        "create-virtual-mfa-device",
        "--virtual-mfa-device-name",
        "phone",
        "--outfile",
        str(seed_file),
        "--bootstrap-method",
        "Base32StringSeed",
        *endpoint,
    )
    assert (created.returncode, created.stderr) == (0, "")
    device = json.loads(created.stdout)["VirtualMFADevice"]
    assert not {"Base32StringSeed", "QRCodePNG"} & set(device)
    [stored] = admin.list_virtual_mfa_devices()["VirtualMFADevices"]
    assert seed_file.read_bytes() == stored["Base32StringSeed"]
    assert stat.S_IMODE(seed_file.stat().st_mode) == 0o600

    enabled = run(
        "iam",
        "enable-virtual-mfa-device",
        "--user-name",
        USER,
        "--serial-number",
        device["SerialNumber"],
        "--base32-string-seed",
        f"file://{seed_file}",
        *endpoint,
    )
    assert (enabled.returncode, enabled.stdout, enabled.stderr) == (0, "", "")
    [mfa] = admin.list_mfa_devices(UserName=USER)["MFADevices"]
    assert mfa["SerialNumber"] == device["SerialNumber"]


def test_outfile_needs_bootstrap_method(server, tmp_path):
    completed = run(
        "iam",
        "create-virtual-mfa-device",
        "--virtual-mfa-device-name",
        "phone",
        "--outfile",
        str(tmp_path / "qr.png"),
        "--endpoint-url",
        server.url,
    )
    assert completed.returncode == 252
    assert "the following arguments are required: --bootstrap-method" in completed.stderr
    assert server.requests == []


# ---------------------------------------------------------------------------
# Parameters on the wire


@pytest.mark.parametrize(
    "tags",
    [
        ["Key=team,Value=blue", 'Key=note,Value="a, b"'],
        ['[{"Key": "team", "Value": "blue"}, {"Key": "note", "Value": "a, b"}]'],
        ['{"Key": "team", "Value": "blue"}', '{"Key": "note", "Value": "a, b"}'],
        ["Key=team,Value=blue", r"Key=note,Value=a\, b"],
    ],
    ids=["shorthand", "json-list", "json-objects", "escaped-comma"],
)
def test_tags_shorthand_and_json(server, tags):
    server.script(empty_success_reply("TagMFADevice"))
    completed = run(
        "iam",
        "tag-mfa-device",
        "--serial-number",
        SERIAL,
        "--tags",
        *tags,
        "--endpoint-url",
        server.url,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    [request] = server.requests
    assert form(request) == {
        "Action": "TagMFADevice",
        "Version": "2010-05-08",
        "SerialNumber": SERIAL,
        "Tags.member.1.Key": "team",
        "Tags.member.1.Value": "blue",
        "Tags.member.2.Key": "note",
        "Tags.member.2.Value": "a, b",
    }


def test_tag_keys(server):
    server.script(empty_success_reply("UntagMFADevice"))
    completed = run(
        "iam",
        "untag-mfa-device",
        "--serial-number",
        SERIAL,
        "--tag-keys",
        "team",
        "note",
        "--endpoint-url",
        server.url,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    [request] = server.requests
    assert form(request)["TagKeys.member.1"] == "team"
    assert form(request)["TagKeys.member.2"] == "note"


@pytest.mark.parametrize(
    ("flags", "sent"),
    [([], None), (["--only-attached"], "true"), (["--no-only-attached"], "false")],
)
def test_booleans_are_flags(server, flags, sent):
    """As the AWS CLI: ``--x`` sends true, ``--no-x`` false, neither nothing."""
    server.script(result_reply("ListPolicies", ""))
    completed = run("iam", "list-policies", *flags, "--no-paginate", "--endpoint-url", server.url)
    assert (completed.returncode, completed.stderr) == (0, "")
    [request] = server.requests
    assert form(request).get("OnlyAttached") == sent


def test_an_operation_without_input_on_moto(admin, moto_url):
    """get-account-summary has no input shape: no options, and boto3's result."""
    completed = run("iam", "get-account-summary", "--endpoint-url", moto_url)
    assert_prints(completed, admin.get_account_summary())
    assert json.loads(completed.stdout)["SummaryMap"]["Users"] == 1
    refused = run("iam", "get-account-summary", "--user-name", USER, "--endpoint-url", moto_url)
    assert (refused.returncode, refused.stdout) == (252, "")
    assert "\nUnknown options: --user-name, ***\n" in refused.stderr


def test_hidden_aliases_of_the_codes(server):
    """The AWS CLI's undocumented --authentication-code-1/-2 (the names before
    xform_name kept digits with their word); with them, a missing code is
    IAM's validation error, as there, not argparse's."""
    server.script(empty_success_reply("EnableMFADevice"))
    common = ["--user-name", USER, "--serial-number", SERIAL, "--endpoint-url", server.url]
    completed = run(
        "iam",
        "enable-mfa-device",
        *common,
        "--authentication-code-1",
        CODE1,
        "--authentication-code2",
        CODE2,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    [request] = server.requests
    assert (form(request)["AuthenticationCode1"], form(request)["AuthenticationCode2"]) == (
        CODE1,
        CODE2,
    )
    missing = run("iam", "enable-mfa-device", *common, "--authentication-code-2", CODE2)
    assert (missing.returncode, missing.stdout) == (252, "")
    assert missing.stderr == (
        "\nParameter validation failed:\n"
        'Missing required parameter in input: "AuthenticationCode1"\n'
    )
    assert "--authentication-code-1" not in run("iam", "enable-mfa-device", "help").stdout


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("structure", '{"Name": "a", "Values": ["b"]}', {"Name": "a", "Values": ["b"]}),
        ("structure", "Name=a,Values=b,c", {"Name": "a", "Values": ["b", "c"]}),
        ("map", '{"k1": "v1", "k2": {"x": 1}}', {"k1": "v1", "k2": {"x": 1}}),
        ("map", "k1=v1,k2=v2", {"k1": "v1", "k2": "v2"}),
        ("strings", ["a", "b"], ["a", "b"]),
        ("strings", ['["a", "b"]'], ["a", "b"]),
        ("blob", "JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP"),
    ],
)
def test_values_of_each_kind(kind, text, expected):
    """Structures and maps (the model has them, though no built operation
    takes one yet) as JSON or shorthand, as the AWS CLI reads them."""
    assert _values._value("--option", kind, text) == expected


def test_param_files(tmp_path):
    """file:// is a file's text (for any kind); fileb:// a blob's bytes."""
    seed = tmp_path / "seed"
    seed.write_bytes(b"JBSWY3DPEHPK3PXP")
    document = tmp_path / "properties.json"
    document.write_text('{"k": "v"}')
    assert _values._value("--seed", "blob", f"fileb://{seed}") == b"JBSWY3DPEHPK3PXP"
    assert _values._value("--seed", "blob", f"file://{seed}") == "JBSWY3DPEHPK3PXP"
    assert _values._value("--properties", "map", f"file://{document}") == {"k": "v"}
    with pytest.raises(_errors.ParamError, match="^Error parsing parameter '--seed': Unable"):
        _values._value("--seed", "blob", f"fileb://{tmp_path / 'missing'}")
    with pytest.raises(_errors.ParamError, match="Invalid JSON: "):
        _values._value("--properties", "map", "{nope")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Key=a,Value=b", {"Key": "a", "Value": "b"}),
        (" Key = a , Value = b c ", {"Key": "a", "Value": "b c"}),
        ("Key=a,Value='x,y'", {"Key": "a", "Value": "x,y"}),
        ("Key=a,Value=x=y", {"Key": "a", "Value": "x=y"}),
        ("Key=a,Value=", {"Key": "a", "Value": ""}),
        # As the AWS CLI: more values after a comma make a list (then rejected by validation).
        ("Key=a,Value=b,c", {"Key": "a", "Value": ["b", "c"]}),
    ],
)
def test_shorthand_syntax(text, expected):
    assert _values.shorthand("--tags", text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Key", "Expected: '=', received: 'EOF' for input:\nKey\n   ^"),
        ("Key=a,Value=b,Key=c", 'Second instance of key "Key" encountered'),
        ("Key=a,", "Expected: '<value>', received: 'EOF'"),
    ],
)
def test_shorthand_errors(text, message):
    with pytest.raises(_errors.ParamError, match=r"^Error parsing parameter '--tags': ") as raised:
        _values.shorthand("--tags", text)
    assert message in str(raised.value)


def test_global_options_before_and_after_the_operation(server):
    server.script(empty_success_reply("EnableMFADevice"))
    completed = run(
        "--region",
        "eu-west-1",
        "iam",
        "--output",
        "json",
        "enable-mfa-device",
        "--user-name",
        USER,
        "--endpoint-url",
        server.url,
        "--serial-number",
        SERIAL,
        "--authentication-code1",
        CODE1,
        "--authentication-code2",
        CODE2,
        AWS_DEFAULT_REGION=None,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    [request] = server.requests
    assert "/eu-west-1/iam/aws4_request" in request.headers["authorization"]
    assert form(request) == {
        "Action": "EnableMFADevice",
        "Version": "2010-05-08",
        "UserName": USER,
        "SerialNumber": SERIAL,
        "AuthenticationCode1": CODE1,
        "AuthenticationCode2": CODE2,
    }


def test_console_script_runs_the_same_cli(server):
    """The `fastiam` entry point (declared in pyproject.toml) is main()."""
    declared = (REPO / "pyproject.toml").read_text()
    assert '[project.scripts]\nfastiam = "fastiam.cli:main"\n' in declared
    server.script(error_reply("NoSuchEntity", "The user with name bob cannot be found.", 404))
    args = ["iam", "get-mfa-device", "--serial-number", SERIAL, "--endpoint-url", server.url]
    by_script = run(*args, entry=entry_point())
    by_module = run(*args)
    assert by_script.returncode == by_module.returncode == 254
    assert by_script.stderr == by_module.stderr
    ok = run("iam", "get-mfa-device", "--help", entry=entry_point())
    assert (ok.returncode, ok.stderr) == (0, "")
    assert "--serial-number" in ok.stdout


# ---------------------------------------------------------------------------
# Errors and exit codes


def test_service_error_exits_254(server):
    message = "The user with name bob cannot be found."
    server.script(error_reply("NoSuchEntity", message, 404))
    completed = run(
        "iam",
        "enable-mfa-device",
        "--user-name",
        "bob",
        "--serial-number",
        SERIAL,
        "--authentication-code1",
        CODE1,
        "--authentication-code2",
        CODE2,
        "--endpoint-url",
        server.url,
    )
    assert (completed.returncode, completed.stdout) == (254, "")
    assert completed.stderr == (
        "\nAn error occurred (NoSuchEntity) when calling the EnableMFADevice operation: "
        f"{message}\n"
    )
    assert not [code for code in (CODE1, CODE2) if code in completed.stderr]


def test_service_error_from_moto_exits_254(admin, moto_url):
    completed = run("iam", "list-mfa-devices", "--user-name", "nobody", "--endpoint-url", moto_url)
    assert (completed.returncode, completed.stdout) == (254, "")
    assert completed.stderr.startswith(
        "\nAn error occurred (NoSuchEntity) when calling the ListMFADevices operation: "
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "fastiam: error: the following arguments are required: command"),
        (["iam"], "fastiam: error: the following arguments are required: operation"),
        (["s3", "ls"], "fastiam: error: argument command: Invalid choice"),
        (["iam", "enable-mfa-devic"], "Invalid choice: 'enable-mfa-devic', maybe you meant:"),
        (
            [
                "iam",
                "enable-mfa-device",
                "--serial-number",
                SERIAL,
                "--authentication-code1",
                CODE1,
                "--authentication-code2",
                CODE2,
            ],
            "fastiam: error: the following arguments are required: --user-name",
        ),
        (
            ["iam", "list-mfa-devices", "--max-items", "many"],
            "fastiam: error: argument --max-items: invalid int value: 'many'",
        ),
        (["--output", "yaml", "iam", "list-mfa-devices"], "argument --output: invalid choice"),
        (["iam", "list-mfa-devices", "--user"], "\nUnknown options: --user\n"),
        (
            ["iam", "tag-mfa-device", "--serial-number", SERIAL, "--tags", "[{"],
            "Error parsing parameter '--tags': Invalid JSON: ",
        ),
    ],
)
def test_usage_errors_exit_252(server, args, message):
    completed = run(*args, "--endpoint-url", server.url)
    assert (completed.returncode, completed.stdout) == (252, "")
    assert message in completed.stderr
    if "Error parsing" not in message:
        assert completed.stderr.startswith(USAGE_START)
    assert server.requests == []


def test_parameter_validation_exits_252_without_the_code(server):
    completed = run(
        "iam",
        "enable-mfa-device",
        "--user-name",
        USER,
        "--serial-number",
        SERIAL,
        "--authentication-code1",
        CODE1,
        "--authentication-code2",
        SHORT_CODE,
        "--endpoint-url",
        server.url,
    )
    assert (completed.returncode, completed.stdout) == (252, "")
    assert completed.stderr == (
        "\nParameter validation failed:\nInvalid length for parameter AuthenticationCode2, "
        "value: 5, valid min length: 6\n"
    )
    assert server.requests == []


def test_stray_values_are_not_echoed(server):
    """A code given without its option name is reported, not shown."""
    completed = run(
        "iam",
        "enable-mfa-device",
        "--user-name",
        USER,
        "--serial-number",
        SERIAL,
        "--authentication-code1",
        CODE1,
        SHORT_CODE,
        "--authentication-code2",
        CODE2,
        f"--authentication-code={CODE1}",
        "--endpoint-url",
        server.url,
    )
    assert completed.returncode == 252
    assert "Unknown options: ***, --authentication-code=***\n" in completed.stderr
    for secret in (CODE1, CODE2, SHORT_CODE):
        assert secret not in completed.stderr + completed.stdout
    assert server.requests == []


def test_no_region_exits_253(server):
    completed = run(
        "iam", "list-mfa-devices", "--endpoint-url", server.url, AWS_DEFAULT_REGION=None
    )
    assert (completed.returncode, completed.stdout) == (253, "")
    assert completed.stderr == (
        "\nYou must specify a region. You can also configure your "
        'region by running "aws configure".\n'
    )
    assert server.requests == []


def test_no_credentials_exits_253(server):
    completed = run(
        "iam",
        "list-mfa-devices",
        "--endpoint-url",
        server.url,
        AWS_ACCESS_KEY_ID=None,
        AWS_SECRET_ACCESS_KEY=None,
    )
    assert (completed.returncode, completed.stdout) == (253, "")
    assert completed.stderr == (
        "\nUnable to locate credentials. You can configure credentials "
        'by running "aws configure".\n'
    )
    assert server.requests == []


def test_partial_credentials_exit_253(server, tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[default]\naws_access_key_id = {KEY_ID}\n")
    completed = run(
        "iam",
        "list-mfa-devices",
        "--endpoint-url",
        server.url,
        AWS_ACCESS_KEY_ID=None,
        AWS_SECRET_ACCESS_KEY=None,
        AWS_SHARED_CREDENTIALS_FILE=str(credentials),
    )
    assert (completed.returncode, completed.stdout) == (253, "")
    assert completed.stderr == (
        "\nPartial credentials found in shared-credentials-file, missing: aws_secret_access_key\n"
    )


def test_unknown_profile_exits_253(server):
    completed = run("--profile", "nope", "iam", "list-mfa-devices", "--endpoint-url", server.url)
    assert (completed.returncode, completed.stdout) == (253, "")
    assert completed.stderr == "\nThe config profile (nope) could not be found\n"


def test_unreachable_endpoint_exits_255(refused_url):
    completed = run(
        "iam",
        "list-mfa-devices",
        "--endpoint-url",
        refused_url,
        "--cli-connect-timeout",
        "1",
        AWS_MAX_ATTEMPTS="1",
    )
    assert (completed.returncode, completed.stdout) == (255, "")
    assert completed.stderr == f'\nCould not connect to the endpoint URL: "{refused_url}/"\n'


def test_read_timeout_exits_255(server):
    server.script(Reply(delay=5.0))
    completed = run(
        "iam",
        "list-mfa-devices",
        "--endpoint-url",
        server.url,
        "--cli-read-timeout",
        "1",
        AWS_MAX_ATTEMPTS="1",
    )
    assert (completed.returncode, completed.stdout) == (255, "")
    assert completed.stderr == f'\nRead timeout on endpoint URL: "{server.url}/"\n'


def exit_after_sigint(process: subprocess.Popen, ready) -> tuple[float, str, str]:
    """Sends SIGINT once ``ready()`` is true; (seconds from it to the exit,
    stdout, stderr). A process still there after 60 s is hung: it is killed."""
    try:
        assert ready()
        time.sleep(0.1)  # the process is in its wait
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
        return time.monotonic() - sent, stdout, stderr
    finally:
        process.kill()
        process.wait()


def test_ctrl_c_exits_130(server):
    """Ctrl-C during a call that the server answers after 10 s: the command
    exits at once with status 130, as promptly as a Python process that has
    imported fastiam's CLI and is interrupted in a plain sleep (the baseline,
    measured just before under the same load)."""
    sleeper = subprocess.Popen(
        [sys.executable, "-c", "import time, fastiam.cli; print('in', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_environment(),
    )
    baseline, _, _ = exit_after_sigint(sleeper, lambda: sleeper.stdout.readline() == "in\n")
    assert sleeper.returncode == -signal.SIGINT  # Python's uncaught KeyboardInterrupt

    server.script(Reply(delay=10.0))
    process = subprocess.Popen(
        [sys.executable, "-m", "fastiam", "iam", "list-mfa-devices", "--endpoint-url", server.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_environment(),
    )
    exited, stdout, stderr = exit_after_sigint(
        process, lambda: server.wait_for_requests(1, timeout=60)
    )

    assert (process.returncode, stdout, stderr) == (130, "\n", "")
    # fastiam's wait wakes every 50 ms to run Python's signal handlers; the
    # rest is the same interpreter exit as the baseline's. A command that
    # missed the signal would wait for the server's answer (10 s less the
    # 0.1 s above). 2 s over the baseline is far from that, and far more than
    # two process exits differ by on a loaded machine (tens of milliseconds).
    assert exited < baseline + 2.0, (exited, baseline)
