"""A small forward HTTP proxy for tests (stdlib only), bound to 127.0.0.1.

- ``GET/POST http://host:port/path`` (absolute-form, plain-HTTP proxying): the
  request is re-sent in origin form to the target and the answer relayed.
- ``CONNECT host:port``: a byte tunnel to the target (HTTPS through a proxy).

Every request that reaches the proxy is recorded (``records``). ``routes`` maps a
``"host:port"`` target to the ``(ip, port)`` actually dialled, so a test can send
``iam.amazonaws.com:443`` to a local TLS server; a target that is neither routed
nor on 127.0.0.1/localhost is refused with 502: nothing ever leaves the machine.
"""

from __future__ import annotations

import http.client
import selectors
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from .loopback import BackgroundServer, LoopbackHTTPServer, TrackedHandler

LOCAL_HOSTS = ("127.0.0.1", "localhost")
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-authenticate",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


@dataclass
class ProxyRecord:
    method: str  # "CONNECT", "POST", ...
    target: str  # "host:port" for CONNECT, the absolute URL otherwise
    headers: dict[str, str]  # names lower-cased

    @property
    def host(self) -> str:
        """The target's host name (no port)."""
        if self.method == "CONNECT":
            return self.target.rsplit(":", 1)[0].strip("[]")
        return urlsplit(self.target).hostname or ""


class _Handler(TrackedHandler):
    def _record(self) -> None:
        self.server.owner._add(
            ProxyRecord(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
        )

    def _refuse(self, status: int, why: str) -> None:
        body = why.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    # -- CONNECT: tunnel ---------------------------------------------------
    def do_CONNECT(self) -> None:
        self._record()
        host, _, port = self.path.rpartition(":")
        address = self.server.owner._dial_address(host.strip("[]"), int(port or 443))
        if address is None:
            return self._refuse(502, f"proxy refuses to reach {self.path}")
        try:
            upstream = socket.create_connection(address, timeout=5)
        except OSError as error:
            return self._refuse(502, f"cannot reach {address}: {error}")
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        self._pipe(self.connection, upstream)

    def _pipe(self, client: socket.socket, upstream: socket.socket) -> None:
        stopping = self.server.stopping
        # selectors (epoll), not select(): descriptors can exceed 1024 when a
        # test holds many connections open.
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            upstream.settimeout(None)
            while not stopping.is_set():
                for key, _ in selector.select(0.05):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            upstream.close()

    # -- absolute-form: forward --------------------------------------------
    def _forward(self) -> None:
        self._record()
        target = urlsplit(self.path)
        if target.scheme != "http" or not target.hostname:
            return self._refuse(400, f"not an absolute http:// URL: {self.path}")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        address = self.server.owner._dial_address(target.hostname, target.port or 80)
        if address is None:
            return self._refuse(502, f"proxy refuses to reach {self.path}")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        path = target.path or "/"
        if target.query:
            path += "?" + target.query
        upstream = http.client.HTTPConnection(*address, timeout=30)
        try:
            upstream.request(self.command, path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
        except OSError as error:
            return self._refuse(502, f"upstream failed: {error}")
        finally:
            upstream.close()
        self.send_response_only(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


class ProxyServer(BackgroundServer):
    """The proxy on 127.0.0.1 (free port). ``url`` is ``http://127.0.0.1:PORT``."""

    def __init__(self, routes: dict[str, tuple[str, int]] | None = None) -> None:
        self.routes = dict(routes or {})
        self._lock = threading.Lock()
        self._records: list[ProxyRecord] = []

    def _make_server(self) -> LoopbackHTTPServer:
        return LoopbackHTTPServer(self, _Handler)

    @property
    def records(self) -> list[ProxyRecord]:
        with self._lock:
            return list(self._records)

    def reset(self) -> None:
        with self._lock:
            self._records = []

    def _add(self, record: ProxyRecord) -> None:
        with self._lock:
            self._records.append(record)

    def _dial_address(self, host: str, port: int) -> tuple[str, int] | None:
        with self._lock:
            routed = self.routes.get(f"{host}:{port}")
        if routed is not None:
            return routed
        if host in LOCAL_HOSTS:
            return ("127.0.0.1", port)
        return None
