"""The sample-data generator and the command-line interface."""

from __future__ import annotations

import argparse
import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from dwh.dbt import PROJECT_DIR
from dwh.generators import company_activity
from dwh.registry import SAMPLE_SEEDS

TABLES = ["raw_crm_companies", "raw_product_usage_api", "raw_product_events"]


def generate(out: Path, seed: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dwh", "generate", "--seed", str(seed), "--out", str(out),
                           "--domain", "company_activity"], check=True, capture_output=True, text=True)


def test_same_seed_same_bytes_and_committed_seeds_are_current(tmp_path: Path) -> None:
    generate(tmp_path / "a", 42)
    generate(tmp_path / "b", 42)
    for table in TABLES:
        name = f"company_activity/{table}.csv"
        assert filecmp.cmp(tmp_path / "a" / name, tmp_path / "b" / name, shallow=False)
        # the seeds in the repository are exactly what `make seeds` writes
        assert filecmp.cmp(tmp_path / "a" / name, PROJECT_DIR / SAMPLE_SEEDS / name, shallow=False), name


def test_other_seed_other_data(tmp_path: Path) -> None:
    generate(tmp_path / "a", 42)
    generate(tmp_path / "b", 7)
    name = "company_activity/raw_product_events.csv"
    assert not filecmp.cmp(tmp_path / "a" / name, tmp_path / "b" / name, shallow=False)


def test_cli_reports_what_it_wrote(tmp_path: Path) -> None:
    out = generate(tmp_path, 42).stdout
    for table in TABLES:
        assert f"company_activity.{table}:" in out


def test_cli_rejects_an_unknown_domain(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "dwh", "generate", "--domain", "nope", "--out", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    out = tmp_path_factory.mktemp("sample")
    result = company_activity.generate(out, 42)
    return out / "company_activity", result.planted


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_sample_covers_every_case_the_issue_names(sample: tuple[Path, dict[str, list[str]]]) -> None:
    folder, planted = sample
    events = read(folder / "raw_product_events.csv")
    crm = read(folder / "raw_crm_companies.csv")
    assert len({r["company_id"] for r in crm if r["company_id"]}) >= 40
    assert len({r["occurred_at"][:10] for r in events}) >= 60
    assert len({r["_loaded_at"] for r in events}) >= 8
    for case in ("replayed", "corrected", "moved_day", "moved_company", "late_over_2_weeks", "resent_broken",
                 "broken_then_fixed", "api_mismatch", "api_repulled", "missing_in_api", "missing_in_warehouse"):
        assert planted.get(case), case
    # events landing up to three weeks late
    lateness = [(int(r["_loaded_at"][8:10]) - int(r["occurred_at"][8:10])) % 31 for r in events]
    assert max(lateness) >= 14
    # a company with events but no CRM record, and a company that leaves the exports
    crm_ids = {r["company_id"] for r in crm}
    assert company_activity.NO_CRM_COMPANY not in crm_ids
    assert company_activity.NO_CRM_COMPANY in {r["company_id"] for r in events}
    last_export = max(r["export_date"] for r in crm)
    assert company_activity.DELETED_COMPANY not in {r["company_id"] for r in crm if r["export_date"] == last_export}
    # bad rows of every kind
    assert any(not r["event_id"] for r in events)
    assert any(not r["company_id"] for r in crm)
    assert any(r["country"].strip().upper() == "XX" for r in crm)
    assert any(r["occurred_at"] > r["_loaded_at"] for r in events)
    # countries arrive lower-case and padded
    assert any(r["country"] != r["country"].strip() for r in crm)
    assert any(r["country"].islower() for r in crm)


def test_make_help_shows_whole_names_and_real_values(tmp_path: Path) -> None:
    """Every target with a `##` text is listed once, its name whole and apart from its text, and the
    variables in the texts show their values."""
    import re

    makefile = (PROJECT_DIR / "Makefile").read_text()
    targets = re.findall(r"^([a-z-]+):.*## ", makefile, re.MULTILINE)
    done = subprocess.run(["make", "--no-print-directory", "help", f"LANDING_DIR={tmp_path}/in"], cwd=PROJECT_DIR,
                          capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines] == targets
    assert len({len(re.match(r"  make \S+ +", line).group(0)) for line in lines}) == 1  # type: ignore[union-attr]  # one column
    assert "$(" not in done.stdout
    assert f"write them to {tmp_path}/in, load" in done.stdout


@pytest.mark.parametrize("command", ["generate", "generate-scale", "load", "run", "replay", "build-once", "dbt"])
def test_each_subcommand_help_shows_defaults_an_example_and_for_runs_the_exit_codes(command: str) -> None:
    from dwh.cli import build_parser
    from dwh.exits import MEANINGS

    parser = build_parser()
    sub = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    text = sub.choices[command].format_help()
    assert f"example:\n  dwh {command} " in text
    options = [a for a in sub.choices[command]._actions if a.option_strings and a.default not in (None, False)
               and a.dest != "help"]
    assert all(f"(default: {a.default})" in " ".join(text.split()) for a in options), text
    listed = [line.split()[0] for line in text.split("exit codes:\n")[-1].splitlines()] if "exit codes:" in text else []
    assert listed == ([str(int(code)) for code in MEANINGS] if command in {"load", "run", "dbt"} else [])


def test_generate_loads_neither_dbt_nor_duckdb(tmp_path: Path) -> None:
    """The CLI's module and `generate` stay light: dbt and DuckDB are imported by the commands that need them."""
    code = (f"import sys, runpy; sys.argv = ['dwh', 'generate', '--out', '{tmp_path}', '--domain', 'social']\n"
            "try:\n    runpy.run_module('dwh', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dbt', 'duckdb')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
