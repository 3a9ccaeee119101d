"""Figures and counts in README.md and the docs are what the code and the bench's results
say: the benchmark blocks are rewritten from bench/results/latest.json by
bench/figures.py, and the operation counts follow the client."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import botocore.session
import fastiam._native
import fastiam._unsupported
from botocore import xform_name

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", ROOT / "docs" / "index.md"]


def test_figure_blocks_match_the_latest_results():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "figures.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_figure_blocks_show_the_results_files_figures():
    """The block holds the run's own numbers (the check above could pass on two empty blocks)."""
    figures = json.loads((ROOT / "bench" / "results" / "latest.json").read_text())["figures"]
    imports = f"{figures['import_ms']['boto3']:,.0f} ms (boto3)"
    for page in PAGES:
        block = page.read_text(encoding="utf-8").split("<!-- figures: written", 1)[1]
        assert imports in block.split("<!-- figures: end -->", 1)[0], page


def test_operation_counts_are_the_clients():
    model = botocore.session.get_session().get_service_model("iam")
    methods = set(fastiam._native.OPERATIONS)  # also fastiam's extras, not in the model
    has = sum(xform_name(name) in methods for name in model.operation_names)
    lacks = len(fastiam._unsupported.OPERATIONS)
    assert has + lacks == len(model.operation_names)
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for claimed, total in re.findall(r"(\d+) of the (\d+) IAM operations", page.read_text()):
            assert (int(claimed), int(total)) == (has, has + lacks), page
    assert f"{has} of the {has + lacks} IAM operations" in README
    assert f"the {lacks} IAM operations the Rust SDK lacks" in README
