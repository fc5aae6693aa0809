"""The delivery scale data set, generated in DuckDB SQL straight into the raw tables.

At scale 1.0: 1,000,000 orders over 30 days from 100,000 customers at 500 restaurants, carried by
3,000 drivers. Orders come in runs of five close in time for one driver; 60 % of the runs go out as
a batch of one to five deliveries (the rest of the run individually): about 360,000 batches
with their batch deliveries, waypoints (start, restaurants, customers, end) and state changes; 1 %
of the batches are cancelled and 1 in 500 reports a wrong total. Drivers and restaurants arrive in
three full exports (May 1, 11, 21) in which tiers and prep times change.

`add_increment` appends the next day's load (1/30 of the base), replays of loaded orders,
deliveries, batches and batch deliveries, new exports with changes, and bad rows. Scale N multiplies
orders, customers, restaurants and drivers by N.

Every value derives from hash(seed, kind, row number), never random().
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dwh.contracts import create_raw_tables
from dwh.generators.scale_sql import ScaleDomain
from dwh.generators.scale_sql import hashed as _h
from dwh.generators.scale_sql import raw_row_count as _rows

BASE_LOADED_AT = "2026-06-01 06:00:00"
INCREMENT_LOADED_AT = "2026-06-02 06:00:00"
FIRST_DAY = "2026-05-01"
DAYS = 30
RUN = 5  # orders per run


@dataclass(frozen=True)
class DeliveryScale:
    orders: int
    customers: int
    restaurants: int
    drivers: int

    @classmethod
    def of(cls, factor: float) -> DeliveryScale:
        return cls(orders=max(50, int(1_000_000 * factor)), customers=max(10, int(100_000 * factor)),
                   restaurants=max(5, int(500 * factor)), drivers=max(5, int(3_000 * factor)))


def _exports(con: duckdb.DuckDBPyConnection, scale: DeliveryScale, export: str, stamp: str, changed: int) -> None:
    """Full driver and restaurant exports; `changed` picks who has moved on (0: nobody)."""
    con.execute(f"""
        insert into raw.raw_drivers
        select n, 'DRV' || n, date '2023-01-01' + (n % 900)::integer,
               case when {changed} > 0 and n % 97 = {changed} % 97 then 'suspended' else 'active' end,
               ['car', 'bike', 'scooter', 'walking'][1 + n % 4], n % 3 != 0, 1 + n % 5,
               case when {changed} > 0 and n % 50 = {changed} % 50 then 'premium'
                    else ['new', 'standard', 'premium'][1 + n % 3] end,
               date '{export}', timestamp '{stamp}'
        from range(1, {scale.drivers + 1}) as t (n)
    """)
    con.execute(f"""
        insert into raw.raw_restaurants
        select n, 'RST' || n, 'Restaurant ' || n, ['pizza', 'sushi', 'burgers', 'curry', 'salads'][1 + n % 5],
               37.7 + (n % 100) * 0.001, -122.4 - (n % 77) * 0.001,
               10 + n % 20 + case when {changed} > 0 and n % 20 = {changed} % 20 then 5 else 0 end,
               n % 4 != 0, n % 3 = 0, date '{export}', timestamp '{stamp}'
        from range(1, {scale.restaurants + 1}) as t (n)
    """)


def _write_day_range(con: duckdb.DuckDBPyConnection, scale: DeliveryScale, seed: int, prefix: int, orders: int,
                     day_start: str, days: int, stamp: str) -> None:
    """Orders 0..orders-1 (ids offset by `prefix`), their deliveries and batches, over `days` days."""
    runs = orders // RUN

    def g(kind: str) -> str:
        return _h(seed, f"{prefix}{kind}", "g")
    con.execute(f"""
        create or replace temp table scale_runs as
        select
            g,
            {prefix} + g as batch_id,
            1 + {g('drv')} % {scale.drivers} as driver_id,
            {g('batched')} % 10 < 6 as batched,
            1 + {g('size')} % {RUN} as size,
            {g('cancel')} % 100 = 0 as cancelled,
            {g('wrong')} % 500 = 0 as wrong_total,
            timestamp '{day_start}' + to_seconds({g('at')} % ({days} * 86400 - 14400)) as first_order_at
        from range({runs}) as t (g)
    """)
    con.execute(f"""
        create or replace temp table scale_orders as
        select
            {prefix} + runs.g * {RUN} + k as order_id,
            {prefix} + 100000000 + runs.g * {RUN} + k as delivery_id,
            runs.*,
            k,
            runs.batched and k < runs.size as in_batch,
            1 + {_h(seed, f"{prefix}cust", "runs.g * 5 + k")} % {scale.customers} as customer_id,
            1 + {_h(seed, f"{prefix}rest", "runs.g * 5 + k")} % {scale.restaurants} as restaurant_id,
            runs.first_order_at + to_minutes(k * 2) as order_at
        from scale_runs as runs, range({RUN}) as r (k)
    """)
    # a batch: created 10 minutes after its last order, assigned 2 later, started 3 after that; pickups
    # every 4 minutes, then drop-offs every 6 (in reverse order)
    con.execute(f"""
        create or replace temp table scale_timeline as
        select
            *,
            first_order_at + to_minutes(({RUN} - 1) * 2 + 10) as created_at,
            first_order_at + to_minutes(({RUN} - 1) * 2 + 12) as assigned_at,
            first_order_at + to_minutes(({RUN} - 1) * 2 + 15) as started_at,
            first_order_at + to_minutes(({RUN} - 1) * 2 + 15 + (k + 1) * 4) as picked_at,
            first_order_at + to_minutes(({RUN} - 1) * 2 + 15 + (case when in_batch then size else 1 end) * 4
                                        + (case when in_batch then size - k else 1 end) * 6) as dropped_at
        from scale_orders
    """)
    con.execute(f"""
        insert into raw.raw_orders
        select order_id, customer_id, restaurant_id, order_at, 800 + order_id % 5000, 1 + order_id % 6,
               case when cancelled and in_batch then 'cancelled' else 'delivered' end, 10 + order_id % 25,
               order_id % 3 != 0, order_id % 4 = 0, order_id % 50 = 0, 199 + (order_id % 3) * 100,
               (order_id % 5) * 100, 37.75 + (order_id % 400) * 0.0001, -122.45 + (order_id % 300) * 0.0001,
               timestamp '{stamp}'
        from scale_timeline
    """)
    con.execute(f"""
        insert into raw.raw_deliveries
        select delivery_id, order_id, driver_id, order_at + interval 1 minute, assigned_at,
               picked_at - interval 2 minute,
               case when cancelled and in_batch then null else picked_at end,
               case when cancelled and in_batch then null else dropped_at end,
               35 + order_id % 20, (1 + order_id % 40 / 10.0)::decimal(6, 2),
               case when cancelled and in_batch then 'cancelled' else 'delivered' end,
               case when cancelled and in_batch then 'batch_cancelled' end, timestamp '{stamp}'
        from scale_timeline
    """)
    con.execute(f"""
        insert into raw.raw_delivery_batches
        select batch_id, driver_id, case when size = 1 then 4 else 1 + g % 3 end, created_at, assigned_at,
               case when cancelled then null else started_at end,
               case when cancelled then null else max(dropped_at) + interval 3 minute end,
               size + case when wrong_total then 1 else 0 end, (size * 1.5)::decimal(6, 2),
               case when cancelled then null else (size * 1.6)::decimal(6, 2) end, size * 10 + 5,
               (0.6 + (g % 39) / 100.0)::decimal(5, 4), case when cancelled then 'cancelled' else 'completed' end,
               case when cancelled then 'driver_declined' end, timestamp '{stamp}'
        from scale_timeline
        where in_batch
        group by batch_id, driver_id, size, g, created_at, assigned_at, started_at, cancelled, wrong_total
    """)
    con.execute(f"""
        insert into raw.raw_batch_deliveries
        select batch_id * 10 + k, batch_id, delivery_id, k + 1, size - k, picked_at - interval 1 minute,
               case when cancelled then null else picked_at end, dropped_at - interval 2 minute,
               case when cancelled then null else dropped_at end, order_id % 8,
               case when order_id % 3 = 0 then 1 + order_id % 5 end, timestamp '{stamp}'
        from scale_timeline
        where in_batch
    """)
    con.execute(f"""
        insert into raw.raw_batch_waypoints
        select batch_id * 20 + w, batch_id,
               case when w between 1 and size then {prefix} + 100000000 + g * {RUN} + (w - 1)
                    when w between size + 1 and 2 * size then {prefix} + 100000000 + g * {RUN} + (2 * size - w) end,
               case when w = 0 then 'driver_start' when w <= size then 'restaurant' when w <= 2 * size then 'customer'
                    else 'driver_end' end,
               w + 1, 37.7 + w * 0.001, -122.4 - w * 0.001,
               started_at + to_minutes(w * 5), started_at + to_minutes(w * 5 + (batch_id + w) % 5 - 2),
               case when w < 2 * size + 1 then 0.75 end, timestamp '{stamp}'
        from (select distinct batch_id, g, size, started_at from scale_timeline where in_batch and not cancelled)
            as batches, range(12) as r (w)
        where w <= 2 * size + 1
    """)
    con.execute(f"""
        insert into raw.raw_batch_state_changes
        select batch_id * 10 + s, batch_id,
               case s when 0 then created_at when 1 then assigned_at when 2 then started_at else completed_at end,
               case s when 0 then null when 1 then 'created' when 2 then 'assigned'
                      else case when cancelled then 'assigned' else 'in_progress' end end,
               case s when 0 then 'created' when 1 then 'assigned'
                      when 2 then case when cancelled then 'cancelled' else 'in_progress' end else 'completed' end,
               'system', null, timestamp '{stamp}'
        from (select batch_id, cancelled, created_at, assigned_at, started_at, max(dropped_at) as completed_at
              from scale_timeline where in_batch group by all) as batches, range(4) as r (s)
        where s < case when cancelled then 3 else 4 end
    """)


def generate_base(con: duckdb.DuckDBPyConnection, scale: DeliveryScale, seed: int = 42) -> int:
    """The base load (30 days, May 1-30), all at one stamp; returns the rows written."""
    create_raw_tables(con, "delivery")
    stamp = BASE_LOADED_AT
    con.execute(f"""
        insert into raw.raw_customers
        select n, 'Customer ' || n, 'customer' || n || '@example.com', 'San Francisco',
               timestamp '2025-01-01' + to_days(n % 365), timestamp '{stamp}'
        from range(1, {scale.customers + 1}) as t (n)
    """)
    con.execute(f"""
        insert into raw.raw_batching_algorithms values
            (1, 'nearest_neighbor', 'v1.0', 4, 8.00, timestamp '2024-01-01', null, 0.2500, timestamp '{stamp}'),
            (2, 'genetic_algorithm', 'v2.1', 5, 12.00, timestamp '2024-01-15', null, 0.2500, timestamp '{stamp}'),
            (3, 'ml_optimized', 'v1.5', 4, 10.00, timestamp '2024-02-01', null, 0.3000, timestamp '{stamp}'),
            (4, 'no_batching', 'v1.0', 1, 0.00, timestamp '2024-01-01', null, 0.2000, timestamp '{stamp}')
    """)
    for export, changed in (("2026-05-01", 0), ("2026-05-11", 11), ("2026-05-21", 11)):
        _exports(con, scale, export, stamp, changed)
    _write_day_range(con, scale, seed, 0, scale.orders, FIRST_DAY, DAYS, stamp)
    return _count(con)


def _count(con: duckdb.DuckDBPyConnection) -> int:
    tables = [r[0] for r in con.execute("select table_name from information_schema.tables where table_schema = 'raw' "
                                        "and table_name in ('raw_orders', 'raw_deliveries', 'raw_drivers', "
                                        "'raw_restaurants', 'raw_customers', 'raw_batching_algorithms', "
                                        "'raw_delivery_batches', 'raw_batch_deliveries', 'raw_batch_waypoints', "
                                        "'raw_batch_state_changes')").fetchall()]
    return sum(_rows(con, t) for t in tables)


def add_increment(con: duckdb.DuckDBPyConnection, scale: DeliveryScale, seed: int = 42) -> int:
    """One more day (May 31): its orders and batches, replays, exports with changes and bad rows."""
    stamp = INCREMENT_LOADED_AT
    before = _count(con)
    _write_day_range(con, scale, seed, 500_000_000, max(RUN, scale.orders // DAYS), "2026-05-31 00:00:00", 1, stamp)
    _exports(con, scale, "2026-06-01", stamp, 23)
    for table, key in (("raw_orders", "order_id"), ("raw_deliveries", "delivery_id"),
                       ("raw_delivery_batches", "batch_id"), ("raw_batch_deliveries", "batch_delivery_id")):
        columns = [r[0] for r in con.execute(f"describe raw.{table}").fetchall() if r[0] != "_loaded_at"]
        con.execute(f"""
            insert into raw.{table}
            select {', '.join(columns)}, timestamp '{stamp}' from raw.{table}
            where _loaded_at = timestamp '{BASE_LOADED_AT}' and hash({seed}, 'replay', {key}) % 2000 = 0
        """)
    con.execute(f"""
        insert into raw.raw_orders values
            (null, 1, 1, timestamp '2026-05-31 12:00', 1000, 1, 'delivered', 10, true, false, false, 199, 0, 37.7,
             -122.4, timestamp '{stamp}'),
            (999999999, 1, 1, timestamp '2026-05-31 12:00', -5, 1, 'teleported', 10, true, false, false, 199, 0,
             37.7, -122.4, timestamp '{stamp}')
    """)
    return _count(con) - before


# What `dwh generate-scale` and the benchmark (bench/scale.py) need: the generator, the one-day
# increment, the floor of each mart and the incremental tables a full refresh must reproduce.
SCALE = ScaleDomain(
    generate=lambda con, f, seed: generate_base(con, DeliveryScale.of(f), seed),
    increment=lambda con, f, seed: add_increment(con, DeliveryScale.of(f), seed),
    describe="scale 1: 1,000,000 orders over 30 days, ~360,000 batches with their deliveries, waypoints "
             "and state changes; scale N: N times the orders, customers, restaurants and drivers",
    floors={
        "fact_orders": "select order_id, count(*) from raw.raw_orders group by all",
        "fact_deliveries": "select delivery_id, count(*) from raw.raw_deliveries group by all",
        "fact_delivery_batches": "select batch_id, count(*) from raw.raw_delivery_batches group by all",
        "fact_batch_deliveries": "select batch_delivery_id, count(*) from raw.raw_batch_deliveries group by all",
        "fact_batch_waypoints": "select waypoint_id, count(*) from raw.raw_batch_waypoints group by all",
        "fact_batch_state_changes": "select state_change_id, count(*) from raw.raw_batch_state_changes "
                                    "group by all",
        "fact_restaurant_daily": "select restaurant_id, date_partition, count(*) from delivery.fact_orders "
                                 "group by all",
        "dim_drivers": "select driver_id, driver_tier, count(*) from raw.raw_drivers group by all",
    },
    incremental_tables=(),
)
