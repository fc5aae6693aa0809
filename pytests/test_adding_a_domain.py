"""A domain is one place: the recipe of docs/adding-a-domain.md, followed in a copy of the project.

A tiny example domain (`parcels`: one raw table, one staging model with its quarantine, one mart)
is added as its own folders, files named after it and one registry entry, nothing else. In the
same copy the five built domains are taken away the same way (their folders, their files and
their entries), which proves the converse: no shared part needs them. Then the copy's own CLI,
replay, quarantine-rule test and structure rules must all pick the new domain up.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dwh.dbt import PROJECT_DIR
from dwh.registry import DOMAINS

NEW = "parcels"
STAMPS = ("2026-05-01 06:00:00", "2026-05-02 06:00:00")

FILES = {
    f"models/staging/{NEW}/_{NEW}__sources.yml": """
version: 2

sources:
  - name: parcels
    description: Parcels handed to a courier, as the courier's API reports them.
    schema: raw
    loaded_at_field: _loaded_at
    config:
      freshness:
        warn_after: {count: 1, period: day}
        error_after: {count: 3, period: day}
    tables:
      - name: raw_parcels
        description: One row per parcel and report; a parcel is reported again when its weight is corrected.
        data_tests:
          - raw_rows_are_conserved:
              arguments:
                staged: ref('stg_parcels__parcels')
                quarantine: ref('parcels_quarantine')
                quarantine_where: source_table = 'raw_parcels'
                key_columns: [parcel_id]
        columns:
          - name: parcel_id
            description: The parcel's id.
            data_type: varchar
          - name: weight_grams
            description: The parcel's weight in grams.
            data_type: integer
          - name: shipped_at
            description: When the courier took the parcel (UTC).
            data_type: timestamp
          - name: _loaded_at
            description: When the row was loaded into raw.
            data_type: timestamp
""",
    f"models/staging/{NEW}/base/base_{NEW}__parcels.sql": """
{{ config(materialized='ephemeral', meta={'record_key': ['parcel_id']}) }}
-- Every row of raw.raw_parcels, typed, cleaned and judged on its own.
with

typed as (
    {{ typed_raw_rows('parcels', 'raw_parcels') }}
),

renamed as (
    select
        trim(parcel_id) as parcel_id,
        weight_grams,
        shipped_at,
        _loaded_at
    from typed
),

judged as (
    {{ judge_raw_rows('renamed', rules=[
        {'reason': 'weight_not_positive', 'broken_when': 'coalesce(weight_grams <= 0, true)'},
    ]) }}
)

select * from judged
""",
    f"models/staging/{NEW}/base/_base_{NEW}__models.yml": """
version: 2
models:
  - name: base_parcels__parcels
    description: Every row of raw.raw_parcels, cleaned and judged on its own.
    columns:
      - name: parcel_id
        description: The parcel's id.
      - name: weight_grams
        description: The parcel's weight in grams.
      - name: shipped_at
        description: When the courier took the parcel (UTC).
      - name: _loaded_at
        description: When the row was loaded into raw.
      - name: _record_key
        description: "{{ doc('judged_record_key') }}"
      - name: _raw_record
        description: "{{ doc('judged_raw_record') }}"
      - name: _row_fingerprint
        description: "{{ doc('judged_row_fingerprint') }}"
      - name: _broken_rule
        description: "{{ doc('judged_broken_rule') }}"
""",
    f"models/staging/{NEW}/stg_{NEW}__parcels.sql": """
-- One row per parcel: its newest good report.
with

ranked as (
    {{ rank_raw_rows(ref('base_parcels__parcels')) }}
),

final as (
    select
        -- ids
        parcel_id,
        -- numerics
        weight_grams,
        -- timestamps
        shipped_at,
        _loaded_at
    from ranked
    where _row_status = 'current'
)

select * from final
""",
    f"models/staging/{NEW}/{NEW}_quarantine.sql": """
-- Every raw parcel row set aside, with the reason and the raw row itself.
{{ quarantine_rows(rank_raw_rows(ref('base_parcels__parcels')), 'raw_parcels') }}
""",
    f"models/staging/{NEW}/_{NEW}__models.yml": """
version: 2
models:
  - name: stg_parcels__parcels
    description: One row per parcel, its newest good report.
    columns:
      - name: parcel_id
        description: The parcel's id. Primary key.
        data_tests: [unique, not_null]
      - name: weight_grams
        description: The parcel's weight in grams (positive).
      - name: shipped_at
        description: When the courier took the parcel (UTC).
      - name: _loaded_at
        description: When the report was loaded into raw.
  - name: parcels_quarantine
    description: Every raw parcel row set aside, with its reason.
    columns:
      - name: quarantine_id
        description: Surrogate key of the quarantined row.
        data_tests: [unique, not_null]
      - name: source_table
        description: The raw table the row came from.
      - name: record_key
        description: The record's natural key as text.
      - name: reason
        description: Why the row was set aside.
        data_tests: [not_null]
      - name: raw_record
        description: The cleaned raw row as `column=value` pairs.
      - name: row_fingerprint
        description: Hash of the row's content.
      - name: _loaded_at
        description: When the row was loaded into raw.
