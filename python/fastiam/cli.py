"""``fastiam iam <operation> [parameters]``: the AWS CLI's ``aws iam`` for fastiam's operations.

Names, parameters, output and exit codes are the AWS CLI v2's::

    fastiam iam list-mfa-devices --user-name alice --region us-east-1
    fastiam iam tag-mfa-device --serial-number ARN --tags Key=team,Value=blue
    python -m fastiam iam list-virtual-mfa-devices --max-items 10 --output text

Exit codes: 0 success, 252 bad command line or parameters, 253 configuration or
credentials, 254 an error answer from IAM, 255 anything else, 130 Ctrl-C.

Only the ``fastiam`` entry point and ``python -m fastiam`` import this module,
so ``import fastiam`` does not pay for argparse and json.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import difflib
import json
import os
import platform
import re
import sys

from . import Config, Session, __version__, _native

# Not `from typing import ...`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, NoReturn

__all__ = ["main"]

# The AWS CLI v2's exit codes (awscli/constants.py).
PARAM_VALIDATION_ERROR_RC = 252
CONFIGURATION_ERROR_RC = 253
CLIENT_ERROR_RC = 254
GENERAL_ERROR_RC = 255
INTERRUPTED_RC = 128 + 2  # SIGINT, as a shell reports it

USAGE = (
    "fastiam [options] iam <operation> [parameters]\n"
    "To see help text, you can run:\n\n"
    "  fastiam help\n"
    "  fastiam iam help\n"
    "  fastiam iam <operation> help\n"
)

# Each operation's input members, in the order of IAM's model (the AWS CLI's
# option order), mapped to whether they are required; from the native core's
# operation specs (tests/test_cli.py checks them against botocore's model).
_INPUTS: dict[str, dict[str, bool]] = {
    method: {name: required for name, required, _, _ in members}
    for method, members in _native.INPUT_MEMBERS.items()
}
# Members that are not strings: an integer, a list of strings, a list of Key/Value structures.
_KINDS: dict[str, str] = {
    name: kind
    for members in _native.INPUT_MEMBERS.values()
    for name, _, kind, _ in members
    if kind not in ("string", "blob")  # a blob (the seed) is given as text
}
_KIND_HELP = {
    "string": "string",
    "integer": "integer",
    "strings": "list of strings: k1 k2 ... or JSON",
    "structures": "list: Key=string,Value=string ... or JSON",
}
# Members whose values must never appear in an error message.
_SECRETS = tuple(
    dict.fromkeys(
        name
        for members in _native.INPUT_MEMBERS.values()
        for name, _, _, secret in members
        if secret
    )
)
# The AWS CLI's create-virtual-mfa-device options --outfile and --bootstrap-method.
_BOOTSTRAP_METHODS = ("QRCodePNG", "Base32StringSeed")
# `kebab-case` operation name -> client method name.
_OPERATIONS = {name.replace("_", "-"): name for name in _native.OPERATIONS}
# What an unbounded --cli-*-timeout of 0 becomes: a century, as the native
# core takes seconds, not "no timeout".
_NO_TIMEOUT = 100 * 365 * 24 * 3600.0


class UsageError(Exception):
    """A command line that cannot be run: printed as it is, exit code 252."""


class ParamError(Exception):
    """A parameter value that cannot be used, in the AWS CLI's words (exit code 252)."""

    def __init__(self, cli_name: str, message: str) -> None:
        super().__init__(f"Error parsing parameter '{cli_name}': {message}")


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises UsageError where argparse would exit(2)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"usage: {USAGE}\nfastiam: error: {message}")


