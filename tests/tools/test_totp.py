"""fastiam.totp: RFC 6238 codes (checked against the RFC's vectors and pyotp) and
the timing of the pair of codes that enable_mfa_device wants.

pair() gets a fake clock that only its fake sleep advances, so the tests decide
where in the 30 s window the call falls, and nothing waits for real time.
"""

from __future__ import annotations

import base64
import math
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import fastiam
import fastiam.totp
import pyotp
import pytest
from fastiam import _native

RFC_SEED = base64.b32encode(b"12345678901234567890").decode()  # RFC 6238's SHA-1 key

# RFC 6238 appendix B, SHA-1; the RFC gives 8 digits, a 6-digit code is the last 6.
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]

# Shaped like create_virtual_mfa_device's Base32StringSeed: 40 bytes, 64 symbols.
AWS_SEED = base64.b32encode(bytes(range(100, 140))).decode()


class FakeClock:
    """Unix time that moves only when the code under test sleeps."""

    def __init__(self, now: float, *, drift: tuple[float, ...] = ()) -> None:
        self.now = now
        self.sleeps: list[float] = []
        # Added to what the first sleeps advance the clock: below zero as when the
        # wall clock is slewed behind the monotonic clock that time.sleep measures,
        # above zero as when the machine is suspended during the sleep.
        self.drift = list(drift)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.sleeps.append(seconds)
        self.now += seconds + (self.drift.pop(0) if self.drift else 0.0)


@pytest.mark.parametrize(("at", "eight_digits"), RFC_VECTORS)
def test_rfc6238_sha1_vectors(at, eight_digits):
    assert fastiam.totp.code(RFC_SEED, at) == eight_digits[-6:]
    assert fastiam.totp.code(RFC_SEED, float(at)) == eight_digits[-6:]


def test_agrees_with_pyotp_for_random_seeds_and_times():
    rng = random.Random(6238)
    for _ in range(300):
        # Any key length, so seeds with and without padding and unused low bits.
        secret = rng.randbytes(rng.randint(14, 64))  # pyotp wants 112 bits or more
        seed = base64.b32encode(secret).decode()
        at = rng.uniform(30, 2**33)
        assert fastiam.totp.code(seed, at) == pyotp.TOTP(seed).at(int(at)), (seed, at)
    for _ in range(100):
        seed = pyotp.random_base32()
        at = rng.randrange(30, 2**34)
        assert fastiam.totp.code(seed, at) == pyotp.TOTP(seed).at(at)


def test_code_at_window_edges():
    # The code changes at a window's first second, not within the window.
    start = 56_666_667 * 30
    totp = pyotp.TOTP(AWS_SEED)
    assert fastiam.totp.code(AWS_SEED, start - 0.001) == totp.at(start - 1)
    assert fastiam.totp.code(AWS_SEED, start) == totp.at(start)
    assert fastiam.totp.code(AWS_SEED, start + 29.999) == totp.at(start)
    assert totp.at(start - 1) != totp.at(start)


def test_code_at_aware_datetimes():
    at = datetime(2033, 5, 18, 3, 33, 20, tzinfo=timezone.utc)  # 2000000000
    assert fastiam.totp.code(RFC_SEED, at) == "279037"
    same_instant = at.astimezone(timezone(timedelta(hours=-7)))
    assert fastiam.totp.code(RFC_SEED, same_instant) == "279037"


def test_code_defaults_to_now():
    totp = pyotp.TOTP(AWS_SEED)
    for _ in range(3):  # a window may begin between the two reads
        before = time.time()
        got = fastiam.totp.code(AWS_SEED)
        if int(before) // 30 == int(time.time()) // 30:
            assert got == totp.at(int(before))
            return
    pytest.fail("three window changes in a row")


@pytest.mark.parametrize(
    "form",
    [
        AWS_SEED,
        AWS_SEED.encode(),
        AWS_SEED.lower(),
        AWS_SEED.lower().encode(),
        " ".join(AWS_SEED[i : i + 4] for i in range(0, 64, 4)),
        f"  {AWS_SEED}\n",
    ],
    ids=["str", "bytes", "lower", "lower-bytes", "spaced", "whitespace-around"],
)
def test_seed_forms(form):
    assert fastiam.totp.code(form, 1_700_000_000) == pyotp.TOTP(AWS_SEED).at(1_700_000_000)


def test_padding_is_optional():
    padded = base64.b32encode(b"sixteen-byte-key").decode()
    assert padded.endswith("======")
    expected = pyotp.TOTP(padded).at(1_700_000_000)
    for form in (padded, padded.rstrip("="), padded.rstrip("=").lower(), padded.encode()):
        assert fastiam.totp.code(form, 1_700_000_000) == expected


