"""Raw IAM responses -> botocore's result dict or exception.

fastiam's native core reads ordinary successes itself; every other response
comes here. This follows botocore's Query-protocol parser step by step (the
same ElementTree parsing, the same generic-error rule for 5xx pages, the same
dict shapes) because odd responses are where a drop-in replacement shows.
"""

from __future__ import annotations

import http.client
import re
import xml.etree.ElementTree as ETree

from . import exceptions

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
        parsed = _success(body)
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
        raise exceptions.IAM_EXCEPTIONS.from_code(code)(parsed, operation_name)
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
            f"invalid XML received. Further retries may succeed:\n{body}"
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


def _success(body: bytes) -> dict:
    root = _parse_xml(body)
    metadata = _children_by_name(root).get("ResponseMetadata")
    if metadata is None:
        return {}
    return {"ResponseMetadata": {k: v.text for k, v in _children_by_name(metadata).items()}}


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
