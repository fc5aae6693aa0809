"""The docs site builds, says hello and documents everything (100 % documentation coverage); the
SQL is lint-clean (`make structure` checks the DAG)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dwh.dbt import PROJECT_DIR, run_dbt
from dwh.registry import DOMAINS

from .conftest import copy_into

pytestmark = pytest.mark.long  # minutes: scheduled first (conftest)


@pytest.fixture(scope="module")
def docs_site(full_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs site of the sample warehouse, generated once (`make docs`) into a target folder of
    its own: catalog.json, manifest.json, index.html and static_index.html."""
    target = tmp_path_factory.mktemp("docs_target")
    warehouse = copy_into(full_build, tmp_path_factory.mktemp("docs"))  # dbt writes: never the shared build
    run_dbt(["docs", "generate", "--static", "--target-path", str(target)], warehouse)
    return target


def test_docs_generate(docs_site: Path) -> None:
    target = docs_site
    catalog = json.loads((target / "catalog.json").read_text())
    manifest = json.loads((target / "manifest.json").read_text())
    # every model is on the static page, and every one that is a relation (not ephemeral) is in the
    # catalog, built, with its columns
    built = {node["metadata"]["schema"] + "." + node["metadata"]["name"] for node in catalog["nodes"].values()}
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    assert {f"{n['schema']}.{n['alias']}" for n in models if n["config"]["materialized"] != "ephemeral"} <= built
    page = (target / "static_index.html").read_text()
    assert all(n["alias"] in page for n in models)
    # the overview names every domain, and every domain's contract page is part of the site
    overview = [d for d in manifest["docs"].values()
                if d["name"] == "__overview__" and d["package_name"] == "warehouse"]
    assert overview and all(f"`{name}`" in overview[0]["block_contents"] for name in DOMAINS)
    contracts = {d["name"] for d in manifest["docs"].values() if d["name"].startswith("contract_")}
    assert contracts == {f"contract_{name}" for name in DOMAINS}
    for source in manifest["sources"].values():
        assert source["source_description"].startswith("## "), source["unique_id"]  # the domain's contract


def test_documentation_coverage_is_complete(docs_site: Path, tmp_path: Path) -> None:
    """dbt-coverage over the catalog (sources, seeds, models, snapshots, every column): 100 %."""
    target = docs_site
    report = tmp_path / "coverage.json"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt-coverage"), "compute", "doc", "--project-dir", str(PROJECT_DIR),
         "--run-artifacts-dir", str(target), "--cov-report", str(report), "--cov-fail-under", "1.0"],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    covered = json.loads(report.read_text())
    assert covered["covered"] == covered["total"] > 250
    raw_tables = {f"raw.{table}" for name in DOMAINS for table in DOMAINS[name].raw_tables()}
    assert {*raw_tables, "shared.iso_country_codes"} <= {t["name"] for t in covered["tables"]}


def test_sqlfluff_lint_is_clean(tmp_path: Path) -> None:
    env = {**os.environ, "WAREHOUSE_PATH": str(tmp_path / "lint.duckdb")}
    result = subprocess.run([str(Path(sys.executable).parent / "sqlfluff"), "lint", "models", "tests", "analyses"],
                            cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_analyses_compile_and_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    """Every analysis compiles against the marts and runs on the sample warehouse."""
    import duckdb

    run_dbt(["compile", "--select", "resource_type:analysis"], copy_of(full_build))
    compiled = sorted((Path(os.environ["DBT_TARGET_PATH"]) / "compiled" / "warehouse" / "analyses").rglob("*.sql"))
    assert len(compiled) >= 2
    with duckdb.connect(str(full_build), read_only=True) as con:
        for path in compiled:
            assert con.execute(path.read_text()).fetchall(), path.name
