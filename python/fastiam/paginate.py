"""boto3's paginators for fastiam's list operations.

``client.get_paginator(name)`` and ``client.can_paginate(name)`` come here.
A paginator behaves as botocore's does: the same pages, the same
``PaginationConfig`` (``MaxItems``, ``PageSize``, ``StartingToken``), the same
``NextToken`` strings (so a token from boto3 resumes a fastiam paginator and
the other way round), ``build_full_result()``, ``search()``, and the same errors.
On a ``fastiam.aio`` client it behaves as aiobotocore's does: ``async for``
over the pages, ``await build_full_result()``, ``async for`` over ``search()``.

Nothing imports this module until a paginator is asked for, so it costs
``import fastiam`` nothing. Which operations page, and how, is the native
core's ``_native.PAGINATORS`` table, read when a paginator is asked for.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json

from . import _native

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from typing import Any

__all__ = [
    "AioPageIterator",
    "AioPaginator",
    "PageIterator",
    "Paginator",
    "can_paginate",
    "get_paginator",
]

# The key botocore adds to a token when MaxItems ends a walk inside a page:
# how many items of that page were already handed out.
_TRUNCATED = "boto_truncate_amount"
# The key botocore adds to a token that held bytes: where they were.
_BYTES_PATHS = "boto_encoded_keys"
# Words of a method name that IAM's operation names spell in capitals.
_ACRONYMS = {"mfa": "MFA", "ssh": "SSH", "saml": "SAML", "id": "ID"}


def _table() -> dict:
    # Read at call time, not import time: the table belongs to the native core.
    return _native.PAGINATORS


def can_paginate(operation_name: str) -> bool:
    """``client.can_paginate(name)``: whether ``get_paginator(name)`` works.

    boto3 raises KeyError for a name that is no IAM operation at all; fastiam,
    which knows only its own operations, answers False."""
    return operation_name in _table()


def get_paginator(client: Any, operation_name: str, asynchronous: bool = False) -> Paginator:
    """``client.get_paginator(name)``: a paginator over ``client.<name>``; for a
    ``fastiam.aio`` client (``asynchronous``, which the client itself says), an
    asynchronous one (aiobotocore's interface)."""
    config = _table().get(operation_name)
    if config is None:
        from .exceptions import OperationNotPageableError

        raise OperationNotPageableError(operation_name=operation_name)
    base = AioPaginator if asynchronous else Paginator
    return _named(base, operation_name)(getattr(client, operation_name), config)


@functools.cache
def _named(base: type, operation_name: str) -> type:
    """A subclass named as boto3 names its paginator classes, e.g.
    ``IAM.Paginator.ListVirtualMFADevices``, for reprs and tracebacks."""
    words = operation_name.split("_")
    pascal = "".join(_ACRONYMS.get(word, word.capitalize()) for word in words)
    name = f"IAM.Paginator.{pascal}"
    return type(name, (base,), {"__module__": __name__, "__qualname__": name})


def _jmespath() -> Any:
    """jmespath, needed only by ``search()`` and by paging-table keys that are
    more than dotted names. boto3 depends on it; fastiam does not."""
    try:
        import jmespath
    except ImportError as error:
        raise ImportError(
            "fastiam's paginator search() needs the jmespath package, which boto3 "
            "installs but fastiam does not: pip install jmespath"
        ) from error
    return jmespath


# ---------------------------------------------------------------------------
# Keys of the paging table: JMESPath expressions, nearly always one name.


class _Key:
    """One expression of the paging table (result key, token, more-results
    flag). botocore compiles these with jmespath; the ones IAM uses are plain
    dotted names, which are looked up here directly, with JMESPath's rules
    (a missing name, or a name looked up on something that is no mapping,
    gives None), so that iterating pages does not need jmespath."""

    __slots__ = ("_compiled", "_names", "expression")

    def __init__(self, expression: str) -> None:
        self.expression = expression
        names = expression.split(".")
        if all(name.isascii() and name.isidentifier() for name in names):
            self._names: list[str] | None = names
            self._compiled = None
        else:
            self._names = None
            self._compiled = _jmespath().compile(expression)

    @property
    def parsed(self) -> dict:
        """The JMESPath syntax tree, as jmespath's ``ParsedResult.parsed``."""
        if self._compiled is not None:
            return self._compiled.parsed
        fields = [{"type": "field", "children": [], "value": name} for name in self._names]
        if len(fields) == 1:
            return fields[0]
        return {"type": "subexpression", "children": fields}

    def search(self, value: Any, options: Any = None) -> Any:
        if self._compiled is not None:
            return self._compiled.search(value, options)
        for name in self._names:
            try:
                value = value.get(name)
            except AttributeError:  # JMESPath: a field of a non-object is null
                return None
        return value

    def put(self, target: dict, value: Any) -> None:
        """Sets the value at this key, creating the dicts on the way (what
        botocore's ``set_value_from_jmespath`` does)."""
        *outer, last = self.expression.split(".")
        for name in outer:
            if name not in target:
                target[name] = {}
            target = target[name]
        target[last] = value

    def __repr__(self) -> str:
        return repr(self.parsed)


def _keys(value: Any) -> list:
    """A table entry that may be one expression or a list of them."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _merge(into: dict, extra: dict) -> None:
    """Deep update, as botocore's ``merge_dicts``: nested dicts are merged,
    anything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


# ---------------------------------------------------------------------------
# NextToken / StartingToken: base64 of the JSON of {input token: value}, plus
# boto_truncate_amount. Byte-for-byte botocore's format, so tokens from either
# library resume the other's paginators.


def _encode_token(token: dict) -> str:
    try:
        text = json.dumps(token)
    except (TypeError, UnicodeDecodeError):
        # JSON has no bytes: botocore stores them base64-encoded and lists
        # where they were under boto_encoded_keys.
        paths: list[list] = []
        text = json.dumps({**_bytes_to_text(token, [], paths), _BYTES_PATHS: paths})
    return base64.b64encode(text.encode("utf-8")).decode("utf-8")


def _bytes_to_text(value: Any, path: list, paths: list[list]) -> Any:
    if isinstance(value, dict):
        return {key: _bytes_to_text(item, [*path, key], paths) for key, item in value.items()}
    if isinstance(value, list):
        return [_bytes_to_text(item, [*path, i], paths) for i, item in enumerate(value)]
    if isinstance(value, bytes):
        paths.append(path)
        return base64.b64encode(value).decode("utf-8")
    return value


def _decode_token(token: str) -> Any:
    decoded = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
    paths = decoded.pop(_BYTES_PATHS, None)
    for path in paths or ():
        holder = decoded
        for step in path[:-1]:
            holder = holder[step]
        holder[path[-1]] = base64.b64decode(holder[path[-1]].encode("utf-8"))
    return decoded


# ---------------------------------------------------------------------------
# Paginators


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
        return self._paginator._result_keys

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
        expected = list(self._paginator._input_tokens)
        if _TRUNCATED in value:
            expected.append(_TRUNCATED)
        if sorted(value.keys()) != sorted(expected):
            raise ValueError(f"Bad starting token: {value}")
        self._resume_token = _encode_token(value)

    def __iter__(self) -> Iterator[dict]:
        walk = _Walk(self)
        while True:
            page = self._method(**walk.kwargs)
            cut = walk.received(page)
            yield page
            # As botocore: what comes next is read from the page after it was
            # handed out, so the caller's changes to it count.
            if cut or not walk.advance(page):
                return

    def search(self, expression: str) -> Iterator[Any]:
        """The JMESPath ``expression`` applied to each page: a list result's
        items one by one, any other result as it is. Needs jmespath."""
        compiled = _jmespath().compile(expression)
        for page in self:
            yield from _found(compiled.search(page))

    def build_full_result(self) -> dict:
        """Every page's result keys joined into one dict, plus ``NextToken``
        if MaxItems stopped the pass."""
        full = _FullResult(self)
        for page in self:
            full.add(page)
        return full.finish()

    def result_key_iters(self) -> list:
        """One iterator per result key over the items of every page."""
        keys = self.result_keys
        copies = itertools.tee(self, len(keys))
        return [_ResultKeyIterator(pages, key) for pages, key in zip(copies, keys)]


class _ResultKeyIterator:
    def __init__(self, pages: Any, result_key: _Key) -> None:
        self._pages = pages
        self.result_key = result_key

    def __iter__(self) -> Iterator[Any]:
        for page in self._pages:
            items = self.result_key.search(page)
            yield from [] if items is None else items


def _found(result: Any) -> list:
    return result if isinstance(result, list) else [result]


class _Walk:
    """One pass over the pages: what has been handed out, and the token for
    the next request. Shared by the sync and the async iterator, which differ
    only in how they call the operation."""

    def __init__(self, pages: PageIterator) -> None:
        paginator = pages._paginator
        self._pages = pages
        self._primary = paginator._result_keys[0]
        self.kwargs = pages._op_kwargs
        self._handed_out = 0
        self._in_page = 0
        self._first = True
        self._previous: dict | None = None
        self._skip = 0  # items of the first page the starting token says were handed out
        start = self._parse_starting_token()
        if start is None:
            self._token: dict = {name: None for name in paginator._input_tokens}
        else:
            self._token, self._start_index = start
            _inject(self.kwargs, dict(self._token))
        if pages._page_size is not None:
            self.kwargs[paginator._limit_key] = pages._page_size

    def received(self, page: dict) -> bool:
        """Before ``page`` is handed out: trims it to the starting token and
        to MaxItems. True if MaxItems ends the pass with this page."""
        pages = self._pages
        if self._first:
            self._first = False
            if pages._starting_token is not None:
                self._skip = self._start_index
                self._drop_handed_out(page)
            non_aggregate: dict = {}
            for key in pages._paginator._non_aggregate_keys:
                key.put(non_aggregate, key.search(page))
            pages._non_aggregate_part = non_aggregate
        else:
            self._skip = 0
        items = self._primary.search(page)
        if items is None:
            items = []
        self._in_page = len(items)
        max_items = pages._max_items
        if max_items is None:
            return False
        excess = self._handed_out + self._in_page - max_items
        if excess <= 0:
            return False
        keep = len(items) - excess
        self._primary.put(page, items[:keep])
        # The token that fetched this page, and how far into it to resume.
        self._token[_TRUNCATED] = keep + self._skip
        pages.resume_token = self._token
        return True

    def advance(self, page: dict) -> bool:
        """After ``page`` was handed out: sets the request for the next page.
        False if there is none (or MaxItems was reached at a page's end)."""
        self._handed_out += self._in_page
        token = self._next_token(page)
        if all(value is None for value in token.values()):
            return False
        max_items = self._pages._max_items
        if max_items is not None and self._handed_out == max_items:
            self._pages.resume_token = token
            return False
        if self._previous is not None and self._previous == token:
            from .exceptions import PaginationError

            raise PaginationError(message=f"The same next token was received twice: {token}")
        _inject(self.kwargs, token)
        self._previous = self._token = token
        return True

    def _next_token(self, page: dict) -> dict:
        paginator = self._pages._paginator
        more = paginator._more_results
        if more is not None and not more.search(page):
            return {}
        # Empty strings are no token.
        return {
            name: key.search(page) or None
            for key, name in zip(paginator._output_tokens, paginator._input_tokens)
        }

    def _drop_handed_out(self, page: dict) -> None:
        """The first page after a starting token: drop the items the token
        says were handed out, and blank the other result keys, whose values
        the previous pass already handed out with that page."""
        items = self._primary.search(page)
        self._primary.put(page, items[self._skip :] if isinstance(items, (list, str)) else None)
        for key in self._pages._paginator._result_keys[1:]:
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

    def _parse_starting_token(self) -> tuple[dict, Any] | None:
        """(token, items of its page already handed out), or None."""
        token = self._pages._starting_token
        if token is None:
            return None
        try:
            decoded = _decode_token(token)
            return decoded, decoded.pop(_TRUNCATED, 0)
        except (ValueError, TypeError):
            return self._parse_old_token(token)

    def _parse_old_token(self, token: str) -> tuple[dict, int]:
        """Tokens of old botocore versions, ``value___value___index``, and raw
        service markers, which botocore accepts as starting tokens too."""
        names = self._pages._paginator._input_tokens
        parts = token.split("___")
        index = 0
        if len(parts) == len(names) + 1:
            try:
                index = int(parts.pop())
            except ValueError:
                parts = [token]  # not an old token after all: a marker
        values: list = [None if part == "None" else part for part in parts]
        if len(values) > len(names):
            raise ValueError(f"Bad starting token: {token}")
        values += [None] * (len(names) - len(values))
        return dict(zip(names, values)), index


def _inject(kwargs: dict, token: dict) -> None:
    """Puts a token into the request; a None (or "None") value removes it."""
    for name, value in token.items():
        if value is not None and value != "None":
            kwargs[name] = value
        elif name in kwargs:
            del kwargs[name]


class _FullResult:
    """``build_full_result()``: the result keys of each page joined up."""

    def __init__(self, pages: PageIterator) -> None:
        self._pages = pages
        self._result: dict = {}

    def add(self, page: dict) -> None:
        for key in self._pages.result_keys:
            value = key.search(page)
            if value is None:
                continue
            so_far = key.search(self._result)
            if so_far is None:
                key.put(self._result, value)
            elif isinstance(value, list):
                so_far.extend(value)
            elif isinstance(value, (int, float, str)):
                key.put(self._result, so_far + value)

    def finish(self) -> dict:
        _merge(self._result, self._pages.non_aggregate_part)
        if self._pages.resume_token is not None:
            self._result["NextToken"] = self._pages.resume_token
        return self._result


class Paginator:
    """``client.get_paginator(name)``: ``paginate(**kwargs)`` gives the pages of
    ``client.<name>(**kwargs)``."""

    PAGE_ITERATOR_CLS: type = PageIterator

    def __init__(self, method: Callable[..., Any], config: dict) -> None:
        self._method = method
        self._input_tokens = _keys(config["input_token"])
        self._output_tokens = [_Key(key) for key in _keys(config["output_token"])]
        more_results = config.get("more_results")
        self._more_results = None if more_results is None else _Key(more_results)
        self._limit_key = config.get("limit_key")
        self._non_aggregate_keys = [_Key(key) for key in config.get("non_aggregate_keys", [])]
        result_keys = config.get("result_key")
        self._result_keys = None if result_keys is None else [_Key(k) for k in _keys(result_keys)]

    @property
    def result_keys(self) -> list | None:
        """The keys whose values ``build_full_result()`` collects; each has
        ``.expression`` and ``.search(value)``, as jmespath's compiled expressions."""
        return self._result_keys

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
            if self._limit_key is None:
                from .exceptions import PaginationError

                raise PaginationError(
                    message="PageSize parameter is not supported for the "
                    "pagination interface for this operation."
                )
            # IAM's limit keys (MaxItems) are integers: botocore converts to
            # the key's type, here always int.
            page_size = int(page_size)
        starting_token = paging.get("StartingToken", None)
        return self.PAGE_ITERATOR_CLS(self, kwargs, max_items, page_size, starting_token)


# ---------------------------------------------------------------------------
# asyncio: aiobotocore's AioPaginator interface


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
        walk = _Walk(self)
        while True:
            page = await self._method(**walk.kwargs)
            cut = walk.received(page)
            yield page
            if cut or not walk.advance(page):
                return

    async def search(self, expression: str) -> AsyncIterator[Any]:
        """Each value the JMESPath ``expression`` selects, page after page."""
        compiled = _jmespath().compile(expression)
        async for page in self:
            for item in _found(compiled.search(page)):
                yield item

    async def build_full_result(self) -> dict:
        """Every page merged into one result, as aiobotocore's does."""
        full = _FullResult(self)
        async for page in self:
            full.add(page)
        return full.finish()

    def result_key_iters(self) -> list:
        """One async iterator per result key over the items of every page."""
        keys = self.result_keys
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
    def __init__(self, tee: _AsyncTee, consumer: int, result_key: _Key) -> None:
        self._tee = tee
        self._consumer = consumer
        self.result_key = result_key

    async def __aiter__(self) -> AsyncIterator[Any]:
        while (page := await self._tee.next_page(self._consumer)) is not self._tee:
            items = self.result_key.search(page)
            for item in [] if items is None else items:
                yield item


class AioPaginator(Paginator):
    """A ``fastiam.aio`` client's paginator: ``paginate()`` (not awaited)
    gives an ``AioPageIterator``."""

    PAGE_ITERATOR_CLS = AioPageIterator
