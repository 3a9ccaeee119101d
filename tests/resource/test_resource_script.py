"""examples/resource_mfa.py, a boto3 resource-style script, prints on fastiam
(its import line changed to ``import fastiam as boto3``) exactly what it prints
on boto3.

Each run is a fresh interpreter, as a user runs the script. Against the shared
moto server, both runs go through a recording HTTP proxy, so the test also sees
which library sent each request: without that, a fastiam.resource() that
quietly handed boto3 a botocore client would pass the comparison.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import reset_moto

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "resource_mfa.py"
SERIAL = "arn:aws:iam::123456789012:mfa/alice-phone"
# Lines only a whole, successful run prints: the users, the MFA device enabled
# and listed through the resources, the policy's count after reload(), the
# modeled error, and the clean-up.
EXPECTED_LINES = [
    "user alice: arn:aws:iam::123456789012:user/engineering/alice, created datetime",
    "group developers: ['alice', 'bob', 'carol']",
    "policy read-only-s3: 2 attachments",
    f"virtual MFA {SERIAL}: seed is bytes",
    f"  alice has {SERIAL}, enabled datetime",
    f"assigned virtual MFA devices: [('{SERIAL}', 'alice')]",
    "one per request: ['alice', 'bob', 'carol']",
    "first two: ['alice', 'bob']",
    "under /engineering/: [('alice', '/engineering/'), ('bob', '/engineering/')]",
    "no such user: NoSuchEntity from GetUser",
    "  own-mfa-only allows ['iam:EnableMFADevice', 'iam:ListMFADevices']",
    f"deleted {SERIAL}",
    "cleaned up; left: []",
]


def fastiam_copy(directory: Path) -> Path:
    """The script with its one ``import boto3`` line changed, as a user changes it."""
    text, changed = re.subn(
        r"^import boto3$", "import fastiam as boto3", EXAMPLE.read_text(), flags=re.MULTILINE
    )
    assert changed == 1
    copy = directory / EXAMPLE.name
    copy.write_text(text)
    return copy


def run(script: Path, cwd: Path, **env: str | None) -> subprocess.CompletedProcess[str]:
    """``python script`` in the session's clean environment changed by ``env``
    (None removes a variable); it must exit 0."""
    environment = dict(os.environ)
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    done = subprocess.run(
        [sys.executable, str(script)],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_the_script_is_a_boto3_script() -> None:
    # Written for boto3: fastiam appears nowhere in it, so the comparison below
    # runs a script that fastiam did not shape.
    modules = re.findall(r"^(?:import|from) (\S+)", EXAMPLE.read_text(), re.MULTILINE)
    assert "boto3" in modules
    assert not [name for name in modules if name.split(".")[0] == "fastiam"]
    assert 'boto3.resource("iam")' in EXAMPLE.read_text()


def test_fastiam_prints_what_boto3_prints(moto_url: str, proxy, tmp_path: Path) -> None:
    through_proxy = {
        "AWS_ENDPOINT_URL": moto_url,
        "HTTP_PROXY": proxy.url,
        # The session's NO_PROXY exempts 127.0.0.1, where moto listens.
        "NO_PROXY": None,
        "no_proxy": None,
    }
    on_boto3 = run(EXAMPLE, tmp_path, **through_proxy)
    by_boto3 = [record.headers["user-agent"] for record in proxy.records]

    reset_moto(moto_url)  # the second run starts from the IAM the first one found
    proxy.reset()
    on_fastiam = run(fastiam_copy(tmp_path), tmp_path, **through_proxy)
    by_fastiam = [record.headers["user-agent"] for record in proxy.records]

    assert on_fastiam.stdout == on_boto3.stdout
    assert on_fastiam.stderr == on_boto3.stderr == ""
    printed = on_fastiam.stdout.splitlines()
    assert [line for line in EXPECTED_LINES if line not in printed] == []

    # Every request of each run came from that run's library, marked as a
    # resource's request ("Resource" at the end, as boto3 marks it); fastiam's
    # requests carry the Rust SDK's User-Agent, never botocore's.
    assert by_boto3 and all(agent.startswith("Boto3/") for agent in by_boto3)
    assert by_fastiam and all(agent.startswith("aws-sdk-rust/") for agent in by_fastiam)
    assert all(agent.endswith(" Resource") for agent in by_boto3 + by_fastiam)
    # The same resource calls make the same number of requests (paging included).
    assert len(by_fastiam) == len(by_boto3)


def test_the_script_runs_on_its_own_moto(moto_url: str, tmp_path: Path) -> None:
    # With no endpoint in the environment the script starts moto itself (how
    # .ci/run runs it); it prints what it prints against a given endpoint.
    against_endpoint = run(EXAMPLE, tmp_path, AWS_ENDPOINT_URL=moto_url)
    own = {"AWS_ENDPOINT_URL": None, "AWS_ENDPOINT_URL_IAM": None}
    on_boto3 = run(EXAMPLE, tmp_path, **own)
    on_fastiam = run(fastiam_copy(tmp_path), tmp_path, **own)
    assert on_boto3.stdout == on_fastiam.stdout == against_endpoint.stdout
    assert f"deleted {SERIAL}" in on_boto3.stdout.splitlines()
