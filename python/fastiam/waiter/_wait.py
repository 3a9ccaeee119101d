"""Waiter and AioWaiter: botocore's and aiobotocore's waiters over a fastiam client's calls.

Both call the operation until an acceptor says success, a failure state or an
error no acceptor expects ends the wait, or the attempts run out; they differ
only in how they call and sleep (``_Attempts`` judges each response for both).
"""

from __future__ import annotations

import time

from ._config import is_valid_waiter_error

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from ._config import SingleWaiterConfig


class _Attempts:
    """One ``wait()``: its WaiterConfig and what the responses so far decided."""

    def __init__(self, name: str, config: SingleWaiterConfig, kwargs: dict) -> None:
        # Taken out of the call's arguments: the operation does not take it.
        options = kwargs.pop("WaiterConfig", {})
        self.delay = options.get("Delay", config.delay)
        self._max_attempts = options.get("MaxAttempts", config.max_attempts)
        self._name = name
        self._acceptors = list(config.acceptors)
        self._state = "waiting"
        self._matched_before = False
        self._made = 0

    def finished(self, response: dict) -> bool:
        """After an attempt: True on success, False to sleep and try again;
        raises WaiterError on a failure state, an unexpected error, or when
        that was the last attempt."""
        self._made += 1
        # The loop variable outlives the loop: botocore quotes the last acceptor tried.
        for acceptor in self._acceptors:
            if acceptor.matcher_func(response):
                self._matched_before = True
                self._state = acceptor.state
                break
        else:
            if is_valid_waiter_error(response):
                error = response["Error"]
                code, message = error.get("Code", "Unknown"), error.get("Message", "Unknown")
                raise self._error(f"An error occurred ({code}): {message}", response)
        if self._state == "success":
            return True
        if self._state == "failure":
            raise self._error(
                f"Waiter encountered a terminal failure state: {acceptor.explanation}", response
            )
        if self._made >= self._max_attempts:
            # botocore quotes the acceptor its loop tried last (the one that
            # matched, or else the last of them), not the one matched earlier.
            reason = "Max attempts exceeded"
            if self._matched_before:
                reason += f". Previously accepted state: {acceptor.explanation}"
            raise self._error(reason, response)
        return False

    def _error(self, reason: str, response: dict) -> Exception:
        from ..exceptions import WaiterError

        return WaiterError(name=self._name, reason=reason, last_response=response)


def _client_error() -> type[Exception]:
    """fastiam's ClientError, whose ``.response`` the acceptors judge."""
    from ..exceptions import ClientError

    return ClientError


class Waiter:
    """``client.get_waiter(name)``: ``wait(**kwargs)`` calls the operation
    with ``kwargs`` until its acceptors say success, sleeping ``Delay`` seconds
    between attempts. ``WaiterConfig={"Delay": .., "MaxAttempts": ..}`` (not
    sent) overrides the waiter's own ``config.delay`` and ``config.max_attempts``."""

    def __init__(
        self, name: str, config: SingleWaiterConfig, operation_method: Callable[..., Any]
    ) -> None:
        self._operation_method = operation_method
        self.name = name
        self.config = config

    def wait(self, **kwargs: Any) -> None:
        attempts = _Attempts(self.name, self.config, kwargs)
        client_error = _client_error()
        while True:
            try:
                response = self._operation_method(**kwargs)
            except client_error as error:
                response = error.response  # type: ignore[attr-defined]
            if attempts.finished(response):
                return
            time.sleep(attempts.delay)


class AioWaiter(Waiter):
    """A ``fastiam.aio`` client's waiter: ``await wait(**kwargs)``, which
    sleeps with asyncio, so the event loop runs other tasks meanwhile."""

    async def wait(self, **kwargs: Any) -> None:  # type: ignore[override]
        import asyncio

        attempts = _Attempts(self.name, self.config, kwargs)
        client_error = _client_error()
        while True:
            try:
                response = await self._operation_method(**kwargs)
            except client_error as error:
                response = error.response  # type: ignore[attr-defined]
            if attempts.finished(response):
                return
            await asyncio.sleep(attempts.delay)
