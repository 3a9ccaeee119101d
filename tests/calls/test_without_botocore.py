"""fastiam without botocore: it imports, raises its own classes and works the same."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import json
    import sys
    sys.modules["botocore"] = None  # makes `import botocore...` raise ImportError
    sys.path.insert(0, {tests!r})
    import fastiam
    from support.scripted_server import ScriptedServer, error_reply

    server = ScriptedServer().start()
    iam = fastiam.client("iam", endpoint_url=server.url, region_name="us-east-1",
                         aws_access_key_id="AKID", aws_secret_access_key="secret")
    args = dict(UserName="alice", SerialNumber="arn:aws:iam::123456789012:mfa/alice",
                AuthenticationCode1="123456", AuthenticationCode2="654321")
    assert iam.enable_mfa_device(**args)["ResponseMetadata"]["HTTPStatusCode"] == 200
    server.script(error_reply("NoSuchEntity", "gone", 404))
    try:
        iam.enable_mfa_device(**args)
    except iam.exceptions.NoSuchEntityException as e:
        print(json.dumps([c.__module__ for c in type(e).__mro__]))
    server.stop()
    """
)


def run(script: str) -> subprocess.CompletedProcess:
    """``script`` (with ``{tests}``, this folder) in a fresh interpreter; it must succeed."""
    out = subprocess.run(
        [sys.executable, "-c", script.format(tests=str(Path(__file__).resolve().parents[1]))],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out


def test_works_and_raises_own_classes_without_botocore():
    out = run(SCRIPT)
    modules = json.loads(out.stdout)
    assert modules[:2] == ["fastiam.exceptions", "fastiam.exceptions"]
    assert "botocore.exceptions" not in modules


UNVERIFIED_SCRIPT = textwrap.dedent(
    """
    import sys
    import warnings
    sys.modules["botocore"] = None
    sys.modules["urllib3"] = None  # no urllib3: fastiam's own warning class
    sys.path.insert(0, {tests!r})
    import fastiam
    from fastiam._warnings import InsecureRequestWarning
    from support.tls_server import TLSScriptedServer, make_certificates
    import tempfile, pathlib

    server = TLSScriptedServer(make_certificates(pathlib.Path(tempfile.mkdtemp()))).start()
    iam = fastiam.client("iam", endpoint_url=server.url, region_name="us-east-1",
                         aws_access_key_id="AKID", aws_secret_access_key="secret", verify=False)
    args = dict(UserName="alice", SerialNumber="arn:aws:iam::123456789012:mfa/alice",
                AuthenticationCode1="123456", AuthenticationCode2="654321")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        iam.enable_mfa_device(**args)
    server.stop()
    [warning] = caught
    assert warning.category is InsecureRequestWarning, warning.category
    assert issubclass(InsecureRequestWarning, Warning)
    print(warning.message)
    """
)


def test_unverified_requests_warn_without_urllib3():
    out = run(UNVERIFIED_SCRIPT)
    assert out.stdout.startswith("Unverified HTTPS request is being made to host '127.0.0.1'")