def main(argv: list[str] | None = None) -> int:
    """Runs ``fastiam <argv>`` (default: ``sys.argv[1:]``) and returns its exit code,
    with the AWS CLI's output on stdout and its error messages on stderr."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    secrets: list[str] = []
    try:
        return _run(arguments, secrets)
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        return INTERRUPTED_RC
    except Exception as error:  # noqa: BLE001 - every error ends as an exit code
        code, message = _describe(error)
        sys.stderr.write(f"\n{_redact(message, secrets)}\n")
        return code


def _run(arguments: list[str], secrets: list[str]) -> int:
    """Parses the command line, calls IAM and prints the result; ``secrets``
    receives the secret parameter values as soon as they are known."""
    options, rest = _global_parser().parse_known_args(arguments)
    if options.version:
        sys.stdout.write(
            f"fastiam/{__version__} Python/{platform.python_version()} "
            f"{platform.system()}/{platform.release()}\n"
        )
        return 0
    method, parameters = _operation(rest, options.help)
    if method is None:
        return _print_help(_global_parser())
    parser = _operation_parser(method)
    if options.help or parameters == ["help"]:
        return _print_help(parser)
    parsed, unknown = parser.parse_known_args(parameters)
    if unknown:
        raise UsageError(f"usage: {USAGE}\nUnknown options: {', '.join(map(_masked, unknown))}\n")
    call = _call_parameters(method, parsed)
    secrets.extend(call[name] for name in _SECRETS if isinstance(call.get(name), str))
    paging = _paging(method, parsed, call, options)
    bootstrap = _bootstrap_options(method, parsed)
    client = _client(options)
    if paging is None:
        response = getattr(client, method)(**call)
    else:
        response = client.get_paginator(method).paginate(**call, PaginationConfig=paging)
    if bootstrap is not None:
        _save_bootstrap(response, *bootstrap)
    _write(_render(response, options))
    return 0


def _operation(rest: list[str], help_requested: bool) -> tuple[str | None, list[str]]:
    """(client method, its arguments) named by what the global options left;
    (None, ...) when that asks for the general help."""
    command, operation, parameters = _split_command(rest)
    if command is None or command == "help":
        if command is None and not help_requested:
            _global_parser().error("the following arguments are required: command")
        return None, parameters
    if command != "iam":
        raise _invalid_choice("command", command, ["iam"])
    if operation is None or operation == "help":
        if operation is None and not help_requested:
            _global_parser().error("the following arguments are required: operation")
        return None, parameters
    method = _OPERATIONS.get(operation)
    if method is None:
        raise _invalid_choice("operation", operation, list(_OPERATIONS))
    return method, parameters


def _split_command(rest: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(command, operation, operation parameters) from what the global options
    left: as in the AWS CLI, the first two arguments that are not options."""
    positions = [i for i, argument in enumerate(rest) if not argument.startswith("-")][:2]
    names = [rest[i] for i in positions] + [None, None]
    parameters = [argument for i, argument in enumerate(rest) if i not in positions]
    return names[0], names[1], parameters


def _masked(argument: str) -> str:
    # An unexpected value may be a code someone forgot the option name of:
    # name the unknown options, never show values.
    if not argument.startswith("-"):
        return "***"
    name, equals, _ = argument.partition("=")
    return f"{name}=***" if equals else name


def _invalid_choice(name: str, value: str, choices: list[str]) -> UsageError:
    """The AWS CLI's message for an unknown command or operation."""
    rows = [
        " | ".join(f"{choice:<40}" for choice in choices[i : i + 2])
        for i in range(0, len(choices), 2)
    ]
    message = f"argument {name}: Invalid choice, valid choices are:\n\n" + "\n".join(rows)
    close = difflib.get_close_matches(value, choices, cutoff=0.8)
    if close:
        message += f"\n\nInvalid choice: {value!r}, maybe you meant:\n\n"
        message += "\n".join(f"  * {word}" for word in close)
    return UsageError(f"usage: {USAGE}\nfastiam: error: {message}")


def _print_help(parser: argparse.ArgumentParser) -> int:
    sys.stdout.write(parser.format_help())
    return 0


# ---------------------------------------------------------------------------
# Parsers


