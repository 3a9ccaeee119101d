"""Every public name has a docstring, so ``help()`` is useful."""

from __future__ import annotations

import inspect
import pydoc
import types

import fastiam
import fastiam.aio
import fastiam.cli
import fastiam.exceptions
import fastiam.paginate
import fastiam.pytest_plugin
import fastiam.stub
import fastiam.totp
import pytest

MODULES = [
    fastiam,
    fastiam.aio,
    fastiam.totp,
    fastiam.exceptions,
    fastiam.paginate,
    fastiam.cli,
    fastiam.stub,
    fastiam.pytest_plugin,
]


def public_names() -> list[tuple[str, object]]:
    found = []
    for module in MODULES:
        names = getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")])
        for name in names:
            value = getattr(module, name, None)
            if isinstance(value, types.ModuleType) or not callable(value):
                continue
            if not getattr(value, "__module__", "").startswith("fastiam"):
                continue  # imported from elsewhere (typing, botocore)
            found.append((f"{module.__name__}.{name}", value))
            if inspect.isclass(value):
                found += [
                    (f"{module.__name__}.{name}.{attr}", member)
                    for attr, member in vars(value).items()
                    if not attr.startswith("_") and callable(member)
                ]
    return found


@pytest.mark.parametrize(("name", "value"), public_names(), ids=lambda item: str(item))
def test_public_name_has_a_docstring(name, value):
    assert (inspect.getdoc(value) or "").strip(), f"{name} has no docstring"


def test_help_on_client_is_useful():
    text = pydoc.render_doc(fastiam.client, renderer=pydoc.plaintext)

    assert "boto3.client" in text
    assert "region_name" in text and "endpoint_url" in text


def test_every_operation_is_documented_on_both_clients():
    for name in fastiam._native.OPERATIONS:
        for cls in (fastiam.IAM, fastiam.aio.AsyncIAM):
            assert name in inspect.getdoc(getattr(cls, name)), (cls, name)
