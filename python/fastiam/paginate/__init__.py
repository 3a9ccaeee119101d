"""boto3's paginators for fastiam's list operations: ``client.get_paginator(name)``.

``client.get_paginator(name)`` and ``client.can_paginate(name)`` come here.
A paginator behaves as botocore's does: the same pages, the same
``PaginationConfig`` (``MaxItems``, ``PageSize``, ``StartingToken``), the same
``NextToken`` strings (so a token from boto3 resumes a fastiam paginator and
the other way round), ``build_full_result()``, ``search()``, and the same errors.
On a ``fastiam.aio`` client it behaves as aiobotocore's does: ``async for``
over the pages, ``await build_full_result()``, ``async for`` over ``search()``.

Nothing imports this package until a paginator is asked for, so it costs
``import fastiam`` nothing. Which operations page, and how, is ``_table``,
generated from botocore's paginators-1.json for fastiam's operations.

The modules: ``_table`` (the paging table), ``_keys`` (its expressions),
``_tokens`` (NextToken), ``_walk`` (one pass over the pages), ``_results``
(build_full_result and search over fetched pages), ``_sync`` and ``_aio``
(the paginator classes).
"""

from __future__ import annotations

import functools

from .. import _native
from ._aio import AioPageIterator, AioPaginator
from ._sync import PageIterator, Paginator
from ._table import PAGINATORS

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "AioPageIterator",
    "AioPaginator",
    "PageIterator",
    "Paginator",
    "can_paginate",
    "get_paginator",
]

# The classes are fastiam.paginate's, where they are documented.
for _cls in (AioPageIterator, AioPaginator, PageIterator, Paginator):
    _cls.__module__ = __name__
del _cls


def can_paginate(operation_name: str) -> bool:
    """``client.can_paginate(name)``: whether ``get_paginator(name)`` works.

    boto3 raises KeyError for a name that is no IAM operation at all; fastiam,
    which knows only its own operations, answers False."""
    return operation_name in PAGINATORS


def get_paginator(client: Any, operation_name: str, asynchronous: bool = False) -> Paginator:
    """``client.get_paginator(name)``: a paginator over ``client.<name>``; for a
    ``fastiam.aio`` client (``asynchronous``, which the client itself says), an
    asynchronous one (aiobotocore's interface)."""
    config = PAGINATORS.get(operation_name)
    if config is None:
        from ..exceptions import OperationNotPageableError

        raise OperationNotPageableError(operation_name=operation_name)
    base = AioPaginator if asynchronous else Paginator
    return _named(base, operation_name)(getattr(client, operation_name), config)


@functools.cache
def _named(base: type, operation_name: str) -> type:
    """A subclass named as boto3 names its paginator classes, after the IAM
    operation, e.g. ``IAM.Paginator.ListVirtualMFADevices``, for reprs and tracebacks."""
    name = f"IAM.Paginator.{_native.WIRE_NAMES[operation_name]}"
    return type(name, (base,), {"__module__": __name__, "__qualname__": name})
