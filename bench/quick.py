"""fastiam beside boto3 in one run: import, client creation, warm calls.

    python bench/quick.py [--calls N]

Each import is timed in fresh interpreters (median of 10); client creation and
warm ``enable_mfa_device`` calls are timed in one process against moto's IAM
server and against the scripted test server (a much faster local endpoint).
Prints a markdown table with fastiam/boto3 ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "example-secret",
}
CALL = {
    "UserName": "alice",
    "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
    "AuthenticationCode1": "123456",
    "AuthenticationCode2": "654321",
}


def import_seconds(module: str, runs: int = 10) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(samples)


def first_client_seconds(module: str) -> float:
    code = (
        f"import time, {module}; t = time.perf_counter(); "
        f"{module}.client('iam', **{CREDENTIALS!r}); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def later_client_seconds(make, runs: int = 20) -> float:
    make()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        make()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def call_seconds(client, calls: int, reset=None) -> float:
    samples = []
    for _ in range(calls):
        if reset:
            reset()
        t = time.perf_counter()
        try:
            client.enable_mfa_device(**CALL)
        except client.exceptions.ClientError:
            pass  # moto: the user does not exist; the round trip is what is timed
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    calls = parser.parse_args().calls
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    import boto3
    import fastiam
    from moto.server import ThreadedMotoServer
    from scripted_server import ScriptedServer

    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    moto.start()
    host, port = moto.get_host_and_port()
    scripted = ScriptedServer().start()
    rows = [
        ("import (median of 10 processes)", import_seconds("fastiam"), import_seconds("boto3")),
        ("first client", first_client_seconds("fastiam"), first_client_seconds("boto3")),
        ("later client (median of 20)",
         later_client_seconds(lambda: fastiam.client("iam", **CREDENTIALS)),
         later_client_seconds(lambda: boto3.client("iam", **CREDENTIALS))),
    ]
    for label, url, n in (("moto", f"http://{host}:{port}", max(calls // 10, 20)),
                          ("scripted server", scripted.url, calls)):
        ours = fastiam.client("iam", endpoint_url=url, **CREDENTIALS)
        theirs = boto3.client("iam", endpoint_url=url, **CREDENTIALS)
        call_seconds(ours, 5)
        call_seconds(theirs, 5)
        rows.append((f"warm call vs {label} (median of {n})",
                     call_seconds(ours, n), call_seconds(theirs, n)))
    scripted.stop()
    moto.stop()

    print("| measure | fastiam | boto3 | fastiam/boto3 |")
    print("|---|---|---|---|")
    for label, ours, theirs in rows:
        print(f"| {label} | {ours * 1000:.2f} ms | {theirs * 1000:.2f} ms | {ours / theirs:.3f} |")


if __name__ == "__main__":
    main()
