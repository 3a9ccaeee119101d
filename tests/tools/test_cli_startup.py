"""What a CLI command loads: the terminal's width comes without shutil, and
help still wraps where argparse's own formatter would."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from fastiam.cli._parsers import operation_parser

PROBE = """
import sys
from fastiam.cli import main
code = main(sys.argv[1:])
sys.stdout.write("\\nshutil imported: %s\\n" % ("shutil" in sys.modules))
sys.exit(code)
"""


def cli(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "example-secret",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_command_does_not_import_shutil(moto_url):
    done = cli(
        "iam", "list-virtual-mfa-devices", "--endpoint-url", moto_url, "--region", "us-east-1"
    )
    assert done.returncode == 0, done.stderr
    assert '"VirtualMFADevices": []' in done.stdout
    assert done.stdout.endswith("shutil imported: False\n")


@pytest.mark.parametrize("columns", [40, 60, 200])
def test_help_wraps_at_the_terminal_width(columns, monkeypatch):
    done = cli("iam", "enable-mfa-device", "help", COLUMNS=str(columns))
    assert done.returncode == 0, done.stderr
    helped = done.stdout.split("\nshutil imported:")[0]
    # The same parser with argparse's own formatter, which asks shutil.
    monkeypatch.setenv("COLUMNS", str(columns))
    parser = operation_parser("enable_mfa_device")
    parser.formatter_class = argparse.HelpFormatter
    assert helped == parser.format_help()
    assert len(helped.splitlines()[0]) <= columns