@pytest.mark.parametrize(
    "seed",
    [
        AWS_SEED[:20] + "1" + AWS_SEED[21:],  # 1 is not a base32 symbol
        AWS_SEED[:20] + "8" + AWS_SEED[21:],
        AWS_SEED[:20] + "=" + AWS_SEED[21:],  # padding inside
        AWS_SEED[:62],  # a length that no key encodes to
        AWS_SEED[:20] + "É" + AWS_SEED[21:],
        AWS_SEED[:20] + "\ud800" + AWS_SEED[21:],  # a str that cannot be UTF-8
        (AWS_SEED[:20] + "0" + AWS_SEED[21:]).encode(),
        "",
        "====",
        b"   ",
    ],
    ids=[
        "1",
        "8",
        "inner-padding",
        "length",
        "accent",
        "surrogate",
        "0-bytes",
        "empty",
        "padding",
        "spaces",
    ],
)
def test_bad_seed_is_a_value_error_that_does_not_quote_it(seed):
    with pytest.raises(ValueError) as raised:
        fastiam.totp.code(seed, 1_700_000_000)
    message = str(raised.value)
    assert message in ("the seed is not valid base32", "the seed is empty")
    text = seed.decode() if isinstance(seed, bytes) else seed
    if text.strip(" ="):
        assert text not in message
    assert raised.value.__cause__ is None and raised.value.__context__ is None


@pytest.mark.parametrize("seed", [None, 12345, bytearray(AWS_SEED.encode()), [AWS_SEED]])
def test_seed_of_another_type_is_a_type_error(seed):
    with pytest.raises(TypeError, match="seed must be str or bytes"):
        fastiam.totp.code(seed, 1_700_000_000)


@pytest.mark.parametrize("at", [-1, -0.5, math.nan, math.inf, -math.inf])
def test_bad_times_are_value_errors(at):
    with pytest.raises(ValueError, match="finite, non-negative"):
        fastiam.totp.code(AWS_SEED, at)
    with pytest.raises(ValueError, match="finite, non-negative"):
        _native.totp_plan(at)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        fastiam.totp.code(AWS_SEED, datetime(2030, 1, 1))


@pytest.mark.parametrize("at", ["1700000000", True, [1]])
def test_time_of_another_type_is_a_type_error(at):
    with pytest.raises(TypeError):
        fastiam.totp.code(AWS_SEED, at)


def code_of(window: int) -> str:
    return pyotp.TOTP(AWS_SEED).at(window * 30)


def test_pair_far_from_a_boundary_sends_previous_and_current_window_now():
    window = 56_666_667
    clock = FakeClock(window * 30 + 10.25)
    pair = fastiam.totp.pair(AWS_SEED, clock=clock, sleep=clock.sleep)
    assert clock.sleeps == []
    assert pair == (code_of(window - 1), code_of(window))
    assert pair[0] != pair[1]


def test_pair_with_exactly_five_seconds_left_sends_now():
    window = 56_666_667
    clock = FakeClock(window * 30 + 25)
    pair = fastiam.totp.pair(AWS_SEED, clock=clock, sleep=clock.sleep)
    assert clock.sleeps == []
    assert pair == (code_of(window - 1), code_of(window))


@pytest.mark.parametrize("left", [4.9, 2.0, 0.001])
def test_pair_near_a_boundary_waits_for_the_next_window(left):
    window = 56_666_667
    clock = FakeClock((window + 1) * 30 - left)
    pair = fastiam.totp.pair(AWS_SEED, clock=clock, sleep=clock.sleep)
    assert len(clock.sleeps) == 1
    assert clock.sleeps[0] == pytest.approx(left, abs=1e-6)
    assert clock.now == pytest.approx((window + 1) * 30, abs=1e-6)
    assert pair == (code_of(window), code_of(window + 1))


def test_pair_sleeps_again_when_the_clock_lags_the_sleep():
    window = 56_666_667
    clock = FakeClock((window + 1) * 30 - 2, drift=(-0.3,))
    pair = fastiam.totp.pair(AWS_SEED, clock=clock, sleep=clock.sleep)
    assert clock.sleeps == pytest.approx([2.0, 0.3], abs=1e-6)
    assert clock.now == pytest.approx((window + 1) * 30, abs=1e-6)
    assert pair == (code_of(window), code_of(window + 1))


def test_pair_returns_fresh_codes_when_the_sleep_overshoots():
    # A machine suspended during the sleep wakes windows later: the codes must
    # be those of the window it wakes in, not of the one it planned for.
    window = 56_666_667
    clock = FakeClock((window + 1) * 30 - 2, drift=(60,))
    pair = fastiam.totp.pair(AWS_SEED, clock=clock, sleep=clock.sleep)
    now_window = int(clock.now // 30)
    assert now_window == window + 3
    assert pair == (code_of(now_window - 1), code_of(now_window))


def test_pair_with_a_bad_seed_fails_before_sleeping():
    clock = FakeClock(56_666_668 * 30 - 2)
    with pytest.raises(ValueError, match="not valid base32"):
        fastiam.totp.pair("NOT-BASE32!", clock=clock, sleep=clock.sleep)
    assert clock.sleeps == []


def test_totp_plan():
    assert _native.totp_plan(56_666_667 * 30 + 10.0) == (0.0, 56_666_667)
    wait, window = _native.totp_plan(56_666_668 * 30 - 2.0)
    assert (round(wait, 6), window) == (2.0, 56_666_668)


def test_totp_is_loaded_on_first_use():
    script = (
        "import sys, fastiam\n"
        "assert 'fastiam.totp' not in sys.modules\n"
        f"print(fastiam.totp.code({RFC_SEED!r}, 59))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "287082"
