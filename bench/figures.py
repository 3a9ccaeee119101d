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

from report import number, table

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
PAGES = [ROOT / "README.md", ROOT / "docs" / "index.md"]
HEADER = ("measure", "fastiam", "boto3 / aiobotocore", "fastiam is")
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


# How fastiam's figure reads beside the peer's, by the kind of figure.
COMPARED = {
    "time": _times,
    "rate": lambda fast, slow: f"{fast / slow:.1f}x",
    "memory": lambda fast, slow: f"{fast / slow:.2f}x the memory",
}


def _pairs(f: dict) -> list[tuple[str, float, float, str, str, str]]:
    """(measure, fastiam's figure, the peer's, the peer, unit, kind of figure)."""
    users = f["large"]["list-users"]
    cold = f["cold"]
    pairs = [
        (label, f[key]["fastiam"], f[key]["boto3"], "boto3", "ms", "time")
        for label, key in (
            ("`import`", "import_ms"),
            ("first client", "first_client_ms"),
            ("later clients", "later_client_ms"),
        )
    ]
    pairs += [
        ("sequential calls, one client", f["seq_calls_per_s"]["fastiam"],
         f["seq_calls_per_s"]["boto3"], "boto3", "calls/s", "rate"),
        ("8 threads, one client", f["threads"]["8"]["fastiam"], f["threads"]["8"]["boto3"],
         "boto3", "calls/s", "rate"),
        *((f"asyncio, {level} in flight", f["inflight"][level]["fastiam"],
           f["inflight"][level]["aiobotocore"], "aiobotocore", "calls/s", "rate")
          for level in ("1", "64")),
        ("`list_users`, a page of 1,000 users", users["fastiam"]["calls_per_s"],
         users["boto3"]["calls_per_s"], "boto3", "calls/s", "rate"),
        ("a fresh process: start, import, client, one HTTPS call",
         cold["fastiam"]["process_ms"], cold["boto3"]["process_ms"], "boto3", "ms", "time"),
        ("peak memory (import, one client, 1,000 calls)", f["rss_mib"]["fastiam"],
         f["rss_mib"]["boto3"], "boto3", "MiB", "memory"),
    ]  # fmt: skip
    return pairs


def rows(figures: dict) -> list[list[str]]:
    """(measure, fastiam, boto3 or aiobotocore, how fastiam compares)."""
    return [
        [label, f"{number(fast)} {unit}", f"{number(slow)} {unit} ({peer})",
         COMPARED[kind](fast, slow)]
        for label, fast, slow, peer, unit, kind in _pairs(figures)
    ]  # fmt: skip


def block(data: dict, page: str) -> str:
    base = BASE[page]
    info = data["info"]
    lines = [
        START,
        *table(HEADER, "lrrl", rows(data["figures"])),
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
