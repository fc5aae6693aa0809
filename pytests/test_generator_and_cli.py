"""The sample-data generator and the command-line interface."""

from __future__ import annotations

import argparse
import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dwh.contracts import input_contract
from dwh.dbt import PROJECT_DIR
from dwh.registry import DOMAINS, SAMPLE_SEEDS


def generate(out: Path, seed: int, *domains: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dwh", "generate", "--seed", str(seed), "--out", str(out),
                           *(["--domain", *domains] if domains else [])], check=True, capture_output=True, text=True)


def test_same_seed_same_bytes_and_committed_seeds_are_current(tmp_path: Path) -> None:
    """`make seeds` is deterministic, and the sample seeds in the repository (CSVs and their
    properties, written from the input contract) are exactly what it writes, for every domain."""
    said = generate(tmp_path / "a", 42).stdout
    generate(tmp_path / "b", 42)
    written = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    committed = sorted(p.relative_to(PROJECT_DIR / SAMPLE_SEEDS) for p in (PROJECT_DIR / SAMPLE_SEEDS).rglob("*")
                       if p.is_file())
    assert written == committed
    assert {p.parts[0] for p in written} == set(DOMAINS)
    for name in written:
        assert filecmp.cmp(tmp_path / "a" / name, tmp_path / "b" / name, shallow=False), name
        assert filecmp.cmp(tmp_path / "a" / name, PROJECT_DIR / SAMPLE_SEEDS / name, shallow=False), name
    for table in input_contract():  # and it says what it wrote
        assert re.search(rf"^\w+\.{table}: \d+ rows -> ", said, re.MULTILINE), table


def test_other_seed_other_data(tmp_path: Path) -> None:
    domain = next(iter(DOMAINS))
    generate(tmp_path / "a", 42, domain)
    generate(tmp_path / "b", 7, domain)
    assert any(not filecmp.cmp(p, tmp_path / "b" / p.relative_to(tmp_path / "a"), shallow=False)
               for p in (tmp_path / "a" / domain).glob("*.csv"))


def test_cli_rejects_an_unknown_domain(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "dwh", "generate", "--domain", "nope", "--out", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_make_help_shows_whole_names_and_real_values(tmp_path: Path) -> None:
    """Every target with a `##` text is listed once, its name whole and apart from its text, and the
    variables in the texts show their values."""
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
    # argparse wraps long lines, also inside a default (at a hyphen of a path): compare without whitespace
    assert all(f"(default:{a.default})".replace(" ", "") in "".join(text.split()) for a in options), text
    listed = [line.split()[0] for line in text.split("exit codes:\n")[-1].splitlines()] if "exit codes:" in text else []
    assert listed == ([str(int(code)) for code in MEANINGS] if command in {"load", "run", "dbt"} else [])


def test_generate_loads_neither_dbt_nor_duckdb(tmp_path: Path) -> None:
    """The CLI's module and `generate` stay light: dbt and DuckDB are imported by the commands that need them."""
    code = (f"import sys, runpy; sys.argv = ['dwh', 'generate', '--out', '{tmp_path}']\n"
            "try:\n    runpy.run_module('dwh', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dbt', 'duckdb')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