""",
    f"models/marts/{NEW}/fact_parcels.sql": """
-- One row per parcel, with the day it shipped.
with

parcels as (
    select * from {{ ref('stg_parcels__parcels') }}
),

final as (
    select
        cast(parcel_id as {{ dbt.type_string() }}) as parcel_id,
        cast(weight_grams as integer) as weight_grams,
        cast(shipped_at as date) as shipped_date
    from parcels
)

select * from final
""",
    f"models/marts/{NEW}/_{NEW}__models.yml": """
version: 2
models:
  - name: fact_parcels
    description: One row per parcel.
    data_tests:
      - no_personal_data
    columns:
      - name: parcel_id
        description: The parcel's id. Primary key.
        data_type: "{{ var('string_type')[target.type] }}"
        constraints:
          - type: not_null
        data_tests: [unique, not_null]
      - name: weight_grams
        description: The parcel's weight in grams.
        data_type: integer
      - name: shipped_date
        description: The day the courier took the parcel.
        data_type: date
""",
    f"dwh/generators/{NEW}.py": f'''
"""The parcels sample: three parcels over two loads; P2's weight is corrected, P3's is not positive."""

from __future__ import annotations

import csv
from pathlib import Path

from dwh.generators import Generated

ROWS = [("P1", 900, "2026-04-30 10:00:00", "{STAMPS[0]}"), ("P2", 1, "2026-04-30 11:00:00", "{STAMPS[0]}"),
        ("P2", 1200, "2026-04-30 11:00:00", "{STAMPS[1]}"), ("P3", 0, "2026-05-01 09:00:00", "{STAMPS[1]}")]


def generate(out_dir: Path, seed: int = 42) -> Generated:
    folder = out_dir / "parcels"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "raw_parcels.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\\n")
        writer.writerow(["parcel_id", "weight_grams", "shipped_at", "_loaded_at"])
        writer.writerows(ROWS)
    return Generated(counts={{"raw_parcels": len(ROWS)}}, planted={{"corrected": ["P2"], "bad": ["P3"]}})
''',
    f"dwh/generators/{NEW}_scale.py": '''
"""The parcels scale set: N x 1,000,000 parcels in one load, and one more day."""

from __future__ import annotations

import duckdb

from dwh.contracts import create_raw_tables
from dwh.generators.scale_sql import ScaleDomain


def _insert(con: duckdb.DuckDBPyConnection, count: int, prefix: str, stamp: str) -> int:
    create_raw_tables(con, "parcels")
    con.execute(f"insert into raw.raw_parcels select '{prefix}' || i, 1 + i % 5000, "
                f"timestamp '2026-06-01' + to_seconds(i % 86400), timestamp '{stamp}' from range({count}) t (i)")
    return count


SCALE = ScaleDomain(
    generate=lambda con, f, seed: _insert(con, int(1_000_000 * f), "p", "2026-06-02 06:00:00"),
    increment=lambda con, f, seed: _insert(con, int(10_000 * f), "q", "2026-06-03 06:00:00"),
    describe="scale 1: 1,000,000 parcels",
    floors={"fact_parcels": "select parcel_id, count(*) from raw.raw_parcels group by all"},
    incremental_tables=(),
)
''',
    f"pytests/domains/{NEW}.py": '''
"""The parcels domain's hand-made quarantine cases."""

from __future__ import annotations

from . import Row

