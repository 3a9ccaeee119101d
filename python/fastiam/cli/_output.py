"""The AWS CLI's output of a result: json, text or off, with --query applied."""

from __future__ import annotations

import base64
import datetime
import json
import os
import sys

# Not `from typing import ...`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from typing import Any


def render(response: Any, options: argparse.Namespace) -> str:
    """The AWS CLI's output: a paged response as one result (in text, page by
    page), without ResponseMetadata, timestamps in ISO 8601, blobs in base64."""
    if options.output == "text":
        pages = [response] if isinstance(response, dict) else _text_pages(response)
        return "".join(_text(_shown(page, options)) for page in pages)
    full = response if isinstance(response, dict) else response.build_full_result()
    data = _shown(full, options)
    if options.output == "off" or data == {}:
        return ""
    return json.dumps(data, indent=4, ensure_ascii=False) + "\n"


def _shown(response: dict[str, Any], options: argparse.Namespace) -> Any:
    data = _plain({key: value for key, value in response.items() if key != "ResponseMetadata"})
    return data if options.query is None else options.query.search(data)


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO 8601 text, bytes as base64 text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _text_pages(pages: Any) -> Iterator[dict[str, Any]]:
    """Each page's result keys, then the NextToken: the AWS CLI's text output
    of a paged response is printed page by page."""
    for index, page in enumerate(pages):
        current = dict(pages.non_aggregate_part) if index == 0 else {}
        for key in pages.result_keys:  # IAM's result keys are plain names
            current[key.expression] = key.search(page)
        yield current
    if pages.resume_token:
        yield {"NextToken": {"NextToken": pages.resume_token}}


def _text(item: Any, identifier: str | None = None, columns: list[str] | None = None) -> str:
    """The AWS CLI's text format: a dict's scalars on one tab-separated line
    (prefixed with the upper-cased key it sits under), then its other values."""
    if isinstance(item, dict):
        if columns is None:
            columns = sorted(key for key, value in item.items() if not _nested(value))
        scalars = [str(item.get(key, "")) for key in columns]
        line = "\t".join(([] if identifier is None else [identifier.upper()]) + scalars)
        nested = sorted(set(item) - set(columns))
        return (f"{line}\n" if scalars else "") + "".join(_text(item[k], k) for k in nested)
    if isinstance(item, list):
        if any(isinstance(element, dict) for element in item):
            # A list of dicts shares one set of columns: every scalar key of any of them.
            shared = sorted(
                {k for d in item if isinstance(d, dict) for k, v in d.items() if not _nested(v)}
            )
            return "".join(_text(element, identifier, shared) for element in item)
        scalars = [element for element in item if not _nested(element)]
        out = ""
        if scalars and identifier is not None:
            out = "".join(f"{identifier.upper()}\t{element}\n" for element in scalars)
        elif scalars:
            out = "\t".join(str(element) for element in scalars) + "\n"
        return out + "".join(_text(element, identifier) for element in item if _nested(element))
    return f"{item}\n"


def _nested(value: Any) -> bool:
    return isinstance(value, (dict, list))


def write(text: str) -> None:
    """Writes ``text`` to stdout; a reader that went away is no error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): as the AWS CLI, not an error. Point
        # stdout at devnull so that the flush at exit does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
