"""Arrival order, proven by property: however the sample's raw rows are cut into load batches, every
incremental model equals its full refresh, and a rerun changes nothing.

Hypothesis draws an arrival plan: how many batches, whether rows keep their original order or
arrive shuffled (so duplicates and corrections of one record land in different batches, newer
versions sometimes before older ones), and which batch lands in two parts under one stamp. The
rows of every raw table are dealt into the batches, each batch stamped a day after the last, and
the warehouse is built after each batch (and after each part). The incremental models are read
from the manifest, so a new one is covered without a change here.

`make test` runs a few examples with a fixed seed; set ARRIVAL_ORDER_EXAMPLES (e.g. 50) for a
larger, randomised run.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dwh.contracts import input_contract
from dwh.dbt import run_dbt
from dwh.replay import MODELS_AND_SNAPSHOTS

from .conftest import copy_into, differences

DEFAULT_EXAMPLES = 3
EXAMPLES = int(os.environ.get("ARRIVAL_ORDER_EXAMPLES", str(DEFAULT_EXAMPLES)))
FIRST_STAMP = datetime(2026, 6, 1, 6, 0)
# the incremental models and everything they read (the rest of the DAG plays no part here)
BUILD = [*MODELS_AND_SNAPSHOTS, "--select", "+config.materialized:incremental"]
# build-time stamps (differ between any two builds), and the streaming incrementals' audit columns,
# which say which run wrote a row and so follow the arrival (docs/contracts/streaming.md)
AUDIT_COLUMNS = {"loaded_at", "_sessionised_at", "_content_loaded_through", "_previous_viewing_key",
                 "_previous_profile_id"}

HOLDING = "arrival_holding"
Counts = dict[str, int]  # rows per raw table
Parts = list[list[dict[str, list[int]]]]  # batch -> part -> raw table -> row numbers


@dataclass(frozen=True)
class ArrivalPlan:
    seed: int
    batches: int
    shuffled: bool  # False: rows keep their original order, cut at random points
    split_batch: int  # this batch lands in two parts under one stamp


plans = st.builds(ArrivalPlan, seed=st.integers(0, 2**32 - 1), batches=st.integers(2, 4), shuffled=st.booleans(),
                  split_batch=st.integers(0, 3))


def deal(counts: Counts, plan: ArrivalPlan) -> Parts:
    """The plan's batches, each a list of parts (one, or two for the split batch) holding the row
    numbers (original load order) of each raw table."""
    rng = random.Random(plan.seed)
    batches: Parts = [[{t: [] for t in counts}] for _ in range(plan.batches)]
    for table, count in counts.items():
        if plan.shuffled:
            for row in range(count):
                batches[rng.randrange(plan.batches)][0][table].append(row)
        else:
            cuts = sorted(rng.randint(0, count) for _ in range(plan.batches - 1))
            for index, (start, end) in enumerate(zip([0, *cuts], [*cuts, count], strict=True)):
                batches[index][0][table].extend(range(start, end))
    split = batches[plan.split_batch % plan.batches]
    second: dict[str, list[int]] = {t: [] for t in counts}
    for table, rows in split[0].items():
        kept = []
        for row in rows:
            (second[table] if rng.random() < 0.5 else kept).append(row)
        split[0][table] = kept
    split.append(second)
    return batches


@pytest.fixture(scope="module")
def held_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counts]:
    """A warehouse with the reference data, empty raw tables, and every sample raw row held aside
    (numbered in its original load order, without its stamp) in schema arrival_holding."""
    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    run_dbt(["seed"], warehouse)
    counts: Counts = {}
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"create schema {HOLDING}")
        for table in input_contract().values():
            columns = ", ".join(c for c, _ in table.columns if c != "_loaded_at")
            con.execute(f"create table {HOLDING}.{table.name} as select row_number() over "
                        f"(order by _loaded_at, {columns}) - 1 as row_no, {columns} from raw.{table.name}")
            con.execute(f"delete from raw.{table.name}")
            counts[table.name] = int(con.execute(f"select count(*) from {HOLDING}.{table.name}").fetchall()[0][0])
    return warehouse, counts


def land(warehouse: Path, rows: dict[str, list[int]], stamp: datetime) -> None:
    """Append the held rows with these numbers to their raw tables, stamped `stamp`."""
    with duckdb.connect(str(warehouse)) as con:
        for table in input_contract().values():
            numbers = rows.get(table.name) or []
            if numbers:
                columns = ", ".join(c for c, _ in table.columns if c != "_loaded_at")
                con.execute(f"insert into raw.{table.name} select {columns}, ? from {HOLDING}.{table.name} "
                            f"where row_no in (select unnest(?::bigint[]))", [stamp, numbers])


def built_tables() -> tuple[list[str], list[str]]:
    """(incremental models, every table-like model the last run built) as schema.relation, from the
    manifest and the run's results."""
    target = Path(os.environ["DBT_TARGET_PATH"])
    manifest = json.loads((target / "manifest.json").read_text())
    ran = {r["unique_id"] for r in json.loads((target / "run_results.json").read_text())["results"]}
    models = [n for uid, n in manifest["nodes"].items() if uid in ran and n["resource_type"] == "model"
              and n["config"]["materialized"] in {"table", "incremental"}]
    name = lambda n: f"{n['schema']}.{n['alias']}"  # noqa: E731
    return (sorted(name(n) for n in models if n["config"]["materialized"] == "incremental"),
            sorted(name(n) for n in models))


def _columns(warehouse: Path, table: str) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        schema, relation = table.split(".")
        names = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
            "order by ordinal_position", [schema, relation]).fetchall()]
    return ", ".join(n for n in names if n not in AUDIT_COLUMNS)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= DEFAULT_EXAMPLES, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=plans)
def test_any_arrival_order_equals_the_full_refresh(plan: ArrivalPlan, held_sample: tuple[Path, Counts],
                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    template, counts = held_sample
    scratch = tmp_path_factory.mktemp("arrival")
    warehouse = copy_into(template, scratch / "incremental")
    for number, parts in enumerate(deal(counts, plan)):
        for part in parts:
            land(warehouse, part, FIRST_STAMP + timedelta(days=number))
            run_dbt(BUILD, warehouse)

    incremental, tables = built_tables()
    assert len(incremental) >= 4
    rebuilt = copy_into(warehouse, scratch / "full_refresh")
    run_dbt([*BUILD, "--full-refresh"], rebuilt)
    for table in incremental:
        total, only_incremental, only_full = differences(warehouse, rebuilt, table, _columns(warehouse, table))
        assert (only_incremental, only_full) == (0, 0), (plan, table, total)

    rerun = copy_into(warehouse, scratch / "rerun")
    run_dbt(BUILD, rerun)
    for table in tables:
        columns = _columns(warehouse, table)
        assert differences(warehouse, rerun, table, columns)[1:] == (0, 0), (plan, table)
