"""create-virtual-mfa-device's --outfile and --bootstrap-method: the AWS CLI's bootstrap file."""

from __future__ import annotations

import os

from ._errors import UsageError, usage_error

# Not `from typing import ...`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

# The one operation with these options.
OPERATION = "create_virtual_mfa_device"
# What --bootstrap-method chooses: the member of the result's VirtualMFADevice saved.
BOOTSTRAP_METHODS = ("QRCodePNG", "Base32StringSeed")


def add_options(parser: argparse.ArgumentParser, method: str) -> None:
    """Adds the AWS CLI's --outfile and --bootstrap-method to ``method``'s
    parser, if it is create-virtual-mfa-device's."""
    if method != OPERATION:
        return
    parser.add_argument("--outfile", metavar="<value>", help="where to save the bootstrap data")
    parser.add_argument(
        "--bootstrap-method", choices=BOOTSTRAP_METHODS, help="what to save in --outfile"
    )


def bootstrap_options(method: str, parsed: argparse.Namespace) -> tuple[str, str] | None:
    """(method, path) of create-virtual-mfa-device's --bootstrap-method and
    --outfile. The AWS CLI requires both; fastiam also runs without them (and
    then prints both blobs), but not with only one."""
    if method != OPERATION:
        return None
    outfile, bootstrap = parsed.outfile, parsed.bootstrap_method
    if outfile is None and bootstrap is None:
        return None
    if outfile is None or bootstrap is None:
        missing = "--outfile" if outfile is None else "--bootstrap-method"
        raise usage_error(f"the following arguments are required: {missing}")
    path = os.path.expanduser(os.path.expandvars(outfile))
    if not os.access(os.path.dirname(os.path.abspath(path)), os.W_OK):
        raise UsageError(f"Unable to write to file: {path}")
    return bootstrap, path


def save_bootstrap(response: dict[str, Any], bootstrap: str, path: str) -> None:
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
    for name in BOOTSTRAP_METHODS:
        device.pop(name, None)
