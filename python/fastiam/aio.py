"""fastiam for asyncio: the same client, whose calls return awaitables.

    async with fastiam.aio.client("iam") as iam:
        await iam.enable_mfa_device(UserName=..., SerialNumber=...,
                                    AuthenticationCode1=..., AuthenticationCode2=...)

Requests run on fastiam's own runtime, never on the event loop's thread, so
thousands can be in flight from one client. Cancelling the awaiting task drops
the request at once; one already sent may still have reached IAM.
"""

from __future__ import annotations

import weakref

from ._native import IAM, OPERATIONS, Completions
from .session import default_session

# Not `from typing import ...`: keeps typing out of the import path. What type
# checkers see of this module is aio.pyi, which codegen/generate.py writes.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from typing_extensions import Self

__all__ = ["AsyncIAM", "client"]


class AsyncIAM(IAM):
    """An IAM client whose methods return awaitables; usable with ``async with``."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None


def _coroutine_method(name: str) -> Any:
    """``name`` as a coroutine function, as aiobotocore's methods are: the
    request starts when the coroutine runs on a loop, so ``create_task``,
    ``asyncio.run`` and ``run_coroutine_threadsafe`` take the call as it is."""
    native = getattr(IAM, name)

    async def method(self: AsyncIAM, *args: Any, **kwargs: Any) -> dict:
        return await native(self, *args, **kwargs)

    method.__name__ = name
    method.__qualname__ = f"AsyncIAM.{name}"
    method.__doc__ = native.__doc__
    return method


for _name in OPERATIONS:
    setattr(AsyncIAM, _name, _coroutine_method(_name))
del _name


# One Completions per event loop: finished requests wait there until the loop,
# woken through its descriptor, resolves their futures in one batch.
_completions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _completions_for(loop: Any) -> Completions:
    completions = _completions.get(loop)
    if completions is None:
        completions = _completions[loop] = Completions()
        loop.add_reader(completions.fileno(), completions.drain)
    return completions


def client(*args: Any, **kwargs: Any) -> AsyncIAM:
    """Creates an async IAM client; the arguments are ``fastiam.client``'s."""
    return default_session()._create(AsyncIAM, *args, asynchronous=True, **kwargs)
