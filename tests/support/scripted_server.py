"""A scripted fake IAM endpoint for tests (stdlib only).

moto can only ever answer EnableMFADevice with success, NoSuchEntity or
EntityAlreadyExists, so every other outcome (the other modeled errors, 5xx,
odd bodies, stalls, dropped connections) is played from a script by this
server, with the XML shapes real IAM sends (AWS Query protocol).
"""

from __future__ import annotations

import io
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from .loopback import BackgroundServer, LoopbackHTTPServer, TrackedHandler

IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"
DEFAULT_REQUEST_ID = "00000000-0000-4000-8000-000000000000"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    # Sent verbatim and in order (boto3 reports response headers in wire
    # order); Content-Length is added unless given. No Server/Date headers are
    # added, so tests can compare HTTPHeaders exactly.
    headers: list[tuple[str, str]] = field(default_factory=list)
    # Seconds to wait before sending anything (read-timeout tests).
    delay: float = 0.0
    # Close the connection without answering (after any delay).
    close: bool = False
    # Broken-server knobs (tests/reliability/test_broken_servers.py); the defaults leave a
    # reply as above. ``raw``: the whole response (status line, headers, body)
    # sent verbatim instead of status/headers/body (nothing added).
    raw: bytes | None = None
    # Seconds between single bytes of the response (a slow drip).
    drip: float = 0.0
    # Reset the connection (TCP RST) once this many bytes of the response are
    # out (0: before the status line); after a short pause, so that the client
    # has read what was sent.
    reset_after: int | None = None
    # Close the connection once the response is sent (close-delimited bodies,
    # bodies shorter than their Content-Length).
    close_after: bool = False
    # Stop sending once this many bytes of the response are out, and stay
    # silent with the connection open (until the client hangs up or reset()).
    stall_after: int | None = None
    # Stray bytes sent 0.2 s after the complete response, on the same
    # connection (where a client that reuses it reads them first).
    late: bytes = b""

    @property
    def broken(self) -> bool:
        """Any broken-server knob is set (then wire_bytes() is written by hand)."""
        knobs = (self.raw, self.reset_after, self.stall_after)
        return any(k is not None for k in knobs) or bool(self.drip or self.close_after or self.late)


