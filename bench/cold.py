"""Cold start: what a CLI user or a Lambda function feels. One fresh process that
starts, imports, makes a client and completes one call, timed from outside (spawn to
exit), the median of --runs processes; the process also reports its own parts.

    python bench/cold.py LIB --url URL [--ca CA] [--runs 10]

LIB is one of
    fastiam, boto3       python -c: import, client(...), one enable_mfa_device
    python               python -c pass: the interpreter's own start, for reference
    sdk:PATH             the SDK floor program (bench/sdk_floor/) in its `once` mode
    cli:PATH             PATH iam list-mfa-devices --user-name alice (fastiam's CLI or
                         the AWS CLI), against URL/list-mfa-devices
Prints one JSON line: {"process_ms": ..., "import_ms": ..., ...} (medians).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from run import worker_env

# Runs in the measured process: only built-ins before the timed import.
SCRIPT = """
import sys, time
started = time.perf_counter()
lib, url, ca = sys.argv[1], sys.argv[2], sys.argv[3] or None
module = __import__(lib)
imported = time.perf_counter()
client = module.client("iam", endpoint_url=url, region_name="us-east-1", verify=ca,
                       aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="example-secret")
made = time.perf_counter()
status = client.enable_mfa_device(
    UserName="alice", SerialNumber="arn:aws:iam::123456789012:mfa/alice",
    AuthenticationCode1="123456", AuthenticationCode2="654321",
)["ResponseMetadata"]["HTTPStatusCode"]
called = time.perf_counter()
assert status == 200, status
print('{"import_ms": %f, "client_ms": %f, "first_call_ms": %f}'
      % ((imported - started) * 1e3, (made - imported) * 1e3, (called - made) * 1e3))
"""


def command(lib: str, url: str, ca: str) -> list[str]:
    if lib == "python":
        return [sys.executable, "-c", "pass"]
    if lib.startswith("sdk:"):
        return [lib[4:], url, "once"] + (["--ca", ca] if ca else [])
    if lib.startswith("cli:"):
        endpoint = f"{url}/list-mfa-devices"
        options = ["--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"]
        return [lib[4:], "iam", "list-mfa-devices", "--user-name", "alice", *options] + (
            ["--ca-bundle", ca] if ca else []
        )
    return [sys.executable, "-c", SCRIPT, lib, url, ca]


def environment() -> dict:
    """The bench workers' environment, with the keys the CLIs read from it."""
    return {
        **worker_env(),
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "example-secret",
    }


def run_once(argv: list[str], env: dict) -> dict:
    started = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120, check=False)
    elapsed = (time.perf_counter() - started) * 1e3
    if out.returncode:
        raise RuntimeError(f"{argv[0]} failed ({out.returncode}): {out.stderr[-1500:]}")
    parts = {}
    last = (out.stdout.strip().splitlines() or [""])[-1]
    if last.startswith('{"') and "_ms" in last:
        parts = json.loads(last)
    return {"process_ms": elapsed, **parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lib")
    parser.add_argument("--url", required=True)
    parser.add_argument("--ca", default="")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    argv, env = command(args.lib, args.url, args.ca), environment()
    run_once(argv, env)  # untimed: page cache, .pyc files
    runs = [run_once(argv, env) for _ in range(args.runs)]
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(json.dumps({"runs": args.runs, **result}))


if __name__ == "__main__":
    main()
