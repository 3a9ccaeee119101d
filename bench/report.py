"""The bench's outputs: the markdown table with ratios and targets, and the
throughput chart. Figures come from bench/run.py's summarize(); a figure that
could not be measured (aiobotocore not installable) is None and shows "n/a".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

THREADS = (1, 2, 4, 8)
IN_FLIGHT = (1, 16, 64, 256, 1024)
TLS_IN_FLIGHT = 64
NA = "n/a"


@dataclass
class Row:
    label: str
    unit: str  # with ↓ (lower is better) or ↑ (higher is better)
    ours: float | None
    peer: str
    theirs: float | None
    floor_label: str = ""
    floor: float | None = None
    sdk: float | None = None  # the SDK floor's figure for the same measure
    has_sdk: bool = False


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def number(value: float | None) -> str:
    if value is None:
        return NA
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3g}"


def table(header: tuple[str, ...], align: str, rows: list) -> list[str]:
    """A markdown table: ``align`` has an "l" or "r" per column, rows are cells."""
    rule = "".join("|---:" if a == "r" else "|---" for a in align) + "|"
    return [f"| {' | '.join(header)} |", rule, *(f"| {' | '.join(row)} |" for row in rows)]


def _floor_for(figures: dict, level: int, key: str = "calls_per_s") -> tuple[str, float | None]:
    # One call at a time is bounded by wrk's single connection; any concurrency
    # by what the server does with 64 connections (wrk's best on this machine).
    connections = 1 if level == 1 else 64
    floor = figures["wrk"].get(connections) or {}
    return f"wrk {connections} conn", floor.get(key)


def _sdk(figures: dict, mode: str, key: str) -> float | None:
    return ((figures.get("sdk") or {}).get(mode) or {}).get(key)


def build_rows(figures: dict) -> list[Row]:
    def versus_boto3(label: str, unit: str, key: str, floor: tuple = (), sdk_key: str = "") -> Row:
        values = figures.get(key, {})
        row = Row(label, unit, values.get("fastiam"), "boto3", values.get("boto3"), *floor)
        if sdk_key:
            row.sdk, row.has_sdk = _sdk(figures, "sequential", sdk_key), True
        return row

    rows = [
        versus_boto3(
            f"import (median of {figures['import_runs']} fresh processes)", "ms ↓", "import_ms"
        ),
        versus_boto3("first client creation", "ms ↓", "first_client_ms"),
        versus_boto3(
            f"later client creation (median of {figures['client_runs']})", "ms ↓", "later_client_ms"
        ),
        versus_boto3(
            "warm sequential calls",
            "calls/s ↑",
            "seq_calls_per_s",
            _floor_for(figures, 1),
            "calls_per_s",
        ),
        versus_boto3(
            "warm sequential latency p50",
            "µs ↓",
            "seq_p50_us",
            _floor_for(figures, 1, "p50_us"),
            "p50_us",
        ),
        versus_boto3(
            "warm sequential latency p99",
            "µs ↓",
            "seq_p99_us",
            _floor_for(figures, 1, "p99_us"),
            "p99_us",
        ),
    ]
    for level in THREADS:
        values = figures["threads"].get(level, {})
        rows.append(
            Row(
                f"{level} thread{'s' * (level > 1)}, one client",
                "calls/s ↑",
                values.get("fastiam"),
                "boto3",
                values.get("boto3"),
                *_floor_for(figures, level),
            )
        )
    for level in IN_FLIGHT:
        values = figures["inflight"].get(level, {})
        rows.append(
            Row(
                f"asyncio, {level} in flight",
                "calls/s ↑",
                values.get("fastiam"),
                "aiobotocore",
                values.get("aiobotocore"),
                *_floor_for(figures, level),
                values.get("sdk"),
                True,
            )
        )
    rows.append(
        versus_boto3(
            f"peak RSS: import, one client, {figures['rss_calls']:,} calls", "MiB ↓", "rss_mib"
        )
    )
    return rows


def results_table(rows: list[Row]) -> list[str]:
    header = ("measure", "unit", "fastiam", "peer", "peer's", "fastiam/peer", "SDK floor")
    header += ("fastiam / SDK floor", "floor", "fastiam/floor")
    cells = []
    for row in rows:
        floor = f"{row.floor_label}: {number(row.floor)}" if row.floor_label else ""
        floor_ratio = number(ratio(row.ours, row.floor)) if row.floor_label else ""
        sdk = number(row.sdk) if row.has_sdk else ""
        sdk_ratio = number(ratio(row.ours, row.sdk)) if row.has_sdk else ""
        cells.append(
            (row.label, row.unit, number(row.ours), row.peer, number(row.theirs))
            + (number(ratio(row.ours, row.theirs)), sdk, sdk_ratio, floor, floor_ratio)
        )
    return table(header, "llrlrrrrlr", cells)


def sdk_table(figures: dict) -> list[str]:
    """The SDK floor's own figures: what the Rust SDK does without Python."""
    rows = [
        (label, *(number(_sdk(figures, mode, key)) for key in ("calls_per_s", "p50_us", "p99_us")))
        for mode, label in (
            ("sequential", "sequential, current-thread runtime"),
            ("handoff", "sequential, each call handed to the multi-thread runtime"),
        )
    ]
    for level in IN_FLIGHT:
        rate = figures["inflight"].get(level, {}).get("sdk")
        rows.append((f"{level} in flight, multi-thread runtime", number(rate), "", ""))
    return table(("SDK floor", "calls/s", "p50 µs", "p99 µs"), "lrrr", rows)


