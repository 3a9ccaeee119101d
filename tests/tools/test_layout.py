"""The code's shape: no import cycles (Python or Rust), Rust layers that import
only downwards, one job per file (an opening comment, at most 500 lines), and a
CONTRIBUTING.md Layout section that names what the tree holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PACKAGE = ROOT / "python" / "fastiam"
MAX_LINES = 500

# Each Rust layer (a top-level module of src/) and the layers it may import.
LAYERS = {
    "exceptions": set(),
    "totp": set(),
    "runtime": {"exceptions"},
    "model": {"exceptions"},
    "transport": {"model", "runtime", "exceptions"},
    "operations": {"model", "transport", "totp", "exceptions"},
    "bridge": {"runtime", "model", "transport", "operations", "exceptions", "totp"},
    "test_hooks": {"bridge", "runtime"},
    "lib": {
        "bridge",
        "runtime",
        "model",
        "transport",
        "operations",
        "exceptions",
        "totp",
        "test_hooks",
    },
}


def _generated(path: Path) -> bool:
    head = path.read_text()[:400].lower()
    return "generated" in head and "do not edit" in head


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt])
            elif not state.get(nxt):
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [node])
    return found


def _python_module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_imports() -> dict[str, set[str]]:
    """fastiam module -> the fastiam modules it imports (at any level, any branch)."""
    files = {_python_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
        graph[module] = {
            name
            for name in found
            if name in files and name != module and not module.startswith(name + ".")
        }
    return graph


def rust_imports() -> dict[str, set[str]]:
    """Top-level module of src/ -> the top-level modules its files name."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.rs"):
        layer = path.relative_to(SRC).parts[0].removesuffix(".rs")
        text = re.split(r"#\[cfg\(test\)\]\s*mod tests", path.read_text())[0]
        named = set(re.findall(r"\bcrate::(\w+)", text)) - {layer}
        graph.setdefault(layer, set()).update(named)
    return graph


def test_python_package_has_no_import_cycle():
    graph = python_imports()
    assert graph.get("fastiam.aio"), "the import walk found nothing"
    assert _cycles(graph) == []


def test_rust_crate_has_no_module_cycle():
    graph = rust_imports()
    assert graph["bridge"], "the import walk found nothing"
    assert _cycles(graph) == []


def test_rust_layers_import_only_downwards():
    graph = rust_imports()
    assert set(graph) == set(LAYERS), "a new top-level module needs its place in LAYERS"
    upward = {layer: sorted(named - LAYERS[layer]) for layer, named in graph.items()}
    assert {layer: names for layer, names in upward.items() if names} == {}


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize(
    "path",
    sorted(p.relative_to(ROOT).as_posix() for p in [*SRC.rglob("*.rs"), *PACKAGE.rglob("*.py")]),
)
def test_each_file_says_its_job_and_stays_short(path):
    file = ROOT / path
    text = file.read_text()
    opening = text.lstrip().splitlines()[0] if text.strip() else ""
    if file.suffix == ".rs":
        assert opening.startswith("//!"), "a Rust file opens with a //! line saying its job"
    else:
        assert opening.startswith(('"""', "# Generated")), "a module opens with its docstring"
    if not _generated(file):
        assert len(text.splitlines()) <= MAX_LINES


def _layout_section() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    return guide.split("## Layout", 1)[1].split("\n## ", 1)[0]


def test_layout_section_names_every_part_of_src():
    layout = _layout_section()
    entries = sorted(f"src/{p.name}/" if p.is_dir() else f"src/{p.name}" for p in SRC.iterdir())
    assert [entry for entry in entries if entry not in layout] == []


def test_layout_section_names_only_paths_that_exist():
    named = re.findall(
        r"^((?:src|python|tests|bench|codegen|\.ci)/\S*)", _layout_section(), re.MULTILINE
    )
    assert named, "the Layout section lists paths at line starts"
    assert [path for path in named if not (ROOT / path.rstrip("/")).exists()] == []
