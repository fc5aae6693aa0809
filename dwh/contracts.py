"""The input contract of every domain, read from the one place that declares it: the sources YAML
(`models/staging/<domain>/_<domain>__sources.yml`), where every raw table lists its columns with
their `data_type` and description (see docs/contracts/). Loaders other than `dbt seed` (the landing
loader, the scale generators, the tests that put hand-made rows straight into `raw`) create their
tables from here, the generators write their columns in its order, and the sample seeds' properties
(`seeds/sample/<domain>/_<domain>__seeds.yml`: column types and descriptions) are written from it by
`dwh generate`: a raw column's name and type are written once.

Types are written one way in every YAML file: a name all three engines share (integer, bigint,
boolean, date, timestamp, decimal(p,s)), or, for the two whose names differ, the project variable
that names them per engine: `"{{ var('string_type')[target.type] }}"` and `double_type`
(dbt_project.yml). Here they resolve for DuckDB, the engine the Python side loads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # `dwh generate` reads the contract without loading DuckDB
    import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent


ENGINE_TYPE = re.compile(r"\{\{\s*var\('(\w+)'\)\[target\.type\]\s*\}\}")


@dataclass(frozen=True)
class RawTable:
    """One raw table of the input contract: its domain, name and (column, type) pairs in order
    (types as DuckDB names them), and the YAML's own text of each type and description."""

    domain: str
    name: str
    columns: tuple[tuple[str, str], ...]
    landing_format: str = "ndjson"  # how the sample lands it as files: `config.meta.landing_format`
    declared_types: tuple[str, ...] = ()  # as the YAML writes them (portable across engines)
    descriptions: tuple[str, ...] = ()  # of the columns
    description: str = ""

    def ddl(self) -> str:
        columns = ", ".join(f"{column} {data_type}" for column, data_type in self.columns)
        return f"create table if not exists raw.{self.name} ({columns})"


@cache
def _engine_types(project_dir: Path) -> dict[str, str]:
    """The project's per-engine type variables (string_type, double_type), as DuckDB names them."""
    variables = yaml.safe_load((project_dir / "dbt_project.yml").read_text())["vars"]
    return {name: value["duckdb"] for name, value in variables.items()
            if isinstance(value, dict) and "duckdb" in value}


def duckdb_type(declared: str, project_dir: Path = PROJECT_DIR) -> str:
    """A YAML data_type as DuckDB names it: `{{ var('string_type')[target.type] }}` -> varchar."""
    found = ENGINE_TYPE.fullmatch(declared.strip())
    return _engine_types(project_dir)[found.group(1)] if found else declared


@cache
def input_contract(project_dir: Path = PROJECT_DIR) -> dict[str, RawTable]:
    """Every raw table of every domain, by table name."""
    tables: dict[str, RawTable] = {}
    for path in sorted((project_dir / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                declared = tuple(str(c["data_type"]) for c in table["columns"])
                columns = tuple((str(c["name"]), duckdb_type(t, project_dir))
                                for c, t in zip(table["columns"], declared, strict=True))
                meta = (table.get("config") or {}).get("meta") or {}
                tables[table["name"]] = RawTable(
                    source["name"], table["name"], columns, str(meta.get("landing_format", "ndjson")),
                    declared, tuple(str(c.get("description", "")) for c in table["columns"]),
                    str(table.get("description", "")))
    return tables


def seed_properties(domain: str) -> str:
    """The YAML of the domain's sample seeds (seeds/sample/<domain>/_<domain>__seeds.yml), written
    from the contract: each raw table's column types and descriptions, as its source declares them."""
    seeds = []
    for table in domain_tables(domain):
        names = [column for column, _ in table.columns]
        seeds.append({
            "name": table.name,
            "description": f"Sample data for `raw.{table.name}`, written by `python -m dwh generate` "
                           f"(deterministic). The input contract is the source `{table.name}`: {table.description}",
            "config": {"column_types": dict(zip(names, table.declared_types, strict=True))},
            "columns": [{"name": n, "description": d} for n, d in zip(names, table.descriptions, strict=True)],
        })
    header = (f"# Written by `python -m dwh generate` from the input contract,\n"
              f"# models/staging/{domain}/_{domain}__sources.yml: edit that, not this.\n")
    return header + yaml.safe_dump({"version": 2, "seeds": seeds}, sort_keys=False, width=100, allow_unicode=True)


def raw_columns(table: str) -> tuple[str, ...]:
    """The columns of a raw table, in the contract's order (what a generator writes)."""
    return tuple(column for column, _ in input_contract()[table].columns)


def domain_tables(domain: str) -> list[RawTable]:
    """The raw tables of one domain, in the order the YAML declares them."""
    tables = [table for table in input_contract().values() if table.domain == domain]
    if not tables:
        raise KeyError(f"no raw tables declared for domain {domain!r}")
    return tables


def create_raw_tables(con: duckdb.DuckDBPyConnection, domain: str) -> None:
    """Create schema raw and the domain's raw tables (if they do not exist yet)."""
    con.execute("create schema if not exists raw")
    for table in domain_tables(domain):
        con.execute(table.ddl())
