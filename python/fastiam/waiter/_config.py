"""A waiter's configuration and its acceptors, as botocore's SingleWaiterConfig and AcceptorConfig.

An acceptor says which state (success, failure, retry) a response means: by
its HTTP status (``status``), its error code (``error``), or a JMESPath
expression over the result (``path``, ``pathAll``, ``pathAny``). Each matcher
answers as botocore's does, including its ``explanation`` texts, which
WaiterError messages quote.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class SingleWaiterConfig:
    """One waiter's fields: ``operation`` (the model's name), ``delay``,
    ``max_attempts``, ``description`` and ``acceptors``."""

    def __init__(self, single_waiter_config: dict) -> None:
        self._config = single_waiter_config
        self.description: str = single_waiter_config.get("description", "")
        self.operation: str = single_waiter_config["operation"]
        self.delay: Any = single_waiter_config["delay"]
        self.max_attempts: Any = single_waiter_config["maxAttempts"]

    @property
    def acceptors(self) -> list[AcceptorConfig]:
        return [AcceptorConfig(acceptor) for acceptor in self._config["acceptors"]]


def is_valid_waiter_error(response: dict) -> bool:
    """The response is an error answer (what a ClientError's ``.response`` is)."""
    error = response.get("Error")
    return isinstance(error, dict) and "Code" in error


class AcceptorConfig:
    """One acceptor: ``state``, ``matcher``, ``expected``, ``argument`` (the
    expression of the path matchers), and ``matcher_func(response)``."""

    def __init__(self, config: dict) -> None:
        self.state: str = config["state"]
        self.matcher: str = config["matcher"]
        self.expected: Any = config["expected"]
        self.argument: str | None = config.get("argument")
        make = _MATCHERS.get(self.matcher)
        if make is None:  # the generator lets only the five known matchers in
            raise ValueError(f"Unknown acceptor: {self.matcher}")
        self.matcher_func: Callable[[dict], Any] = make(self)

    @property
    def explanation(self) -> str:
        """What matched, in botocore's words (quoted by WaiterError)."""
        expected, argument = self.expected, self.argument
        texts = {
            "path": f'For expression "{argument}" we matched expected path: "{expected}"',
            "pathAll": (
                f'For expression "{argument}" all members matched expected path: "{expected}"'
            ),
            "pathAny": (
                f'For expression "{argument}" we matched expected path: "{expected}" at least once'
            ),
            "status": f"Matched expected HTTP status code: {expected}",
            "error": f"Matched expected service error code: {expected}",
        }
        return texts[self.matcher]


def _compiled(acceptor: AcceptorConfig) -> Any:
    """The acceptor's expression: a dotted name looked up directly, anything
    else through jmespath (fastiam.paginate's ``Key``)."""
    from ..paginate._keys import Key

    return Key(acceptor.argument or "")


def _path(acceptor: AcceptorConfig) -> Callable[[dict], Any]:
    expression, expected = _compiled(acceptor), acceptor.expected

    def matches(response: dict) -> Any:
        if is_valid_waiter_error(response):
            return None  # botocore: no match, and not False
        return expression.search(response) == expected

    return matches


def _path_each(quantifier: Callable[[Any], bool]) -> Callable[[AcceptorConfig], Any]:
    """pathAll (``all``) and pathAny (``any``): the expression gives a list whose
    elements are compared with the expected value."""

    def acceptor_matcher(acceptor: AcceptorConfig) -> Callable[[dict], Any]:
        expression, expected = _compiled(acceptor), acceptor.expected

        def matches(response: dict) -> Any:
            if is_valid_waiter_error(response):
                return None
            found = expression.search(response)
            # An empty list (or no list) matches nothing.
            if not isinstance(found, list) or not found:
                return False
            return quantifier(element == expected for element in found)

        return matches

    return acceptor_matcher


_path_all = _path_each(all)
_path_any = _path_each(any)


def _status(acceptor: AcceptorConfig) -> Callable[[dict], Any]:
    expected = acceptor.expected

    def matches(response: dict) -> bool:
        # A result or an error response: both carry ResponseMetadata.
        return response.get("ResponseMetadata", {}).get("HTTPStatusCode") == expected

    return matches


def _error(acceptor: AcceptorConfig) -> Callable[[dict], Any]:
    expected = acceptor.expected

    def matches(response: dict) -> bool:
        # expected True: any error; False: no error; else that error code.
        if expected is True:
            return "Error" in response and "Code" in response["Error"]
        if expected is False:
            return "Error" not in response
        return response.get("Error", {}).get("Code", "") == expected

    return matches


_MATCHERS: dict[str, Callable[[AcceptorConfig], Callable[[dict], Any]]] = {
    "path": _path,
    "pathAll": _path_all,
    "pathAny": _path_any,
    "status": _status,
    "error": _error,
}