def _global_parser() -> _Parser:
    """The options every command takes, before or after the operation."""
    operations = "\n".join(f"  {name}" for name in _OPERATIONS)
    parser = _Parser(
        prog="fastiam",
        usage=USAGE,
        add_help=False,
        allow_abbrev=False,
        description="boto3's IAM MFA-device calls from the command line, as `aws iam`.",
        epilog=f"IAM operations (fastiam iam <operation> help):\n{operations}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
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


def _cli_name(member: str) -> str:
    """The AWS CLI's option name (botocore's ``xform_name(member, "-")``):
    ``AuthenticationCode1`` -> ``--authentication-code1``, ``VirtualMFADeviceName``
    -> ``--virtual-mfa-device-name``."""
    words = re.sub(r"(.)([A-Z][a-z]+)", r"\1-\2", member)
    return "--" + re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", words).lower()


def _input_tokens(method: str) -> list[str]:
    paging = _native.PAGINATORS.get(method)
    tokens = [] if paging is None else paging["input_token"]
    return [tokens] if isinstance(tokens, str) else list(tokens)


def _operation_parser(method: str) -> _Parser:
    """The options of one operation: one per input member, plus the AWS CLI's
    paging options for a list operation (whose --marker it hides from help)."""
    parser = _Parser(
        prog=f"fastiam iam {method.replace('_', '-')}", add_help=False, allow_abbrev=False
    )
    hidden = _input_tokens(method)
    for member, required in _INPUTS[method].items():
        kind = _KINDS.get(member, "string")
        shown = f"{_KIND_HELP[kind]}{', required' if required else ''}"
        parser.add_argument(
            _cli_name(member),
            dest=member,
            required=required,
            metavar="<value>",
            nargs="+" if kind in ("strings", "structures") else None,
            # str: as argparse's default (no type), the value as it is.
            type=int if kind == "integer" else str,
            help=argparse.SUPPRESS if member in hidden else shown,
        )
    if hidden:
        parser.add_argument("--starting-token", metavar="<value>", help="a NextToken to resume at")
        parser.add_argument("--page-size", type=int, metavar="<value>", help="items per request")
    if method == "create_virtual_mfa_device":
        parser.add_argument("--outfile", metavar="<value>", help="where to save the bootstrap data")
        parser.add_argument(
            "--bootstrap-method", choices=_BOOTSTRAP_METHODS, help="what to save in --outfile"
        )
    return parser


# ---------------------------------------------------------------------------
# Parameter values


def _call_parameters(method: str, parsed: argparse.Namespace) -> dict[str, Any]:
    """The client method's keyword arguments from the parsed options."""
    call: dict[str, Any] = {}
    for member in _INPUTS[method]:
        value = getattr(parsed, member)
        if value is None:
            continue
        cli_name = _cli_name(member)
        kind = _KINDS.get(member, "string")
        if kind == "string":
            call[member] = _param_file(cli_name, value)
        elif kind == "integer":
            call[member] = value
        else:
            call[member] = _list_value(cli_name, kind, value)
    return call


def _param_file(cli_name: str, value: str) -> str:
    """A value given as ``file://path`` is the text of that file (the AWS CLI's
    way to keep secrets off the command line)."""
    if not value.startswith("file://"):
        return value
    path = os.path.expandvars(os.path.expanduser(value[len("file://") :]))
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ParamError(cli_name, f"Unable to load paramfile {value}: {error}") from None


def _list_value(cli_name: str, kind: str, values: list[str]) -> list[Any]:
    """A list option's values, as the AWS CLI reads them: one JSON list, JSON
    objects, shorthand structures (``Key=k,Value=v``) or plain strings."""
    if len(values) == 1:
        values = [_param_file(cli_name, values[0])]
    first = values[0].strip()
    if len(values) == 1 and first.startswith("["):
        items: list[Any] = _json(cli_name, values[0])  # JSON text that starts with "[" is a list
        return items
    if kind == "strings":
        return values
    if first.startswith(("[", "{")):
        return [_json_object(cli_name, value) for value in values]
    return [_shorthand(cli_name, value) for value in values]


def _json(cli_name: str, value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError as error:
        raise ParamError(cli_name, f"Invalid JSON: {error}\nJSON received: {value}") from None


def _json_object(cli_name: str, value: str) -> Any:
    if not value.lstrip().startswith("{"):
        raise ParamError(cli_name, f"Invalid JSON:\n{value}")
    return _json(cli_name, value)


# One `key=value` (or, after a comma, a further value of the same key) of the
# shorthand syntax; a value is quoted, or runs to the next unescaped comma.
_SHORTHAND_ITEM = re.compile(
    r"""\s*(?:(?P<key>[A-Za-z0-9_.#/:-]+)\s*=\s*)?
        (?P<value>'(?:\\'|[^'])*'|"(?:\\"|[^"])*"|(?:\\,|[^,'"])*)\s*""",
    re.VERBOSE,
)


def _shorthand(cli_name: str, text: str) -> dict[str, Any]:
    """One structure in the AWS CLI's shorthand syntax: ``Key=k,Value=v``.

    As there, values after a comma that does not start a new ``name=`` make a
    list (``Value=a,b`` is ["a", "b"], which validation then rejects), a value
    may be quoted, ``\\,`` is a comma, and a name given twice is an error."""
    structure: dict[str, Any] = {}
    last: str | None = None  # the last name given, which a value without one adds to
    position = 0
    while True:
        item = _SHORTHAND_ITEM.match(text, position)
        if item is None:  # never: the pattern matches an empty value too
            raise _shorthand_error(cli_name, text, "=" if last is None else "<value>", position)
        key, raw = item["key"], item["value"]
        if key in structure:
            raise ParamError(
                cli_name,
                f'Second instance of key "{key}" encountered for input:\n{text}\n'
                'This is often because there is a preceding "," instead of a space.',
            )
        value = _unquote(raw)
        if key is not None:
            structure[key] = value
            last = key
        elif last is None or not raw:
            raise _shorthand_error(cli_name, text, "=" if last is None else "<value>", item.end())
        else:
            previous = structure[last]
            items = previous if isinstance(previous, list) else [previous]
            structure[last] = [*items, value]
        position = item.end()
        if position == len(text):
            return structure
        if text[position] != ",":
            raise _shorthand_error(cli_name, text, ",", position)
        position += 1


def _shorthand_error(cli_name: str, text: str, expected: str, index: int) -> ParamError:
    received = text[index] if index < len(text) else "EOF"
    return ParamError(
        cli_name,
        f"Expected: '{expected}', received: '{received}' for input:\n{text}\n{' ' * index}^",
    )


def _unquote(raw: str) -> str:
    if raw[:1] in ("'", '"'):
        quote = raw[0]
        return raw[1:-1].replace(f"\\{quote}", quote).replace("\\\\", "\\")
    return raw.replace("\\,", ",").rstrip()


def _paging(
    method: str, parsed: argparse.Namespace, call: dict[str, Any], options: argparse.Namespace
) -> dict[str, Any] | None:
    """The PaginationConfig of a list operation, which the AWS CLI pages through
    unless --no-paginate or the operation's own --marker is given; then (None)
    --max-items is the operation's MaxItems, and paging options are errors."""
    tokens = _input_tokens(method)
    if not tokens:
        return None
    if options.no_paginate or any(token in call for token in tokens):
        used = [name for name in ("starting_token", "page_size") if getattr(parsed, name)]
        if used:
            names = ", ".join("--" + name.replace("_", "-") for name in used)
            raise UsageError(
                f"Cannot specify --no-paginate along with pagination arguments: {names}"
            )
        return None
    max_items = call.pop(_native.PAGINATORS[method]["limit_key"], None)
    if max_items is not None and max_items <= 0:
        sys.stderr.write(
            "warning: Non-positive values for --max-items may result in undefined behavior.\n"
        )
    paging = {
        "MaxItems": max_items,
        "PageSize": parsed.page_size,
        "StartingToken": parsed.starting_token,
    }
    return {name: value for name, value in paging.items() if value is not None}


def _bootstrap_options(method: str, parsed: argparse.Namespace) -> tuple[str, str] | None:
    """(method, path) of create-virtual-mfa-device's --bootstrap-method and
    --outfile. The AWS CLI requires both; fastiam also runs without them (and
    then prints both blobs), but not with only one."""
    if method != "create_virtual_mfa_device":
        return None
    outfile, bootstrap = parsed.outfile, parsed.bootstrap_method
    if outfile is None and bootstrap is None:
        return None
    if outfile is None or bootstrap is None:
        missing = "--outfile" if outfile is None else "--bootstrap-method"
        _Parser().error(f"the following arguments are required: {missing}")
    path = os.path.expanduser(os.path.expandvars(outfile))
    if not os.access(os.path.dirname(os.path.abspath(path)), os.W_OK):
        raise UsageError(f"Unable to write to file: {path}")
    return bootstrap, path


def _save_bootstrap(response: dict[str, Any], bootstrap: str, path: str) -> None:
    """As the AWS CLI: the chosen blob, decoded, to a file only the user can
    read, and neither blob in the output."""
    device = response.get("VirtualMFADevice", {})
    if bootstrap not in device:
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        if hasattr(os, "fchmod"):  # the file may have existed with wider permissions
            os.fchmod(file.fileno(), 0o600)
        file.write(device[bootstrap])
    for name in _BOOTSTRAP_METHODS:
        device.pop(name, None)


# ---------------------------------------------------------------------------
# Client and output


def _client(options: argparse.Namespace) -> Any:
    """An IAM client set up by the global options, as the AWS CLI's."""
    timeouts = {}
    for name, seconds in (
        ("connect_timeout", options.cli_connect_timeout),
        ("read_timeout", options.cli_read_timeout),
    ):
        if seconds is not None:
            timeouts[name] = float(seconds) if seconds > 0 else _NO_TIMEOUT
    verify = False if options.no_verify_ssl else options.ca_bundle
    return Session(profile_name=options.profile).client(
        "iam",
        region_name=options.region,
        endpoint_url=options.endpoint_url,
        verify=verify,
        config=Config(**timeouts),
    )


def _render(response: Any, options: argparse.Namespace) -> str:
    """The AWS CLI's output: a paged response as one result (in text, page by
    page), without ResponseMetadata, timestamps in ISO 8601, blobs in base64."""
    if options.output == "text":
        pages = [response] if isinstance(response, dict) else _text_pages(response)
        return "".join(_text(_shown(page, options)) for page in pages)
    full = response if isinstance(response, dict) else response.build_full_result()
    data = _shown(full, options)
    if options.output == "off" or data == {}:
        return ""
    return json.dumps(data, indent=4, ensure_ascii=False) + "\n"


def _shown(response: dict[str, Any], options: argparse.Namespace) -> Any:
    data = _plain({key: value for key, value in response.items() if key != "ResponseMetadata"})
    return data if options.query is None else options.query.search(data)


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO 8601 text, bytes as base64 text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _text_pages(pages: Any) -> Iterator[dict[str, Any]]:
    """Each page's result keys, then the NextToken: the AWS CLI's text output
    of a paged response is printed page by page."""
    for index, page in enumerate(pages):
        current = dict(pages.non_aggregate_part) if index == 0 else {}
        for key in pages.result_keys:  # IAM's result keys are plain names
            current[key.expression] = key.search(page)
        yield current
    if pages.resume_token:
        yield {"NextToken": {"NextToken": pages.resume_token}}


def _text(item: Any, identifier: str | None = None, columns: list[str] | None = None) -> str:
    """The AWS CLI's text format: a dict's scalars on one tab-separated line
    (prefixed with the upper-cased key it sits under), then its other values."""
    if isinstance(item, dict):
        if columns is None:
            columns = sorted(key for key, value in item.items() if not _nested(value))
        scalars = [str(item.get(key, "")) for key in columns]
        line = "\t".join(([] if identifier is None else [identifier.upper()]) + scalars)
        nested = sorted(set(item) - set(columns))
        return (f"{line}\n" if scalars else "") + "".join(_text(item[k], k) for k in nested)
    if isinstance(item, list):
        if any(isinstance(element, dict) for element in item):
            # A list of dicts shares one set of columns: every scalar key of any of them.
            shared = sorted(
                {k for d in item if isinstance(d, dict) for k, v in d.items() if not _nested(v)}
            )
            return "".join(_text(element, identifier, shared) for element in item)
        scalars = [element for element in item if not _nested(element)]
        out = ""
        if scalars and identifier is not None:
            out = "".join(f"{identifier.upper()}\t{element}\n" for element in scalars)
        elif scalars:
            out = "\t".join(str(element) for element in scalars) + "\n"
        return out + "".join(_text(element, identifier) for element in item if _nested(element))
    return f"{item}\n"


def _nested(value: Any) -> bool:
    return isinstance(value, (dict, list))


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): as the AWS CLI, not an error. Point
        # stdout at devnull so that the flush at exit does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# ---------------------------------------------------------------------------
# Errors


def _describe(error: Exception) -> tuple[int, str]:
    """(exit code, message) for an error, as the AWS CLI reports it."""
    from . import exceptions

    if isinstance(error, (UsageError, ParamError, exceptions.ParamValidationError)):
        return PARAM_VALIDATION_ERROR_RC, str(error)
    if isinstance(error, exceptions.NoRegionError):
        hint = 'You can also configure your region by running "aws configure".'
        return CONFIGURATION_ERROR_RC, f"{error} {hint}"
    if isinstance(error, exceptions.NoCredentialsError):
        hint = 'You can configure credentials by running "aws configure".'
        return CONFIGURATION_ERROR_RC, f"{error}. {hint}"
    if isinstance(error, (exceptions.PartialCredentialsError, exceptions.ProfileNotFound)):
        return CONFIGURATION_ERROR_RC, str(error)
    if isinstance(error, exceptions.ClientError):
        return CLIENT_ERROR_RC, str(error)
    return GENERAL_ERROR_RC, str(error)


def _redact(message: str, secrets: list[str]) -> str:
    # fastiam's errors never contain secrets; this also covers any other
    # error. Very short values are left alone: they would mask unrelated text.
    for secret in secrets:
        if len(secret) >= 4:
            message = message.replace(secret, "***")
    return message
