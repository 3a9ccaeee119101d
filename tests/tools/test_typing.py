"""fastiam's type annotations: what ``mypy --strict`` makes of code that uses
fastiam (tests/scripts/typing_usage.py and the examples), a call it must reject,
stubtest's comparison of the stubs with the runtime, and the stubs' and
TypedDicts' parameter names against botocore's IAM model (which stubtest
cannot see behind the runtime's ``**kwargs``).

mypy comes with the test extra (``pip install '.[test]'``).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import fastiam
import fastiam._native
import fastiam.type_defs
import pytest
from support import operations

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(fastiam.__file__).resolve().parent
MYPY_INI = ROOT / "mypy.ini"
# fastiam's own operations, not in botocore's model -> their request TypedDict.
EXTRA_REQUESTS = {
    "enable_virtual_mfa_device": "EnableVirtualMFADeviceRequestTypeDef",
    "resync_virtual_mfa_device": "ResyncVirtualMFADeviceRequestTypeDef",
}


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy_cache")


def mypy(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(MYPY_INI),
            "--cache-dir",
            str(cache),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_typing_usage_and_examples_pass_mypy_strict(mypy_cache: Path) -> None:
    # The files to check (examples, tests/scripts/typing_usage.py) are mypy.ini's.
    result = mypy(mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in" in result.stdout


def test_mypy_rejects_wrong_calls(mypy_cache: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        textwrap.dedent("""\
        import fastiam

        iam = fastiam.client("iam")
        iam.enable_mfa_device(
            UserName=1, SerialNumber="s", AuthenticationCode1="1", AuthenticationCode2="2"
        )
        iam.list_mfa_devices()["MFADevices"][0]["EnableDate"].upper()
        iam.exceptions.NoSuchEntityExceptio
    """)
    )
    result = mypy(mypy_cache, str(wrong))
    assert result.returncode == 1, result.stdout + result.stderr
    errors = re.findall(r"wrong\.py:(\d+): error: (.*)", result.stdout)
    assert [line for line, _ in errors] == ["4", "7", "8"], result.stdout
    errors = [message for _, message in errors]
    assert 'No overload variant of "enable_mfa_device" of "IAM" matches' in errors[0]
    assert '"datetime" has no attribute "upper"' in errors[1]
    assert '"IAMExceptions" has no attribute "NoSuchEntityExceptio"' in errors[2]


def test_stubtest_finds_the_stubs_match_the_runtime() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            "fastiam",
            "--allowlist",
            str(ROOT / "stubtest-allowlist.txt"),
            "--mypy-config-file",
            str(MYPY_INI),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------
# The stubs against botocore's model of IAM


@pytest.fixture(scope="module")
def model():
    return operations.BOTOCORE_IAM


def operation(model, method: str):
    return model.operation_model(operations.BOTOCORE_NAMES[method])


def overloads(path: Path, class_name: str) -> dict[str, list[ast.FunctionDef]]:
    """Each method's @overload items in ``class_name`` (in an ``if TYPE_CHECKING:`` too)."""
    tree = ast.parse(path.read_text())
    cls = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name == class_name
    )
    found: dict[str, list[ast.FunctionDef]] = {}
    for node in ast.walk(cls):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            isinstance(d, ast.Name) and d.id == "overload" for d in node.decorator_list
        ):
            found.setdefault(node.name, []).append(node)
    return found


def keywords(function: ast.FunctionDef) -> dict[str, bool]:
    """Keyword-only parameter -> required."""
    return {
        arg.arg: default is None
        for arg, default in zip(function.args.kwonlyargs, function.args.kw_defaults)
    }


def model_keywords(model, method: str) -> dict[str, bool]:
    if method in operations.EXTRAS:
        # The runtime's own members (fastiam's validation checks these).
        return {name: required for name, required, _, _ in fastiam._native.INPUT_MEMBERS[method]}
    shape = operation(model, method).input_shape
    return {name: name in shape.required_members for name in shape.members}


def result_members(model, method: str) -> set[str]:
    shape = None if method in operations.EXTRAS else operation(model, method).output_shape
    return set() if shape is None else set(shape.members)


