"""Each in-project generic test (our stand-ins for dbt_utils) passes on good data and fails on bad.

A throw-away dbt project uses the project's own tests/generic files on tiny models whose
failures are known in advance; the number of failing rows is checked, not just "it failed".
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from dwh.dbt import PROJECT_DIR, DbtError, run_dbt

MODELS = {
    "good_pairs": "select * from (values (1, 'a', 5), (1, 'b', 7), (2, 'a', 10)) as t (id, kind, amount)",
    "bad_pairs": "select * from (values (1, 'a', 5), (1, 'a', 7), (2, 'a', -3), (2, 'a', 99)) as t (id, kind, amount)",
    "three_rows": "select * from (values (1), (2), (3)) as t (id)",
    "good_sequences": "select * from (values (1, 1), (1, 2), (1, 3), (2, 1), (3, null)) as t (batch_id, seq)",
    # a gap, a repeat, a group that does not start at 1
    "bad_sequences": "select * from (values (1, 1), (1, 3), (2, 1), (2, 1), (3, 2), (4, 1)) as t (batch_id, seq)",
    # record 1: three versions, the last open; record 2: a gap (deleted, then back), then open; record 3: closed
    "good_versions": "select * from (values (1, 1, 3, false), (1, 3, 5, false), (1, 5, null, true), "
    "(2, 1, 2, false), (2, 4, null, true), (3, 2, 6, false)) as t (id, valid_from, valid_to, is_current)",
    # 1: overlap (ends at 4, the next starts at 3); 2: two open; 3: ends before it starts;
    # 4: open but not current; 5: closed but current
    "bad_versions": "select * from (values (1, 1, 4, false), (1, 3, null, true), (2, 1, null, true), "
    "(2, 2, null, true), (3, 5, 2, false), (4, 1, null, false), (5, 1, 2, true)) "
    "as t (id, valid_from, valid_to, is_current)",
    # values that look a little like personal data but are not: dates, timestamps, hex keys, a
    # uuid, decimals, ids, paths, a masked email and a masked phone
    "no_personal_values": "select * from (values "
    "('2026-12-01', '2026-12-01 23:15:06', '9e107d9d372bb6826bd81d3542a419d6', 1),"
    "('2026-12-01T10:00:00+00:00', '01/12/2026', '550e8400-e29b-41d4-a716-446655440000', 2),"
    "('12345.6789', '-12345678.5', '-0.000123456789', 3),"
    "('1234567890.12', '20261201', 'e_000123456789', 4),"
    "('p1/p5/p12', 'j***@example.com', '***-***-4567', 5),"
    "('v1.2.3', '192.168.0.1', 'a1234567890b', 6),"
    "('01-12-2026', '09 12 2026', '2026-12-01 01 10:00', 7)"
    ") as t (first_text, second_text, third_text, id)",
    # one email or phone per row, in the shapes people write them
    "personal_values": "select * from (values "
    "('write to jane.doe@example.com', 'x', 1),"
    "('x', 'JOHN_SMITH+news@mail.example.co.uk', 2),"
    "('call +44 7911 123456', 'x', 3),"
    "('x', '+15551234567', 4),"
    "('(555) 123-4567', 'x', 5),"
    "('x', '555.123.4567', 6),"
    "('020 7946 0958', 'x', 7),"
    "('x', 'phone: +49 (30) 1234 5678', 8),"
    "('ring 070-123 45 67', 'x', 9),"
    "('x', '08-123 456 78', 10)"
    ") as t (label, other_label, id)",
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
  - name: good_sequences
    description: every group numbered 1..n
    columns:
      - name: seq
        data_tests:
          - dense_sequence: {arguments: {partition_by: batch_id}}
  - name: bad_sequences
    description: groups numbered with a gap, a repeat and a missing 1
    columns:
      - name: seq
        data_tests:
          - dense_sequence:
              name: bad_dense_sequence
              arguments: {partition_by: batch_id}
  - name: good_versions
    description: well-formed SCD2 versions
    data_tests:
      - versions_never_overlap: {arguments: {key_column: id, is_current: is_current}}
      - versions_never_overlap:
          name: good_versions_without_flag
          arguments: {key_column: id}
  - name: bad_versions
    description: versions that overlap, two open, one ending before it starts, flags that lie
    data_tests:
      - versions_never_overlap:
          name: bad_versions
          arguments: {key_column: id, is_current: is_current}
  - name: no_personal_values
    description: strings that must not be taken for personal data
    data_tests:
      - no_personal_data
  - name: personal_values
    description: an email or a phone on every row
    data_tests:
      - no_personal_data:
          name: bad_personal_data
      - no_personal_data:
          name: bad_personal_data_one_column
          arguments: {column_names: [other_label]}
"""

