"""TOTP codes (RFC 6238: HMAC-SHA1, 30 s step, 6 digits) for IAM virtual MFA devices.

``pair(seed)`` gives the two consecutive codes that ``enable_mfa_device`` wants::

    import fastiam, fastiam.totp

    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
    first, second = fastiam.totp.pair(device["Base32StringSeed"])
    iam.enable_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"],
                          AuthenticationCode1=first, AuthenticationCode2=second)

The seed is a secret: no error raised here contains it.
"""

from __future__ import annotations

import time

from . import _native

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs milliseconds
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Callable, Union

    _Seed = Union[str, bytes]

__all__ = ["STEP", "code", "pair"]

STEP = 30
"""Seconds per TOTP window."""


def _unix_seconds(at: float | datetime) -> float:
    if isinstance(at, (int, float)) and not isinstance(at, bool):
        return at
    # Imported here so that `import fastiam.totp` does not pay for datetime.
    from datetime import datetime

    if isinstance(at, datetime):
        # A naive datetime's zone is a guess, and a wrong guess gives a wrong code.
        if at.utcoffset() is None:
            raise ValueError("at must be a timezone-aware datetime (or unix seconds)")
        return at.timestamp()
    raise TypeError(f"at must be unix seconds or a datetime, not {type(at).__name__}")


def code(seed: _Seed, at: float | datetime | None = None) -> str:
    """The 6-digit code of ``seed`` at ``at`` (unix seconds or an aware datetime; default now).

    ``seed`` is ``Base32StringSeed`` as str or bytes; lower case, missing ``=``
    padding and spaces are accepted.

    >>> code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59)
    '287082'

    Raises ValueError for a seed that is not base32, TypeError for one that is
    neither str nor bytes.
    """
    return _native.totp_code(seed, time.time() if at is None else _unix_seconds(at))


def _pair(seed: _Seed, window: int) -> tuple[str, str]:
    return (_native.totp_code(seed, (window - 1) * STEP), _native.totp_code(seed, window * STEP))


def pair(
    seed: _Seed,
    *,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], object] = time.sleep,
) -> tuple[str, str]:
    """Two consecutive codes of ``seed``, safe to pass to ``enable_mfa_device`` now.

    Normally returns at once with the codes of the previous and the current window,
    which AWS accepts. When the current window has less than 5 seconds left, it
    first sleeps until the next window begins (up to 5 seconds; Ctrl-C interrupts
    it) and returns the codes of the current and the new window, so that the later
    code does not expire while the request is on its way.

    >>> first, second = pair("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    >>> len(first), len(second)
    (6, 6)

    ``clock`` (unix seconds) and ``sleep`` are for tests.
    """
    wait, window = _native.totp_plan(clock())
    codes = _pair(seed, window)  # a bad seed fails here, before any sleep
    while wait > 0:
        sleep(wait)
        # Plan again from the clock: sleep measures a monotonic clock, the codes
        # follow the wall clock, and the two can drift apart (or the machine can
        # have been suspended) while sleeping.
        wait, window = _native.totp_plan(clock())
        codes = _pair(seed, window)
    return codes
