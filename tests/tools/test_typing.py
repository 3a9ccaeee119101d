"""fastiam's type annotations: what ``mypy --strict`` makes of code that uses
fastiam (tests/scripts/typing_usage.py, its generated companion for every
operation, typing_usage_operations.py, and the examples), a call it must reject,
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
# mypy.ini's files that use fastiam as a user would (the second is generated).
USAGE = ("typing_usage.py", "typing_usage_operations.py")
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


def methods(path: Path, class_name: str) -> dict[str, list[ast.FunctionDef]]:
    """Each method's definitions in ``class_name`` (its @overload items, or its one def)."""
    tree = ast.parse(path.read_text())
    cls = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name == class_name
    )
    found: dict[str, list[ast.FunctionDef]] = {}
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, []).append(node)
    return found


def is_overload(function: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "overload" for d in function.decorator_list)


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
    if shape is None:
        return {}
    return {name: name in shape.required_members for name in shape.members}


def result_members(model, method: str) -> set[str]:
    shape = None if method in operations.EXTRAS else operation(model, method).output_shape
    return set() if shape is None else set(shape.members)


def result_name(model, method: str) -> str:
    # types-boto3's: the output shape's name (two operations may share one).
    if not result_members(model, method):
        return "EmptyResponseMetadataTypeDef"
    return f"{operation(model, method).output_shape.name}TypeDef"


def request_name(model, method: str) -> str:
    if method in operations.EXTRAS:
        return EXTRA_REQUESTS[method]
    return f"{operation(model, method).input_shape.name}TypeDef"


def stub_operations(path: Path, class_name: str) -> set[str]:
    """The client methods that return a result TypedDict: the stub's operations."""

    def is_result(name: str) -> bool:
        return name.endswith("ResponseTypeDef") or name == "EmptyResponseMetadataTypeDef"

    return {
        name
        for name, functions in methods(path, class_name).items()
        if all(is_result(ast.unparse(function.returns)) for function in functions)
    }


def literal_names(function: ast.FunctionDef) -> list[str]:
    """The string of a ``name: Literal["..."]`` parameter (get_paginator's, get_waiter's)."""
    annotation = function.args.args[1].annotation
    assert isinstance(annotation, ast.Subscript), ast.unparse(function)
    return [ast.literal_eval(annotation.slice)]


STUBS = [("_native.pyi", "IAM"), ("aio.pyi", "AsyncIAM")]


@pytest.mark.parametrize(("path", "class_name"), STUBS)
def test_the_stubs_have_exactly_the_runtimes_operations(path, class_name) -> None:
    # stubtest's allowlist names each operation (for *args), which also hides
    # an operation the stub has and the runtime lacks: this finds either.
    assert stub_operations(PACKAGE / path, class_name) == set(fastiam._native.OPERATIONS)


@pytest.mark.parametrize(("path", "class_name"), STUBS)
def test_each_operation_has_botocores_keywords_and_result(model, path, class_name) -> None:
    found = methods(PACKAGE / path, class_name)
    native = set(fastiam._native.OPERATIONS)
    assert native <= set(found), f"{path} lacks {native - set(found)}"
    asynchronous = class_name == "AsyncIAM"
    for method in sorted(native):
        expected = model_keywords(model, method)
        definitions = found[method]
        for item in definitions:
            assert ast.unparse(item.returns) == result_name(model, method), method
            assert isinstance(item, ast.AsyncFunctionDef) == asynchronous, method
        if not expected:
            # No arguments (get_account_summary): one plain method, as types-boto3's.
            [plain] = definitions
            assert not is_overload(plain), method
            assert [arg.arg for arg in plain.args.args] == ["self"], method
            assert not plain.args.kwonlyargs and plain.args.kwarg is None, method
            assert plain.args.vararg is None, method
            continue
        explicit, unpacked = definitions
        assert is_overload(explicit) and is_overload(unpacked), method
        assert keywords(explicit) == expected, method
        assert not explicit.args.args[1:] and explicit.args.vararg is None, method
        kwargs = unpacked.args.kwarg
        assert kwargs is not None and not unpacked.args.kwonlyargs, method
        assert ast.unparse(kwargs.annotation) == f"Unpack[{request_name(model, method)}]"


