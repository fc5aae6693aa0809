"""stable_sum / stable_avg (macros/portability/stable_aggregates.sql) add doubles exactly, so a mart
that averages fractions gives the same value on every build, whatever order the engine adds in."""

from __future__ import annotations

from pathlib import Path

from dwh.dbt import run_dbt

# ten tenths and their mirror image: as doubles, 0.1 added ten times is 0.9999999999999999, and
# adding the same values in another order gives another last bit
TENTHS = "select cast(x as double) as x from (values {}) as t (x)".format(
    ", ".join(["(0.1)"] * 10 + ["(0.7)", "(0.2)", "(null)"])
)


def shown(warehouse: Path, expression: str) -> float | None:
    result = run_dbt(["show", "--inline", f"select {expression} as v from ({TENTHS}) as tenths"], warehouse)
    value = result.result.results[0].agate_table.rows[0][0]  # type: ignore[union-attr]
    return None if value is None else float(value)


def test_stable_sum_is_exact_where_double_addition_is_not(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    assert shown(warehouse, "sum(x) - 1.9") != 0  # the control: plain double addition rounds
    assert shown(warehouse, "cast({{ stable_sum('x') }} as double)") == 1.9


def test_stable_avg_is_the_mean_of_the_non_null_values(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    assert shown(warehouse, "{{ stable_avg('x') }}") == 1.9 / 12
    assert shown(warehouse, "{{ stable_avg('case when x > 1 then x end') }}") is None  # no values: no mean
