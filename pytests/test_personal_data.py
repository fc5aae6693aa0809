"""Personal data never reaches a model in clear: an email or a phone number typed into a free-text
raw field (a company name, a restaurant name, a username) is redacted on its way into staging, with
its kind named (`[email redacted]`), so no staging model, mart or snapshot ever holds it, the build
passes, and the next clean export heals the record. The no_personal_data test on every mart stays
as the second line (the patterns themselves are proven on tricky values in test_generic_tests.py;
a failure naming its column is in test_daily_run.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dwh.dbt import run_dbt
from dwh.registry import DOMAINS

from .conftest import rows
from .domains import cases

# Every domain's cases (PERSONAL_DATA_TYPED in pytests/domains/<domain>.py): (domain, raw table, key,
# free-text column, rank of the record by key, what is typed into it)
TYPED = [(name, *case) for name in DOMAINS for case in getattr(cases(name), "PERSONAL_DATA_TYPED", [])]


def _build() -> list[str]:
    """Everything the typed values can reach, and the tests whose every parent is in it."""
    return ["build", "--exclude-resource-type", "seed", "--indirect-selection", "cautious", "--select",
            *sorted({f"source:{name}.{table}+" for name, table, *_ in TYPED})]


def _answers(kind: str) -> dict[str, list[tuple[object, ...]]]:
    return {sql: expected for name in DOMAINS for sql, expected in getattr(cases(name), kind, {}).items()}


def _next_export(table: str, key: str, typed: list[tuple[str, int, str]], weeks_back: int = 0) -> str:
    """SQL appending, a week after `table`'s latest export, a copy of the export `weeks_back` weeks
    before the latest, with a value typed into a column of some records: (column, rank of the record
    by key, value)."""
    columns: dict[str, list[str]] = {}
    for column, rank, value in typed:
        record = f"(select {key} from raw.{table} group by {key} order by {key} limit 1 offset {rank - 1})"
        columns.setdefault(column, []).append(f"when {key} = {record} then '{value}'")
    replaced = "".join(f"case {' '.join(whens)} else {column} end as {column}, " for column, whens in columns.items())
    shift = 7 * (weeks_back + 1)
    return f"""
        insert into raw.{table} by name
        select * replace ({replaced}export_date + {shift} as export_date,
                          _loaded_at + interval {shift} day as _loaded_at)
        from raw.{table}
        where export_date = (select max(export_date) - {7 * weeks_back} from raw.{table})
    """


def _clear_text_anywhere(warehouse: Path, values: list[str]) -> list[str]:
    """Every relation.column outside raw and landing (the input as it came) that holds one of `values`."""
    found = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute("select table_schema, table_name, column_name from information_schema.columns "
                              "where data_type = 'VARCHAR' and table_schema not in ('raw', 'landing')").fetchall()
        for schema, table, column in columns:
            hits = con.execute(f'select count(*) from "{schema}"."{table}" where "{column}" in '
                               f"(select unnest(?::varchar[]))", [values]).fetchall()[0][0]
            if hits:
                found.append(f"{schema}.{table}.{column}")
    return found


def test_personal_data_in_free_text_is_redacted_and_a_clean_export_heals(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    assert len({name for name, *_ in TYPED}) >= 2  # the cases of several domains
    typed = [value for *_, value in TYPED]
    tables = sorted({(table, key) for _, table, key, *_ in TYPED})
    with duckdb.connect(str(warehouse)) as con:
        for table, key in tables:
            con.execute(_next_export(table, key, [(c, rank, v) for _, t, _, c, rank, v in TYPED if t == table]))
    run_dbt(_build(), warehouse)  # raises if a test fails

    assert _clear_text_anywhere(warehouse, typed) == []
    for sql, expected in _answers("PERSONAL_DATA_REDACTED").items():
        assert rows(warehouse, sql) == expected, sql

    # the next export is clean again: the records heal, and their history shows only the marker
    with duckdb.connect(str(warehouse)) as con:
        for table, key in tables:
            con.execute(_next_export(table, key, [], weeks_back=1))  # the clean export before the typed one
    run_dbt(_build(), warehouse)
    assert _clear_text_anywhere(warehouse, typed) == []
    for sql, expected in _answers("PERSONAL_DATA_HEALED").items():
        assert rows(warehouse, sql) == expected, sql
