"""Arrival order, proven by property: however the sample's raw rows are cut into load batches, every
incremental model equals its full refresh, and a rerun changes nothing.

Hypothesis draws an arrival plan: how many batches, whether rows keep their original order or
arrive shuffled (so duplicates and corrections of one record land in different batches, newer
versions sometimes before older ones), and which batch lands in two parts under one stamp. The
rows of every raw table are dealt into the batches, each batch stamped a day after the last, and
the warehouse is built after each batch (and after each part). In every plan, the last few
exports (two to four) of every raw table that lands as full exports (it has an `export_date`)
land together under one stamp, as when a scheduler catches up after missed days: the newest
export then shares its stamp with the ones it replaces. The incremental models are read from the
manifest, so a new one is covered without a change here, and so are the export tables.

Equal to its full refresh is not enough (a rule wrong in both would pass), so after the last batch
the conservation tests (raw = current + superseded + quarantined) run on every raw table whose
models the build made: a record lost by a model fails them.

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
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dwh.contracts import input_contract
from dwh.dbt import run_dbt
from dwh.manifest import Built, built_relations
from dwh.replay import MODELS_AND_SNAPSHOTS

from .conftest import copy_into, differences

pytestmark = pytest.mark.long  # minutes: scheduled first (conftest)
DEFAULT_EXAMPLES = 1  # drawn with a fixed seed, besides the explicit examples (CATCHING_UP, LATE_DEVICE)
EXAMPLES = int(os.environ.get("ARRIVAL_ORDER_EXAMPLES", str(DEFAULT_EXAMPLES)))
FIRST_STAMP = datetime(2026, 6, 1, 6, 0)
# the incremental models and everything they read (the rest of the DAG plays no part here)
BUILD = [*MODELS_AND_SNAPSHOTS, "--select", "+config.materialized:incremental"]
# after the last batch, the other staging models (views over raw, and the quarantines), which the
# conservation tests read: views need no build per batch
STAGING_VIEWS = ["run", "--select", "path:models/staging", "--exclude", "config.materialized:incremental"]

HOLDING = "arrival_holding"
Counts = dict[str, int]  # rows per raw table
Parts = list[list[dict[str, list[int]]]]  # batch -> part -> raw table -> row numbers
Exports = dict[str, list[list[int]]]  # raw table with export_date -> its exports' row numbers, by export date


@dataclass(frozen=True)
class ArrivalPlan:
    seed: int
    batches: int
    shuffled: bool  # False: rows keep their original order, cut at random points
    split_batch: int  # this batch lands in two parts under one stamp
    shared_exports: int = 2  # the last this many exports of every export table share one stamp


plans = st.builds(ArrivalPlan, seed=st.integers(0, 2**32 - 1), batches=st.integers(2, 4), shuffled=st.booleans(),
                  split_batch=st.integers(0, 3), shared_exports=st.integers(2, 4))
# always tried: rows in order, and the last four exports of each table in the last batch's stamp
# (a title whose length changed in the second-last export once vanished in exactly this case)
CATCHING_UP = ArrivalPlan(seed=7, batches=3, shuffled=False, split_batch=1, shared_exports=4)
# and the plan in which a device landed after its beacons and the incremental sessions kept a null
# device_key, where a full refresh set it (fact_viewing_sessions now rewrites such viewings)
LATE_DEVICE = ArrivalPlan(seed=377071, batches=4, shuffled=False, split_batch=0, shared_exports=2)


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


def share_stamps(batches: Parts, exports: Exports, plan: ArrivalPlan) -> Parts:
    """Move the last `plan.shared_exports` exports of every export table into one batch part, the
    latest any of their rows was dealt to: they land together under one stamp."""
    for table, by_date in exports.items():
        if len(by_date) < 2:
            continue
        moved = {row for export in by_date[-plan.shared_exports:] for row in export}
        places = [(b, p) for b, parts in enumerate(batches) for p, part in enumerate(parts)
                  if moved & set(part[table])]
        target_batch, target_part = max(places)
        for parts in batches:
            for part in parts:
                part[table] = [row for row in part[table] if row not in moved]
        batches[target_batch][target_part][table].extend(sorted(moved))
    return batches


@pytest.fixture(scope="module")
def held_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counts, Exports]:
    """A warehouse with the reference data, empty raw tables, and every sample raw row held aside
    (numbered in its original load order, without its stamp) in schema arrival_holding; and the
    row numbers of each export of the tables that land as full exports."""
    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    run_dbt(["seed"], warehouse)
    counts: Counts = {}
    exports: Exports = {}
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"create schema {HOLDING}")
        for table in input_contract().values():
            columns = ", ".join(c for c, _ in table.columns if c != "_loaded_at")
            con.execute(f"create table {HOLDING}.{table.name} as select row_number() over "
                        f"(order by _loaded_at, {columns}) - 1 as row_no, {columns} from raw.{table.name}")
            con.execute(f"delete from raw.{table.name}")
            counts[table.name] = int(con.execute(f"select count(*) from {HOLDING}.{table.name}").fetchall()[0][0])
            if "export_date" in dict(table.columns):
                exports[table.name] = [list(r[0]) for r in con.execute(
                    f"select list(row_no order by row_no) from {HOLDING}.{table.name} "
                    f"where export_date is not null group by export_date order by export_date").fetchall()]
    assert len(exports) >= 5, "every domain with exports takes part"
    return warehouse, counts, exports


def land(warehouse: Path, rows: dict[str, list[int]], stamp: datetime) -> None:
    """Append the held rows with these numbers to their raw tables, stamped `stamp`."""
    with duckdb.connect(str(warehouse)) as con:
        for table in input_contract().values():
            numbers = rows.get(table.name) or []
            if numbers:
                columns = ", ".join(c for c, _ in table.columns if c != "_loaded_at")
                con.execute(f"insert into raw.{table.name} select {columns}, ? from {HOLDING}.{table.name} "
                            f"where row_no in (select unnest(?::bigint[]))", [stamp, numbers])


def built_tables() -> tuple[list[Built], list[Built], set[str]]:
    """(incremental models, every table-like model the last run built, the raw tables upstream of
    the incremental models), from the manifest and the run's results. Comparisons leave out the
    build-audit columns (dwh/manifest.py), which say which run wrote a row and so follow the arrival."""
    target = Path(os.environ["DBT_TARGET_PATH"])
    manifest = json.loads((target / "manifest.json").read_text())
    ran = {r["unique_id"] for r in json.loads((target / "run_results.json").read_text())["results"]}
    models = [b for b in built_relations(manifest) if b.unique_id in ran and b.materialized in {"table", "incremental"}]
    incremental = [b for b in models if b.materialized == "incremental"]
    upstream, todo = set(), [b.unique_id for b in incremental]
    while todo:
        for parent in manifest["nodes"].get(todo.pop(), {}).get("depends_on", {}).get("nodes", []):
            if parent.startswith("source."):
                upstream.add(parent.split(".")[-1])
            elif parent not in upstream:
                upstream.add(parent)
                todo.append(parent)
    return incremental, models, {name for name in upstream if not name.startswith(("model.", "seed.", "snapshot."))}


def ran_last() -> set[str]:
    """The nodes the last dbt command ran."""
    target = Path(os.environ["DBT_TARGET_PATH"])
    return {r["unique_id"] for r in json.loads((target / "run_results.json").read_text())["results"]}


def conservation_tests_built(ran: set[str]) -> list[str]:
    """The conservation tests whose every model is among the nodes `ran` (their raw tables are there)."""
    target = Path(os.environ["DBT_TARGET_PATH"])
    manifest = json.loads((target / "manifest.json").read_text())
    return sorted(node["name"] for node in manifest["nodes"].values()
                  if node["resource_type"] == "test"
                  and (node.get("test_metadata") or {}).get("name") == "raw_rows_are_conserved"
                  and all(parent in ran for parent in node["depends_on"]["nodes"] if not parent.startswith("source.")))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= DEFAULT_EXAMPLES, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=plans)
@example(plan=CATCHING_UP)
@example(plan=LATE_DEVICE)
def test_any_arrival_order_equals_the_full_refresh(plan: ArrivalPlan,
                                                   held_sample: tuple[Path, Counts, Exports],
                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    template, counts, exports = held_sample
    scratch = tmp_path_factory.mktemp("arrival")
    warehouse = copy_into(template, scratch / "incremental")
    steps = [(number, part) for number, parts in enumerate(share_stamps(deal(counts, plan), exports, plan))
             for part in parts]
    for step, (number, part) in enumerate(steps, start=1):
        land(warehouse, part, FIRST_STAMP + timedelta(days=number))
        run_dbt(BUILD, warehouse, artifacts=step == len(steps))  # built_tables() reads the last one's

    incremental, tables, upstream = built_tables()
    assert len(incremental) >= 4
    ran = ran_last()
    run_dbt(STAGING_VIEWS, warehouse)
    conservation = conservation_tests_built(ran | ran_last())
    assert set(exports) | upstream <= {table for table in counts for test in conservation if f"_{table}_" in test}
    run_dbt(["test", "--select", *conservation], warehouse, artifacts=False)  # nothing lost, in any arrival
    rebuilt = copy_into(warehouse, scratch / "full_refresh")
    run_dbt([*BUILD, "--full-refresh"], rebuilt, artifacts=False)
    for built in incremental:
        total, only_incremental, only_full = differences(warehouse, rebuilt, built.relation, built.compared)
        assert (only_incremental, only_full) == (0, 0), (plan, built.relation, total)

    rerun = copy_into(warehouse, scratch / "rerun")
    run_dbt(BUILD, rerun, artifacts=False)
    for built in tables:
        assert differences(warehouse, rerun, built.relation, built.compared)[1:] == (0, 0), (plan, built.relation)


@pytest.mark.parametrize("shuffled", [False, True])
def test_every_plan_lands_the_last_exports_under_one_stamp(shuffled: bool) -> None:
    """The dealing itself: every row lands exactly once, and for each export table one part holds
    the last exports whole."""
    counts = {"raw_entities": 12, "raw_events": 30}
    exports = {"raw_entities": [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]}
    for seed in range(20):
        plan = ArrivalPlan(seed=seed, batches=4, shuffled=shuffled, split_batch=seed % 4)
        batches = share_stamps(deal(counts, plan), exports, plan)
        parts = [part for batch in batches for part in batch]
        for table, count in counts.items():
            assert sorted(row for part in parts for row in part[table]) == list(range(count))
        for shared in (2, 3, 4):
            plan = ArrivalPlan(seed=seed, batches=4, shuffled=shuffled, split_batch=seed % 4, shared_exports=shared)
            parts = [part for batch in share_stamps(deal(counts, plan), exports, plan) for part in batch]
            together = [{n for n, rows in enumerate(exports["raw_entities"]) if set(rows) <= set(part["raw_entities"])}
                        for part in parts]
            assert any(set(range(4 - shared, 4)) <= whole for whole in together), (seed, shared, parts)
