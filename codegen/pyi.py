"""Reading Python stubs and sources with ast, and writing stub lines as ``ruff format`` leaves them.

The generators (one module per generated file) read what they copy from a
``Source``: its classes, its imports, the text and comments of each node. They
write with ``signature`` and ``imports``, whose layout is ruff's, so a
generated file passes ``ruff format --check`` as it is written; those that
write from the model instead hand their text to ``ruff_format``.
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import tokenize
from pathlib import Path

LINE_LENGTH = 100  # pyproject.toml's [tool.ruff] line-length
INDENT = "    "

# Import groups in isort's order: the standard library, third parties, the package itself.
_STDLIB = ("collections", "datetime", "sys", "typing")


class Source:
    """One parsed Python file (a stub or a module): its syntax tree, its text
    and its comments, read with the standard library only."""

    def __init__(self, root: Path, relative: str) -> None:
        self.relative = relative
        self.text = (root / relative).read_text(encoding="utf-8")
        self.tree = ast.parse(self.text, filename=relative)
        # ast's offsets count UTF-8 bytes; ast.get_source_segment splits the whole
        # text at each call, far too slow for a stub of a few thousand lines.
        self._lines = [line.encode() for line in self.text.splitlines(keepends=True)]
        self._comments: dict[int, str] = {}
        for token in tokenize.generate_tokens(io.StringIO(self.text).readline):
            if token.type == tokenize.COMMENT:
                self._comments[token.start[0]] = token.string

    def segment(self, node: ast.AST | None) -> str:
        """The node's text as written (so that quotes and spelling stay the source's)."""
        if node is None:
            raise ValueError(f"{self.relative}: a signature lacks an annotation")
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            raise ValueError(f"{self.relative}: no source text for {ast.dump(node)}")
        if first == last:
            return self._lines[first - 1][start:end].decode()
        parts = [self._lines[first - 1][start:], *self._lines[first : last - 1]]
        return b"".join([*parts, self._lines[last - 1][:end]]).decode()

    def comment(self, line: int) -> str | None:
        """The comment at the end of ``line`` (1-based), e.g. a ``# type: ignore``."""
        return self._comments.get(line)

    def find_class(self, name: str) -> ast.ClassDef:
        """The top-level class ``name``."""
        for node in self.tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return node
        raise LookupError(f"{self.relative} has no class {name}")

    def imports(self) -> dict[str, str]:
        """Each name the file imports (at any level, ``if TYPE_CHECKING:`` too)
        -> the module it comes from, as written (``.type_defs``)."""
        found: dict[str, str] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    found[alias.asname or alias.name] = module
        return found

    def all_names(self) -> list[str]:
        """The file's ``__all__``."""
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
            ):
                return list(ast.literal_eval(node.value))
        raise LookupError(f"{self.relative} has no __all__")


def is_overload(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "overload" for d in function.decorator_list)


# Where the result TypedDicts live, as the stubs import it.
TYPE_DEFS = ".type_defs"


def methods_of(cls: ast.ClassDef) -> dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Each method of ``cls`` -> its definitions (several for an overloaded one), in order."""
    found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, []).append(node)
    return found


def is_operation(
    overloads: list[ast.FunctionDef | ast.AsyncFunctionDef], stub_imports: dict[str, str]
) -> bool:
    """Whether each of a method's definitions returns a result TypedDict."""
    return all(
        isinstance(function.returns, ast.Name)
        and stub_imports.get(function.returns.id) == TYPE_DEFS
        for function in overloads
    )


def names_in(nodes: list[ast.AST | None]) -> set[str]:
    """The names the expressions refer to (``Sequence`` of ``Sequence[TagTypeDef]`` too)."""
    return {
        node.id
        for root in nodes
        if root is not None
        for node in ast.walk(root)
        if isinstance(node, ast.Name)
    }


def annotations_of(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST | None]:
    """The annotations and defaults of a function's signature."""
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return [
        *(arg.annotation for arg in every if arg is not None),
        *args.defaults,
        *args.kw_defaults,
        function.returns,
    ]


