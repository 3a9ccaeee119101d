"""Raw IAM responses -> botocore's result dict or exception.

fastiam's native core reads ordinary successes itself; every other response
comes here. This follows botocore's Query-protocol parser step by step (the
same ElementTree parsing, the same generic-error rule for 5xx pages, the same
dict shapes) because odd responses are where a drop-in replacement shows.
"""

from __future__ import annotations

import base64
import datetime
import email.utils
import http.client
import json
import re
import urllib.parse
import xml.etree.ElementTree as ETree

from . import _native, exceptions

_NAMESPACE = re.compile("{.*}")


def parse_response(
    operation_name: str,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    retry_attempts: int,
    max_attempts_reached: bool,
) -> dict:
    """Returns the result dict of a success, or raises the call's exception."""
    if status >= 301:
        parsed = _generic_error(status) if _is_generic_error(status, body) else _error(body)
    else:
        parsed = _success(operation_name, body)
    metadata = parsed.get("ResponseMetadata", {})
    metadata["HTTPStatusCode"] = status
    metadata["HTTPHeaders"] = _header_dict(headers)
    parsed["ResponseMetadata"] = metadata
    if status >= 301 and not _is_generic_error(status, body):
        parsed.update(_modeled_fields(parsed, body))
    if max_attempts_reached:
        metadata["MaxAttemptsReached"] = True
    metadata["RetryAttempts"] = retry_attempts
    if status >= 300:
        code = parsed.get("Error", {}).get("Code")
        raise exceptions.IAM_EXCEPTIONS.from_code(code)(parsed, operation_name)  # type: ignore[arg-type]
    return parsed


def _header_dict(headers: list[tuple[str, str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for name, value in headers:
        name = name.lower()
        result[name] = f"{result[name]}, {value}" if name in result else value
    return result


def _is_generic_error(status: int, body: bytes) -> bool:
    # An HTML page or nothing at all from a proxy or load balancer.
    if status < 500:
        return False
    stripped = body.strip()
    return stripped.startswith(b"<html>") or not stripped


def _generic_error(status: int) -> dict:
    return {
        "Error": {"Code": str(status), "Message": http.client.responses.get(status, "")},
        "ResponseMetadata": {},
    }


def _parse_xml(body: bytes) -> ETree.Element:
    try:
        parser = ETree.XMLParser(target=ETree.TreeBuilder(), encoding="utf-8")
        parser.feed(body)
        return parser.close()
    except ETree.ParseError as e:
        raise exceptions.ResponseParserError.create(
            f"Unable to parse response ({e}), "
            f"invalid XML received. Further retries may succeed:\n{body!r}"
        ) from None


def _tag(node: ETree.Element) -> str:
    return _NAMESPACE.sub("", node.tag)


def _children_by_name(node: ETree.Element) -> dict:
    # Repeated names become lists, as botocore's _build_name_to_xml_node does.
    mapping: dict = {}
    for child in node:
        key = _tag(child)
        if key not in mapping:
            mapping[key] = child
        elif isinstance(mapping[key], list):
            mapping[key].append(child)
        else:
            mapping[key] = [mapping[key], child]
    return mapping


def _to_dict(mapping: dict) -> dict:
    for key, node in mapping.items():
        first = node[0] if isinstance(node, list) else node
        mapping[key] = _to_dict(_children_by_name(first)) if list(node) else node.text
    return mapping


def _error(body: bytes) -> dict:
    parsed = _to_dict(_children_by_name(_parse_xml(body)))
    if "Errors" in parsed:
        parsed.update(parsed.pop("Errors"))
    if "RequestId" in parsed:
        parsed["ResponseMetadata"] = {"RequestId": parsed.pop("RequestId")}
    return parsed


def _success(operation_name: str, body: bytes) -> dict:
    root = _parse_xml(body)
    parsed: dict = {}
    shape = _native.OUTPUT_SHAPES.get(operation_name)
    if shape is not None and shape[1]:
        wrapper = _children_by_name(root).get(f"{operation_name}Result")
        if wrapper is None:
            raise exceptions.ResponseParserError.create(
                f"Unable to parse response: no {operation_name}Result element:\n{body!r}"
            )
        parsed = _structure(shape, wrapper)
    metadata = _children_by_name(root).get("ResponseMetadata")
    if metadata is not None:
        parsed["ResponseMetadata"] = {k: v.text for k, v in _children_by_name(metadata).items()}
    return parsed


# Result shapes come from the native module as nested tuples:
# ("structure", ((name, shape), ...)), ("list", item), ("map", key, value), or a
# scalar's name. Members absent from the XML are absent from the dict, and an
# empty element is "" / [] / {}, exactly as botocore's parser has it.


def _parse(shape, node):
    if isinstance(node, list):  # a repeated element: botocore reads the first
        node = node[0]
    if isinstance(shape, tuple):
        return _CONTAINERS[shape[0]](shape, node)
    text = node.text or ""
    return _SCALARS[shape](text)


def _structure(shape, node) -> dict:
    children = _children_by_name(node)
    parsed = {}
    for name, member in shape[1]:
        child = children.get(name)
        if child is not None:
            parsed[name] = _parse(member, child)
    return parsed


def _list(shape, node) -> list:
    return [_parse(shape[1], item) for item in node]


def _map(shape, node) -> dict:
    parsed = {}
    for entry in node:
        pair = {_tag(child): child for child in entry}
        key, value = pair.get("key"), pair.get("value")
        if key is not None and value is not None:
            parsed[_parse(shape[1], key)] = _parse(shape[2], value)
    return parsed


def _timestamp(text: str) -> datetime.datetime:
    """ISO 8601 (what IAM sends), epoch seconds or RFC 822, as an aware datetime."""
    try:
        return datetime.datetime.fromtimestamp(float(text), datetime.timezone.utc)
    except ValueError:
        pass
    match = _ISO_8601.fullmatch(text.strip())
    if match is None:
        parsed = email.utils.parsedate_to_datetime(text)
    else:
        date, fraction, zone = match.groups()
        micros = (fraction or "")[1:7].ljust(6, "0")
        if zone in (None, "Z", "z"):
            zone = "+00:00"
        elif ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        parsed = datetime.datetime.fromisoformat(f"{date}.{micros}{zone}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed


_ISO_8601 = re.compile(r"(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d)(\.\d+)?(Z|z|[+-]\d\d:?\d\d)?")


def policy_document(text):
    """A URL-encoded policy document, decoded as botocore's json_decode_policies
    does (the value itself when it is no JSON text)."""
    try:
        return json.loads(urllib.parse.unquote(text))
    except (ValueError, TypeError):
        return text


_CONTAINERS = {"structure": _structure, "list": _list, "map": _map}
_SCALARS = {
    "string": str,
    "policy": policy_document,
    "boolean": lambda text: text == "true",
    "integer": int,
    "timestamp": _timestamp,
    "blob": base64.b64decode,
}


def _modeled_fields(parsed: dict, body: bytes) -> dict:
    """The members of a modeled error's shape (IAM's all have just ``message``),
    read from the ``<Error>`` element and merged into the response as botocore does."""
    code = parsed.get("Error", {}).get("Code")
    if code not in exceptions.MODELED_CODES:
        return {}
    root = _parse_xml(body)
    if _tag(root) == "ErrorResponse":
        root = next((child for child in root if _tag(child) == "Error"), root)
    node = _children_by_name(root).get("message")
    if node is None:
        return {}
    node = node[0] if isinstance(node, list) else node
    return {"message": node.text or ""}