# test name -> failing rows it must report
EXPECTED_FAILURES = {
    "bad_unique_combination": 2,  # (1, a) twice and (2, a) twice
    "bad_expression": 1,  # amount -3
    "bad_row_count": 1,  # 4 rows against 3
    "bad_range": 2,  # -3 and 99
    "bad_range_exclusive": 3,  # 5 and 99 are on the excluded bounds, -3 below
    "bad_dense_sequence": 3,  # groups 1 (a gap), 2 (a repeat) and 3 (no 1)
    "bad_versions": 5,  # 1's first (overlaps), 2's first (open, another follows), 3, 4 and 5
    "bad_personal_data": 10,  # one email or phone per row, whichever column holds it
    "bad_personal_data_one_column": 5,  # rows 2, 4, 6, 8 and 10 hold theirs in other_label
}


@pytest.fixture(scope="module")
def mini_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generic_tests")
    shutil.copytree(PROJECT_DIR / "tests" / "generic", root / "tests" / "generic")
    for macros in ("privacy", "portability"):  # the macros the generic tests call
        shutil.copytree(PROJECT_DIR / "macros" / macros, root / "macros" / macros)
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
    # raises if any fails
    run_dbt(["test", "--select", "good_pairs", "good_sequences", "good_versions", "no_personal_values"],
            warehouse, mini_project)
    with pytest.raises(DbtError) as failed:
        run_dbt(["test", "--select", "bad_pairs", "bad_sequences", "bad_versions", "personal_values"],
                warehouse, mini_project)
    assert failed.value.failures == EXPECTED_FAILURES


def test_conservation_test_fails_when_staging_drops_rows(full_build: Path, copy_of,  # type: ignore[no-untyped-def]
                                                        manifest: dict[str, Any]) -> None:
    """Delete one current row from a staged table: the raw-rows conservation test must catch it
    (the first conservation test, in the manifest, whose staged model is a table)."""
    import duckdb

    nodes = manifest["nodes"]
    by_name = {n["name"]: n for n in nodes.values() if n["resource_type"] == "model"}
    for test in sorted(nodes.values(), key=lambda n: n["unique_id"]):
        kwargs = (test.get("test_metadata") or {}).get("kwargs", {})
        staged = by_name.get(str(kwargs.get("staged", "")).removeprefix("ref('").removesuffix("')"))
        if test["resource_type"] == "test" and staged and staged["config"]["materialized"] in {"table", "incremental"}:
            break
    relation, where = f"{staged['schema']}.{staged['alias']}", kwargs.get("staged_where") or "true"
    broken = copy_of(full_build)
    with duckdb.connect(str(broken)) as con:
        con.execute(f"delete from {relation} where rowid = (select min(rowid) from {relation} where {where})")
    with pytest.raises(DbtError) as failed:
        run_dbt(["test", "--select", test["name"]], broken)
    assert list(failed.value.failures) == [test["unique_id"]] or (
        len(failed.value.failures) == 1 and "raw_rows_are_conserved" in next(iter(failed.value.failures)))
