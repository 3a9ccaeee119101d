"""A fast fake IAM that counts every request by its id (stdlib asyncio only).

The load, process-fault and soak tests need a server that keeps up with
thousands of calls a second and can say afterwards which requests it saw and
how often. The scripted server (a ThreadingHTTPServer: one thread per
connection, a full ``BaseHTTPRequestHandler`` per request) tops out well below
fastiam; this one is a single asyncio protocol speaking just enough HTTP/1.1
(keep-alive, Content-Length bodies) and runs in a process of its own, so its
work never competes with the client under test for that process's GIL.

A request's *id* is its UserName (else SerialNumber, else
VirtualMFADeviceName). The reply's RequestId is ``req-<id>-<n>``, ``n`` being
how many times the server has now seen that id, so a caller can check that the
answer it got is the answer to its own request, sent once. Prefixes of the id
choose the answer:

- ``err-...``: NoSuchEntity (404), real IAM's error body;
- ``busy-...``: 503 (ServiceUnavailable) the first time the id is seen, then
  the normal answer (a retried call);
- ``down-...``: 503 every time (a call that retries until its budget is spent);
- ``slow<ms>-...``: the answer the rest of the id chooses, after ``<ms>``
  milliseconds (``slow500-err-x``: NoSuchEntity after half a second);
- anything else: success. ListMFADevices gets one device, other operations
  their empty ``<ResponseMetadata>`` success.

``GET /__stats`` answers ``{"requests": N, "distinct": K, "repeated": {id: n}}``
(``?ids=1`` adds ``"ids": {id: n}`` for every id); ``POST /__reset`` forgets
everything. Run ``python tests/support/counting_server.py``: it prints its URL, serves
until stdin closes, then prints the final stats. ``CountingServer`` does that
from a test or a benchmark.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"
ID_FIELDS = ("UserName", "SerialNumber", "VirtualMFADeviceName")
SLOW = re.compile(r"slow(\d+)-")

_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 503: "Service Unavailable"}


def request_id(ident: str, seen: int) -> str:
    """The RequestId the server answers the ``seen``-th request for ``ident`` with."""
    return f"req-{ident}-{seen}"


def _success(action: str, rid: str, ident: str) -> bytes:
    result = ""
    if action == "ListMFADevices":
        result = (
            f"<ListMFADevicesResult><MFADevices><member><UserName>{escape(ident)}</UserName>"
            f"<SerialNumber>arn:aws:iam::123456789012:mfa/{escape(ident)}</SerialNumber>"
            "<EnableDate>2024-05-01T12:00:00Z</EnableDate></member></MFADevices>"
            "<IsTruncated>false</IsTruncated></ListMFADevicesResult>"
        )
    return (
        f'<{action}Response xmlns="{IAM_XMLNS}">{result}'
        f"<ResponseMetadata><RequestId>{escape(rid)}</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    ).encode()


def _error(code: str, message: str, kind: str, rid: str) -> bytes:
    return (
        f'<ErrorResponse xmlns="{IAM_XMLNS}"><Error><Type>{kind}</Type>'
        f"<Code>{code}</Code><Message>{escape(message)}</Message></Error>"
        f"<RequestId>{escape(rid)}</RequestId></ErrorResponse>"
    ).encode()


def _response(status: int, body: bytes, rid: str | None, content_type: str = "text/xml") -> bytes:
    head = f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}\r\n"
    if rid is not None:
        head += f"x-amzn-RequestId: {rid}\r\n"
    head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


class Counts:
    def __init__(self) -> None:
        self.requests = 0
        self.seen: Counter[str] = Counter()

    def stats(self, with_ids: bool) -> dict:
        shown = {
            "requests": self.requests,
            "distinct": len(self.seen),
            "repeated": {k: n for k, n in self.seen.items() if n > 1},
        }
        if with_ids:
            shown["ids"] = dict(self.seen)
        return shown


class _Connection(asyncio.Protocol):
    def __init__(self, counts: Counts) -> None:
        self.counts = counts
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.waiting = False  # a delayed answer is pending: keep requests in order

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._serve()

    def _serve(self) -> None:
        while not self.waiting and self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if "chunked" in headers.get("transfer-encoding", "").lower():
                self.transport.write(_response(400, b"chunked bodies are not supported", None))
                self.transport.close()
                return
            size = int(headers.get("content-length") or 0)
            if len(self.buffer) < end + 4 + size:
                return
            body = bytes(self.buffer[end + 4 : end + 4 + size])
            del self.buffer[: end + 4 + size]
            method, _, rest = head[0].partition(" ")
            target = rest.rpartition(" ")[0]
            close = headers.get("connection", "").lower() == "close"
            self._answer(method, target, body, close)

    def _answer(self, method: str, target: str, body: bytes, close: bool) -> None:
        if target.startswith("/__stats"):
            payload = json.dumps(self.counts.stats("ids=1" in target)).encode()
            self._send(_response(200, payload, None, "application/json"), close)
            return
        if target.startswith("/__reset"):
            self.counts.requests = 0
            self.counts.seen.clear()
            self._send(_response(200, b"{}", None, "application/json"), close)
            return
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        ident = next((form[name] for name in ID_FIELDS if name in form), "")
        action = form.get("Action", "Unknown")
        self.counts.requests += 1
        self.counts.seen[ident] += 1
        seen = self.counts.seen[ident]
        rid = request_id(ident, seen)
        slow = SLOW.match(ident)
        kind = ident[slow.end() :] if slow else ident
        if kind.startswith("err-"):
            reply = _response(404, _error("NoSuchEntity", f"{ident} not found", "Sender", rid), rid)
        elif kind.startswith("down-") or (kind.startswith("busy-") and seen == 1):
            reply = _response(503, _error("ServiceUnavailable", "busy", "Receiver", rid), rid)
        else:
            reply = _response(200, _success(action, rid, ident), rid)
        if slow:
            self.waiting = True
            asyncio.get_running_loop().call_later(
                int(slow.group(1)) / 1000, self._send_later, reply, close
            )
        else:
            self._send(reply, close)

    def _send(self, reply: bytes, close: bool) -> None:
        if self.transport is None:
            return
        self.transport.write(reply)
        if close:
            self.transport.close()

    def _send_later(self, reply: bytes, close: bool) -> None:
        self.waiting = False
        self._send(reply, close)
        self._serve()


async def _serve_until_stdin_closes() -> Counts:
    counts = Counts()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Connection(counts), "127.0.0.1", 0, backlog=4096, reuse_address=True
    )
    port = server.sockets[0].getsockname()[1]
    print(f"http://127.0.0.1:{port}", flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()
    return counts


def main() -> None:
    counts = asyncio.run(_serve_until_stdin_closes())
    print(json.dumps(counts.stats(with_ids=False)), flush=True)


class CountingServer:
    """The counting server in a child process: ``with CountingServer() as server:``
    then ``server.url``, ``server.stats()``, ``server.reset()``."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> CountingServer:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            raise RuntimeError("the counting server did not start")
        return self

    def _get(self, path: str, method: str = "GET") -> dict:
        request = urllib.request.Request(self.url + path, method=method, data=b"")
        if method == "GET":
            request.data = None
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def stats(self, ids: bool = False) -> dict:
        return self._get("/__stats?ids=1" if ids else "/__stats")

    def reset(self) -> None:
        self._get("/__reset", method="POST")

    def stop(self) -> dict | None:
        """Stops the server; returns its final stats (None if it had died)."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        final = None
        try:
            process.stdin.close()
            line = process.stdout.readline()
            final = json.loads(line) if line.strip() else None
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
        return final

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    main()
