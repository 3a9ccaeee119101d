"""Every ```python block of README.md and of docs/**/*.md runs, as the docs say.

Each block runs alone in a fresh Python process (``sys.executable``), in an empty
temporary working directory, with dummy credentials and region in an
environment built from scratch (nothing of the machine's AWS_* or proxy
variables; config and credential files that do not exist; no instance
metadata), inside moto's ``mock_aws()`` started by a small bootstrap before the
block's code runs as ``__main__``. The block is compiled with the doc's path as
its file name and its lines at their place in the doc, so a traceback names the
doc's line. A block gets ``TIMEOUT`` seconds.

Expected output: a line of the block whose stripped text starts with ``#>``
gives the next expected stdout line (the text after ``#> ``; a bare ``#>`` is an
empty line). With at least one such line, stdout must equal them, line count
included, where ``...`` in an expected line matches any text. Every block must
exit with status 0 and print no traceback on stderr.

Blocks are found when the tests are collected, so a new page is checked as soon
as it exists; test ids are ``<file>:<line of the opening fence>``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds for one block, moto's import and the process included
LANGUAGES = {"python", "py"}  # info strings of the blocks that run (pycon etc. do not)
# Outside any fence, an opening fence: 3+ backticks (no backtick in the info
# string) or 3+ tildes, indented any amount (fences in list items, admonitions, tabs).
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}(?=[^`]*$)|~{3,})(?P<info>.*)$")

# Runs in the block's process: starts moto, then the block as __main__.
# argv: block source file, the doc's path (file name of the compiled code).
BOOTSTRAP = """\
import sys, traceback, types
source_file, doc_path = sys.argv[1:3]
with open(source_file, encoding="utf-8") as f:
    code = compile(f.read(), doc_path, "exec", dont_inherit=True)
from moto import mock_aws
main = types.ModuleType("__main__")
main.__builtins__ = __builtins__
sys.modules["__main__"] = main
sys.argv = [doc_path]
try:
    with mock_aws():
        exec(code, main.__dict__)
except SystemExit:
    raise
except BaseException as error:
    # the block's frames only, not this bootstrap's
    traceback.print_exception(type(error), error, error.__traceback__.tb_next)
    sys.exit(1)
"""


def docs_root() -> Path:
    """The directory whose README.md and docs/**/*.md are checked."""
    return REPO_ROOT


@dataclass(frozen=True)
class Block:
    path: Path  # the markdown file
    name: str  # its path from the root, with "/"
    line: int  # 1-based line of the opening fence
    code: str  # the block's lines, common indentation removed

    @property
    def location(self) -> str:
        return f"{self.name}:{self.line}"

    def source(self) -> str:
        """The code with its lines at their line numbers in the doc."""
        return "\n" * self.line + self.code


def markdown_files(root: Path) -> list[Path]:
    files = [root / "README.md"] if (root / "README.md").is_file() else []
    return files + sorted((root / "docs").glob("**/*.md"))


def fenced_blocks(text: str) -> list[tuple[int, str, str]]:
    """(line of the opening fence, language, code) of each top-level fenced
    block; a fence inside another block is that block's text, not a block."""
    found = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = OPENING.match(lines[index])
        index += 1
        if not opening:
            continue
        start, fence = index, opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while index < len(lines) and not closing.match(lines[index]):
            index += 1
        body = lines[start:index]
        index += 1  # past the closing fence (or the end of the file)
        found.append((start, language(opening["info"]), textwrap.dedent("\n".join(body))))
    return found


def language(info: str) -> str:
    """The language of an info string: ``python title="x.py"`` and
    ``{ .python .annotate }`` are both python."""
    info = info.strip()
    if info.startswith("{"):
        classes = re.findall(r"\.([\w+-]+)", info)
        return classes[0].lower() if classes else ""
    return info.split()[0].lower() if info else ""


def collect_blocks(root: Path) -> list[Block]:
    blocks = []
    for path in markdown_files(root):
        name = path.relative_to(root).as_posix()
        for line, lang, code in fenced_blocks(path.read_text(encoding="utf-8")):
            if lang in LANGUAGES:
                blocks.append(Block(path, name, line, code))
    return blocks


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "block" in metafunc.fixturenames:
        blocks = collect_blocks(docs_root())
        metafunc.parametrize("block", blocks, ids=[block.location for block in blocks])


# ---------------------------------------------------------------------------
# Expected output


def expected_output(code: str) -> list[str] | None:
    """The ``#>`` lines' text, or None when the block has none."""
    expected = []
    for line in code.splitlines():
        stripped = line.strip()
        if stripped.startswith("#>"):
            text = stripped[2:]
            expected.append(text.removeprefix(" ").rstrip())
    return drop_trailing_empty(expected) if expected else None


def drop_trailing_empty(lines: list[str]) -> list[str]:
    lines = list(lines)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def actual_output(stdout: str) -> list[str]:
    return drop_trailing_empty([line.rstrip() for line in stdout.splitlines()])


def line_matches(expected: str, actual: str) -> bool:
    """``...`` matches any text (none included); the rest literally."""
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual, re.DOTALL) is not None


def output_matches(expected: list[str], actual: list[str]) -> bool:
    return len(expected) == len(actual) and all(map(line_matches, expected, actual))


