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

from dwh.dbt import PROJECT_DIR, DbtError, run_dbt
from dwh.registry import DOMAINS

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


def _nodes(m: Manifest, kind: str, where: Callable[[dict[str, Any]], bool] = lambda n: True) -> list[str]:
    """The unique ids of the project's nodes of one kind that satisfy `where`, sorted."""
    return sorted(uid for uid, n in m["nodes"].items()
                  if n["resource_type"] == kind and n["package_name"] == "warehouse" and where(n))


def _in(folder: str, *, base: bool | None = None) -> Callable[[dict[str, Any]], bool]:
    """Models under models/<folder>/ (and, for staging, base models or not)."""
    def test(node: dict[str, Any]) -> bool:
        parts = Path(node["original_file_path"]).parts
        return parts[:2] == ("models", folder) and (base is None or ("base" in parts[3:-1]) == base)
    return test


def _name(uid: str) -> str:
    return uid.split(".")[-1]


def _undescribe(m: Manifest, uid: str, column: str | None = None) -> None:
    node = m["nodes"].get(uid) or m["sources"][uid]
    target = node["columns"][column] if column else node
    target["description"] = ""


def _first_column(m: Manifest, uid: str) -> str:
    return next(iter((m["nodes"].get(uid) or m["sources"][uid])["columns"]))


def _unique_combination_with_not_null(m: Manifest) -> tuple[str, str]:
    """A model keyed by unique_combination_of_columns whose first key column has a not_null test (and
    no enforced not-null constraint, which would prove it too)."""
    combinations = _nodes(m, "test", lambda n: (n.get("test_metadata") or {}).get("name")
                          == "unique_combination_of_columns")
    for test in combinations:
        node = m["nodes"][test]["attached_node"]
        column = m["nodes"][test]["test_metadata"]["kwargs"]["combination_of_columns"][0]
        enforced = node and (m["nodes"][node]["config"].get("contract") or {}).get("enforced")
        if node and not enforced and _tests_of(m, node, "not_null", column):
            return node, column
    raise AssertionError("no model keyed by unique_combination_of_columns with a not_null key column")


def breaks(m: Manifest) -> dict[str, tuple[str, Callable[[Manifest], None]]]:
    """rule -> (the item it must name, how to break it), on nodes chosen from the manifest by their
    role (a staging model, a mart, a source, ...), never by their domain."""
    staged = _nodes(m, "model", _in("staging", base=False))
    base = _nodes(m, "model", _in("staging", base=True))[0]
    marts = _nodes(m, "model", _in("marts"))
    mart = next(uid for uid in marts if _tests_of(m, uid, "no_personal_data"))
    source = sorted(m["sources"])[0]
    seed = _nodes(m, "seed", lambda n: bool(n["columns"]))[0]
    snapshot = _nodes(m, "snapshot")[0]
    keyed, key_column = _unique_combination_with_not_null(m)
    pk_model = next(uid for uid in marts for column in m["nodes"][uid]["columns"]
                    if _tests_of(m, uid, "unique", column) and _tests_of(m, uid, "not_null", column))
    pk_column = next(c for c in m["nodes"][pk_model]["columns"] if _tests_of(m, pk_model, "unique", c))
    return {
        "staging_reads_raw_through_base": (_name(staged[0]), lambda m: _depends(m, staged[0], marts[0])),
        "staging_never_reads_staging": (_name(staged[0]), lambda m: _depends(m, staged[0], staged[1])),
        "only_staging_reads_sources": (_name(marts[0]), lambda m: _depends(m, marts[0], source)),
        "no_hard_coded_relations": (
            _name(marts[0]),
            lambda m: m["nodes"][marts[0]].update(raw_code="select * from a join raw.raw_x using (id)")),
        "model_and_columns_described": (
            _name(base), lambda m: _undescribe(m, base, _first_column(m, base))),
        "has_primary_key_test": (_name(pk_model), lambda m: _drop_tests(m, pk_model, "unique", pk_column)),
        "key_columns_not_null": (_name(keyed), lambda m: _drop_tests(m, keyed, "not_null", key_column)),
        "marts_are_contracted": (
            _name(marts[0]), lambda m: m["nodes"][marts[0]]["config"].update(contract={"enforced": False})),
        "marts_guard_personal_data": (_name(mart), lambda m: _drop_tests(m, mart, "no_personal_data")),
        "source_is_the_input_contract": (
            ".".join(source.split(".")[-2:]),
            lambda m: m["sources"][source]["columns"][_first_column(m, source)].pop("data_type")),
        "seed_described": (_name(seed), lambda m: _undescribe(m, seed, _first_column(m, seed))),
        "snapshot_described": (_name(snapshot), lambda m: _undescribe(m, snapshot)),
    }