L = "2026-05-03 06:00"
QUARANTINE_CASES: dict[str, list[tuple[str | None, Row]]] = {
    "raw_parcels": [
        (None, ("P1", 900, "2026-05-02 10:00", L)),
        ("null_parcel_id", (None, 900, "2026-05-02 10:00", L)),
        ("weight_not_positive", ("P2", 0, "2026-05-02 10:00", L)),
    ],
}
STAGED = {"raw_parcels": "staging.stg_parcels__parcels"}
''',
}


def _domain_paths(project: Path, name: str) -> list[Path]:
    """Everything a domain owns, by the registry's conventions (dwh/registry.py)."""
    patterns = [f"models/*/{name}", f"macros/{name}", f"seeds/sample/{name}",
                f"snapshots/{name}", f"tests/{name}", f"analyses/{name}", f"docs/contracts/{name}.md",
                f"dwh/generators/{name}.py", f"dwh/generators/{name}_scale.py", f"pytests/domains/{name}.py",
                f"pytests/test_{name}_*.py", f"pytests/reference_{name}.py", f"bench/{name}_*.py"]
    return [path for pattern in patterns for path in project.glob(pattern)]


def _run(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WAREHOUSE_PATH": str(project / "warehouse.duckdb"), "DBT_PROFILES_DIR": str(project)}
    env["PYTHONPATH"] = str(project)  # the copy's own dwh package, not the installed one
    env.pop("DOMAIN", None)  # `make test DOMAIN=<name>` names a domain of this project, not of the copy
    done = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy: the five domains taken away, the example domain added, one registry entry each way."""
    project = tmp_path_factory.mktemp("domain") / "project"
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=PROJECT_DIR,
                             capture_output=True, text=True)
    names = tracked.stdout.split() if tracked.returncode == 0 else None
    if names:
        for name in names:
            if (PROJECT_DIR / name).is_file():
                (project / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(PROJECT_DIR / name, project / name)
    else:  # a copy without git (git archive): every file but what the build made
        shutil.copytree(PROJECT_DIR, project, ignore=shutil.ignore_patterns(
            ".venv", "target", "logs", "*.duckdb*", "__pycache__", ".pytest_cache", "landing", "dbt_packages"))
    for name in DOMAINS:
        for path in _domain_paths(project, name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for relative, text in FILES.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text.lstrip("\n"))
    registry = project / "dwh" / "registry.py"
    source = registry.read_text()
    entries = re.search(r"DOMAINS: dict\[str, Domain\] = \{d\.name: d for d in \(\n(.*?)\n\)\}", source, re.S)
    assert entries, "the registry's entries are no longer where this test looks for them"
    registry.write_text(source.replace(entries.group(1), f'    Domain("{NEW}", "parcels handed to a courier"),'))
    _run(project, sys.executable, "-m", "dwh", "generate", "--domain", NEW)  # its sample seeds, as `make seeds`
    return project


def test_the_cli_lists_and_generates_the_new_domain(project: Path, tmp_path: Path) -> None:
    listed = _run(project, sys.executable, "-m", "dwh", "domains").stdout
    assert listed.startswith(f"{NEW}: parcels handed to a courier") and "raw_parcels" in listed
    assert f"marts (schema {NEW}): fact_parcels" in listed
    assert f"--select staging.{NEW} marts.{NEW} tag:shared" in listed
    generated = _run(project, sys.executable, "-m", "dwh", "generate", "--domain", NEW, "--out", str(tmp_path)).stdout
    assert f"{NEW}.raw_parcels: 4 rows" in generated
    assert len((tmp_path / NEW / "raw_parcels.csv").read_text().splitlines()) == 1 + 4


def test_the_replay_builds_the_new_domain(project: Path) -> None:
    said = _run(project, sys.executable, "-m", "dwh", "replay", "--warehouse", "warehouse.duckdb").stdout
    assert "replayed 2 load batches" in said, said
    with duckdb.connect(str(project / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select * from parcels.fact_parcels order by parcel_id").fetchall() == [
            ("P1", 900, date(2026, 4, 30)), ("P2", 1200, date(2026, 4, 30))]
        assert con.execute("select record_key, reason from staging.parcels_quarantine").fetchall() == [
            ("P3", "weight_not_positive")]


def test_the_quarantine_rule_test_runs_the_new_domains_cases(project: Path) -> None:
    done = _run(project, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                "pytests/test_quarantine_rules.py")
    assert re.search(r"\b1 passed", done.stdout), done.stdout
    assert "test_every_rule_quarantines_the_row_that_breaks_it" not in done.stdout  # nothing failed


def _structure(project: Path) -> tuple[int, str]:
    """`make structure` in the copy. The copy has no snapshot left (the domains that had them are
    gone), so dbt_project.yml's snapshot settings apply to nothing: that one warning is expected."""
    bin_dir = Path(sys.executable).parent
    _run(project, str(bin_dir / "dbt"), "parse", "--project-dir", str(project), "--target-path",
         str(project / "target"), "--warn-error-options", '{"error": "all", "silence": ["UnusedResourceConfigPath"]}')
    linted = _run(project, str(bin_dir / "dbt-score"), "lint", "--manifest", str(project / "target" / "manifest.json"),
                  check=False)
    return linted.returncode, re.sub(r"\x1b\[[0-9;]*m", "", linted.stdout + linted.stderr)


def test_the_structure_rules_check_the_new_domain(project: Path) -> None:
    code, said = _structure(project)
    assert code == 0 and "Project score: 10.0" in said, said
    # the rules see the new mart: without the personal-data test it fails, by name
    mart_yml = project / "models" / "marts" / NEW / f"_{NEW}__models.yml"
    kept = mart_yml.read_text()
    mart_yml.write_text(kept.replace("    data_tests:\n      - no_personal_data\n", ""))
    try:
        code, said = _structure(project)
    finally:
        mart_yml.write_text(kept)
    assert code == 1 and "fact_parcels" in said and "marts_guard_personal_data" in said, said
