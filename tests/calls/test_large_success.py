"""Successes of 2 KiB and more: fastiam reads their body itself and the SDK gets
an empty result to build its unused output from (src/transport/success_body.rs).
However the body is framed (Content-Length, chunked, closed by the server) or
broken, the outcome is boto3's: result, or exception class and text."""

from __future__ import annotations

import pytest
from conftest import SERIAL
from support.scripted_server import Reply, list_mfa_device_tags_reply, wire_bytes

CALL = {"SerialNumber": SERIAL}
OPERATION = "list_mfa_device_tags"
NO_RETRIES = {"retries": {"total_max_attempts": 1}}


def large_reply() -> Reply:
    tags = [(f"key{i:03d}", f"value-{i:03d}-{'x' * 40}") for i in range(60)]
    reply = list_mfa_device_tags_reply(tags, True, "marker-1", "rid-large")
    assert len(reply.body) > 4096  # well past the 2 KiB from which the body is kept aside
    return reply


def chunked(reply: Reply, parts: int = 3) -> Reply:
    """The same reply with a chunked body, no Content-Length."""
    head = wire_bytes(Reply(status=reply.status, headers=reply.headers, body=b""))
    head = head.replace(b"Content-Length: 0\r\n", b"Transfer-Encoding: chunked\r\n")
    size = -(-len(reply.body) // parts)
    pieces = [reply.body[i : i + size] for i in range(0, len(reply.body), size)]
    body = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"
    return Reply(raw=head + body)


def both(parity, reply: Reply, config=None):
    outcomes = []
    for lib, make in (("boto3", parity.boto3_client), ("fastiam", parity.fastiam_client)):
        client = make(parity.server.url, config)
        parity.server.reset()
        parity.server.script(reply)
        outcomes.append(parity.invoke(lib, client, CALL, operation=OPERATION))
    parity.server.reset()
    return outcomes


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_large_result_is_boto3s(parity, framing):
    reply = large_reply() if framing == "content-length" else chunked(large_reply())

    boto, fast = both(parity, reply)

    assert boto.error is None
    assert len(boto.result["Tags"]) == 60
    parity.assert_same(boto, fast)


BROKEN = {
    "cut-in-a-member": lambda body: body[: body.index(b"</Value>", 3000)],
    "mismatched-close-tag": lambda body: body.replace(b"</Key>", b"</Kex>", 30),
    "junk-after-root": lambda body: body + b"junk",
}


@pytest.mark.parametrize("change", list(BROKEN.values()), ids=list(BROKEN))
def test_a_broken_large_body_fails_as_in_boto3(parity, change):
    reply = large_reply()
    reply.body = change(reply.body)

    boto, fast = both(parity, reply, NO_RETRIES)

    assert type(boto.error).__name__ == "ResponseParserError"
    parity.assert_same(boto, fast)