def test_request_typeddicts_have_botocores_keys(model) -> None:
    for method in fastiam._native.OPERATIONS:
        expected = model_keywords(model, method)
        shape = None if method in operations.EXTRAS else operation(model, method).input_shape
        if not expected:
            # A request of no members has no TypedDict (nor has types-boto3 one).
            assert shape is None or not hasattr(fastiam.type_defs, f"{shape.name}TypeDef")
            continue
        typed = getattr(fastiam.type_defs, request_name(model, method))
        assert typed.__required_keys__ == {k for k, required in expected.items() if required}
        assert typed.__optional_keys__ == {k for k, required in expected.items() if not required}


def reached_structures(model) -> dict[str, object]:
    """Each structure the operations' requests and results hold, by shape name."""
    found: dict[str, object] = {}

    def walk(shape) -> None:
        if shape.type_name == "structure":
            if shape.name in found:
                return
            found[shape.name] = shape
            for member in shape.members.values():
                walk(member)
        elif shape.type_name == "list":
            walk(shape.member)
        elif shape.type_name == "map":
            walk(shape.key)
            walk(shape.value)

    for method in operations.BOTO3_OPERATIONS:
        model_operation = operation(model, method)
        for top in (model_operation.input_shape, model_operation.output_shape):
            for member in [] if top is None else top.members.values():
                walk(member)
    return found


def test_structure_typeddicts_have_botocores_keys(model) -> None:
    structures = reached_structures(model)
    assert {"MFADevice", "VirtualMFADevice", "User", "Tag"} <= set(structures)
    for shape_name, shape in structures.items():
        base = shape_name[:1].upper() + shape_name[1:]
        # The result's own TypedDict where requests and results read it differently.
        variants = [f"{base}TypeDef", f"{base}OutputTypeDef"]
        typed_dicts = [getattr(fastiam.type_defs, name, None) for name in variants]
        assert any(typed_dicts), f"no {variants[0]}"
        for typed in filter(None, typed_dicts):
            assert typed.__required_keys__ == set(shape.required_members), shape_name
            optional = set(shape.members) - set(shape.required_members)
            assert typed.__optional_keys__ == optional, shape_name


def test_result_typeddicts_have_botocores_keys(model) -> None:
    for method in fastiam._native.OPERATIONS:
        name = result_name(model, method)
        typed = getattr(fastiam.type_defs, name)
        # As types-boto3: every top-level member of a result is typed as present.
        members = result_members(model, method)
        assert typed.__required_keys__ == members | {"ResponseMetadata"}, name
        assert not typed.__optional_keys__, name


@pytest.mark.parametrize(("path", "class_name"), STUBS)
def test_get_paginator_and_get_waiter_take_the_runtimes_names(path, class_name) -> None:
    import fastiam.paginate._table
    import fastiam.waiter

    found = methods(PACKAGE / path, class_name)
    paginators = [name for item in found["get_paginator"] for name in literal_names(item)]
    assert sorted(paginators) == sorted(fastiam.paginate._table.PAGINATORS)
    waiters = [name for item in found["get_waiter"] for name in literal_names(item)]
    assert sorted(waiters) == fastiam.waiter.waiter_names()


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

    # The hand-written file, and the one codegen/typing_usage.py writes for every operation.
    trees = [ast.parse((ROOT / "tests" / "scripts" / name).read_text()) for name in USAGE]
    used = {
        node.attr if isinstance(node, ast.Attribute) else node.id
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, (ast.Attribute, ast.Name))
    }
    imported = {
        alias.name
        for tree in trees
        for node in ast.walk(tree)
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
        "get_waiter",
        "waiter_names",
        "wait",
        "build_full_result",
        "from_code",
        *fastiam._native.OPERATIONS,
        *errors,
    }
    assert public - used == set()
    assert set(fastiam.type_defs.__all__) - imported == set()
