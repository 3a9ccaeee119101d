"""What the mock_aws check costs a call with moto imported and no mock active.

    python bench/mock_check.py [--threads 1,8] [--rounds 6] [--seconds 2]

One process imports moto, then makes calls to the canned nginx, alternating rounds with
``moto.core.models`` visible in sys.modules (each call reads moto's flag) and hidden
(each call finds no moto): same heap, same client, same server, so the difference is
the check alone. Comparing separate processes (bench/compare.py --preimport) also
measures moto's import: its larger heap makes the collector slower for every caller.
"""

from __future__ import annotations

import argparse
import sys

from canned_iam import CannedIAM
from worker import CREDENTIALS, run_threads


def rate(client, threads: int, seconds: float) -> float:
    calls, elapsed = run_threads(client, threads, seconds)
    return calls / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", default="1,8")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    import fastiam
    import moto.core.models  # noqa: F401  (what is measured: moto imported, no mock)

    with CannedIAM() as url:
        client = fastiam.client("iam", endpoint_url=url, **CREDENTIALS)
        rate(client, 2, 0.5)  # warm-up: connections, caches
        for threads in map(int, args.threads.split(",")):
            rates: dict[str, list[float]] = {"moto visible": [], "moto hidden": []}
            for _ in range(args.rounds):
                for side, runs in rates.items():
                    hidden = side == "moto hidden"
                    saved = sys.modules.pop("moto.core.models") if hidden else None
                    try:
                        runs.append(rate(client, threads, args.seconds))
                    finally:
                        if hidden:
                            sys.modules["moto.core.models"] = saved
            best = {side: max(runs) for side, runs in rates.items()}
            ratio = best["moto visible"] / best["moto hidden"]
            for side, runs in rates.items():
                shown = " ".join(f"{r:,.0f}" for r in runs)
                print(f"threads {threads}  {side:<12} best {best[side]:,.0f} calls/s  ({shown})")
            print(f"threads {threads}  visible/hidden {ratio:.3f}")


if __name__ == "__main__":
    main()
