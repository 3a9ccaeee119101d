"""fastiam's pytest plugin (``fastiam.pytest_plugin``): each test writes a test
module into a temporary directory and runs pytest on it in a subprocess.

Installed from a wheel or with ``pip install .``, fastiam registers the plugin
through its ``pytest11`` entry point; an editable install made before the
entry point existed does not, so the subprocess gets ``-p fastiam.pytest_plugin``
only when the entry point is absent (both would register it twice).
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What code that uses fastiam would test with the plugin: boto3 under moto's
# mock_aws sets up and checks IAM, fastiam does the work through fastiam_iam.
REAL_WORLD_MODULE = '''
"""Tests of an MFA enrolment function that uses fastiam, against moto."""

import boto3
import fastiam.totp
import pytest
from moto import mock_aws


def enrol(iam, user_name):
    """The code under test: a virtual MFA device for the user, enabled."""
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=user_name)["VirtualMFADevice"]
    first, second = fastiam.totp.pair(device["Base32StringSeed"])
    iam.enable_mfa_device(
        UserName=user_name,
        SerialNumber=device["SerialNumber"],
        AuthenticationCode1=first,
        AuthenticationCode2=second,
    )
    return device["SerialNumber"]


@mock_aws
def test_enrol_enables_a_device_boto3_sees(fastiam_iam):
    boto = boto3.client("iam", region_name="us-east-1")
    boto.create_user(UserName="alice")

    serial = enrol(fastiam_iam, "alice")

    devices = boto.list_mfa_devices(UserName="alice")["MFADevices"]
    assert [device["SerialNumber"] for device in devices] == [serial]
    assigned = boto.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
    assert [device["User"]["UserName"] for device in assigned] == ["alice"]
    listed = fastiam_iam.list_mfa_devices(UserName="alice")["MFADevices"]
    assert [device["SerialNumber"] for device in listed] == [serial]


@mock_aws
def test_enrol_of_a_missing_user_is_no_such_entity(fastiam_iam):
    with pytest.raises(fastiam_iam.exceptions.NoSuchEntityException):
        enrol(fastiam_iam, "nobody")
    boto = boto3.client("iam", region_name="us-east-1")
    # The device was created before enabling it failed.
    assert len(boto.list_virtual_mfa_devices()["VirtualMFADevices"]) == 1


@pytest.fixture
def bob():
    """A user created with boto3 in a mock_aws fixture, set up before fastiam_iam."""
    with mock_aws():
        boto3.client("iam", region_name="us-east-1").create_user(UserName="bob")
        yield "bob"


def test_state_from_an_earlier_fixture_is_kept(bob, fastiam_iam):
    serial = enrol(fastiam_iam, bob)
    devices = boto3.client("iam", region_name="us-east-1").list_mfa_devices(UserName=bob)
    assert [device["SerialNumber"] for device in devices["MFADevices"]] == [serial]


def test_first_leaves_state_behind(fastiam_moto_endpoint, fastiam_iam):
    # No mock_aws here: only the plugin's reset can clean this up.
    boto = boto3.client(
        "iam",
        endpoint_url=fastiam_moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    boto.create_user(UserName="carol")
    enrol(fastiam_iam, "carol")
    assert [user["UserName"] for user in boto.list_users()["Users"]] == ["carol"]


def test_second_sees_none_of_it(fastiam_moto_endpoint, fastiam_iam):
    boto = boto3.client(
        "iam",
        endpoint_url=fastiam_moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    assert boto.list_users()["Users"] == []
    assert fastiam_iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []
'''


def plugin_args() -> list[str]:
    """``-p fastiam.pytest_plugin``, unless the entry point already loads it."""
    registered = any(
        entry.value == "fastiam.pytest_plugin"
        for entry in importlib.metadata.entry_points(group="pytest11")
    )
    return [] if registered else ["-p", "fastiam.pytest_plugin"]


def run_pytest(directory: Path, files: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """pytest on ``files`` (name -> source) written to ``directory``, with its
    own rootdir there and no AWS or proxy settings from this environment."""
    (directory / "pytest.ini").write_text("[pytest]\n")
    for name, source in files.items():
        (directory / name).write_text(textwrap.dedent(source))
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_") and not name.lower().endswith("_proxy")
    }
    env["AWS_CONFIG_FILE"] = str(directory / "no-aws-config")
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(directory / "no-aws-credentials")
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", *plugin_args(), "-p", "no:cacheprovider", *args],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def summary(result: subprocess.CompletedProcess) -> str:
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def test_real_world_module_passes(tmp_path):
    result = run_pytest(tmp_path, {"test_enrol.py": REAL_WORLD_MODULE}, "-v")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"=+ 5 passed in [\d.]+s", summary(result)), output
    for name in (
        "test_enrol_enables_a_device_boto3_sees",
        "test_enrol_of_a_missing_user_is_no_such_entity",
        "test_state_from_an_earlier_fixture_is_kept",
        "test_first_leaves_state_behind",
        "test_second_sees_none_of_it",
    ):
        assert f"test_enrol.py::{name} PASSED" in result.stdout, output


def test_fixtures_are_listed_and_nothing_heavy_is_imported_at_startup(tmp_path):
    module = """
        import sys

        def test_startup_imports():
            assert "fastiam.pytest_plugin" in sys.modules
            loaded = {"moto", "moto.server", "fastiam.aio", "fastiam.exceptions", "fastiam.stub"}
            assert loaded.isdisjoint(sys.modules)
    """
    result = run_pytest(tmp_path, {"test_startup.py": module})
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"1 passed", summary(result)), result.stdout

    listed = run_pytest(tmp_path, {}, "--fixtures")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    for fixture, scope in (
        ("fastiam_moto_server", " [session scope]"),
        ("fastiam_moto_endpoint", ""),
        ("fastiam_iam", ""),
    ):
        assert re.search(
            rf"^{fixture}{re.escape(scope)} -- .*pytest_plugin\.py", listed.stdout, re.MULTILINE
        ), listed.stdout


def test_without_moto_only_the_fixtures_fail(tmp_path):
    conftest = """
        import sys

        sys.modules["moto"] = None  # as if moto were not installed
        sys.modules["moto.server"] = None
    """
    module = """
        def test_without_fixtures():
            pass

        def test_with_fastiam_iam(fastiam_iam):
            pass
    """
    result = run_pytest(tmp_path, {"conftest.py": conftest, "test_no_moto.py": module})

    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"1 passed, 1 error", summary(result)), result.stdout
    assert (
        "fastiam's moto fixtures need moto's server, which could not be imported" in result.stdout
    )
    assert "pip install 'moto[server]'" in result.stdout


def test_entry_point_is_declared_in_pyproject():
    text = (ROOT / "pyproject.toml").read_text()
    assert '[project.entry-points.pytest11]\nfastiam = "fastiam.pytest_plugin"\n' in text
    if sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads(text)["project"]
        assert project["entry-points"]["pytest11"] == {"fastiam": "fastiam.pytest_plugin"}
        assert project["scripts"] == {"fastiam": "fastiam.cli:main"}
