"""The headline figures shown in README.md and docs/index.md, written from the bench's
result file, so that no figure there is typed by hand or left stale.

    python bench/figures.py           # rewrite the blocks from bench/results/latest.json
    python bench/figures.py --check   # exit 1 if a block differs (tests/docs/test_figures.py)

A block is everything between the two marker lines below; the rest of each page is
left as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
PAGES = [ROOT / "README.md", ROOT / "docs" / "index.md"]
START = "<!-- figures: written by `python bench/figures.py` from bench/results/latest.json -->"
END = "<!-- figures: end -->"
# Where each page's links to the chart and the full table point from.
BASE = {"README.md": "bench/results/", "index.md": "assets/"}
# The chart, copied where the docs site can show it (mkdocs serves only docs/).
CHART = ROOT / "bench" / "results" / "throughput.png"
DOCS_CHART = ROOT / "docs" / "assets" / "throughput.png"
FULL_TABLE = {
    "README.md": "bench/results/latest.md",
    "index.md": "https://github.com/fastiam/fastiam/blob/main/bench/results/latest.md",
}


def _times(fast: float, slow: float) -> str:
    return f"{slow / fast:.1f}x faster" if slow / fast < 10 else f"{slow / fast:.0f}x faster"


def _rate(fast: float, slow: float) -> str:
    return f"{fast / slow:.1f}x"


def _number(value: float, unit: str) -> str:
    if value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.1f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def rows(figures: dict) -> list[tuple[str, str, str, str]]:
    """(measure, fastiam, boto3 or aiobotocore, how fastiam compares)."""
    f = figures
    inflight = f["inflight"]["64"]
    cold = f["cold"]
    users = f["large"]["list-users"]
    shown = [
        ("`import`", f["import_ms"], "ms", "boto3"),
        ("first client", f["first_client_ms"], "ms", "boto3"),
        ("later clients", f["later_client_ms"], "ms", "boto3"),
    ]
    out = [
        (label, _number(v["fastiam"], unit), f"{_number(v[peer], unit)} ({peer})",
         _times(v["fastiam"], v[peer]))
        for label, v, unit, peer in shown
    ]  # fmt: skip
    calls = [
        ("sequential calls, one client", f["seq_calls_per_s"]["fastiam"],
         f["seq_calls_per_s"]["boto3"], "boto3"),
        ("8 threads, one client", f["threads"]["8"]["fastiam"], f["threads"]["8"]["boto3"],
         "boto3"),
        ("asyncio, 1 in flight", f["inflight"]["1"]["fastiam"],
         f["inflight"]["1"]["aiobotocore"], "aiobotocore"),
        ("asyncio, 64 in flight", inflight["fastiam"], inflight["aiobotocore"], "aiobotocore"),
        ("`list_users`, a page of 1,000 users", users["fastiam"]["calls_per_s"],
         users["boto3"]["calls_per_s"], "boto3"),
    ]  # fmt: skip
    out += [
        (label, _number(fast, "calls/s"), f"{_number(slow, 'calls/s')} ({peer})", _rate(fast, slow))
        for label, fast, slow, peer in calls
    ]
    out.append(
        (
            "a fresh process: start, import, client, one HTTPS call",
            _number(cold["fastiam"]["process_ms"], "ms"),
            f"{_number(cold['boto3']['process_ms'], 'ms')} (boto3)",
            _times(cold["fastiam"]["process_ms"], cold["boto3"]["process_ms"]),
        )
    )
    rss = f["rss_mib"]
    out.append(
        (
            "peak memory (import, one client, 1,000 calls)",
            _number(rss["fastiam"], "MiB"),
            f"{_number(rss['boto3'], 'MiB')} (boto3)",
            f"{rss['fastiam'] / rss['boto3']:.2f}x the memory",
        )
    )
    return out


def block(data: dict, page: str) -> str:
    base = BASE[page]
    info = data["info"]
    lines = [
        START,
        "| measure | fastiam | boto3 / aiobotocore | fastiam is |",
        "|---|---:|---:|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(data["figures"])),
        "",
        f"![Calls per second against a canned IAM endpoint]({base}throughput.png)",
        "",
        _caption(info, FULL_TABLE[page]),
        END,
    ]
    return "\n".join(lines)


def _caption(info: dict, full_table: str) -> str:
    python = info["python"].split()[0]
    return (
        f"*`python bench/run.py`, {info['date']}: {info['CPU']}, Python {python},"
        f" {info['libraries']}; against a local nginx answering as IAM. Full table:"
        f" [bench/results/latest.md]({full_table}).*"
    )


def rewritten(text: str, new_block: str, name: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"{name}: no figures block (the marker lines {START!r} ... {END!r})")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return before + new_block + after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a block is out of date")
    args = parser.parse_args()
    data = json.loads(RESULTS.read_text())
    stale = []
    for page in PAGES:
        text = page.read_text()
        new = rewritten(text, block(data, page.name), page.name)
        if new != text:
            stale.append(page.relative_to(ROOT))
            if not args.check:
                page.write_text(new)
    if not DOCS_CHART.exists() or DOCS_CHART.read_bytes() != CHART.read_bytes():
        stale.append(DOCS_CHART.relative_to(ROOT))
        if not args.check:
            DOCS_CHART.parent.mkdir(exist_ok=True)
            DOCS_CHART.write_bytes(CHART.read_bytes())
    if args.check and stale:
        print(f"out of date: {', '.join(map(str, stale))}; run python bench/figures.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
