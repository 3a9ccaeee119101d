"""What the locked aws-sdk-iam offers: its operations and each input's Rust fields.

Read from the crate's own source (found with ``cargo metadata``, so it is the
version Cargo.lock pins): each Query serializer names the operation it writes,
and each input struct lists its fields in model order, with their Rust types.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ACTION = re.compile(r'QueryWriter::new\(&mut out, "(\w+)"')
_FIELD = re.compile(r"^\s*pub (\w+): ::std::option::Option<(.+)>,$", re.MULTILINE)


@dataclass(frozen=True)
class Field:
    name: str  # the Rust field, e.g. ``user_name``; its setter is ``set_<name>``
    rust_type: str  # e.g. ``crate::types::AssignmentStatusType``


@dataclass(frozen=True)
class SdkOperation:
    module: str  # the client method and module, e.g. ``list_mfa_devices``
    fields: tuple[Field, ...]


@cache
def crate_dir() -> Path:
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--offline"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    (manifest,) = (p["manifest_path"] for p in metadata["packages"] if p["name"] == "aws-sdk-iam")
    return Path(manifest).parent


@cache
def operations() -> dict[str, SdkOperation]:
    """Wire name (``ListMFADevices``) -> the SDK's operation."""
    found = {}
    for serializer in sorted((crate_dir() / "src" / "protocol_serde").glob("shape_*_input.rs")):
        action = _ACTION.search(serializer.read_text())
        if not action:
            continue
        module = serializer.name.removeprefix("shape_").removesuffix("_input.rs")
        source = crate_dir() / "src" / "operation" / module / f"_{module}_input.rs"
        fields = tuple(Field(n, t) for n, t in _FIELD.findall(source.read_text()))
        found[action.group(1)] = SdkOperation(module, fields)
    return found
