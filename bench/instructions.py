"""Instructions per call, counted by valgrind (callgrind): fastiam's sync call
beside the SDK floor's (bench/sdk_floor/), and where fastiam's extra ones go.

Calls/s on a shared virtual machine swing by tens of percent from one second to
the next; instruction counts do not (repeat runs agree within ~0.2%). Each side
runs twice with different numbers of calls and the difference is divided by the
difference in calls, so start-up and one-time costs (imports, TLS roots, the
first connection) drop out. Functions are compared inclusively (a function with
everything it calls), per call.

    python bench/instructions.py [--large] [--functions 40] [--sdk-floor PATH]

`--large` counts `list_users` on a page of 1,000 users instead. Needs valgrind
(Debian: valgrind) and nginx; for function names, build both with symbols (see
bench/parts.py). Slow: ~1 minute.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from canned_iam import CannedIAM
from peers import sdk_floor_path
from run import worker_env

CALLS = """
import sys, fastiam
client = fastiam.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="example-secret")
call = {"seq": lambda: client.enable_mfa_device(
    UserName="alice", SerialNumber="arn:aws:iam::123456789012:mfa/alice",
    AuthenticationCode1="123456", AuthenticationCode2="654321"),
    "large": client.list_users}[sys.argv[3]]
for _ in range(int(sys.argv[2])):
    call()
print('{"calls": %s}' % sys.argv[2])
"""

# The interpreter's and libc's entry frames: the whole run, not a part of it.
SKIP = r"PROGRAM TOTALS|python-build|libc-start|below main|^0x|lang_start|main\.c|pythonrun"


def callgrind(command: list[str]) -> tuple[int, dict[str, int]]:
    """(calls made, inclusive instructions by function) of one run."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            env=worker_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        annotated = subprocess.run(
            ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    by_function: dict[str, int] = {}
    for line in annotated.splitlines():
        found = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(?:\?\?\?:)?(.*?)(?: \[.*\])?$", line)
        if found:
            name = found.group(2)
            by_function[name] = by_function.get(name, 0) + int(found.group(1).replace(",", ""))
    return json.loads(run.stdout.strip().splitlines()[-1])["calls"], by_function


def per_call(short: list[str], long: list[str]) -> dict[str, float]:
    """Instructions per call by function: (long run - short run) / (its extra calls)."""
    (calls_a, a), (calls_b, b) = callgrind(short), callgrind(long)
    return {name: (b.get(name, 0) - a.get(name, 0)) / (calls_b - calls_a) for name in b}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", action="store_true")
    parser.add_argument("--functions", type=int, default=40)
    parser.add_argument("--sdk-floor", default=sdk_floor_path())
    args = parser.parse_args()
    what, counts, seconds = (
        ("large", (3, 13), (1, 4)) if args.large else ("seq", (300, 1300), (1, 5))
    )
    with CannedIAM() as url:
        at = f"{url}/large/list-users" if args.large else url
        ours = per_call(*([sys.executable, "-c", CALLS, at, str(n), what] for n in counts))
        mode = "large" if args.large else "sequential"
        floor = per_call(
            *([args.sdk_floor, at, mode, "--seconds", str(s), "--warmup", "0"] for s in seconds)
        )
    total_ours, total_floor = ours["PROGRAM TOTALS"], floor["PROGRAM TOTALS"]
    print(
        f"instructions per call: fastiam {total_ours / 1e3:,.1f}k, SDK floor "
        f"{total_floor / 1e3:,.1f}k (SDK floor / fastiam {total_floor / total_ours:.3f})\n"
    )
    print("| function (inclusive) | fastiam k/call | SDK floor k/call |\n|---|---:|---:|")
    shown = [n for n in sorted(ours, key=lambda n: -ours[n]) if not re.search(SKIP, n)]
    for name in shown[: args.functions]:
        print(f"| `{name[:110]}` | {ours[name] / 1e3:.1f} | {floor.get(name, 0) / 1e3:.1f} |")


if __name__ == "__main__":
    main()
