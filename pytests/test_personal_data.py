"""Personal data never reaches a mart in clear: an email or a phone number typed into a raw name
field fails the build, through the no_personal_data test every mart carries (the patterns
themselves are proven on tricky values in test_generic_tests.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dwh.dbt import DbtError, run_dbt


def _next_export(table: str, key: str, column: str, value: str) -> str:
    """SQL appending a copy of `table`'s latest export, a week later, with `column` of its first
    record (by `key`) set to `value`."""
    return f"""
        insert into raw.{table} by name
        select * replace (
            case when {key} = (select min({key}) from raw.{table}) then '{value}' else {column} end as {column},
            export_date + 7 as export_date,
            _loaded_at + interval 7 day as _loaded_at
        )
        from raw.{table}
        where export_date = (select max(export_date) from raw.{table})
    """


def test_an_email_and_a_phone_in_raw_name_fields_fail_the_build(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    warehouse = copy_of(full_build)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(_next_export("raw_crm_companies", "company_id", "name", "ceo.office@acme-industries.com"))
        con.execute(_next_export("raw_social_users", "user_id", "username", "+44 7911 123456"))
    with pytest.raises(DbtError) as failed:
        run_dbt(["build", "--exclude-resource-type", "seed"], warehouse)
    personal = {name: rows for name, rows in failed.value.failures.items() if name.startswith("no_personal_data")}
    # the email sits in the company's new current version, the phone in the user's latest row
    assert personal == {"no_personal_data_dim_companies_": 1, "no_personal_data_social__dim_users_": 1}
    # and only these tests failed: the rows are otherwise good
    assert set(failed.value.failures) == set(personal)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute("select company_name from company_activity.dim_companies where is_current "
                            "and company_name like '%@%'").fetchall()
    assert found == [("ceo.office@acme-industries.com",)]  # what the test caught, and why it must
