"""``fastiam iam <operation> [parameters]``: the AWS CLI's ``aws iam`` for fastiam's operations.

Names, parameters, output and exit codes are the AWS CLI v2's::

    fastiam iam list-mfa-devices --user-name alice --region us-east-1
    fastiam iam tag-mfa-device --serial-number ARN --tags Key=team,Value=blue
    python -m fastiam iam list-virtual-mfa-devices --max-items 10 --output text

Exit codes: 0 success, 252 bad command line or parameters, 253 configuration or
credentials, 254 an error answer from IAM, 255 anything else, 130 Ctrl-C.

Only the ``fastiam`` entry point and ``python -m fastiam`` import this package,
so ``import fastiam`` does not pay for argparse and json. ``main`` runs a
command; the modules: ``_operations`` (the operations and their options in the
CLI's terms, from ``_table``, generated from IAM's model), ``_parsers``
(argparse), ``_values`` (parameter values, paging), ``_bootstrap``
(create-virtual-mfa-device's file), ``_output`` (json/text), ``_errors``
(messages and exit codes).
"""

from __future__ import annotations

import sys

from .. import Config, Session, __version__
from ._bootstrap import bootstrap_options, save_bootstrap
from ._errors import INTERRUPTED_RC, USAGE, UsageError, describe, masked, redact
from ._operations import SECRETS
from ._output import render, write
from ._parsers import global_parser, operation, operation_parser
from ._values import call_parameters, paging

# Not `from typing import ...`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

__all__ = ["main"]

# What an unbounded --cli-*-timeout of 0 becomes: a century, as the native
# core takes seconds, not "no timeout".
_NO_TIMEOUT = 100 * 365 * 24 * 3600.0


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
        code, message = describe(error)
        sys.stderr.write(f"\n{redact(message, secrets)}\n")
        return code


def _run(arguments: list[str], secrets: list[str]) -> int:
    """Parses the command line, calls IAM and prints the result; ``secrets``
    receives the secret parameter values as soon as they are known."""
    options, rest = global_parser().parse_known_args(arguments)
    if options.version:
        import platform  # only here: its import costs every other command a few ms

        sys.stdout.write(
            f"fastiam/{__version__} Python/{platform.python_version()} "
            f"{platform.system()}/{platform.release()}\n"
        )
        return 0
    method, parameters = operation(rest, options.help)
    if method is None:
        return _print_help(global_parser())
    parser = operation_parser(method)
    if options.help or parameters == ["help"]:
        return _print_help(parser)
    parsed, unknown = parser.parse_known_args(parameters)
    if unknown:
        raise UsageError(f"usage: {USAGE}\nUnknown options: {', '.join(map(masked, unknown))}\n")
    call = call_parameters(method, parsed)
    secrets.extend(call[name] for name in SECRETS if isinstance(call.get(name), str))
    pagination = paging(method, parsed, call, options)
    bootstrap = bootstrap_options(method, parsed)
    client = _client(options)
    if pagination is None:
        response = getattr(client, method)(**call)
    else:
        response = client.get_paginator(method).paginate(**call, PaginationConfig=pagination)
    if bootstrap is not None:
        save_bootstrap(response, *bootstrap)
    write(render(response, options))
    return 0


def _print_help(parser: argparse.ArgumentParser) -> int:
    sys.stdout.write(parser.format_help())
    return 0


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
