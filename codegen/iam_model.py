"""The pinned IAM model: botocore 1.44.18's service-2, paginators-1 and waiters-2.

The files under codegen/model/ are botocore's own, copied from the release that
pyproject's ``test`` extra pins, so generation never depends on what is installed.
``bash .ci/drift`` reports how the newest botocore's model differs.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

BOTOCORE_VERSION = "1.44.18"
MODEL = Path(__file__).resolve().parent / "model" / "iam" / "2010-05-08"


@cache
def service() -> dict[str, Any]:
    with gzip.open(MODEL / "service-2.json.gz", "rt", encoding="utf-8") as file:
        loaded: dict[str, Any] = json.load(file)
    return loaded


@cache
def paginators() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((MODEL / "paginators-1.json").read_text())["pagination"]
    return loaded


def shape(name: str) -> dict[str, Any]:
    found: dict[str, Any] = service()["shapes"][name]
    return found


def operation(wire_name: str) -> dict[str, Any]:
    found: dict[str, Any] = service()["operations"][wire_name]
    return found


_FIRST = re.compile(r"(.)([A-Z][a-z]+)")
_REST = re.compile(r"([a-z0-9])([A-Z])")


def method_name(wire_name: str) -> str:
    """boto3's method name for an operation (botocore's ``xform_name``)."""
    text = _FIRST.sub(r"\1_\2", wire_name)
    return _REST.sub(r"\1_\2", text).lower()
