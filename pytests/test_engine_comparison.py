"""The engine comparison (dwh/engines.py, used by `make test-engines`) can fail: it finds a changed
value, a lost row and an extra row, and it does not flag what engines merely print differently."""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from dwh.dbt import run_dbt
from dwh.engines import marts, normal, read_table


def test_values_engines_print_differently_compare_equal() -> None:
    assert normal(0.1 + 0.2) == normal(0.3) == normal(Decimal("0.3000000000"))
    assert normal(datetime(2026, 3, 1, 8, 0)) == normal("2026-03-01T08:00:00") == normal("2026-03-01 08:00:00.0")
    assert normal(date(2026, 3, 1)) == "2026-03-01"
    assert normal(True) is True and normal(None) is None and normal(3) == 3
    assert normal(1.5) != normal(1.5000001)


def test_the_comparison_finds_every_kind_of_difference(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    run_dbt(["parse"], full_build)
    found = marts(Path(os.environ["DBT_TARGET_PATH"]) / "manifest.json")
    assert ("social", "dim_posts") in {(schema, table) for schema, table, _ in found}
    assert all("loaded_at" not in columns for _, _, columns in found)
    changed = copy_of(full_build)
    with duckdb.connect(str(changed)) as con:
        con.execute("""
            update social.fact_post_virality set share_uplift = share_uplift + 0.001 where share_uplift is not null;
            delete from social.fact_share_levels where share_depth_level = 1;
            insert into social.dim_engagement_types values ('k-extra', 'bookmark', 'not a real type', false);
        """)
    differing = {table for schema, table, columns in found
                 if read_table("duckdb", full_build, schema, table, columns)
                 != read_table("duckdb", changed, schema, table, columns)}
    assert differing == {"fact_post_virality", "fact_share_levels", "dim_engagement_types"}
