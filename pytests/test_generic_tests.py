"""Each in-project generic test (our stand-ins for dbt_utils) passes on good data and fails on bad.

A throw-away dbt project uses the project's own tests/generic files on tiny models whose
failures are known in advance; the number of failing rows is checked, not just "it failed".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dwh.dbt import PROJECT_DIR, DbtError, run_dbt

MODELS = {
    "good_pairs": "select * from (values (1, 'a', 5), (1, 'b', 7), (2, 'a', 10)) as t (id, kind, amount)",
    "bad_pairs": "select * from (values (1, 'a', 5), (1, 'a', 7), (2, 'a', -3), (2, 'a', 99)) as t (id, kind, amount)",
    "three_rows": "select * from (values (1), (2), (3)) as t (id)",
}

SCHEMA = """
version: 2
models:
  - name: good_pairs
    description: rows every test accepts
    data_tests:
      - unique_combination_of_columns: {arguments: {combination_of_columns: [id, kind]}}
      - expression_is_true: {arguments: {expression: amount > 0}}
      - equal_row_count: {arguments: {compare_model: ref('three_rows')}}
    columns:
      - name: amount
        data_tests:
          - accepted_range: {arguments: {min_value: 0, max_value: 10}}
  - name: bad_pairs
    description: rows each test must reject
    data_tests:
      - unique_combination_of_columns:
          name: bad_unique_combination
          arguments: {combination_of_columns: [id, kind]}
      - expression_is_true:
          name: bad_expression
          arguments: {expression: amount > 0}
      - equal_row_count:
          name: bad_row_count
          arguments: {compare_model: ref('three_rows')}
    columns:
      - name: amount
        data_tests:
          - accepted_range:
              name: bad_range
              arguments: {min_value: 0, max_value: 10}
          - accepted_range:
              name: bad_range_exclusive
              arguments: {min_value: 5, max_value: 99, inclusive: false}
"""

# test name -> failing rows it must report
EXPECTED_FAILURES = {
    "bad_unique_combination": 2,  # (1, a) twice and (2, a) twice
    "bad_expression": 1,  # amount -3
    "bad_row_count": 1,  # 4 rows against 3
    "bad_range": 2,  # -3 and 99
    "bad_range_exclusive": 3,  # 5 and 99 are on the excluded bounds, -3 below
}


@pytest.fixture(scope="module")
def mini_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generic_tests")
    shutil.copytree(PROJECT_DIR / "tests" / "generic", root / "tests" / "generic")
    (root / "models").mkdir()
    for name, sql in MODELS.items():
        (root / "models" / f"{name}.sql").write_text(sql + "\n")
    (root / "models" / "schema.yml").write_text(SCHEMA)
    (root / "dbt_project.yml").write_text(
        "name: generic_tests\nversion: '1.0'\nconfig-version: 2\nprofile: warehouse\n"
        "flags: {send_anonymous_usage_stats: false}\n")
    shutil.copy(PROJECT_DIR / "profiles.yml", root / "profiles.yml")
    return root


def test_generic_tests_pass_on_good_and_fail_on_bad(mini_project: Path) -> None:
    warehouse = mini_project / "mini.duckdb"
    run_dbt(["run"], warehouse, mini_project)
    run_dbt(["test", "--select", "good_pairs"], warehouse, mini_project)  # raises if any fails
    with pytest.raises(DbtError) as failed:
        run_dbt(["test", "--select", "bad_pairs"], warehouse, mini_project)
    assert failed.value.failures == EXPECTED_FAILURES


def test_conservation_test_fails_when_staging_drops_rows(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    """Delete one current event from staging: the raw-rows conservation test must catch it."""
    import duckdb

    broken = copy_of(full_build)
    with duckdb.connect(str(broken)) as con:
        con.execute("delete from staging.stg_company_activity__product_events "
                    "where event_id = (select min(event_id) from staging.stg_company_activity__product_events)")
    with pytest.raises(DbtError) as failed:
        run_dbt(["test", "--select", "source:company_activity.raw_product_events"], broken)
    assert len(failed.value.failures) == 1
    assert "raw_rows_are_conserved" in next(iter(failed.value.failures))
