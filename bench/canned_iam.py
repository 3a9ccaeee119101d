"""A local IAM endpoint much faster than any client: nginx answering every
request with a canned EnableMFADevice success (Debian's nginx; no root files
touched: config, logs and temp files live in a temporary directory).

    with CannedIAM() as url: ...
    with CannedIAM(tls=True) as canned: canned.tls_url, canned.ca_file

With ``tls=True`` the same answers also come over HTTPS on a second port, with a
certificate from a throw-away CA made by openssl (clients trust ``ca_file``).
An endpoint URL ending in ``/list-mfa-devices`` gets a canned ListMFADevices
answer instead (one device), for the CLI comparison; ``/large/list-users`` and
``/large/list-virtual-mfa-devices`` a page of 1,000 (bench/large_bodies.py), served
from files (nginx answers a POST to a static file through ``error_page 405``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from large_bodies import LARGE

REQUEST_ID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"
BODY = (
    '<EnableMFADeviceResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
    f"<ResponseMetadata><RequestId>{REQUEST_ID}</RequestId></ResponseMetadata>"
    "</EnableMFADeviceResponse>"
)

LIST_BODY = (
    '<ListMFADevicesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
    "<ListMFADevicesResult><IsTruncated>false</IsTruncated><MFADevices><member>"
    "<UserName>alice</UserName><SerialNumber>arn:aws:iam::123456789012:mfa/alice</SerialNumber>"
    "<EnableDate>2024-05-06T07:08:09Z</EnableDate></member></MFADevices></ListMFADevicesResult>"
    f"<ResponseMetadata><RequestId>{REQUEST_ID}</RequestId></ResponseMetadata>"
    "</ListMFADevicesResponse>"
)

CONFIG = """
daemon off;
master_process on;
worker_processes 1;
user root;
pid {dir}/nginx.pid;
error_log {dir}/error.log error;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        {tls}
        location / {{
            default_type text/xml;
            add_header x-amzn-RequestId {request_id};
            return 200 '{body}';
        }}
        location /large/ {{
            # The SDK alone (bench/sdk_floor) sends to the endpoint's path plus "/".
            rewrite ^(/large/[^/]+)/$ $1 break;
            root {dir};
            default_type text/xml;
            add_header x-amzn-RequestId {request_id} always;
            error_page 405 =200 $uri;
        }}
        location /list-mfa-devices {{
            default_type text/xml;
            add_header x-amzn-RequestId {request_id};
            return 200 '{list_body}';
        }}
    }}
}}
"""
TLS = """listen 127.0.0.1:{tls_port} ssl backlog=4096;
        ssl_certificate {dir}/server.pem;
        ssl_certificate_key {dir}/server.key;"""


def make_certificates(directory: Path) -> None:
    """``ca.pem`` and a ``server.pem``/``server.key`` it signed for 127.0.0.1 (rustls
    refuses a self-signed certificate used directly as the server's)."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)

    days = ("-days", "2")
    openssl(
        *("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"),
        *("-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=fastiam bench CA", *days),
        *("-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign"),
    )
    openssl(
        *("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"),
        *("-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"),
    )
    (directory / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
    )
    openssl(
        *("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key"),
        *("-CAcreateserial", "-out", "server.pem", "-extfile", "server.ext", *days),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CannedIAM:
    # Debian installs nginx in /usr/sbin, which is not on every user's PATH.
    NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

    def __init__(self, tls: bool = False) -> None:
        self.nginx = self.NGINX
        self.dir = Path(tempfile.mkdtemp(prefix="fastiam-bench-nginx-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tls = tls
        self.tls_port = _free_port() if tls else None
        self.tls_url = f"https://127.0.0.1:{self.tls_port}" if tls else None
        self.ca_file = self.dir / "ca.pem" if tls else None
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        if self.tls:
            make_certificates(self.dir)
        (self.dir / "large").mkdir()
        for path, (_, _, body) in LARGE.items():
            (self.dir / "large" / path).write_text(body(REQUEST_ID))
        config = self.dir / "nginx.conf"
        tls = TLS.format(tls_port=self.tls_port, dir=self.dir) if self.tls else ""
        config.write_text(
            CONFIG.format(
                dir=self.dir,
                port=self.port,
                request_id=REQUEST_ID,
                body=BODY,
                list_body=LIST_BODY,
                tls=tls,
            )
        )
        self.process = subprocess.Popen(
            [self.nginx, "-c", str(config), "-p", str(self.dir), "-e", str(self.dir / "error.log")]
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:  # exited: bad config, port taken, ...
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self if self.tls else self.url
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"nginx did not start: {(self.dir / 'error.log').read_text()}")

    def __exit__(self, *exc_info: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
