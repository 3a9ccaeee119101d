"""boto3's waiters for IAM: ``client.waiter_names`` and ``client.get_waiter(name)``.

A waiter calls its operation (``get_user`` for ``user_exists``, ...) until the
entity exists, as botocore's does: the same acceptors, delays, attempts,
``WaiterConfig`` and ``WaiterError`` texts. On a ``fastiam.aio`` client it is
aiobotocore's: ``await waiter.wait(...)``, sleeping without blocking the loop.

Nothing imports this package until a waiter is asked for. Which waiters there
are is ``_table``, generated from botocore's waiters-2.json for the operations
fastiam has. The modules: ``_table``, ``_config`` (a waiter's fields and its
acceptors) and ``_wait`` (the Waiter classes).
"""

from __future__ import annotations

import functools

from ._config import SingleWaiterConfig
from ._table import METHODS, NAMES, WAITERS
from ._wait import AioWaiter, Waiter

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["AioWaiter", "Waiter", "get_waiter", "waiter_names"]

# The classes are fastiam.waiter's, where they are documented.
for _cls in (AioWaiter, Waiter):
    _cls.__module__ = __name__
del _cls


def waiter_names(client: Any = None) -> list[str]:
    """``client.waiter_names``: the names ``get_waiter`` takes, as boto3 lists
    them (the same for every fastiam client, so ``client`` may be left out)."""
    return list(NAMES)


def get_waiter(client: Any, waiter_name: str, asynchronous: bool = False) -> Waiter:
    """``client.get_waiter(name)``: a waiter over the client's calls; for a
    ``fastiam.aio`` client (``asynchronous``, which the client itself says),
    an asynchronous one (aiobotocore's interface)."""
    name = NAMES.get(waiter_name)
    if name is None:
        raise ValueError(f"Waiter does not exist: {waiter_name}")
    base = AioWaiter if asynchronous else Waiter
    config = SingleWaiterConfig(WAITERS[name])
    return _named(base, name)(name, config, getattr(client, METHODS[name]))


@functools.cache
def _named(base: type, waiter_name: str) -> type:
    """A subclass named as boto3 names its waiter classes, e.g.
    ``IAM.Waiter.UserExists``, for reprs and tracebacks."""
    name = f"IAM.Waiter.{waiter_name}"
    return type(name, (base,), {"__module__": __name__, "__qualname__": name})
