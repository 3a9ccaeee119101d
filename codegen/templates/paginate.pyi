# The hand-written part of python/fastiam/paginate/__init__.pyi: codegen/paginate_stub.py
# writes that stub from this file, with its imports completed and, after it, the
# paginator classes client.get_paginator returns for each operation that pages.
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Generic, NoReturn, TypeVar

__all__ = [
    "AioPageIterator",
    "AioPaginator",
    "PageIterator",
    "Paginator",
    "can_paginate",
    "get_paginator",
]

# The type of one page: the operation's result TypedDict.
_PageT = TypeVar("_PageT")

def can_paginate(operation_name: str) -> bool: ...
def get_paginator(
    client: Any, operation_name: str, asynchronous: bool = False
) -> Paginator[Any]: ...

class PageIterator(Generic[_PageT]):
    def __init__(
        self,
        paginator: Paginator[_PageT],
        op_kwargs: dict[str, Any],
        max_items: int | None,
        page_size: int | None,
        starting_token: str | None,
    ) -> None: ...
    @property
    def result_keys(self) -> list[Any] | None: ...
    @property
    def non_aggregate_part(self) -> dict[str, Any]: ...
    @property
    def resume_token(self) -> str | None: ...
    @resume_token.setter
    def resume_token(self, value: dict[str, Any]) -> None: ...
    def __iter__(self) -> Iterator[_PageT]: ...
    def search(self, expression: str) -> Iterator[Any]: ...
    def build_full_result(self) -> dict[str, Any]: ...
    def result_key_iters(self) -> list[Any]: ...

class Paginator(Generic[_PageT]):
    PAGE_ITERATOR_CLS: type[PageIterator[Any]]
    def __init__(self, method: Callable[..., Any], config: dict[str, Any]) -> None: ...
    @property
    def result_keys(self) -> list[Any] | None: ...
    def paginate(self, **kwargs: Any) -> PageIterator[_PageT]: ...

class AioPageIterator(PageIterator[_PageT]):
    def __iter__(self) -> NoReturn: ...  # raises TypeError: use `async for`
    def __aiter__(self) -> AsyncIterator[_PageT]: ...
    def search(self, expression: str) -> AsyncIterator[Any]: ...  # type: ignore[override]
    async def build_full_result(self) -> dict[str, Any]: ...  # type: ignore[override]

class AioPaginator(Paginator[_PageT]):
    PAGE_ITERATOR_CLS: type[AioPageIterator[Any]]
    def paginate(self, **kwargs: Any) -> AioPageIterator[_PageT]: ...
