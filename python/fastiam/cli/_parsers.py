"""The command line's grammar: global options, command and operation, each operation's options."""

from __future__ import annotations

import argparse
import os
import sys

from ._bootstrap import add_options as add_bootstrap_options
from ._errors import USAGE, UsageError, usage_error
from ._operations import OPERATIONS, hidden_alias, input_tokens, options

# Not `from typing import ...`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

# How each kind of value is described in an operation's help.
_KIND_HELP = {
    "string": "string",
    "blob": "text, or fileb://path",
    "integer": "integer",
    "strings": "list of strings: k1 k2 ... or JSON",
    "structures": "list of structures: Name=value,... ... or JSON",
    "structure": "structure: Name=value,... or JSON",
    "map": "map: key=value,... or JSON",
}
# The kinds whose option takes several values.
_LISTS = ("strings", "structures")


class _TerminalWidth:
    """argparse's formatters ask shutil for the terminal's width when made, and
    argparse makes one for every add_argument (to check the option): importing
    shutil (with bz2, lzma and fnmatch) for that cost every command ~2 ms."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: Any = None
    ) -> None:
        if width is None:
            width = _columns() - 2  # argparse's margin
        super().__init__(prog, indent_increment, max_help_position, width)  # type: ignore[call-arg]


class _Formatter(_TerminalWidth, argparse.HelpFormatter):
    pass


class _RawDescriptionFormatter(_TerminalWidth, argparse.RawDescriptionHelpFormatter):
    pass


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() finds it: $COLUMNS,
    else stdout's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises UsageError where argparse would exit(2)."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(**options)

    def error(self, message: str) -> NoReturn:
        raise usage_error(message)


def global_parser() -> Parser:
    """The options every command takes, before or after the operation."""
    operations = "\n".join(f"  {name}" for name in OPERATIONS)
    parser = Parser(
        prog="fastiam",
        usage=USAGE,
        add_help=False,
        allow_abbrev=False,
        description="boto3's IAM calls from the command line, as `aws iam`.",
        epilog=f"IAM operations (fastiam iam <operation> help):\n{operations}",
        formatter_class=_RawDescriptionFormatter,
    )
    add = parser.add_argument
    add("-h", "--help", action="store_true", help="show this help")
    add("--version", action="store_true", help="show fastiam's version")
    add("--region", help="the region (default: the environment, then the profile)")
    add("--endpoint-url", help="send requests to this URL")
    add("--profile", help="the profile of the shared config files to use")
    add("--output", choices=("json", "text", "off"), default="json", help="default: json")
    add("--query", type=_compile_query, help="a JMESPath query applied to the result")
    add("--no-paginate", action="store_true", help="one request: the first page only")
    add("--no-verify-ssl", action="store_true", help="do not verify TLS certificates")
    add("--ca-bundle", help="the CA certificates (PEM) to verify TLS certificates with")
    add("--cli-read-timeout", type=int, metavar="SECONDS", help="0: no timeout (default: 60)")
    add("--cli-connect-timeout", type=int, metavar="SECONDS", help="0: no timeout (default: 60)")
    add("--no-cli-pager", action="store_true", help=argparse.SUPPRESS)  # fastiam never pages
    return parser


def _compile_query(expression: str) -> Any:
    try:
        import jmespath  # type: ignore[import-untyped]  # jmespath ships no annotations
    except ImportError:
        raise argparse.ArgumentTypeError("--query needs the jmespath package") from None
    try:
        return jmespath.compile(expression)
    except jmespath.exceptions.ParseError as error:
        raise argparse.ArgumentTypeError(f"Bad value for --query {expression}: {error}") from None


def operation_parser(method: str) -> Parser:
    """The options of one operation: one per input member (two for a boolean,
    ``--x`` and ``--no-x``), plus the AWS CLI's paging options for a list
    operation (whose --marker it hides from help)."""
    parser = Parser(
        prog=f"fastiam iam {method.replace('_', '-')}", add_help=False, allow_abbrev=False
    )
    hidden = input_tokens(method)
    for member, option, kind, required in options(method):
        shown = argparse.SUPPRESS if member in hidden else None
        if kind == "boolean":
            _add_boolean(parser, member, option, shown)
        else:
            _add_value(parser, method, (member, option, kind, required), shown)
    if hidden:
        parser.add_argument("--starting-token", metavar="<value>", help="a NextToken to resume at")
        parser.add_argument("--page-size", type=int, metavar="<value>", help="items per request")
    add_bootstrap_options(parser, method)
    return parser


def _add_boolean(parser: Parser, member: str, option: str, shown: str | None) -> None:
    """As the AWS CLI: ``--x`` sends True, ``--no-x`` False, neither nothing
    (argparse never requires one: IAM's validation reports a missing one)."""
    for name, action, value in (
        (option, "store_true", "true"),
        (f"--no-{option[2:]}", "store_false", "false"),
    ):
        parser.add_argument(
            name, dest=member, action=action, default=None, help=shown or f"boolean: {value}"
        )


def _add_value(
    parser: Parser, method: str, member: tuple[str, str, str, bool], shown: str | None
) -> None:
    """An option that takes a value (several for a list). With the AWS CLI's
    hidden alias, neither name is required by argparse (as there): IAM's
    validation reports the member missing."""
    name, option, kind, required = member
    alias = hidden_alias(method, name)
    value: dict[str, Any] = {
        "dest": name,
        "metavar": "<value>",
        "nargs": "+" if kind in _LISTS else None,
        # str: as argparse's default (no type), the value as it is.
        "type": int if kind == "integer" else str,
    }
    help_text = shown or f"{_KIND_HELP[kind]}{', required' if required else ''}"
    parser.add_argument(option, required=required and alias is None, help=help_text, **value)
    if alias is not None:
        parser.add_argument(alias, help=argparse.SUPPRESS, **value)


def operation(rest: list[str], help_requested: bool) -> tuple[str | None, list[str]]:
    """(client method, its arguments) named by what the global options left;
    (None, ...) when that asks for the general help."""
    command, name, parameters = _split_command(rest)
    if command is None or command == "help":
        if command is None and not help_requested:
            global_parser().error("the following arguments are required: command")
        return None, parameters
    if command != "iam":
        raise _invalid_choice("command", command, ["iam"])
    if name is None or name == "help":
        if name is None and not help_requested:
            global_parser().error("the following arguments are required: operation")
        return None, parameters
    method = OPERATIONS.get(name)
    if method is None:
        raise _invalid_choice("operation", name, list(OPERATIONS))
    return method, parameters


def _split_command(rest: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(command, operation, operation parameters) from what the global options
    left: as in the AWS CLI, the first two arguments that are not options."""
    positions = [i for i, argument in enumerate(rest) if not argument.startswith("-")][:2]
    names = [rest[i] for i in positions] + [None, None]
    parameters = [argument for i, argument in enumerate(rest) if i not in positions]
    return names[0], names[1], parameters


def _invalid_choice(name: str, value: str, choices: list[str]) -> UsageError:
    """The AWS CLI's message for an unknown command or operation."""
    rows = [
        " | ".join(f"{choice:<40}" for choice in choices[i : i + 2])
        for i in range(0, len(choices), 2)
    ]
    message = f"argument {name}: Invalid choice, valid choices are:\n\n" + "\n".join(rows)
    import difflib  # here: only a mistyped command pays for it

    close = difflib.get_close_matches(value, choices, cutoff=0.8)
    if close:
        message += f"\n\nInvalid choice: {value!r}, maybe you meant:\n\n"
        message += "\n".join(f"  * {word}" for word in close)
    return usage_error(message)