def floor_table(figures: dict) -> list[str]:
    rows = []
    for connections in (1, 64):
        wrk = figures["wrk"].get(connections) or {}
        figures_of = (number(wrk.get(key)) for key in ("calls_per_s", "p50_us", "p99_us"))
        rows.append((str(connections), *figures_of))
    return table(("wrk connections", "calls/s", "p50 µs", "p99 µs"), "rrrr", rows)


def targets(figures: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each of the issue's targets; met is None when
    a figure is missing."""

    def get(*path):
        value = figures
        for key in path:
            value = (value or {}).get(key)
        return value

    wrk1, wrk64 = get("wrk", 1, "calls_per_s"), get("wrk", 64, "calls_per_s")
    seq, aio = get("seq_calls_per_s", "fastiam"), get("inflight", 256, "fastiam")
    sdk_aio = [
        (
            f"asyncio, {n} in flight: ≥0.9x the SDK floor at {n}",
            ratio(get("inflight", n, "fastiam"), get("inflight", n, "sdk")),
            0.9,
            True,
            "x the SDK's",
        )
        for n in (16, 64, 256)
    ]
    # (target, measured ratio, threshold, True if the ratio must reach it / False if
    # it must stay at or under it, what the ratio means)
    checks = [
        (
            "`import fastiam` ≥20x faster than `import boto3`",
            ratio(get("import_ms", "boto3"), get("import_ms", "fastiam")),
            20,
            True,
            "x faster",
        ),
        (
            "warm sequential calls/s ≥10x boto3's",
            ratio(seq, get("seq_calls_per_s", "boto3")),
            10,
            True,
            "x boto3's",
        ),
        (
            "warm sequential calls/s within 2.5x of wrk's 1-connection rate",
            ratio(wrk1, seq),
            2.5,
            False,
            "x below wrk",
        ),
        (
            "asyncio, 256 in flight: ≥10x aiobotocore's calls/s",
            ratio(aio, get("inflight", 256, "aiobotocore")),
            10,
            True,
            "x aiobotocore's",
        ),
        (
            "asyncio, 256 in flight: within 2x of wrk's 64-connection rate",
            ratio(wrk64, aio),
            2,
            False,
            "x below wrk",
        ),
        (
            "warm sequential calls/s ≥0.9x the SDK floor's (current-thread)",
            ratio(seq, get("sdk", "sequential", "calls_per_s")),
            0.9,
            True,
            "x the SDK's",
        ),
        *sdk_aio,
        (
            "fresh process (import, client, one HTTPS call) ≥15x faster than boto3's",
            ratio(get("cold", "boto3", "process_ms"), get("cold", "fastiam", "process_ms")),
            15,
            True,
            "x faster",
        ),
        (
            "`fastiam iam list-mfa-devices` ≥15x faster than `aws iam list-mfa-devices`",
            ratio(get("cold", "aws-cli", "process_ms"), get("cold", "fastiam-cli", "process_ms")),
            15,
            True,
            "x faster",
        ),
        (
            "first client of a fresh process (HTTPS, CA bundle) under 3 ms",
            get("cold", "fastiam", "client_ms"),
            3,
            False,
            " ms",
        ),
        (
            "4 threads ≥1.5x one thread (fastiam, one client)",
            ratio(get("threads", 4, "fastiam"), get("threads", 1, "fastiam")),
            1.5,
            True,
            "x one thread",
        ),
        (
            "peak RSS ≤ half of boto3's",
            ratio(get("rss_mib", "fastiam"), get("rss_mib", "boto3")),
            0.5,
            False,
            "x boto3's",
        ),
    ]
    rows = []
    for label, value, threshold, at_least, meaning in checks:
        if value is None:
            rows.append((label, NA, None))
        else:
            met = value >= threshold if at_least else value <= threshold
            rows.append((label, f"{value:.2f}{meaning}", met))
    return rows


def tls_table(figures: dict) -> list[str]:
    """HTTPS (the canned nginx's TLS port, the bench's CA): warm figures and the
    first call of a fresh process, which pays the handshake."""
    tls, cold = figures.get("tls") or {}, figures.get("cold") or {}
    seq, inflight = tls.get("sequential") or {}, tls.get("inflight") or {}
    rate = {lib: (seq.get(lib) or {}).get("calls_per_s") for lib in ("fastiam", "boto3", "sdk")}
    first = {lib: (cold.get(lib) or {}).get("first_call_ms") for lib in rate}
    measures = [
        ("warm sequential calls", "calls/s ↑", rate, "boto3"),
        (f"{TLS_IN_FLIGHT} in flight (asyncio)", "calls/s ↑", inflight, "aiobotocore"),
        ("first call of a fresh process (with handshake)", "ms ↓", first, "boto3"),
    ]
    rows = []
    for label, unit, values, peer in measures:
        ours, theirs, sdk = values.get("fastiam"), values.get(peer), values.get("sdk")
        rows.append(
            (label, unit, number(ours), peer, number(theirs), number(ratio(ours, theirs)))
            + (number(sdk), number(ratio(ours, sdk)))
        )
    header = ("HTTPS", "unit", "fastiam", "peer", "peer's", "fastiam/peer", "SDK floor")
    return table((*header, "fastiam / SDK floor"), "llrlrrrr", rows)


def large_table(figures: dict) -> list[str]:
    """Large results: calls/s, the process's peak RSS, and the SDK alone parsing the
    same body into its own structures (no Python objects)."""
    rows = []
    for path, by_lib in (figures.get("large") or {}).items():
        ours, theirs = by_lib.get("fastiam") or {}, by_lib.get("boto3") or {}
        sdk = (by_lib.get("sdk") or {}).get("calls_per_s")
        rate, peer = ours.get("calls_per_s"), theirs.get("calls_per_s")
        rss = (number(ours.get("peak_rss_mib")), number(theirs.get("peak_rss_mib")))
        rows.append(
            (
                f"`{path.replace('-', '_')}`",
                number(ours.get("items")),
                number(rate),
                number(peer),
                number(ratio(rate, peer)),
                number(sdk),
                number(ratio(rate, sdk)),
                *rss,
            )
        )
    header = ("one answer", "items", "fastiam calls/s", "boto3 calls/s", "fastiam/boto3")
    header += ("SDK floor calls/s", "fastiam / SDK floor")
    return table((*header, "fastiam peak RSS MiB", "boto3 peak RSS MiB"), "lrrrrrrrr", rows)


def cold_table(figures: dict) -> list[str]:
    """Fresh processes: start, import, client, one HTTPS call (medians)."""
    cold = figures.get("cold") or {}

    def get(name: str, key: str) -> float | None:
        return (cold.get(name) or {}).get(key)

    runs = next((r.get("runs") for r in cold.values() if r), None)
    rows = []
    for label, key in (
        ("whole process: start, import, client, one HTTPS call (ms)", "process_ms"),
        ("of which import (ms)", "import_ms"),
        ("of which client creation (ms)", "client_ms"),
        ("of which the first call (ms)", "first_call_ms"),
    ):
        ours, theirs, sdk = get("fastiam", key), get("boto3", key), get("sdk", key)
        rows.append((label, number(ours), number(theirs), number(ratio(theirs, ours)), number(sdk)))
    python = get("python", "process_ms")
    rows.append(("the interpreter's own start (`python -c pass`, ms)", number(python), "", "", ""))
    cli, aws = get("fastiam-cli", "process_ms"), get("aws-cli", "process_ms")
    header = (f"cold start (median of {runs or NA} processes)", "fastiam", "boto3")
    return [
        *table((*header, "boto3/fastiam", "SDK floor"), "lrrrr", rows),
        "",
        *table(
            ("CLI, one process (median)", "fastiam", "AWS CLI (awscli)", "AWS CLI / fastiam"),
            "lrrr",
            [
                (
                    "`iam list-mfa-devices` over HTTPS (ms)",
                    number(cli),
                    number(aws),
                    number(ratio(aws, cli)),
                )
            ],
        ),
    ]


def targets_table(figures: dict) -> list[str]:
    rows = []
    for label, measured, met in targets(figures):
        verdict = NA if met is None else ("met" if met else "**not met**")
        rows.append((label, measured, verdict))
    return table(("target", "measured", "met"), "lrl", rows)


def markdown(figures: dict, info: dict, notes: list[str]) -> str:
    lines = [f"# fastiam benchmark ({info['mode']})", ""]
    lines += [f"- {key}: {value}" for key, value in info.items() if key != "mode"]
    lines += ["", "## Results", "", *results_table(build_rows(figures)), ""]
    lines += ["## SDK floor: aws-sdk-iam alone, same nginx", "", *sdk_table(figures), ""]
    lines += ["## Floor: wrk against the same nginx", "", *floor_table(figures), ""]
    lines += ["## HTTPS", "", *tls_table(figures), ""]
    lines += ["## Cold start", "", *cold_table(figures), ""]
    lines += ["## Large results", "", *large_table(figures), ""]
    lines += ["## Targets", "", *targets_table(figures), ""]
    lines += ["## How it is measured", "", *[f"- {note}" for note in notes], ""]
    return "\n".join(lines)


def chart(figures: dict, path: Path) -> None:
    """Throughput against concurrency: threads and asyncio series per library,
    wrk's 1- and 64-connection rates as horizontal lines."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5), dpi=120)
    series = [
        ("threads", THREADS, "fastiam", "fastiam (threads)", "tab:red", "-o"),
        ("threads", THREADS, "boto3", "boto3 (threads)", "tab:blue", "-o"),
        ("inflight", IN_FLIGHT, "fastiam", "fastiam.aio (asyncio)", "tab:red", "--s"),
        ("inflight", IN_FLIGHT, "aiobotocore", "aiobotocore (asyncio)", "tab:green", "--s"),
    ]
    for kind, levels, lib, label, color, style in series:
        points = [(n, figures[kind].get(n, {}).get(lib)) for n in levels]
        points = [(n, v) for n, v in points if v is not None]
        if points:
            ax.plot(*zip(*points), style, color=color, label=label)
        else:
            ax.plot([], [], style, color=color, label=f"{label}: n/a")
    for connections, style in ((1, ":"), (64, "-.")):
        rate = (figures["wrk"].get(connections) or {}).get("calls_per_s")
        if rate:
            ax.axhline(
                rate,
                linestyle=style,
                color="gray",
                label=f"wrk floor, {connections} connection{'s' * (connections > 1)}",
            )
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(sorted(set(THREADS + IN_FLIGHT)))
    ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.set_xlabel("concurrency (threads sharing one client, or asyncio calls in flight)")
    ax.set_ylabel("enable_mfa_device calls/s (log)")
    ax.set_title("enable_mfa_device throughput against a canned local IAM (nginx)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))  # beside, not over, lines
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
