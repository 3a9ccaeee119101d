"""What goes wrong on the command line: the AWS CLI's usage text, error messages and exit codes."""

from __future__ import annotations

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


class UsageError(Exception):
    """A command line that cannot be run: printed as it is, exit code 252."""


class ParamError(Exception):
    """A parameter value that cannot be used, in the AWS CLI's words (exit code 252)."""

    def __init__(self, cli_name: str, message: str) -> None:
        super().__init__(f"Error parsing parameter '{cli_name}': {message}")


def usage_error(message: str) -> UsageError:
    """argparse's error for a command line it cannot parse, with fastiam's usage."""
    return UsageError(f"usage: {USAGE}\nfastiam: error: {message}")


def masked(argument: str) -> str:
    """An unknown argument as an error shows it: an unexpected value may be a
    code someone forgot the option name of, so only option names are shown."""
    if not argument.startswith("-"):
        return "***"
    name, equals, _ = argument.partition("=")
    return f"{name}=***" if equals else name


def describe(error: Exception) -> tuple[int, str]:
    """(exit code, message) for an error, as the AWS CLI reports it."""
    from .. import exceptions

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


def redact(message: str, secrets: list[str]) -> str:
    """``message`` with the secret parameter values masked."""
    # fastiam's errors never contain secrets; this also covers any other
    # error. Very short values are left alone: they would mask unrelated text.
    for secret in secrets:
        if len(secret) >= 4:
            message = message.replace(secret, "***")
    return message