def _no_freshness(m: Manifest) -> None:
    source = m["sources"][sorted(m["sources"])[0]]
    source["freshness"] = None
    source["config"]["freshness"] = None


RULES = sorted(["staging_reads_raw_through_base", "staging_never_reads_staging", "only_staging_reads_sources",
                "no_hard_coded_relations", "model_and_columns_described", "has_primary_key_test",
                "key_columns_not_null", "marts_are_contracted", "marts_guard_personal_data",
                "source_is_the_input_contract", "seed_described", "snapshot_described"])


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
    assert defined == set(RULES)


def test_every_rule_has_a_break(manifest: Manifest) -> None:
    assert set(breaks(manifest)) == set(RULES)


@pytest.mark.parametrize("rule", RULES)
def test_a_violation_fails_the_run(manifest: Manifest, tmp_path: Path, rule: str) -> None:
    item, breaking = breaks(manifest)[rule]
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


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for folder in ("models", "macros", "tests", "seeds", "snapshots", "docs", "analyses"):
        shutil.copytree(PROJECT_DIR / folder, project / folder)
    for name in ("dbt_project.yml", "profiles.yml", "pyproject.toml"):
        shutil.copy(PROJECT_DIR / name, project / name)
    return project


def test_a_new_model_that_breaks_the_rules_fails_make_structure(tmp_path: Path) -> None:
    """End to end, as `make structure` runs it: a staging model reading another staging model."""
    project = _project_copy(tmp_path)
    domain = next(iter(DOMAINS))
    staged = sorted((project / "models" / "staging" / domain).glob(f"stg_{domain}__*.sql"))[0].stem
    (project / "models" / "staging" / domain / f"stg_{domain}__copied.sql").write_text(
        f"select * from {{{{ ref('{staged}') }}}}\n")
    run_dbt(["parse", "--target-path", str(project / "target")], tmp_path / "warehouse.duckdb", project)
    code, output = lint(project / "target" / "manifest.json", cwd=project)
    assert code == 1, output
    for rule in ("staging_reads_raw_through_base", "staging_never_reads_staging", "model_and_columns_described",
                 "has_primary_key_test"):
        assert f"dwh.structure_rules.{rule}:" in output, output
    assert f"stg_{domain}__copied" in output


def test_a_base_model_missing_what_the_staging_rules_need_stops_with_the_fix(
        tmp_path: Path, manifest: Manifest) -> None:
    """judge_raw_rows and rank_raw_rows read a base model's record key (its config) and its columns
    (its YAML); without them, or when ranking a model that is not a base model, compiling stops
    with a message that names the model and says what to write. Each break is made in a copy of
    the project, on a base model and a staging model chosen from the manifest."""
    project = _project_copy(tmp_path)
    base = manifest["nodes"][_nodes(manifest, "model", _in("staging", base=True))[0]]
    staged = next(uid for uid in _nodes(manifest, "model", _in("staging", base=False))
                  if f"model.warehouse.{base['name']}" in manifest["nodes"][uid]["depends_on"]["nodes"]
                  and manifest["nodes"][uid]["name"].startswith("stg_"))
    stg = manifest["nodes"][staged]
    sql = project / base["original_file_path"]
    yml = project / base["patch_path"].split("://", 1)[1]
    warehouse = tmp_path / "warehouse.duckdb"

    def compile_error(select: str) -> str:
        with pytest.raises(DbtError) as failed:
            run_dbt(["compile", "--select", select, "--target-path", str(project / "target")], warehouse, project)
        return str(failed.value)

    original_sql, original_yml = sql.read_text(), yml.read_text()
    assert "'record_key'" in original_sql
    sql.write_text(re.sub(r"meta=\{'record_key': \[[^\]]*\]\}", "meta={}", original_sql))
    message = compile_error(stg["name"])
    assert f"{base['name']}: a base model names its record key" in message, message
    sql.write_text(original_sql)

    yml.write_text(original_yml.replace(f"- name: {base['name']}\n", f"- name: {base['name']}_gone\n"))
    message = compile_error(stg["name"])
    assert f"{base['name']}: a base model documents its columns in its YAML" in message, message
    yml.write_text(original_yml)

    probe = project / Path(stg["original_file_path"]).with_name("stg_probe__ranks_a_staging_model.sql")
    probe.write_text(f"select * from ({{{{ rank_raw_rows(ref('{stg['name']}')) }}}}) as ranked\n")
    message = compile_error(probe.stem)
    assert f"rank_raw_rows: {stg['name']} is not a base model" in message, message