def result_name(model, method: str) -> str:
    if not result_members(model, method):
        return "EmptyResponseMetadataTypeDef"
    return f"{operation(model, method).name}ResponseTypeDef"


def request_name(model, method: str) -> str:
    if method in operations.EXTRAS:
        return EXTRA_REQUESTS[method]
    return f"{operation(model, method).name}RequestTypeDef"


@pytest.mark.parametrize(("path", "class_name"), [("_native.pyi", "IAM"), ("aio.pyi", "AsyncIAM")])
def test_each_operation_has_botocores_keywords_and_result(model, path, class_name) -> None:
    methods = overloads(PACKAGE / path, class_name)
    native = set(fastiam._native.OPERATIONS)
    assert native <= set(methods), f"{path} lacks {native - set(methods)}"
    for method in sorted(native):
        explicit, unpacked = methods[method]
        assert keywords(explicit) == model_keywords(model, method), method
        assert not explicit.args.args[1:] and explicit.args.vararg is None, method
        kwargs = unpacked.args.kwarg
        assert kwargs is not None and not unpacked.args.kwonlyargs, method
        assert ast.unparse(kwargs.annotation) == f"Unpack[{request_name(model, method)}]"
        for item in (explicit, unpacked):
            assert ast.unparse(item.returns) == result_name(model, method), method
            assert isinstance(item, ast.AsyncFunctionDef) == (class_name == "AsyncIAM"), method


def test_request_typeddicts_have_botocores_keys(model) -> None:
    for method in fastiam._native.OPERATIONS:
        typed = getattr(fastiam.type_defs, request_name(model, method))
        expected = model_keywords(model, method)
        assert typed.__required_keys__ == {k for k, required in expected.items() if required}
        assert typed.__optional_keys__ == {k for k, required in expected.items() if not required}


def test_result_typeddicts_have_botocores_keys(model) -> None:
    nested = {
        "MFADeviceTypeDef": model.shape_for("MFADevice"),
        "VirtualMFADeviceTypeDef": model.shape_for("VirtualMFADevice"),
        "UserTypeDef": model.shape_for("User"),
        "TagTypeDef": model.shape_for("Tag"),
        "AttachedPermissionsBoundaryTypeDef": model.shape_for("AttachedPermissionsBoundary"),
    }
    for name, shape in nested.items():
        typed = getattr(fastiam.type_defs, name)
        assert typed.__required_keys__ == set(shape.required_members), name
        assert typed.__optional_keys__ == set(shape.members) - set(shape.required_members), name
    for method in fastiam._native.OPERATIONS:
        name = result_name(model, method)
        typed = getattr(fastiam.type_defs, name)
        # As types-boto3: every top-level member of a result is typed as present.
        members = result_members(model, method)
        assert typed.__required_keys__ == members | {"ResponseMetadata"}, name
        assert not typed.__optional_keys__, name


def test_client_exceptions_stub_names_every_modeled_class() -> None:
    tree = ast.parse((PACKAGE / "exceptions.pyi").read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "IAMExceptions")
    attributes = {
        node.target.id: ast.unparse(node.annotation)
        for node in cls.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    expected = {name: f"type[{name}]" for name, _ in fastiam._native.MODELED_ERRORS}
    assert attributes == {**expected, "ClientError": "type[_ClientError]"}


def test_typing_usage_uses_every_public_name() -> None:
    import fastiam.exceptions

    source = (ROOT / "tests" / "scripts" / "typing_usage.py").read_text()
    used = {
        node.attr if isinstance(node, ast.Attribute) else node.id
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Attribute, ast.Name))
    }
    imported = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    errors = {
        name
        for name, value in vars(fastiam.exceptions).items()
        if isinstance(value, type)
        and issubclass(value, Exception)
        and value.__module__ == "fastiam.exceptions"
    }
    public = {
        *fastiam.__all__,
        "Session",
        "totp",
        "code",
        "pair",
        "AsyncIAM",
        "IAMExceptions",
        "can_paginate",
        "get_paginator",
        "paginate",
        "build_full_result",
        "from_code",
        *fastiam._native.OPERATIONS,
        *errors,
    }
    assert public - used == set()
    assert set(fastiam.type_defs.__all__) - imported == set()
