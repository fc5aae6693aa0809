"""The input contract of every domain, read from the one place that declares it: the sources YAML
(`models/staging/<domain>/_<domain>__sources.yml`), where every raw table lists its columns with
their `data_type` and description (see docs/contracts/). Loaders other than `dbt seed` (the landing
loader, the scale generators, the tests that put hand-made rows straight into `raw`) create their
tables from here, so the contract is never written twice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RawTable:
    """One raw table of the input contract: its domain, name and (column, type) pairs in order."""

    domain: str
    name: str
    columns: tuple[tuple[str, str], ...]
    landing_format: str = "ndjson"  # how the sample lands it as files: `config.meta.landing_format`

    def ddl(self) -> str:
        columns = ", ".join(f"{column} {data_type}" for column, data_type in self.columns)
        return f"create table if not exists raw.{self.name} ({columns})"


@cache
def input_contract(project_dir: Path = PROJECT_DIR) -> dict[str, RawTable]:
    """Every raw table of every domain, by table name."""
    tables: dict[str, RawTable] = {}
    for path in sorted((project_dir / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                columns = tuple((str(c["name"]), str(c["data_type"])) for c in table["columns"])
                meta = (table.get("config") or {}).get("meta") or {}
                tables[table["name"]] = RawTable(source["name"], table["name"], columns,
                                                 str(meta.get("landing_format", "ndjson")))
    return tables


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
