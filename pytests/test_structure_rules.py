"""The structure rules (dwh/structure_rules.py, run by dbt-score in `make structure`) hold on the
project, and each one fails the run when a manifest breaks it."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dwh.dbt import PROJECT_DIR, run_dbt

DBT_SCORE = str(Path(sys.executable).parent / "dbt-score")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
Manifest = dict[str, Any]


def lint(manifest: Path, cwd: Path = PROJECT_DIR) -> tuple[int, str]:
    """Run dbt-score as `make structure` does; returns its exit code and plain-text output."""
    result = subprocess.run([DBT_SCORE, "lint", "--manifest", str(manifest)], cwd=cwd,
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return result.returncode, ANSI.sub("", result.stdout + result.stderr)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    run_dbt(["parse", "--warn-error"], tmp_path_factory.mktemp("parse") / "warehouse.duckdb")
    return json.loads((Path(os.environ["DBT_TARGET_PATH"]) / "manifest.json").read_text())  # type: ignore[no-any-return]


def _tests_of(m: Manifest, node: str, kind: str, column: str | None = None) -> list[str]:
    return [uid for uid, n in m["nodes"].items()
            if n["resource_type"] == "test" and n.get("attached_node") == node
            and (n.get("test_metadata") or {}).get("name") == kind
            and (column is None or n.get("column_name") == column)]


def _drop_tests(m: Manifest, node: str, kind: str, column: str | None = None) -> None:
    found = _tests_of(m, node, kind, column)
    assert found, (node, kind, column)
    for uid in found:
        del m["nodes"][uid]


def _depends(m: Manifest, node: str, parent: str) -> None:
    m["nodes"][node]["depends_on"]["nodes"].append(parent)


def _undescribe_seed_column(m: Manifest) -> None:
    m["nodes"]["seed.warehouse.raw_posts"]["columns"]["parent_post_id"]["description"] = ""


def _untype_source_column(m: Manifest) -> None:
    del m["sources"]["source.warehouse.social.raw_posts"]["columns"]["created_at"]["data_type"]


def _no_freshness(m: Manifest) -> None:
    source = m["sources"]["source.warehouse.company_activity.raw_product_events"]
    source["freshness"] = None
    source["config"]["freshness"] = None


# rule -> (the item it must name, how to break it)
BREAKS: dict[str, tuple[str, Callable[[Manifest], None]]] = {
    "staging_reads_only_sources": (
        "stg_social__posts", lambda m: _depends(m, "model.warehouse.stg_social__posts", "model.warehouse.dim_date")),
    "staging_never_reads_staging": (
        "stg_social__posts",
        lambda m: _depends(m, "model.warehouse.stg_social__posts", "model.warehouse.stg_social__users")),
    "only_staging_reads_sources": (
        "dim_posts", lambda m: _depends(m, "model.warehouse.dim_posts", "source.warehouse.social.raw_posts")),
    "no_hard_coded_relations": (
        "fact_share_levels",
        lambda m: m["nodes"]["model.warehouse.fact_share_levels"].update(
            raw_code="select * from shares join raw.raw_posts using (post_id)")),
    "model_and_columns_described": (
        "fact_post_virality",
        lambda m: m["nodes"]["model.warehouse.fact_post_virality"]["columns"]["share_uplift"].update(description="")),
    "has_primary_key_test": ("dim_date", lambda m: _drop_tests(m, "model.warehouse.dim_date", "unique", "date_key")),
    "key_columns_not_null": (
        "int_company_activity__company_user_days",
        lambda m: _drop_tests(m, "model.warehouse.int_company_activity__company_user_days", "not_null", "user_id")),
    "marts_are_contracted": (
        "fact_share_levels",
        lambda m: m["nodes"]["model.warehouse.fact_share_levels"]["config"].update(contract={"enforced": False})),
    "marts_guard_personal_data": (
        "dim_companies", lambda m: _drop_tests(m, "model.warehouse.dim_companies", "no_personal_data")),
    "source_is_the_input_contract": ("social.raw_posts", _untype_source_column),
    "seed_described": ("raw_posts", _undescribe_seed_column),
    "snapshot_described": (
        "snap_company_activity__crm_companies",
        lambda m: m["nodes"]["snapshot.warehouse.snap_company_activity__crm_companies"].update(description="")),
}


def test_the_project_keeps_every_rule(manifest: Manifest, tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    code, output = lint(path)
    assert code == 0, output
    assert "Project score: 10.0" in output


def test_every_rule_is_checked() -> None:
    """Each rule in dwh/structure_rules.py has a break below, so none goes untested."""
    from dbt_score.rule import Rule

    import dwh.structure_rules as rules

    defined = {name for name, value in vars(rules).items() if isinstance(value, type) and issubclass(value, Rule)}
    assert defined == set(BREAKS)


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_a_violation_fails_the_run(manifest: Manifest, tmp_path: Path, rule: str) -> None:
    item, breaking = BREAKS[rule]
    broken = copy.deepcopy(manifest)
    breaking(broken)
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(broken))
    code, output = lint(path)
    assert code == 1, output
    assert re.search(rf"^\S+ \w+: {re.escape(item)} \(score: 0\.0\)$", output, re.MULTILINE), output
    assert f"dwh.structure_rules.{rule}:" in output, output


def test_no_freshness_fails_the_run(manifest: Manifest, tmp_path: Path) -> None:
    broken = copy.deepcopy(manifest)
    _no_freshness(broken)
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(broken))
    code, output = lint(path)
    assert code == 1 and "no freshness thresholds" in output, output


def test_a_new_model_that_breaks_the_rules_fails_make_structure(tmp_path: Path) -> None:
    """End to end, as `make structure` runs it: a staging model reading another staging model."""
    project = tmp_path / "project"
    for folder in ("models", "macros", "tests", "seeds", "snapshots", "docs", "analyses"):
        shutil.copytree(PROJECT_DIR / folder, project / folder)
    for name in ("dbt_project.yml", "profiles.yml", "pyproject.toml"):
        shutil.copy(PROJECT_DIR / name, project / name)
    (project / "models" / "staging" / "social" / "stg_social__user_names.sql").write_text(
        "select user_id, username from {{ ref('stg_social__users') }}\n")
    run_dbt(["parse", "--target-path", str(project / "target")], tmp_path / "warehouse.duckdb", project)
    code, output = lint(project / "target" / "manifest.json", cwd=project)
    assert code == 1, output
    for rule in ("staging_reads_only_sources", "staging_never_reads_staging", "model_and_columns_described",
                 "has_primary_key_test"):
        assert f"dwh.structure_rules.{rule}:" in output, output
    assert "stg_social__user_names" in output
