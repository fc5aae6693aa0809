"""The catalogue of bad input: what each kind does to a build, proven on real builds.

| bad input | handling | proven by |
| --- | --- | --- |
| null keys | quarantined (`null_<key>`) | test_quarantine_rules |
| unknown enum values (country, engagement type) | quarantined (`unknown_*`) | test_quarantine_rules |
| timestamps in the future (later than their load) | quarantined (`*_after_load`) | test_quarantine_rules |
| wrong types in a landing file | the line goes to landing.rejected_lines | test_landing |
| malformed landing lines | landing.rejected_lines, with line number and error | test_landing |
| an extra column (raw table or landing file) | ignored; the build passes | here, test_landing |
| a raw column changed to a type that still casts | the build passes | here |
| a raw table losing a contract column | the run stops before any model, naming table and column | here |
| a raw column changed to a type that cannot be cast | the run stops before any model, naming table and column | here |
| a row stamped earlier than the newest batch | the run stops before any model and says what to do | here |
| rows deleted from a raw table | the run stops before any model and says what to do | here |
| a raw row without `_loaded_at` | the run stops before any model (exit 5 in `dwh run`), naming the table | here |
| duplicate keys inside one export | one row wins, the same whatever the order; the other is superseded | here |
| orphan references (a company not in the CRM) | kept, null attributes, warn test | test_company_activity_other_loader |
| orphan references (an event on a post not landed yet) | `unknown_post` until it lands | test_social_other_loader |

In every case the build's conservation tests hold: raw rows = current + superseded + quarantined
(for landing files: data lines = rows loaded + lines rejected).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dwh.dbt import DbtError, run_dbt

from .conftest import load_and_build, new_domain_warehouse, rows

BUILD = ["build", "--exclude-resource-type", "seed"]
# what these company-activity cases need: the domain from its sources down (with the conservation
# tests, whose parents are all in it) and the shared dimensions, not the other domains
COMPANY_BUILD = ["build", "--exclude-resource-type", "seed", "--select", "source:company_activity+", "tag:shared",
                 "--indirect-selection", "cautious"]
NEWEST = "(select max(_loaded_at) from raw.raw_product_events)"


def _broken(full_build: Path, copy_of, sql: str) -> DbtError:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(sql)
    with pytest.raises(DbtError) as failed:
        run_dbt(BUILD, warehouse)
    assert failed.value.nodes == []  # stopped before any node ran
    return failed.value


def _said(error: Exception) -> str:
    """The error's text on one line (dbt indents multi-line messages)."""
    return " ".join(str(error).split())


def test_a_raw_table_losing_a_contract_column_stops_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, "alter table raw.raw_posts drop column content_type")
    assert "The input contract is broken, so no model ran: - raw.raw_posts: column content_type (varchar) " \
           "is missing" in _said(error)


def test_a_column_that_cannot_be_cast_stops_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, """
        alter table raw.raw_product_usage_api alter active_users type varchar;
        update raw.raw_product_usage_api set active_users = 'many' where company_id = 'C003'
    """)
    assert "raw.raw_product_usage_api: column active_users is VARCHAR and " in _said(error)
    assert "value(s) cannot be cast to integer (e.g. 'many')" in _said(error)


def test_a_castable_type_change_and_an_extra_column_build(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("""
            alter table raw.raw_product_usage_api alter active_users type varchar;
            alter table raw.raw_product_events add column client_version varchar;
            update raw.raw_product_events set client_version = '2.1.0' where company_id = 'C001'
        """)
    run_dbt(COMPANY_BUILD, warehouse)  # includes the conservation tests
    assert rows(warehouse, "select count(*) from company_activity.company_activity_reconciliation") == rows(
        full_build, "select count(*) from company_activity.company_activity_reconciliation")


def test_a_row_stamped_back_in_time_stops_the_run_until_a_full_refresh(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    late = f"""
        insert into raw.raw_product_events
        values ('E-BACKDATED', 'C001', 'C001-U01', 'login', {NEWEST} - interval 3 day,
                {NEWEST} - interval 1 day)
    """
    with duckdb.connect(str(warehouse)) as con:
        con.execute(late)
    with pytest.raises(DbtError) as failed:
        run_dbt(COMPANY_BUILD, warehouse)
    message = _said(failed.value)
    assert "raw.raw_product_events: 1 row(s) stamped before 2026-03-16 06:00:00 (the newest batch when the " \
           "warehouse was last built) landed since. _loaded_at must never go backwards" in message
    assert "rebuild once with --full-refresh" in message
    with pytest.raises(DbtError):  # it keeps stopping: the problem does not go away by itself
        run_dbt(COMPANY_BUILD, warehouse)
    run_dbt([*COMPANY_BUILD, "--full-refresh"], warehouse)  # the remedy: everything re-read, conservation holds
    assert rows(warehouse, "select count(*) from staging.stg_company_activity__product_events "
                           "where event_id = 'E-BACKDATED'") == [(1,)]
    run_dbt(COMPANY_BUILD, warehouse)  # and the next ordinary run passes again


def test_rows_deleted_from_a_raw_table_stop_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, "delete from raw.raw_social_users where user_id = 'S001'")
    assert "raw.raw_social_users: " in _said(error)
    assert "are gone since the last build. Raw tables are append-only" in _said(error)


def test_a_row_without_a_load_stamp_stops_the_run(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    error = _broken(full_build, copy_of, "insert into raw.raw_product_events values "
                                         "('E-UNSTAMPED', 'C001', 'C001-U01', 'login', '2026-03-01 10:00', null)")
    assert "The input contract is broken, so no model ran: - raw.raw_product_events: 1 row(s) have no _loaded_at." \
        in _said(error)


EXPORT = """
insert into raw.raw_crm_companies values
    ('A', 'Acme', 'GB', 'saas', null, '2026-03-01', '2026-03-01 08:00'),
    ('A', 'Acme Holdings', 'GB', 'fintech', null, '2026-03-01', '2026-03-01 08:00'),
    ('B', 'Beta', 'DE', 'retail', null, '2026-03-01', '2026-03-01 08:00');
insert into raw.raw_product_events values ('e1', 'A', 'u1', 'login', '2026-02-28 10:00', '2026-03-01 08:00');
"""


@pytest.mark.parametrize("order", ["as exported", "reversed"])
def test_duplicate_keys_inside_one_export_resolve_the_same_way(order: str, tmp_path: Path) -> None:
    """Company A twice in one export under one stamp: the tie breaks on the rows' content, so the
    same row wins whichever was written first, and the other is superseded (never lost)."""
    warehouse = tmp_path / "warehouse.duckdb"
    new_domain_warehouse(warehouse, "company_activity")
    sql = EXPORT
    if order == "reversed":
        lines = EXPORT.strip().split("\n")
        sql = "\n".join([lines[0], lines[2], lines[1], *lines[3:]])
    load_and_build(warehouse, "company_activity", sql)  # includes the conservation tests
    assert rows(warehouse, "select company_id, company_name from staging.stg_company_activity__crm_companies "
                           "order by 1") == [("A", "Acme Holdings"), ("B", "Beta")]  # the larger content
    assert rows(warehouse, "select count(*) from raw.raw_crm_companies") == [(3,)]
