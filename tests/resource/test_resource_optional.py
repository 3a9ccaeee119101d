"""fastiam.resource() and its optional boto3: clients never need or load boto3,
resource() without it says how to install it, and with it resource() raises
boto3's errors and gives boto3's resources on a fastiam client.

The import checks run in fresh interpreters: this test process has long
imported boto3 and botocore (conftest.py uses them).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import boto3
import boto3.exceptions
import boto3.resources.base
import fastiam
import pytest

CLIENT_ARGS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}


def run(script: str) -> str:
    """``script`` in a fresh interpreter; it must succeed. Returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


WITHOUT = """
    import json
    import sys
    sys.modules[{blocked!r}] = None  # makes `import {blocked}...` raise ImportError
    import fastiam

    iam = fastiam.client("iam", endpoint_url={url!r}, **{args!r})
    iam.create_user(UserName="alice")  # the client works without it
    try:
        fastiam.resource("iam", endpoint_url={url!r}, **{args!r})
    except ImportError as error:
        print(json.dumps([str(error), type(error).__name__]))
    """


@pytest.mark.parametrize("blocked", ["boto3", "botocore"])
def test_without_boto3_clients_work_and_resource_says_what_to_install(
    moto_url: str, blocked: str
) -> None:
    # Without botocore, boto3 cannot import either: the same advice.
    message, cls = json.loads(run(WITHOUT.format(blocked=blocked, url=moto_url, args=CLIENT_ARGS)))
    assert cls == "ImportError"
    assert "pip install 'fastiam[resource]'" in message


def test_a_client_loads_neither_boto3_nor_botocore() -> None:
    # Only resource() imports boto3 (the optional extra), and a client does not
    # pay for botocore either.
    loaded = run(
        """
        import json, sys
        import fastiam
        fastiam.client("iam", region_name="us-east-1", aws_access_key_id="a",
                       aws_secret_access_key="b")
        print(json.dumps(sorted(sys.modules)))
        """
    )
    modules = json.loads(loaded)
    assert "fastiam" in modules
    assert [name for name in modules if name.split(".")[0] in ("boto3", "botocore")] == []


def test_a_service_without_a_fastiam_resource() -> None:
    # boto3 has an s3 resource; fastiam has only IAM, and says so as boto3 does
    # for a resource it lacks (s3 is no fastiam client either: no client hint).
    with pytest.raises(boto3.exceptions.ResourceNotExistsError) as raised:
        fastiam.resource("s3", **CLIENT_ARGS)
    assert str(raised.value) == (
        "The 's3' resource does not exist.\nThe available resources are:\n   - iam\n"
    )


def test_an_unknown_api_version_fails_as_in_boto3() -> None:
    with pytest.raises(boto3.exceptions.UnknownAPIVersionError) as by_boto3:
        boto3.resource("iam", api_version="2099-01-01", **CLIENT_ARGS)
    with pytest.raises(boto3.exceptions.UnknownAPIVersionError) as by_fastiam:
        fastiam.resource("iam", api_version="2099-01-01", **CLIENT_ARGS)
    assert str(by_fastiam.value) == str(by_boto3.value)


def test_a_sessions_resource_runs_on_a_fastiam_client_of_that_session(moto_url: str) -> None:
    # eu-west-2, not the environment's us-east-1: the region is the session's.
    session = fastiam.Session(
        region_name="eu-west-2",
        aws_access_key_id="AKIDSESSION",
        aws_secret_access_key="session-secret",
    )
    iam = session.resource("iam", endpoint_url=moto_url)

    assert isinstance(iam, boto3.resources.base.ServiceResource)
    assert isinstance(iam.meta.client, fastiam.IAM)
    assert iam.meta.client.meta.region_name == session.region_name == "eu-west-2"
    user = iam.create_user(UserName="alice")
    assert [u.name for u in iam.users.all()] == ["alice"]
    assert iam.User("alice").arn == user.arn == "arn:aws:iam::123456789012:user/alice"


def test_a_sessions_available_resources() -> None:
    assert fastiam.Session().get_available_resources() == ["iam"]
    assert "iam" in boto3.session.Session().get_available_resources()
