"""What fetched pages add up to: build_full_result(), search() and result-key items.

Pure functions of fetched pages, shared by the sync and the async page
iterators: they differ only in how they get the pages (the async
build_full_result awaits them all, then joins them here).
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._keys import Key


def found(compiled: Any, page: dict) -> list:
    """What ``search()`` yields for ``page``: a list result's items one by
    one, any other result as it is."""
    result = compiled.search(page)
    return result if isinstance(result, list) else [result]


def result_items(result_key: Key, page: dict) -> list:
    """The items of ``page`` at ``result_key`` (none when it is missing)."""
    items = result_key.search(page)
    return [] if items is None else items


def full_result(
    pages: list[dict],
    result_keys: list[Key],
    non_aggregate_part: dict,
    resume_token: str | None,
) -> dict:
    """``build_full_result()`` of a pass's ``pages``: the result keys of
    every page joined into one dict, the non-aggregate part of the first
    page, and ``NextToken`` if MaxItems stopped the pass."""
    result: dict = {}
    for page in pages:
        for key in result_keys:
            value = key.search(page)
            if value is None:
                continue
            so_far = key.search(result)
            if so_far is None:
                key.put(result, value)
            elif isinstance(value, list):
                so_far.extend(value)
            elif isinstance(value, (int, float, str)):
                key.put(result, so_far + value)
    _merge(result, non_aggregate_part)
    if resume_token is not None:
        result["NextToken"] = resume_token
    return result


def _merge(into: dict, extra: dict) -> None:
    """Deep update, as botocore's ``merge_dicts``: nested dicts are merged,
    anything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
