"""A local IAM endpoint much faster than any client: nginx answering every
request with a canned EnableMFADevice success (Debian's nginx; no root files
touched: config, logs and temp files live in a temporary directory).

    with CannedIAM() as url: ...
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REQUEST_ID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"
BODY = (
    '<EnableMFADeviceResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
    f"<ResponseMetadata><RequestId>{REQUEST_ID}</RequestId></ResponseMetadata>"
    "</EnableMFADeviceResponse>"
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
        location / {{
            default_type text/xml;
            add_header x-amzn-RequestId {request_id};
            return 200 '{body}';
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CannedIAM:
    # Debian installs nginx in /usr/sbin, which is not on every user's PATH.
    NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

    def __init__(self) -> None:
        self.nginx = self.NGINX
        self.dir = Path(tempfile.mkdtemp(prefix="fastiam-bench-nginx-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        config = self.dir / "nginx.conf"
        config.write_text(
            CONFIG.format(dir=self.dir, port=self.port, request_id=REQUEST_ID, body=BODY)
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
                return self.url
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"nginx did not start: {(self.dir / 'error.log').read_text()}")

    def __exit__(self, *exc_info: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
