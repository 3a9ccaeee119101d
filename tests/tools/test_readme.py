"""The README's lifecycle example runs as written, against moto."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def lifecycle_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The MFA device lifecycle") :]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_lifecycle_example_runs(moto_url, capsys):
    # moto's state is per process, shared by every server in it: moto_url resets it.
    code = lifecycle_example()
    assert "create_virtual_mfa_device" in code and "delete_virtual_mfa_device" in code

    exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})  # noqa: S102

    printed = capsys.readouterr().out
    assert "arn:aws:iam::123456789012:mfa/alice-phone" in printed