# ---------------------------------------------------------------------------
# Running a block


@dataclass
class Run:
    returncode: int | None  # None: killed after TIMEOUT
    stdout: str
    stderr: str
    timeout: str = ""  # what was killed, when it was


def block_environment(tmp_path: Path) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("AWS_")
        and not name.lower().endswith("_proxy")
        and name.lower() != "boto_config"
    }
    missing = tmp_path / "aws" / "does-not-exist"
    environment.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_CONFIG_FILE=str(missing / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(missing / "credentials"),
        PYTHONIOENCODING="utf-8",
    )
    return environment


def run_block(block: Block, tmp_path: Path) -> Run:
    source = tmp_path / "block.py"
    source.write_text(block.source(), encoding="utf-8")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", BOOTSTRAP, str(source), str(block.path)],
        cwd=cwd,
        env=block_environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: whatever it starts is killed with it
    )
    timeout = ""
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
        returncode = process.returncode
    except subprocess.TimeoutExpired:
        # None, or the block's status when only what it started is still running
        exited = process.poll()
        kill_group(process)
        try:
            stdout, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired as error:  # a grandchild of another group holds a pipe
            stdout, stderr = error.stdout or b"", error.stderr or b""
        returncode = None
        timeout = f"killed after {TIMEOUT} s"
        if exited is not None:
            timeout += f" (the block exited with status {exited}; a process it started ran on)"
    finally:
        kill_group(process)  # what the block started and left running
    output, errors = stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace")
    return Run(returncode, output, errors, timeout)


def kill_group(process: subprocess.Popen) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # nothing left in the group
    else:
        process.kill()


def report(block: Block, run: Run, expected: list[str] | None, problem: str) -> str:
    actual = actual_output(run.stdout)
    parts = [f"{block.location}: {problem}"]
    if expected is not None:
        width = max([len(line) for line in expected] + [8])
        parts.append(f"  {'expected':<{width}} | actual")
        for index in range(max(len(expected), len(actual))):
            want = expected[index] if index < len(expected) else "<none>"
            got = actual[index] if index < len(actual) else "<none>"
            mark = " " if index < len(expected) and index < len(actual) else "!"
            if mark == " " and not line_matches(want, got):
                mark = "!"
            parts.append(f"{mark} {want:<{width}} | {got}")
    else:
        parts.append("stdout:\n" + textwrap.indent(run.stdout or "<empty>", "  "))
    parts.append("stderr:\n" + textwrap.indent(run.stderr or "<empty>", "  "))
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# Tests


def test_block(block: Block, tmp_path: Path) -> None:
    run = run_block(block, tmp_path)
    expected = expected_output(block.code)

    if run.returncode is None:
        problem = run.timeout
    elif "Traceback (most recent call last)" in run.stderr:
        problem = f"traceback on stderr (exit status {run.returncode})"
    elif run.returncode != 0:
        problem = f"exit status {run.returncode}"
    elif expected is not None and not output_matches(expected, actual_output(run.stdout)):
        problem = "stdout differs from the #> lines"
    else:
        return
    pytest.fail(report(block, run, expected, problem), pytrace=False)


def test_readme_has_blocks() -> None:
    """The collector sees README.md's blocks, so the suite cannot check nothing."""
    blocks = collect_blocks(docs_root())
    assert any(block.name == "README.md" for block in blocks), [b.location for b in blocks]


def test_fenced_blocks() -> None:
    text = textwrap.dedent(
        """\
        # Title

        ```python
        print(1)
        ```

        ````markdown
        ```python
        not collected: inside another fence
        ```
        ````

        1. A step:

            ~~~py title="x.py"
            if True:
                print(2)
            ~~~

        ```pycon
        >>> 1
        ```

        ``` { .python .annotate }
        print(3)
        ```
        ```python
        unclosed
        """
    )
    python = [(line, code) for line, lang, code in fenced_blocks(text) if lang in LANGUAGES]

    assert python == [
        (3, "print(1)"),
        (15, "if True:\n    print(2)"),
        (24, "print(3)"),
        (27, "unclosed"),
    ]
    assert [lang for _, lang, _ in fenced_blocks(text)] == [
        "python",
        "markdown",
        "py",
        "pycon",
        "python",
        "python",
    ]


def test_expected_output() -> None:
    code = "x = 1\nprint(x)\n#> 1\n    #>   indented\n#>\n#>\nprint(2)  #> not a line\n"

    assert expected_output(code) == ["1", "  indented"]
    assert expected_output("print(1)\n") is None


def test_output_matcher() -> None:
    assert output_matches(["['a']"], ["['a']"])
    assert output_matches(["id: ...", "a...c", "..."], ["id: 1f2e-33", "abc", "anything"])
    assert output_matches(["a...c"], ["ac"])
    assert not output_matches(["['a']"], ["['b']"])
    assert not output_matches(["a.c"], ["abc"])  # regex characters are literal
    assert not output_matches(["a"], ["a", "b"])  # count mismatch
    assert not output_matches(["a", "b"], ["a"])
    assert not output_matches(["a"], [])
    assert actual_output("a  \n\nb\n\n\n") == ["a", "", "b"]
