"""A pytest plugin that counts the examples hypothesis runs, for bench/reliability.py.

    FASTIAM_HYPOTHESIS_COUNT=counts.json python -m pytest -p hypothesis_count ...

(with bench/ on ``sys.path``). hypothesis's own ``--hypothesis-show-statistics``
reports only tests that are themselves ``@given`` functions; the fuzz tests of
tests/reliability/test_fuzz.py define theirs inside each parametrized test, so
this plugin wraps the one function hypothesis hands every run's statistics to
(``hypothesis.core.note_statistics``) and adds them up. At the end of the
session it writes the totals as JSON to the path in FASTIAM_HYPOTHESIS_COUNT:
``runs`` (``@given`` runs), and for each phase (explicit, reuse, generate,
target, shrink) the test cases by status (``valid``: an example that ran and
passed or failed the test; ``invalid``/``overrun``: data rejected before the
test ran; ``interesting``: a failing example).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import hypothesis.core

PHASES = ("explicit", "reuse", "generate", "target", "shrink")
_cases: dict[str, Counter[str]] = {phase: Counter() for phase in PHASES}
_runs = 0


def _counting(original: Any) -> Any:
    def note_statistics(stats: dict[str, Any]) -> None:
        global _runs
        _runs += 1
        for phase in PHASES:
            for case in stats.get(f"{phase}-phase", {}).get("test-cases", []):
                _cases[phase][case["status"]] += 1
        original(stats)

    return note_statistics


def pytest_configure(config: Any) -> None:
    hypothesis.core.note_statistics = _counting(hypothesis.core.note_statistics)


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    path = os.environ.get("FASTIAM_HYPOTHESIS_COUNT")
    if path:
        counts = {"runs": _runs, "phases": {p: dict(sorted(c.items())) for p, c in _cases.items()}}
        Path(path).write_text(json.dumps(counts, indent=1), encoding="utf-8")
