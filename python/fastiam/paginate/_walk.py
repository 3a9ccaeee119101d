"""One pass over the pages: trimming them to StartingToken and MaxItems, and each next request.

The sync and the async page iterators share it; they differ only in how they
call the operation, and take what a walk finds (the first page's non-aggregate
part, the resume token) from its attributes.
"""

from __future__ import annotations

from ._tokens import TRUNCATED, parse_starting_token

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._keys import Paging


class Walk:
    """What one pass has handed out, and the request for its next page.

    ``kwargs`` is the request (the iterator's own dict, changed in place, as
    botocore does: a second pass over one iterator starts from the Marker of
    the first one's last request). After each page: ``non_aggregate_part``
    (from the first page) and ``resume_token`` (a token dict, set once
    MaxItems ends the pass)."""

    def __init__(
        self,
        paging: Paging,
        kwargs: dict,
        max_items: int | None,
        page_size: int | None,
        starting_token: str | None,
    ) -> None:
        self._paging = paging
        self._result_keys = paging.result_keys or []  # IAM's paginators all have some
        self._primary = self._result_keys[0]
        self._max_items = max_items
        self._starting_token = starting_token
        self.kwargs = kwargs
        self.non_aggregate_part: dict = {}
        self.resume_token: dict | None = None
        self._handed_out = 0
        self._in_page = 0
        self._first = True
        self._previous: dict | None = None
        self._skip = 0  # items of the first page the starting token says were handed out
        if starting_token is None:
            self._token: dict = {name: None for name in paging.input_tokens}
        else:
            self._token, self._start_index = parse_starting_token(
                starting_token, paging.input_tokens
            )
            inject(self.kwargs, dict(self._token))
        if page_size is not None:
            self.kwargs[paging.limit_key] = page_size

    def received(self, page: dict) -> bool:
        """Before ``page`` is handed out: trims it to the starting token and
        to MaxItems. True if MaxItems ends the pass with this page."""
        if self._first:
            self._first = False
            if self._starting_token is not None:
                self._skip = self._start_index
                self._drop_handed_out(page)
            non_aggregate: dict = {}
            for key in self._paging.non_aggregate_keys:
                key.put(non_aggregate, key.search(page))
            self.non_aggregate_part = non_aggregate
        else:
            self._skip = 0
        items = self._primary.search(page)
        if items is None:
            items = []
        self._in_page = len(items)
        if self._max_items is None:
            return False
        excess = self._handed_out + self._in_page - self._max_items
        if excess <= 0:
            return False
        keep = len(items) - excess
        self._primary.put(page, items[:keep])
        # The token that fetched this page, and how far into it to resume.
        self._token[TRUNCATED] = keep + self._skip
        self.resume_token = self._token
        return True

    def advance(self, page: dict) -> bool:
        """After ``page`` was handed out: sets the request for the next page.
        False if there is none (or MaxItems was reached at a page's end)."""
        self._handed_out += self._in_page
        token = self._next_token(page)
        if all(value is None for value in token.values()):
            return False
        if self._max_items is not None and self._handed_out == self._max_items:
            self.resume_token = token
            return False
        if self._previous is not None and self._previous == token:
            from ..exceptions import PaginationError

            raise PaginationError(message=f"The same next token was received twice: {token}")
        inject(self.kwargs, token)
        self._previous = self._token = token
        return True

    def _next_token(self, page: dict) -> dict:
        paging = self._paging
        if paging.more_results is not None and not paging.more_results.search(page):
            return {}
        # Empty strings are no token.
        return {
            name: key.search(page) or None
            for key, name in zip(paging.output_tokens, paging.input_tokens)
        }

    def _drop_handed_out(self, page: dict) -> None:
        """The first page after a starting token: drop the items the token
        says were handed out, and blank the other result keys, whose values
        the previous pass already handed out with that page."""
        items = self._primary.search(page)
        self._primary.put(page, items[self._skip :] if isinstance(items, (list, str)) else None)
        for key in self._result_keys[1:]:
            sample = key.search(page)
            if isinstance(sample, list):
                blank: Any = []
            elif isinstance(sample, str):
                blank = ""
            elif isinstance(sample, (int, float)):
                blank = sample  # a count stays what the service said (botocore)
            else:
                blank = None
            key.put(page, blank)


def inject(kwargs: dict, token: dict) -> None:
    """Puts a token into the request; a None (or "None") value removes it."""
    for name, value in token.items():
        if value is not None and value != "None":
            kwargs[name] = value
        elif name in kwargs:
            del kwargs[name]
