"""The raw floor: wrk sending EnableMFADevice-like POSTs to the same nginx.

No client can beat what wrk gets from the server on the same machine, so the
clients' calls/s and latencies are also reported as a ratio of these.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# The size and shape of what boto3 and fastiam send: the form body, a SigV4
# Authorization header and the other signed headers (wrk adds Host and
# Content-Length), so nginx parses as much per request as with a real client.
SCRIPT = r"""
wrk.method = "POST"
wrk.body = "Action=EnableMFADevice&Version=2010-05-08&UserName=alice"
  .. "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Falice"
  .. "&AuthenticationCode1=123456&AuthenticationCode2=654321"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.headers["User-Agent"] = "Boto3/1.40.0 md/Botocore#1.40.0 ua/2.1 os/linux lang/python#3.11.7"
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
wrk.headers["amz-sdk-invocation-id"] = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
wrk.headers["amz-sdk-request"] = "attempt=1; max=3"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 "
  .. "Credential=AKIDEXAMPLE/20250101/us-east-1/iam/aws4_request, "
  .. "SignedHeaders=content-type;host;x-amz-date, "
  .. "Signature=" .. string.rep("0", 64)
"""

_UNITS_US = {"us": 1.0, "ms": 1e3, "s": 1e6}


def wrk_command(url: str, connections: int, seconds: int, script: Path) -> list[str]:
    # One wrk thread: on a 2-core machine nginx's single worker gets the other core.
    return ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url]


def write_script(directory: Path) -> Path:
    path = directory / "enable_mfa_device.lua"
    path.write_text(SCRIPT)
    return path


def parse_wrk(output: str) -> dict:
    """calls/s and p50/p99 latency (µs) from `wrk --latency` output."""
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw failed requests:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rate is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    result = {"calls_per_s": float(rate.group(1))}
    for pct in (50, 99):
        found = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if found:
            result[f"p{pct}_us"] = float(found.group(1)) * _UNITS_US[found.group(2)]
    return result


def run_wrk(url: str, connections: int, seconds: int, script: Path) -> dict:
    out = subprocess.run(
        wrk_command(url, connections, seconds, script),
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    return parse_wrk(out.stdout)