def _parameters(source: Source, args: ast.arguments) -> list[str]:
    """The parameters of a signature as written, with the ``/`` and ``*`` markers."""

    def one(arg: ast.arg, default: ast.AST | None, prefix: str = "") -> str:
        text = prefix + arg.arg
        if arg.annotation is not None:
            text += f": {source.segment(arg.annotation)}"
        if default is not None:
            equals = " = " if arg.annotation is not None else "="  # as ruff spaces them
            text += equals + source.segment(default)
        return text

    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.AST | None] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    out = [one(arg, default) for arg, default in zip(positional, defaults)]
    if args.posonlyargs:
        out.insert(len(args.posonlyargs), "/")
    if args.vararg is not None:
        out.append(one(args.vararg, None, "*"))
    elif args.kwonlyargs:
        out.append("*")
    out += [one(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg is not None:
        out.append(one(args.kwarg, None, "**"))
    return out


def signature(
    source: Source,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    *,
    asynchronous: bool,
    returns: str | None = None,
    level: int = 1,
    decorator_comment: str | None = None,
) -> list[str]:
    """A stub of ``function`` (``def f(...) -> R: ...``), ``async`` or not,
    indented ``level`` times: its decorators (the first followed by
    ``decorator_comment``), its parameters as written, its return type (or
    ``returns``) and the comment at the end of its def line. One line when it
    fits, else one parameter a line with a trailing comma, which ruff keeps."""
    indent = INDENT * level
    lines = []
    for number, decorator in enumerate(function.decorator_list):
        line = f"{indent}@{source.segment(decorator)}"
        if number == 0 and decorator_comment:
            line += f"  {decorator_comment}"
        lines.append(line)
    head = f"{indent}{'async ' if asynchronous else ''}def {function.name}("
    result = returns if returns is not None else source.segment(function.returns)
    tail = f") -> {result}: ..."
    parameters = _parameters(source, function.args)
    comment = source.comment(function.lineno)
    if decorator_comment and not function.decorator_list:
        # No decorator line to carry it: the def line does.
        if comment is not None:
            raise ValueError(f"{function.name}: two comments for one line")
        comment = decorator_comment
    one_line = head + ", ".join(parameters) + tail
    if comment is None and len(one_line) <= LINE_LENGTH:
        return [*lines, one_line]
    lines.append(head + (f"  {comment}" if comment else ""))
    lines += [f"{indent}{INDENT}{parameter}," for parameter in parameters]
    lines.append(indent + tail)
    return lines


def _sort_key(name: str) -> tuple[int, str]:
    # isort's (and ruff's) order within one `from x import ...`: CONSTANTS,
    # then Classes, then other names; case-insensitively within each.
    bare = name.lstrip("_")
    if len(bare) > 1 and bare.isupper():
        rank = 0
    elif bare[:1].isupper():
        rank = 1
    else:
        rank = 2
    return rank, name.lower()


def imports(names: dict[str, str]) -> list[str]:
    """``from module import ...`` lines for ``names`` (name -> module), in
    isort's groups and order, each group followed by a blank line."""
    by_module: dict[str, list[str]] = {}
    for name, module in names.items():
        by_module.setdefault(module, []).append(name)

    def group(module: str) -> int:
        if module.startswith("."):
            return 2
        return 0 if module.split(".")[0] in _STDLIB else 1

    lines: list[str] = []
    for rank in (0, 1, 2):
        modules = sorted((m for m in by_module if group(m) == rank), key=lambda m: m.lstrip("."))
        for module in modules:
            members = sorted(by_module[module], key=_sort_key)
            line = f"from {module} import {', '.join(members)}"
            if len(line) <= LINE_LENGTH:
                lines.append(line)
            else:
                lines += [f"from {module} import (", *(f"{INDENT}{m}," for m in members), ")"]
        if modules:
            lines.append("")
    return lines


def ruff_format(text: str, path: Path) -> str:
    """``text`` as ``ruff format`` writes the file at ``path`` (absolute, so that
    ruff finds the project's settings from it, not from the working directory);
    a generated file is then what ``ruff format --check`` accepts."""
    return subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(path), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def names_in_text(annotation: str) -> set[str]:
    """The names an annotation written as text refers to (``Sequence``, ``TagTypeDef``)."""
    return {
        node.id
        for node in ast.walk(ast.parse(annotation, mode="eval"))
        if isinstance(node, ast.Name)
    }
