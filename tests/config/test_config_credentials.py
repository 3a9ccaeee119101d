"""Where credentials come from, side by side with boto3: explicit arguments,
session arguments, environment, shared credentials and config files, profiles,
credential_process, assume-role profiles (STS on a local fake), container
credentials and instance metadata (IMDSv2 on a local fake). The access key id
is read back from the signature's scope on the scripted server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import fastiam
import pytest
from support.config_helpers import BOTO3_BOTH, assert_same, both, observe

KEYS = {"aws_access_key_id": "AKIDCLIENT", "aws_secret_access_key": "client-secret"}
SESSION_KEYS = {"aws_access_key_id": "AKIDSESSION", "aws_secret_access_key": "session-secret"}


@pytest.fixture
def env_keys(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")


def call(server, **kwargs):
    """boto3 then fastiam, against the scripted server, region us-east-1."""
    kwargs.setdefault("endpoint_url", server.url)
    kwargs.setdefault("region_name", "us-east-1")
    return both(server, **kwargs)


# ---------------------------------------------------------------------------
# Precedence among explicit arguments, environment and files


def test_client_arguments_beat_session_arguments(server, env_keys):
    boto, fast = call(server, session=SESSION_KEYS, **KEYS)

    assert boto.access_key == "AKIDCLIENT"
    assert_same(boto, fast)


def test_session_arguments_beat_environment_and_profile(server, aws_files, env_keys):
    aws_files.write_credentials(
        "[p1]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n"
    )

    boto, fast = call(server, session={**SESSION_KEYS, "profile_name": "p1"})

    assert boto.access_key == "AKIDSESSION"
    assert_same(boto, fast)


def test_session_token_argument(server, no_env_keys):
    boto, fast = call(server, session={**SESSION_KEYS, "aws_session_token": "session-token"})

    assert boto.security_token == "session-token"
    assert_same(boto, fast)


def test_environment_beats_files(server, aws_files, env_keys):
    aws_files.write_credentials(
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n"
    )

    boto, fast = call(server)

    assert boto.access_key == "AKIDENV"
    assert_same(boto, fast)


def test_environment_session_token(server, monkeypatch, env_keys):
    monkeypatch.setenv("AWS_SESSION_TOKEN", "env-token")

    boto, fast = call(server)

    assert boto.security_token == "env-token"
    assert_same(boto, fast)


def test_credentials_file_beats_config_file(server, aws_files, no_env_keys):
    aws_files.write_credentials(
        "[default]\naws_access_key_id = AKIDCREDFILE\naws_secret_access_key = s\n"
        "aws_session_token = file-token\n"
    )
    aws_files.write_config("[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n")

    boto, fast = call(server)

    assert (boto.access_key, boto.security_token) == ("AKIDCREDFILE", "file-token")
    assert_same(boto, fast)


def test_config_file_alone(server, aws_files, no_env_keys):
    aws_files.write_config("[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n")

    boto, fast = call(server)

    assert boto.access_key == "AKIDCONFIG"
    assert_same(boto, fast)


def test_default_file_locations_under_home(server, aws_files, monkeypatch, no_env_keys):
    aws_files.write_credentials(
        "[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = s\n"
    )
    aws_files.write_config("[default]\nregion = eu-west-1\n")
    monkeypatch.delenv("AWS_CONFIG_FILE")
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE")
    monkeypatch.delenv("AWS_DEFAULT_REGION")

    boto, fast = both(server, endpoint_url=server.url)

    assert (boto.access_key, boto.signing_region) == ("AKIDHOME", "eu-west-1")
    assert_same(boto, fast)


PROFILES = (
    "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n"
    "[p1]\naws_access_key_id = AKIDP1\naws_secret_access_key = s\n"
)


def test_aws_profile_selects_the_profile(server, aws_files, monkeypatch, no_env_keys):
    aws_files.write_credentials(PROFILES)
    monkeypatch.setenv("AWS_PROFILE", "p1")

    boto, fast = call(server)

    assert boto.access_key == "AKIDP1"
    assert_same(boto, fast)


def test_environment_keys_beat_aws_profile(server, aws_files, monkeypatch, env_keys):
    aws_files.write_credentials(PROFILES)
    monkeypatch.setenv("AWS_PROFILE", "p1")

    boto, fast = call(server)

    assert boto.access_key == "AKIDENV"
    assert_same(boto, fast)


def test_session_profile_name_skips_environment_keys(server, aws_files, env_keys):
    aws_files.write_credentials(PROFILES)

    boto, fast = call(server, session={"profile_name": "p1"})

    assert boto.access_key == "AKIDP1"
    assert_same(boto, fast)


def test_session_profile_name_beats_aws_profile(server, aws_files, monkeypatch, no_env_keys):
    aws_files.write_credentials(PROFILES)
    monkeypatch.setenv("AWS_PROFILE", "default")

    boto, fast = call(server, session={"profile_name": "p1"})

    assert boto.access_key == "AKIDP1"
    assert_same(boto, fast)


def test_profile_from_config_file(server, aws_files, monkeypatch, no_env_keys):
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    aws_files.write_config(
        "[profile p2]\naws_access_key_id = AKIDP2CONFIG\naws_secret_access_key = s\n"
        "region = eu-central-1\n"
    )

    boto, fast = both(server, endpoint_url=server.url, session={"profile_name": "p2"})

    assert (boto.access_key, boto.signing_region) == ("AKIDP2CONFIG", "eu-central-1")
    assert_same(boto, fast)


def test_profile_with_key_but_no_secret(server, aws_files, no_env_keys):
    aws_files.write_credentials("[p1]\naws_access_key_id = AKIDHALF\n")

    boto, fast = call(server, session={"profile_name": "p1"})

    assert boto.error is not None
    assert_same(boto, fast)


def test_no_credentials_anywhere(server, aws_files, no_env_keys):
    boto, fast = call(server)

    assert (boto.stage, type(boto.error).__name__) == ("called", "NoCredentialsError")
    assert boto.attempts == 0
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# Unknown profiles


def test_unknown_profile_name_raises_when_the_session_is_made(server, aws_files):
    boto, fast = call(server, session={"profile_name": "nope"})

    assert boto.stage == "session"
    assert (type(boto.error).__name__, str(boto.error)) == (
        "ProfileNotFound",
        "The config profile (nope) could not be found",
    )
    assert_same(boto, fast)
    if not BOTO3_BOTH:
        assert isinstance(fast.error, fastiam.exceptions.ProfileNotFound)


@pytest.mark.parametrize("variable", ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"])
def test_unknown_profile_from_environment_raises_when_the_session_is_made(
    server, aws_files, monkeypatch, variable
):
    monkeypatch.setenv(variable, "nope")

    boto, fast = call(server)

    assert boto.stage == "session"
    assert str(boto.error) == "The config profile (nope) could not be found"
    assert_same(boto, fast)


def test_module_client_raises_profile_not_found(aws_files, monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "nope")

    with pytest.raises(fastiam.exceptions.ProfileNotFound) as raised:
        fastiam.client("iam")

    assert str(raised.value) == "The config profile (nope) could not be found"


def test_profile_only_in_credentials_file_is_found(server, aws_files, no_env_keys):
    aws_files.write_credentials(
        "[only-here]\naws_access_key_id = AKIDHERE\naws_secret_access_key = s\n"
    )

    boto, fast = call(server, session={"profile_name": "only-here"})

    assert boto.access_key == "AKIDHERE"
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# credential_process


def write_process(directory: Path, document: dict) -> str:
    script = directory / "credentials_process.py"
    script.write_text(f"import json\nprint(json.dumps({document!r}))\n")
    return f"{sys.executable} {script}"


def test_credential_process(server, aws_files, tmp_path, no_env_keys):
    command = write_process(
        tmp_path,
        {"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "s", "SessionToken": "t"},
    )
    aws_files.write_config(f"[profile proc]\ncredential_process = {command}\n")

    boto, fast = call(server, session={"profile_name": "proc"})

    assert (boto.access_key, boto.security_token) == ("AKIDPROCESS", "t")
    assert_same(boto, fast)


def test_credential_process_without_token(server, aws_files, tmp_path, monkeypatch, no_env_keys):
    command = write_process(
        tmp_path, {"Version": 1, "AccessKeyId": "AKIDPROCESS2", "SecretAccessKey": "s"}
    )
    aws_files.write_config(f"[default]\ncredential_process = {command}\n")

    boto, fast = call(server)

    assert (boto.access_key, boto.security_token) == ("AKIDPROCESS2", None)
    assert_same(boto, fast)


def test_credentials_file_beats_credential_process(server, aws_files, tmp_path, no_env_keys):
    command = write_process(
        tmp_path, {"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}
    )
    aws_files.write_config(f"[default]\ncredential_process = {command}\n")
    aws_files.write_credentials(
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n"
    )

    boto, fast = call(server)

    assert boto.access_key == "AKIDFILE"
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# assume-role profiles (STS AssumeRole answered by fake_metadata's server)

ROLE_PROFILES = (
    "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/fake\nsource_profile = base\n"
    "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n"
)


def sts_calls(credential_server) -> list:
    return [r for r in credential_server.requests if r.method == "POST"]


@pytest.mark.parametrize("how", ["AWS_ENDPOINT_URL_STS", "profile endpoint_url"])
def test_assume_role_profile(server, aws_files, monkeypatch, credential_server, no_env_keys, how):
    text = ROLE_PROFILES
    if how == "AWS_ENDPOINT_URL_STS":
        monkeypatch.setenv("AWS_ENDPOINT_URL_STS", credential_server.url)
    else:
        text = text.replace(
            "source_profile = base\n",
            f"source_profile = base\nendpoint_url = {credential_server.url}\n",
        )
    aws_files.write_config(text)

    credential_server.reset()
    boto = observe(
        "boto3",
        server,
        session={"profile_name": "role"},
        endpoint_url=server.url,
        region_name="us-east-1",
    )
    boto_sts = sts_calls(credential_server)
    credential_server.reset()
    fast = observe(
        "fastiam",
        server,
        session={"profile_name": "role"},
        endpoint_url=server.url,
        region_name="us-east-1",
    )
    fast_sts = sts_calls(credential_server)

    assert (boto.access_key, boto.security_token) == ("AKIDASSUMEDROLE", "fake-session-token")
    assert len(boto_sts) == 1
    assert boto_sts[0].form["Action"] == ["AssumeRole"]
    assert "Credential=AKIDBASE/" in boto_sts[0].headers["authorization"]
    assert_same(boto, fast)
    assert len(fast_sts) == 1
    assert fast_sts[0].form["Action"] == ["AssumeRole"]
    assert fast_sts[0].form["RoleArn"] == boto_sts[0].form["RoleArn"]
    assert "Credential=AKIDBASE/" in fast_sts[0].headers["authorization"]


# ---------------------------------------------------------------------------
# Container credentials


def test_container_credentials(server, aws_files, monkeypatch, credential_server, no_env_keys):
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", f"{credential_server.url}/creds")

    credential_server.reset()
    boto = observe("boto3", server, endpoint_url=server.url, region_name="us-east-1")
    boto_paths = credential_server.paths()
    credential_server.reset()
    fast = observe("fastiam", server, endpoint_url=server.url, region_name="us-east-1")

    assert (boto.access_key, boto.security_token) == ("AKIDCONTAINER", "fake-session-token")
    assert boto_paths == [("GET", "/creds")]
    assert_same(boto, fast)
    assert credential_server.paths() == boto_paths


def test_container_credentials_authorization_token(
    server, aws_files, monkeypatch, credential_server, no_env_keys
):
    credential_server.container_token = "Bearer container-secret"
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", f"{credential_server.url}/creds")
    monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer container-secret")

    boto, fast = call(server)

    assert boto.access_key == "AKIDCONTAINER"
    assert_same(boto, fast)


def test_environment_beats_container(server, aws_files, monkeypatch, credential_server, env_keys):
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", f"{credential_server.url}/creds")

    boto, fast = call(server)

    assert boto.access_key == "AKIDENV"
    assert_same(boto, fast)
    assert credential_server.requests == []


# ---------------------------------------------------------------------------
# Instance metadata (IMDSv2)


@pytest.fixture
def imds(monkeypatch, credential_server):
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED")
    monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", f"{credential_server.url}/")
    return credential_server


IMDS_FLOW = [
    ("PUT", "/latest/api/token"),
    ("GET", "/latest/meta-data/iam/security-credentials/"),
    ("GET", "/latest/meta-data/iam/security-credentials/fake-instance-role"),
]


def test_instance_metadata(server, aws_files, imds, no_env_keys):
    imds.reset()
    boto = observe("boto3", server, endpoint_url=server.url, region_name="us-east-1")
    boto_paths = imds.paths()
    imds.reset()
    fast = observe("fastiam", server, endpoint_url=server.url, region_name="us-east-1")
    fast_requests = imds.requests

    assert (boto.access_key, boto.security_token) == ("AKIDINSTANCE", "fake-session-token")
    assert boto_paths == IMDS_FLOW
    assert_same(boto, fast)
    # The Rust SDK may try the newer security-credentials-extended path first
    # (404 here); what matters is the v2 token flow and the legacy paths.
    fast_paths = [p for p in imds.paths() if "extended" not in p[1]]
    assert fast_paths == IMDS_FLOW
    assert "x-aws-ec2-metadata-token-ttl-seconds" in fast_requests[0].headers
    assert all(
        r.headers.get("x-aws-ec2-metadata-token") == "fake-imds-token" for r in fast_requests[1:]
    )


def test_instance_metadata_disabled(server, aws_files, imds, monkeypatch, no_env_keys):
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")

    boto, fast = call(server)

    assert type(boto.error).__name__ == "NoCredentialsError"
    assert_same(boto, fast)
    assert imds.requests == []


def test_container_beats_instance_metadata(server, aws_files, imds, monkeypatch, no_env_keys):
    monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", f"{imds.url}/creds")

    boto, fast = call(server)

    assert boto.access_key == "AKIDCONTAINER"
    assert_same(boto, fast)


def test_files_beat_instance_metadata(server, aws_files, imds, no_env_keys):
    aws_files.write_credentials(
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n"
    )

    boto, fast = call(server)

    assert boto.access_key == "AKIDFILE"
    assert_same(boto, fast)


@pytest.fixture
def black_hole():
    """A listener that never accepts nor answers: (its URL, the socket, whose
    backlog holds every connection made to it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        sock.setblocking(False)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/", sock


def connections_to(sock: socket.socket) -> int:
    """Takes and closes the connections waiting in the listener's backlog."""
    count = 0
    while True:
        try:
            connection, _ = sock.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def two_creations() -> float:
    """Seconds to create a client from a new Session and one module-level."""
    start = time.monotonic()
    fastiam.Session().client("iam", region_name="us-east-1")
    fastiam.client("iam", region_name="us-east-1")
    return time.monotonic() - start


def test_credentials_are_resolved_lazily(aws_files, monkeypatch, black_hole, no_env_keys):
    # boto3 resolves credentials in client(): here it spends ~2 s on IMDS timeouts.
    # fastiam must not: creating the client asks no credential source.
    url, sock = black_hole
    # The baseline: the same creations with the metadata service disabled, in
    # rounds alternating with the measured ones under the same load.
    baseline, measured = [], []
    for _ in range(3):
        baseline.append(two_creations())
        with monkeypatch.context() as patch:
            patch.delenv("AWS_EC2_METADATA_DISABLED")
            patch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", url)
            measured.append(two_creations())

    # By construction: no client connected to the metadata service.
    assert connections_to(sock) == 0
    # A client that asked it would wait for its timeout (1 s, botocore's
    # default; measured: 1.04 s, and one connection in the backlog) in every
    # round, so its fastest round would be 1 s over the baseline's; 0.5 s is
    # half that, and far more than what a loaded machine adds to the fastest of
    # three rounds of a few milliseconds each.
    assert min(measured) < min(baseline) + 0.5, (measured, baseline)


def test_unreachable_metadata_is_no_credentials_at_call(
    server, aws_files, monkeypatch, refused_url, no_env_keys
):
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED")
    monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", refused_url + "/")

    boto, fast = call(server)

    assert (boto.stage, type(boto.error).__name__) == ("called", "NoCredentialsError")
    assert_same(boto, fast)


# ---------------------------------------------------------------------------
# The module-level client uses a default session (checked in a fresh process,
# as both libraries cache their default session)

SCRIPT = textwrap.dedent(
    """
    import json, sys
    lib = sys.argv[1]
    if lib == "boto3":
        import boto3 as module
    else:
        import fastiam as module
    client = module.client("iam", endpoint_url=sys.argv[2])
    try:
        client.enable_mfa_device(UserName="alice", SerialNumber="arn:aws:iam::1:mfa/alice",
                                 AuthenticationCode1="123456", AuthenticationCode2="654321")
        print(json.dumps(None))
    except Exception as error:
        print(json.dumps([type(error).__name__, str(error)]))
    """
)


def run_module_client(lib: str, url: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, lib, url],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_module_client_uses_profile_from_environment(server, aws_files, monkeypatch, no_env_keys):
    aws_files.write_credentials(PROFILES)
    aws_files.write_config("[profile p1]\nregion = eu-west-3\n")
    monkeypatch.setenv("AWS_PROFILE", "p1")
    monkeypatch.delenv("AWS_DEFAULT_REGION")

    scopes = []
    for lib in ("boto3", "fastiam"):
        server.reset()
        assert run_module_client(lib, server.url) is None
        authorization = server.requests[0].headers["authorization"]
        scopes.append(authorization.split("Credential=")[1].split("/")[::2][:2])

    assert scopes[0] == ["AKIDP1", "eu-west-3"]
    assert scopes[1] == scopes[0]
