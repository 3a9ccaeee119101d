"""examples/onboard_team.py, a boto3 script with one import changed, does on
fastiam what it does on boto3: each runs it on a freshly reset moto, and both
print the same lines."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import boto3
import fastiam
import pytest
from conftest import reset_moto

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "onboard_team.py"
CLIENT_ARGS: dict[str, Any] = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}


def load_example() -> Any:
    spec = importlib.util.spec_from_file_location("onboard_team", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_changes_only_its_import() -> None:
    imports = re.findall(r"^import (\S+)(.*)$", EXAMPLE.read_text(), re.MULTILINE)
    assert ("fastiam", " as boto3  # was: import boto3") in imports
    assert all(name != "boto3" for name, _ in imports)


def test_the_script_prints_on_fastiam_what_it_prints_on_boto3(
    _moto_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    example = load_example()
    on_boto3 = _printed(example, boto3, _moto_url, capsys)
    on_fastiam = _printed(example, fastiam, _moto_url, capsys)
    assert on_fastiam == on_boto3
    assert "users: ['alice', 'bob', 'carol']" in on_fastiam
    assert "policy allows: ['s3:Get*', 's3:List*']" in on_fastiam
    assert "role trusts: {'Service': 'codebuild.amazonaws.com'}" in on_fastiam


def _printed(example: Any, library: Any, url: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    example.onboard(library.client("iam", endpoint_url=reset_moto(url), **CLIENT_ARGS))
    return capsys.readouterr().out
