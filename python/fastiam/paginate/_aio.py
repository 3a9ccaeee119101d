"""AioPaginator and AioPageIterator: aiobotocore's paginators, over a fastiam.aio client's calls."""

from __future__ import annotations

from ._keys import load_jmespath
from ._results import found, full_result, result_items
from ._sync import PageIterator, Paginator

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Any

    from ._keys import Key


class AioPageIterator(PageIterator):
    """The pages of one ``paginate()`` call on a ``fastiam.aio`` client:
    ``async for page in ...``, ``await build_full_result()``, and
    ``async for item in search(expression)``."""

    def __iter__(self) -> Iterator[dict]:
        raise TypeError(
            f"{type(self).__name__} is asynchronous (a fastiam.aio client's "
            "paginator): use 'async for page in ...', not 'for'"
        )

    def __aiter__(self) -> AsyncIterator[dict]:
        return self._pages()

    async def _pages(self) -> AsyncIterator[dict]:
        # PageIterator.__iter__, awaiting each call.
        walk = self._walk()
        while True:
            page = await self._method(**walk.kwargs)
            cut = walk.received(page)
            self._took(walk)
            yield page
            if cut or not walk.advance(page):
                self._took(walk)
                return

    async def search(self, expression: str) -> AsyncIterator[Any]:  # type: ignore[override]
        """Each value the JMESPath ``expression`` selects, page after page."""
        compiled = load_jmespath().compile(expression)
        async for page in self:
            for item in found(compiled, page):
                yield item

    async def build_full_result(self) -> dict:  # type: ignore[override]
        """Every page merged into one result, as aiobotocore's does."""
        pages = [page async for page in self]
        keys = self.result_keys or []
        return full_result(pages, keys, self.non_aggregate_part, self.resume_token)

    def result_key_iters(self) -> list:
        """One async iterator per result key over the items of every page."""
        keys = self.result_keys or []
        tee = _AsyncTee(self, len(keys))
        return [_AioResultKeyIterator(tee, i, key) for i, key in enumerate(keys)]


class _AsyncTee:
    """One pass over the pages, fanned out to ``n`` consumers (what
    aiobotocore does with aioitertools.tee): each page is fetched once."""

    def __init__(self, pages: AioPageIterator, n: int) -> None:
        self._pages = pages
        self._source: Any = None
        self._buffers: list[list] = [[] for _ in range(n)]
        self._done = False
        self._lock: Any = None  # created on first use, inside the event loop

    async def next_page(self, consumer: int) -> Any:
        """The consumer's next page; ``self`` when there are no more."""
        import asyncio

        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            buffer = self._buffers[consumer]
            if not buffer and not self._done:
                if self._source is None:
                    self._source = self._pages.__aiter__()
                try:
                    page = await self._source.__anext__()
                except StopAsyncIteration:
                    self._done = True
                else:
                    for each in self._buffers:
                        each.append(page)
            return buffer.pop(0) if buffer else self


class _AioResultKeyIterator:
    def __init__(self, tee: _AsyncTee, consumer: int, result_key: Key) -> None:
        self._tee = tee
        self._consumer = consumer
        self.result_key = result_key

    async def __aiter__(self) -> AsyncIterator[Any]:
        while (page := await self._tee.next_page(self._consumer)) is not self._tee:
            for item in result_items(self.result_key, page):
                yield item


class AioPaginator(Paginator):
    """A ``fastiam.aio`` client's paginator: ``paginate()`` (not awaited)
    gives an ``AioPageIterator``."""

    PAGE_ITERATOR_CLS: type = AioPageIterator
