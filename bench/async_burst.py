"""N concurrent ``enable_mfa_device`` calls through one async client.

    python bench/async_burst.py --lib fastiam|aiobotocore --url URL [--calls 1000] [--rounds 5]

Prints one JSON line: the best and median calls/s over the rounds (after a
warm-up round). Run each library in its own process against the same server
(bench/canned_iam.py); aiobotocore pins botocore, so it may live in another venv.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

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


async def burst(client, calls: int) -> float:
    started = time.perf_counter()
    results = await asyncio.gather(*(client.enable_mfa_device(**CALL) for _ in range(calls)))
    elapsed = time.perf_counter() - started
    assert all(r["ResponseMetadata"]["HTTPStatusCode"] == 200 for r in results)
    return calls / elapsed


async def measure(lib: str, url: str, calls: int, rounds: int) -> list[float]:
    if lib == "fastiam":
        import fastiam.aio

        async with fastiam.aio.client("iam", endpoint_url=url, **CREDENTIALS) as client:
            return [await burst(client, calls) for _ in range(rounds + 1)][1:]
    from aiobotocore.config import AioConfig
    from aiobotocore.session import get_session

    config = AioConfig(max_pool_connections=calls)
    async with get_session().create_client(
        "iam", endpoint_url=url, config=config, **CREDENTIALS
    ) as client:
        return [await burst(client, calls) for _ in range(rounds + 1)][1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", choices=("fastiam", "aiobotocore"), required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rates = asyncio.run(measure(args.lib, args.url, args.calls, args.rounds))
    print(json.dumps({"lib": args.lib, "calls": args.calls, "best": max(rates),
                      "median": statistics.median(rates)}))


if __name__ == "__main__":
    main()
