"""bench/suite.py, the benchmark of the set-up commands: what it reads off a command's output and
what it writes (the commands themselves take half an hour: `make bench-suite` runs them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import suite

PYTEST_TAIL = """\
============================= slowest 30 durations =============================
173.09s call     pytests/test_arrival_order.py::test_any_arrival_order_equals_the_full_refresh
120.16s setup    pytests/test_social_answers.py::test_dim_posts_matches_reference[replayed]
0.01s teardown pytests/test_x.py::test_y
=============== 100 passed, 86 deselected in 884.99s (0:14:44) ================
"""


def test_a_run_is_timed_and_pytest_read(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_text(PYTEST_TAIL)
    run = suite._run(tmp_path, ["sh", "-c", "cat out.txt; exit 3"], tmp_path / "run.log")
    assert run["exit_code"] == 3 and float(run["seconds"]) >= 0  # type: ignore[arg-type]
    assert (run["tests_passed"], run["tests_deselected"], run["pytest_seconds"]) == (100, 86, 884.99)
    assert run["slowest"] == [
        {"seconds": 173.09, "phase": "call",
         "test": "pytests/test_arrival_order.py::test_any_arrival_order_equals_the_full_refresh"},
        {"seconds": 120.16, "phase": "setup",
         "test": "pytests/test_social_answers.py::test_dim_posts_matches_reference[replayed]"},
        {"seconds": 0.01, "phase": "teardown", "test": "pytests/test_x.py::test_y"}]
    assert "tests_passed" not in suite._run(tmp_path, ["true"], tmp_path / "quiet.log")


def test_the_results_name_the_commit_and_each_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suite, "RESULTS", tmp_path)
    report = {"date": "2026-12-08", "machine": "x86_64, 2 cores", "commit": "abc1234", "runs": [
        {"command": "make build", "exit_code": 0, "seconds": 130.4},
        {"command": "make test", "exit_code": 0, "seconds": 845.6, "tests_passed": 186, "tests_deselected": 0,
         "pytest_seconds": 801.0, "slowest": [{"seconds": 173.1, "phase": "call", "test": "t::a"}]}]}
    suite.write(report)
    assert json.loads((tmp_path / "suite.json").read_text()) == report
    page = (tmp_path / "suite.md").read_text()
    assert "copy of commit abc1234" in page
    assert "| `make build` | 2 min 10 s | 0 |  |" in page
    assert "| `make test` | 14 min 6 s | 0 | 186 passed in 13 min 21 s |" in page
    assert "- 173 s call t::a" in page
