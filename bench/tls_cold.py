"""The bench's HTTPS and cold-start measurements (real IAM is HTTPS only; CLI users
and Lambda functions feel the cold start), against the canned nginx's TLS port,
whose certificate comes from a throw-away CA every client is told to trust.

- warm sequential calls and 64 in flight over HTTPS: fastiam, boto3, aiobotocore and
  the SDK floor (worker.py and sdk_floor, given the CA through AWS_CA_BUNDLE / --ca);
- cold start (bench/cold.py): a fresh process that imports, makes a client and
  completes one HTTPS call (its first call pays the TLS handshake), for fastiam,
  boto3 and the SDK floor, with the interpreter's own start for reference; and
  `fastiam iam list-mfa-devices` against `aws iam list-mfa-devices` (awscli).

jobs() lists (key, command, timeout, extra environment); summarize() turns the
results into figures["tls"] and figures["cold"].
"""

from __future__ import annotations

import sys
from pathlib import Path

from report import TLS_IN_FLIGHT

BENCH = Path(__file__).resolve().parent
COLD = BENCH / "cold.py"
WORKER = BENCH / "worker.py"


def jobs(
    tls_url: str, ca: str, pythons: dict, tools: dict, runs: int, window: tuple[float, float]
) -> list:
    """``tools``: "sdk" (the SDK floor), "fastiam-cli", "aws-cli" paths or None;
    ``window``: the timed seconds and the warm-up before them."""
    trust = {"AWS_CA_BUNDLE": ca}
    seconds, warmup = window
    timed = ("--seconds", str(seconds), "--warmup", str(warmup))
    planned = []
    for lib in ("fastiam", "boto3"):
        command = [pythons[lib], str(WORKER), "sequential", lib, "--url", tls_url, *timed]
        planned.append((("tls", "sequential", lib), command, 120 + 10 * seconds, trust))
    for lib in ("fastiam", "aiobotocore"):
        if pythons.get(lib):
            command = [pythons[lib], str(WORKER), "inflight", lib, "--url", tls_url, *timed]
            command += ["--levels", str(TLS_IN_FLIGHT)]
            planned.append((("tls", "inflight", lib), command, 120 + 10 * seconds, trust))
    if tools.get("sdk"):
        sdk = [tools["sdk"], tls_url]
        planned.append(
            (("tls", "sequential", "sdk"), [*sdk, "sequential", *timed, "--ca", ca], 120, {})
        )
        inflight = [*sdk, "inflight", *timed, "--levels", str(TLS_IN_FLIGHT), "--ca", ca]
        planned.append((("tls", "inflight", "sdk"), inflight, 120, {}))
    cold_libs = ["python", "fastiam", "boto3"]
    cold_libs += [f"sdk:{tools['sdk']}"] if tools.get("sdk") else []
    cold_libs += [f"cli:{tools[t]}" for t in ("fastiam-cli", "aws-cli") if tools.get(t)]
    for lib in cold_libs:
        command = [sys.executable, str(COLD), lib, "--url", tls_url, "--ca", ca]
        planned.append((("cold", _cold_name(lib, tools)), [*command, "--runs", str(runs)], 600, {}))
    return planned


def _cold_name(lib: str, tools: dict) -> str:
    """The figure's name: fastiam, boto3, python, sdk, fastiam-cli or aws-cli."""
    for name in ("fastiam-cli", "aws-cli"):
        if lib == f"cli:{tools.get(name)}":
            return name
    return lib.split(":", 1)[0]


def summarize(results: dict) -> dict:
    """{"tls": {"sequential": {lib: {...}}, "inflight": {lib: calls/s}}, "cold": {name: {...}}}"""
    tls: dict = {"sequential": {}, "inflight": {}}
    cold: dict = {}
    for key, result in results.items():
        if key[0] == "tls" and key[1] == "sequential":
            tls["sequential"][key[2]] = result
        elif key[0] == "tls":
            levels = (result or {}).get("levels", {})
            tls["inflight"][key[2]] = (levels.get(str(TLS_IN_FLIGHT)) or {}).get("calls_per_s")
        elif key[0] == "cold":
            cold[key[1]] = result
    return {"tls": tls, "cold": cold}