def wire_bytes(reply: Reply, version: str = "HTTP/1.1") -> bytes:
    """The bytes the server sends for ``reply`` (``raw`` as it is)."""
    if reply.raw is not None:
        return reply.raw
    phrase = BaseHTTPRequestHandler.responses.get(reply.status, ("",))[0]
    lines = [f"{version} {reply.status} {phrase}"]
    lines += [f"{name}: {value}" for name, value in reply.headers]
    if "content-length" not in {name.lower() for name, _ in reply.headers}:
        lines.append(f"Content-Length: {len(reply.body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + reply.body


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    form: dict[str, list[str]]  # parse_qs of the body, blank values kept
    # Set when the client hangs up while its reply is delayed (a cancelled call).
    client_closed: threading.Event = field(default_factory=threading.Event, compare=False)
    # Set by reset(): a reply stalled on purpose (``stall_after``, ``hold()``) ends.
    released: threading.Event = field(default_factory=threading.Event, compare=False)


def _xml_reply(status: int, xml: str, request_id: str | None) -> Reply:
    # Real IAM sends the request id both as a header and in the body.
    headers = [("x-amzn-RequestId", request_id)] if request_id is not None else []
    headers.append(("Content-Type", "text/xml"))
    return Reply(status=status, body=xml.encode(), headers=headers)


def success_reply(request_id: str = DEFAULT_REQUEST_ID) -> Reply:
    """EnableMFADevice has no output shape: only ResponseMetadata."""
    return empty_success_reply("EnableMFADevice", request_id)


def result_reply(operation: str, result: str | None, request_id: str = DEFAULT_REQUEST_ID) -> Reply:
    """``<{operation}Response><{operation}Result>{result}</...Result>
    <ResponseMetadata>...`` as real IAM sends it; ``result`` is inner XML,
    already escaped (None: no Result element, as for operations without output)."""
    inner = "" if result is None else f"<{operation}Result>{result}</{operation}Result>"
    xml = (
        f'<{operation}Response xmlns="{IAM_XMLNS}">{inner}'
        f"<ResponseMetadata><RequestId>{escape(request_id)}</RequestId></ResponseMetadata>"
        f"</{operation}Response>"
    )
    return _xml_reply(200, xml, request_id)


def empty_success_reply(operation: str, request_id: str = DEFAULT_REQUEST_ID) -> Reply:
    """Success of an operation without an output shape (EnableMFADevice,
    DeactivateMFADevice, DeleteVirtualMFADevice, ResyncMFADevice, TagMFADevice,
    UntagMFADevice): only ResponseMetadata."""
    return result_reply(operation, None, request_id)


def _element(name: str, value: str | None) -> str:
    return "" if value is None else f"<{name}>{escape(value)}</{name}>"


def _truncation(is_truncated: bool | None, marker: str | None) -> str:
    shown = None if is_truncated is None else ("true" if is_truncated else "false")
    return _element("IsTruncated", shown) + _element("Marker", marker)


def get_mfa_device_reply(
    serial_number: str | None = "arn:aws:iam::123456789012:mfa/alice",
    user_name: str | None = None,
    enable_date: str | None = None,
    certifications: dict[str, str] | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
) -> Reply:
    """GetMFADevice: UserName, SerialNumber, EnableDate (ISO 8601 text, as
    sent), Certifications (a map: ``<entry><key/><value/></entry>``). None
    leaves an element out; ``certifications={}`` sends an empty element."""
    if certifications is None:
        certs = ""
    else:
        entries = "".join(
            f"<entry><key>{escape(key)}</key><value>{escape(value)}</value></entry>"
            for key, value in certifications.items()
        )
        certs = f"<Certifications>{entries}</Certifications>"
    result = (
        _element("UserName", user_name)
        + _element("SerialNumber", serial_number)
        + _element("EnableDate", enable_date)
        + certs
    )
    return result_reply("GetMFADevice", result, request_id)


def resync_mfa_device_reply(request_id: str = DEFAULT_REQUEST_ID) -> Reply:
    return empty_success_reply("ResyncMFADevice", request_id)


def tag_mfa_device_reply(request_id: str = DEFAULT_REQUEST_ID) -> Reply:
    return empty_success_reply("TagMFADevice", request_id)


def untag_mfa_device_reply(request_id: str = DEFAULT_REQUEST_ID) -> Reply:
    return empty_success_reply("UntagMFADevice", request_id)


def tags_xml(tags: list[tuple[str, str]] | None) -> str:
    """A tagListType: ``<Tags><member><Key/><Value/></member>...</Tags>``
    (``[]``: an empty ``<Tags/>``; None: nothing)."""
    if tags is None:
        return ""
    if not tags:
        return "<Tags/>"
    members = "".join(
        f"<member><Key>{escape(key)}</Key><Value>{escape(value)}</Value></member>"
        for key, value in tags
    )
    return f"<Tags>{members}</Tags>"


def list_mfa_device_tags_reply(
    tags: list[tuple[str, str]] | None = (),
    is_truncated: bool | None = False,
    marker: str | None = None,
    request_id: str = DEFAULT_REQUEST_ID,
) -> Reply:
    """ListMFADeviceTags: Tags (key, value pairs; None leaves the element
    out), IsTruncated (None: left out), Marker (None: left out)."""
    listed = None if tags is None else list(tags)
    result = tags_xml(listed) + _truncation(is_truncated, marker)
    return result_reply("ListMFADeviceTags", result, request_id)


def error_reply(
    code: str,
    message: str,
    status: int,
    type: str = "Sender",  # real IAM: "Sender" for 4xx, "Receiver" for ServiceFailure
    request_id: str = DEFAULT_REQUEST_ID,
) -> Reply:
    """Real IAM's error body (unlike moto's, no extra lower-case <message>)."""
    xml = (
        f'<ErrorResponse xmlns="{IAM_XMLNS}"><Error><Type>{escape(type)}</Type>'
        f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
        f"<RequestId>{escape(request_id)}</RequestId></ErrorResponse>"
    )
    return _xml_reply(status, xml, request_id)


class _Handler(TrackedHandler):
    def handle(self) -> None:
        request = self.server.owner._take_hold()
        if request is None:
            super().handle()
        else:  # a new connection: accepted, never read, never answered
            self._hold(request)

    def _hold(self, request: Request) -> None:
        """Silence until the client hangs up (seen with TCP_INFO, as unread
        bytes would hide its FIN from a peek), reset() or stop()."""
        while not (request.released.is_set() or self.server.stopping.wait(0.02)):
            if _peer_closed(self.connection):
                request.client_closed.set()
                break
        self.close_connection = True

    def do_POST(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = Request(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            form=parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True),
        )
        held = self.server.owner._take_hold(request)
        if held is not None:  # on a kept-alive connection: read, never answered
            self._hold(held)
            return
        # Recorded before any delay, so a stalled attempt still counts.
        reply = self.server.owner._record_and_pick(request)
        if reply.delay and not self._wait(reply.delay, request):
            reply = Reply(close=True)
        if reply.close:
            self.close_connection = True
            return
        if reply.broken:
            self._send_broken(reply, request)
            return
        self.send_response_only(reply.status)  # also sends the standard reason phrase
        names = {name.lower() for name, _ in reply.headers}
        for name, value in reply.headers:
            self.send_header(name, value)
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def _send_broken(self, reply: Reply, request: Request) -> None:
        data = wire_bytes(reply)
        cut = min(n for n in (reply.reset_after, reply.stall_after, len(data)) if n is not None)
        try:
            if reply.drip:
                for index in range(cut):
                    if index and not self._wait(reply.drip, request):
                        self.close_connection = True
                        return
                    self.wfile.write(data[index : index + 1])
            else:
                self.wfile.write(data[:cut])
        except OSError:  # the client hung up (e.g. its read timeout)
            self.close_connection = True
            return
        if cut < len(data) and reply.reset_after == cut:
            self._wait(0.05 if cut else 0.0, request)
            self._reset()
        elif cut < len(data):  # stall_after
            self._wait(3600.0, request, until_reset=True)
            self.close_connection = True
        elif reply.late and self._wait(0.2, request):
            self.wfile.write(reply.late)
        if reply.close_after:
            self.close_connection = True

    def _reset(self) -> None:
        """Closes the connection with a TCP RST rather than a FIN."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # The socket is really closed (and the RST sent) only once its file
        # objects are closed too; socketserver's later shutdown/close are no-ops.
        self.rfile.close()
        self.wfile.close()
        self.wfile = io.BytesIO()  # http.server flushes it after the handler
        self.connection.close()

    def _wait(self, delay: float, request: Request, until_reset: bool = False) -> bool:
        """Sleeps ``delay`` seconds; False if stop() or the client ends it first."""
        deadline = time.monotonic() + delay
        while (left := deadline - time.monotonic()) > 0:
            # An Event wait rather than sleep(), so stop() cuts the delay short.
            if self.server.stopping.wait(min(left, 0.02)):
                return False
            if until_reset and request.released.is_set():
                return False
            try:
                hung_up = not self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
            except BlockingIOError:
                hung_up = False  # still connected, nothing to read
            if hung_up:
                request.client_closed.set()
                return False
        return True


def _peer_closed(conn: socket.socket) -> bool:
    """The client closed its side (the socket is in CLOSE_WAIT, or gone)."""
    try:
        state = conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0]
    except OSError:
        return True
    return state in (7, 8)  # TCP_CLOSE, TCP_CLOSE_WAIT (Linux)


class ScriptedServer(BackgroundServer):
    """Fake IAM on 127.0.0.1 (free port). ``script()`` what to answer, then
    check ``requests`` to count attempts or prove nothing was sent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: list[Reply] = []
        self._requests: list[Request] = []
        self._holds = 0

    def _make_server(self) -> LoopbackHTTPServer:
        return LoopbackHTTPServer(self, _Handler)

    def script(self, *replies: Reply) -> None:
        """Replies are used one per request; the last one then repeats."""
        with self._lock:
            self._script = list(replies)

    def reset(self) -> None:
        with self._lock:
            for request in self._requests:
                request.released.set()
            self._script = []
            self._requests = []
            self._holds = 0

    def hold(self, attempts: int) -> None:
        """The next ``attempts`` requests get no answer at all, and the script
        applies to the ones after them. One that opens a new connection is not
        even read (it is recorded with method ""); one on a kept-alive
        connection (clients may pool connections across client objects) is
        read first. Each stays silent until the client hangs up or reset()."""
        with self._lock:
            self._holds = attempts

    def _take_hold(self, request: Request | None = None) -> Request | None:
        with self._lock:
            if not self._holds:
                return None
            self._holds -= 1
            if request is None:
                request = Request(method="", path="", headers={}, body=b"", form={})
            self._requests.append(request)
            return request

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        """Waits until at least ``count`` requests arrived; False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.requests) >= count:
                return True
            time.sleep(0.005)
        return len(self.requests) >= count

    def _record_and_pick(self, request: Request) -> Reply:
        with self._lock:
            self._requests.append(request)
            if not self._script:
                return success_reply()
            return self._script.pop(0) if len(self._script) > 1 else self._script[0]


def main() -> None:
    """Serves until stdin closes, then prints how many requests arrived: the
    server in a process of its own, for tests whose timing its threads (and
    their hold on this process's GIL) would skew."""
    server = ScriptedServer().start()
    print(server.url, flush=True)
    sys.stdin.read()
    print(len(server.requests), flush=True)
    server.stop()


if __name__ == "__main__":
    main()
