"""The README's examples run as written, against moto."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def example_after(heading: str) -> str:
    """The first Python block after ``heading``."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def lifecycle_example() -> str:
    return example_after("## The MFA device lifecycle")


def test_lifecycle_example_runs(moto_url, capsys):
    # moto's state is per process, shared by every server in it: moto_url resets it.
    code = lifecycle_example()
    assert "create_virtual_mfa_device" in code and "delete_virtual_mfa_device" in code

    exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})  # noqa: S102

    printed = capsys.readouterr().out
    assert "arn:aws:iam::123456789012:mfa/alice-phone" in printed


def test_mock_aws_example_passes():
    """The @mock_aws test of "Testing code that uses fastiam", run as pytest would."""
    code = example_after("**moto's `mock_aws`.**")
    namespace = {"__name__": "readme_mock_aws_example"}
    exec(compile(code, str(README), "exec"), namespace)  # noqa: S102

    namespace["test_enrol"]()
