"""The clients the bench measures fastiam against, made ready once: aiobotocore and
the AWS CLI each in a venv of their own under bench/ (they pin other botocore
releases than boto3's), and the SDK floor program built with cargo. Each ensure_*
returns what to run, or None (its figures are then n/a).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
AIO_VENV = BENCH / ".venv-aiobotocore"
CLI_VENV = BENCH / ".venv-awscli"


def ensure_venv(venv: Path, package: str, module: str) -> Path | None:
    """A venv with ``package`` installed (``module`` importable), made on first use."""
    python = venv / "bin" / "python"
    if can_import(python, module):
        return python
    print(f"creating {venv} with {package} (once) ...", flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, package], check=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as error:
        print(f"{package} unavailable, its figures will be n/a: {error}", file=sys.stderr)
        return None
    return python if can_import(python, module) else None


def ensure_aiobotocore(venv: Path = AIO_VENV) -> str | None:
    """Python of a venv with aiobotocore."""
    python = ensure_venv(venv, "aiobotocore", "aiobotocore")
    return str(python) if python else None


def ensure_awscli(venv: Path = CLI_VENV) -> str | None:
    """The `aws` command of a venv with the AWS CLI from PyPI (awscli)."""
    python = ensure_venv(venv, "awscli", "awscli")
    return str(venv / "bin" / "aws") if python else None


def sdk_floor_path() -> str:
    """Where cargo puts the SDK floor program."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return str(target / "release" / "examples" / "sdk_floor")


def ensure_sdk_floor() -> str | None:
    """The SDK floor program, built (or brought up to date) with cargo."""
    command = ["cargo", "build", "--release", "--quiet", "--example", "sdk_floor"]
    print("building the SDK floor (cargo build --release --example sdk_floor) ...", flush=True)
    try:
        subprocess.run(command, cwd=REPO, check=True, timeout=3600)
    except (OSError, subprocess.SubprocessError) as error:
        print(f"SDK floor unavailable, its figures will be n/a: {error}", file=sys.stderr)
        return None
    return sdk_floor_path()


def can_import(python: Path | str, module: str) -> bool:
    try:
        return (
            subprocess.run(
                [str(python), "-c", f"import {module}"],
                check=False,
                capture_output=True,
                timeout=60,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def version_of(python: str, *packages: str) -> str:
    code = (
        "import importlib.metadata as m, sys; "
        "print(', '.join(f'{p} {m.version(p)}' for p in sys.argv[1:]))"
    )
    out = subprocess.run(
        [python, "-c", code, *packages], check=False, capture_output=True, text=True
    )
    return out.stdout.strip() or "unknown"


def sdk_version() -> str:
    """aws-sdk-iam's locked version (Cargo.lock), which the SDK floor and fastiam share."""
    try:
        lock = (REPO / "Cargo.lock").read_text()
    except OSError:
        return "unknown version"
    block = lock.split('name = "aws-sdk-iam"\n', 1)[-1]
    return block.split("\n", 1)[0].replace("version = ", "").strip('"') or "unknown version"
