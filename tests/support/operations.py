"""The operation list as tables, for tests that need one, read from its sources
instead of copied into each test module.

fastiam's own tables are ``fastiam._native``'s: ``OPERATIONS`` (every client method),
``WIRE_NAMES`` (method -> IAM operation), ``INPUT_MEMBERS`` and ``OUTPUT_SHAPES``, and
the generated ``fastiam.paginate._table.PAGINATORS``, the ones the package itself uses. botocore's IAM model is the
independent reference that the parity tests compare fastiam with.
"""

from __future__ import annotations

import botocore.session
from botocore import xform_name
from fastiam import _native

# botocore's IAM model: the one boto3 uses.
BOTOCORE_IAM = botocore.session.get_session().get_service_model("iam")
# botocore's client method name -> IAM operation name (list_mfa_device_tags -> ListMFADeviceTags).
BOTOCORE_NAMES = {xform_name(name): name for name in BOTOCORE_IAM.operation_names}
# fastiam's methods that boto3 has too, and those that only fastiam has (the extras),
# in fastiam's order.
BOTO3_OPERATIONS = [method for method in _native.OPERATIONS if method in BOTOCORE_NAMES]
EXTRAS = [method for method in _native.OPERATIONS if method not in BOTOCORE_NAMES]


def input_shape(method: str):
    """botocore's input shape of a boto3 method's operation; None when the
    operation takes no input (get_account_summary, ...)."""
    return BOTOCORE_IAM.operation_model(BOTOCORE_NAMES[method]).input_shape


def has_result(method: str) -> bool:
    """Whether the method's result holds members besides ResponseMetadata."""
    _, members = _native.OUTPUT_SHAPES[_native.WIRE_NAMES[method]]
    return bool(members)


def secret_members() -> set[str]:
    """The input members fastiam treats as secrets (redacted wherever a value is shown)."""
    return {
        name
        for members in _native.INPUT_MEMBERS.values()
        for name, _required, _kind, secret in members
        if secret
    }
