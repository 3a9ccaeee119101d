"""Paginator and PageIterator: botocore's paginators, over a sync client's calls."""

from __future__ import annotations

import itertools

from ._keys import Paging, load_jmespath
from ._results import found, full_result, result_items
from ._tokens import TRUNCATED, encode_token
from ._walk import Walk

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from ._keys import Key


class PageIterator:
    """The pages of one ``paginate()`` call. Iterable (more than once: each
    pass sends its requests anew), not an iterator, as botocore's."""

    def __init__(
        self,
        paginator: Paginator,
        op_kwargs: dict,
        max_items: int | None,
        page_size: int | None,
        starting_token: str | None,
    ) -> None:
        self._paginator = paginator
        self._method = paginator._method
        # Shared by every pass and changed by each (the Marker of the last
        # request stays in it): botocore does the same, and a second pass over
        # one iterator must fetch what boto3's would.
        self._op_kwargs = op_kwargs
        self._max_items = max_items
        self._page_size = page_size
        self._starting_token = starting_token
        self._resume_token: str | None = None
        self._non_aggregate_part: dict = {}

    @property
    def result_keys(self) -> list | None:
        return self._paginator.result_keys

    @property
    def non_aggregate_part(self) -> dict:
        return self._non_aggregate_part

    @property
    def resume_token(self) -> str | None:
        """The ``NextToken`` to resume from, once MaxItems ended a pass."""
        return self._resume_token

    @resume_token.setter
    def resume_token(self, value: dict) -> None:
        if not isinstance(value, dict):
            raise ValueError(f"Bad starting token: {value}")  # noqa: TRY004 - botocore's class
        expected = list(self._paginator._paging.input_tokens)
        if TRUNCATED in value:
            expected.append(TRUNCATED)
        if sorted(value.keys()) != sorted(expected):
            raise ValueError(f"Bad starting token: {value}")
        self._resume_token = encode_token(value)

    def _walk(self) -> Walk:
        """A new pass over the pages."""
        return Walk(
            self._paginator._paging,
            self._op_kwargs,
            self._max_items,
            self._page_size,
            self._starting_token,
        )

    def _took(self, walk: Walk) -> None:
        """Shows what ``walk`` found so far: the non-aggregate part of its
        first page, and the resume token once MaxItems ended it."""
        self._non_aggregate_part = walk.non_aggregate_part
        if walk.resume_token is not None:
            self.resume_token = walk.resume_token

    def __iter__(self) -> Iterator[dict]:
        walk = self._walk()
        while True:
            page = self._method(**walk.kwargs)
            cut = walk.received(page)
            self._took(walk)
            yield page
            # As botocore: what comes next is read from the page after it was
            # handed out, so the caller's changes to it count.
            if cut or not walk.advance(page):
                self._took(walk)
                return

    def search(self, expression: str) -> Iterator[Any]:
        """The JMESPath ``expression`` applied to each page: a list result's
        items one by one, any other result as it is. Needs jmespath."""
        compiled = load_jmespath().compile(expression)
        for page in self:
            yield from found(compiled, page)

    def build_full_result(self) -> dict:
        """Every page's result keys joined into one dict, plus ``NextToken``
        if MaxItems stopped the pass."""
        pages = list(self)
        keys = self.result_keys or []
        return full_result(pages, keys, self.non_aggregate_part, self.resume_token)

    def result_key_iters(self) -> list:
        """One iterator per result key over the items of every page."""
        keys = self.result_keys or []
        copies = itertools.tee(self, len(keys))
        return [_ResultKeyIterator(pages, key) for pages, key in zip(copies, keys)]


class _ResultKeyIterator:
    def __init__(self, pages: Any, result_key: Key) -> None:
        self._pages = pages
        self.result_key = result_key

    def __iter__(self) -> Iterator[Any]:
        for page in self._pages:
            yield from result_items(self.result_key, page)


class Paginator:
    """``client.get_paginator(name)``: ``paginate(**kwargs)`` gives the pages of
    ``client.<name>(**kwargs)``."""

    PAGE_ITERATOR_CLS: type = PageIterator

    def __init__(self, method: Callable[..., Any], config: dict) -> None:
        self._method = method
        self._paging = Paging(config)

    @property
    def result_keys(self) -> list | None:
        """The keys whose values ``build_full_result()`` collects; each has
        ``.expression`` and ``.search(value)``, as jmespath's compiled expressions."""
        return self._paging.result_keys

    def paginate(self, **kwargs: Any) -> PageIterator:
        """The pages of the operation called with ``kwargs``, fetched as they
        are iterated. ``PaginationConfig`` (not sent): ``MaxItems``, the most
        items to hand out in all; ``PageSize``, the items to ask for per
        request; ``StartingToken``, a ``NextToken`` to resume from."""
        # As botocore, the config is read (and checked) now; everything else,
        # the starting token included, when the pages are iterated.
        paging = kwargs.pop("PaginationConfig", {})
        max_items = paging.get("MaxItems", None)
        if max_items is not None:
            max_items = int(max_items)
        page_size = paging.get("PageSize", None)
        if page_size is not None:
            if self._paging.limit_key is None:
                from ..exceptions import PaginationError

                raise PaginationError(
                    message="PageSize parameter is not supported for the "
                    "pagination interface for this operation."
                )
            # IAM's limit keys (MaxItems) are integers: botocore converts to
            # the key's type, here always int.
            page_size = int(page_size)
        starting_token = paging.get("StartingToken", None)
        return self.PAGE_ITERATOR_CLS(self, kwargs, max_items, page_size, starting_token)
