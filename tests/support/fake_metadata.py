"""Fake credential sources on 127.0.0.1 (stdlib only): EC2 instance metadata
(IMDSv2), the container credentials endpoint, and STS AssumeRole.

One server answers all three, so a test points ``AWS_EC2_METADATA_SERVICE_ENDPOINT``,
``AWS_CONTAINER_CREDENTIALS_FULL_URI`` or ``AWS_ENDPOINT_URL_STS`` at ``url``; every
request is recorded (``requests``: method, path, lower-cased headers, body) so a
test can check how each client asked.

- IMDS: ``PUT /latest/api/token`` (needs the TTL header) gives a token; with it,
  ``GET /latest/meta-data/iam/security-credentials/`` names the role and
  ``GET .../security-credentials/<role>`` gives the keys. Without a token: 401.
- Container: ``GET /creds`` gives the keys (checks ``Authorization`` when
  ``container_token`` is set: 401 otherwise).
- STS: ``POST /`` with ``Action=AssumeRole`` gives an ``AssumeRoleResponse`` for
  ``role_keys``; ``Action=AssumeRoleWithWebIdentity`` likewise.
- Anything else: 404.
"""

from __future__ import annotations

import datetime
import json
import socket
import threading
from dataclasses import dataclass
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from .loopback import BackgroundServer, LoopbackHTTPServer, TrackedHandler

TOKEN = "fake-imds-token"
ROLE = "fake-instance-role"
CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/"
STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"


@dataclass(frozen=True)
class Keys:
    access_key_id: str
    secret_access_key: str = "fake-secret"
    token: str = "fake-session-token"


@dataclass
class MetadataRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)


def expiration(hours: float = 6) -> str:
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Handler(TrackedHandler):
    def _reply(
        self,
        status: int,
        body: str | bytes,
        content_type: str = "text/plain",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        payload = body.encode() if isinstance(body, str) else body
        self.send_response_only(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = MetadataRequest(
            self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
        )
        owner = self.server.owner
        owner._add(request)
        status, payload, content_type = owner._answer(request)
        # Real IMDS echoes the token's lifetime; the Rust SDK requires it.
        ttl = request.headers.get("x-aws-ec2-metadata-token-ttl-seconds")
        extra = (("X-aws-ec2-metadata-token-ttl-seconds", ttl),) if ttl and status == 200 else ()
        self._reply(status, payload, content_type, extra)

    do_GET = do_PUT = do_POST = _handle


class FakeCredentialServer(BackgroundServer):
    """IMDSv2 + container credentials + STS AssumeRole on one local port."""

    def __init__(
        self,
        instance_keys: Keys = Keys("AKIDINSTANCE"),
        container_keys: Keys = Keys("AKIDCONTAINER"),
        role_keys: Keys = Keys("AKIDASSUMEDROLE"),
        container_token: str | None = None,
    ) -> None:
        self.instance_keys = instance_keys
        self.container_keys = container_keys
        self.role_keys = role_keys
        self.container_token = container_token
        self._lock = threading.Lock()
        self._requests: list[MetadataRequest] = []

    def _make_server(self) -> LoopbackHTTPServer:
        return LoopbackHTTPServer(self, _Handler)

    @property
    def requests(self) -> list[MetadataRequest]:
        with self._lock:
            return list(self._requests)

    def paths(self) -> list[tuple[str, str]]:
        return [(r.method, r.path) for r in self.requests]

    def reset(self) -> None:
        with self._lock:
            self._requests = []

    def _add(self, request: MetadataRequest) -> None:
        with self._lock:
            self._requests.append(request)

    # -- answers ------------------------------------------------------------
    def _answer(self, request: MetadataRequest) -> tuple[int, str, str]:
        path = request.path.split("?", 1)[0]
        if request.method == "PUT" and path == "/latest/api/token":
            if "x-aws-ec2-metadata-token-ttl-seconds" not in request.headers:
                return 400, "missing TTL", "text/plain"
            return 200, TOKEN, "text/plain"
        if request.method == "GET" and path.startswith("/latest/"):
            if request.headers.get("x-aws-ec2-metadata-token") != TOKEN:
                return 401, "", "text/plain"
            if path == CREDENTIALS_PATH:
                return 200, ROLE, "text/plain"
            if path == CREDENTIALS_PATH + ROLE:
                return 200, json.dumps(self._instance_document()), "text/plain"
            return 404, "", "text/plain"
        if request.method == "GET" and path == "/creds":
            if self.container_token is not None and (
                request.headers.get("authorization") != self.container_token
            ):
                return 401, "", "application/json"
            keys = self.container_keys
            document = {
                "AccessKeyId": keys.access_key_id,
                "SecretAccessKey": keys.secret_access_key,
                "Token": keys.token,
                "Expiration": expiration(),
            }
            return 200, json.dumps(document), "application/json"
        if request.method == "POST" and path == "/":
            action = (request.form.get("Action") or [""])[0]
            if action in ("AssumeRole", "AssumeRoleWithWebIdentity"):
                return 200, self._assume_role_xml(action), "text/xml"
        return 404, "", "text/plain"

    def _instance_document(self) -> dict:
        keys = self.instance_keys
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "Code": "Success",
            "LastUpdated": now,
            "Type": "AWS-HMAC",
            "AccessKeyId": keys.access_key_id,
            "SecretAccessKey": keys.secret_access_key,
            "Token": keys.token,
            "Expiration": expiration(),
        }

    def _assume_role_xml(self, action: str) -> str:
        keys = self.role_keys
        return (
            f'<{action}Response xmlns="{STS_XMLNS}"><{action}Result>'
            "<AssumedRoleUser>"
            "<AssumedRoleId>AROAFAKE:session</AssumedRoleId>"
            "<Arn>arn:aws:sts::123456789012:assumed-role/fake/session</Arn>"
            "</AssumedRoleUser>"
            "<Credentials>"
            f"<AccessKeyId>{escape(keys.access_key_id)}</AccessKeyId>"
            f"<SecretAccessKey>{escape(keys.secret_access_key)}</SecretAccessKey>"
            f"<SessionToken>{escape(keys.token)}</SessionToken>"
            f"<Expiration>{expiration()}</Expiration>"
            "</Credentials>"
            f"</{action}Result>"
            "<ResponseMetadata><RequestId>sts-request</RequestId></ResponseMetadata>"
            f"</{action}Response>"
        )


def unreachable_url() -> str:
    """A 127.0.0.1 URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
