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
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LOCAL_HOSTS = ("127.0.0.1", "localhost")
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authorization", "proxy-authenticate",
    "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _ProxyServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, add=True)

    def finish(self) -> None:
        self.server.track(self.connection, add=False)
        super().finish()

    def log_message(self, format: str, *args: object) -> None:
        pass

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


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, owner: ProxyServer) -> None:
        self.owner = owner
        self.stopping = threading.Event()
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def track(self, conn: socket.socket, add: bool) -> None:
        with self._conns_lock:
            (self._conns.add if add else self._conns.discard)(conn)

    def drop_connections(self) -> None:
        with self._conns_lock:
            for conn in self._conns:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class ProxyServer:
    """The proxy on 127.0.0.1 (free port). ``url`` is ``http://127.0.0.1:PORT``."""

    def __init__(self, routes: dict[str, tuple[str, int]] | None = None) -> None:
        self.routes = dict(routes or {})
        self._lock = threading.Lock()
        self._records: list[ProxyRecord] = []
        self._httpd: _ProxyServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._httpd is not None, "call start() first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

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

    def start(self) -> ProxyServer:
        self._httpd = _ProxyServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.stopping.set()
        self._httpd.shutdown()
        self._httpd.drop_connections()
        self._httpd.server_close()
        self._thread.join()
        self._httpd = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
