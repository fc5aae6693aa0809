"""The rideshare scale data set, generated in DuckDB SQL straight into the raw tables.

At scale 1.0: 20,000 riders and 2,000 drivers in 10 cities of 20 zones each, 30 days of 500,000
rides (a third carpools of one to four riders, 3 % cancelled) with about 800,000 segments and
900,000 requests (matched, unmatched and given up). The users arrive in three full exports (days
1, 11 and 21) in which 2 % of the riders move city; vehicles and zones load once. The base load
lands at one stamp.

`add_increment` appends the next day's load: that day's rides, segments and requests (1/30 of the
base), late segments of rides already loaded, corrected fares, replays, a new users export in which
riders move, and bad rows. Scale N multiplies riders, drivers and rides by N.

Every value derives from hash(seed, kind, row number), never random(): the same seed gives the
same data whatever the number of threads.
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
CITIES, ZONES_PER_CITY = 10, 20


@dataclass(frozen=True)
class RideshareScale:
    riders: int
    drivers: int
    rides: int

    @classmethod
    def of(cls, factor: float) -> RideshareScale:
        return cls(riders=max(20, int(20_000 * factor)), drivers=max(5, int(2_000 * factor)),
                   rides=max(30, int(500_000 * factor)))


def _users(scale: RideshareScale, seed: int, export: str, stamp: str, moved_every: int) -> str:
    """A full users export: riders r<n> and drivers d<n>; riders with n % moved_every = 1 live one
    city further on (moved_every 0: nobody moved yet)."""
    moved = f"(case when {moved_every} > 0 and n % {moved_every} = 1 then 1 else 0 end)"
    return f"""
        insert into raw.raw_rideshare_users
        select 'r' || n, 'rider', 'Rider ' || n, 'rider' || n || '@example.com',
               '+46 70 ' || lpad((n % 10000000)::varchar, 7, '0'),
               'City ' || ((n + {moved}) % {CITIES}), timestamp '2025-01-01' + to_days(n % 365),
               date '{export}', timestamp '{stamp}'
        from range({scale.riders}) as t (n)
        union all
        select 'd' || n, 'driver', 'Driver ' || n, 'driver' || n || '@example.com',
               '+46 73 ' || lpad((n % 10000000)::varchar, 7, '0'), 'City ' || (n % {CITIES}),
               timestamp '2024-01-01' + to_days(n % 365), date '{export}', timestamp '{stamp}'
        from range({scale.drivers}) as t (n)
    """


def _ride_rows(scale: RideshareScale, seed: int, prefix: str, first: int, count: int, day_start: str,
               days: int) -> str:
    """One row per ride: driver (of the ride's city), type, status, start, riders, zones."""

    def h(kind: str) -> str:
        return _h(seed, prefix + kind, "i")
    return f"""
        select
            i,
            'R{prefix}' || i as ride_id,
            {h('drv')} % {scale.drivers} as driver,
            ({h('drv')} % {scale.drivers}) % {CITIES} as city,
            case {h('type')} % 6 when 0 then 'xl' when 1 then 'carpool' when 2 then 'carpool' else 'regular' end
                as ride_type,
            {h('cancel')} % 33 = 0 as cancelled,
            timestamp '{day_start}' + to_seconds({h('start')} % ({days} * 86400 - 7200)) as start_ts,
            case when {h('type')} % 6 in (1, 2) then 1 + {h('riders')} % 4 else 1 end as riders
        from range({first}, {first + count}) as t (i)
    """


def _write_rides(con: duckdb.DuckDBPyConnection, scale: RideshareScale, seed: int, prefix: str, first: int,
                 count: int, day_start: str, days: int, stamp: str) -> int:
    rides = _ride_rows(scale, seed, prefix, first, count, day_start, days)
    con.execute(f"create or replace temp table scale_rides as {rides}")

    def h(kind: str, expr: str = "i * 8 + k") -> str:
        return _h(seed, prefix + kind, expr)
    # segments: rider k of a ride is picked up k * 3 minutes after the start and rides 8-30 minutes
    con.execute(f"""
        create or replace temp table scale_segments as
        select
            rides.ride_id || '-S' || k as segment_id,
            rides.ride_id,
            'r' || (({h('rider')} % ({scale.riders} // {CITIES})) * {CITIES} + rides.city) as rider_id,
            rides.start_ts + to_minutes(k * 3) as pickup_ts,
            case when rides.cancelled then null
                 else rides.start_ts + to_minutes(k * 3 + 8 + {h('len')} % 23) end as dropoff_ts,
            'Z' || rides.city || '_' || ({h('from')} % {ZONES_PER_CITY}) as pickup_location_id,
            'Z' || rides.city || '_' || ({h('to')} % {ZONES_PER_CITY}) as dropoff_location_id,
            case when rides.cancelled then 0.00 else round(4 + ({h('km')} % 900) / 100.0 * 1.6, 2) end
                ::decimal(10, 2) as segment_fare,
            round(1 + ({h('km')} % 900) / 100.0, 2)::decimal(8, 2) as segment_distance_km,
            case when rides.cancelled then 'cancelled' else 'completed' end as segment_status,
            rides.ride_type,
            rides.i,
            k
        from scale_rides as rides, range(4) as r (k)
        where k < rides.riders
    """)
    con.execute(f"""
        insert into raw.raw_rides
        select rides.ride_id, 'd' || rides.driver, 'v' || rides.driver, rides.ride_type,
               case when rides.cancelled then 'cancelled' else 'completed' end, rides.start_ts,
               case when rides.cancelled then null else max(segments.dropoff_ts) + interval 1 minute end,
               min(segments.pickup_location_id), max(segments.dropoff_location_id),
               sum(segments.segment_fare), sum(segments.segment_distance_km) + 0.80, timestamp '{stamp}'
        from scale_rides as rides
        inner join scale_segments as segments on rides.i = segments.i
        group by rides.i, rides.ride_id, rides.driver, rides.ride_type, rides.cancelled, rides.start_ts
    """)
    con.execute(f"""
        insert into raw.raw_ride_segments
        select segment_id, ride_id, rider_id, pickup_ts, dropoff_ts, pickup_location_id, dropoff_location_id,
               segment_fare, segment_distance_km, segment_status, timestamp '{stamp}'
        from scale_segments
    """)
    # a matched request per segment, and one unmatched or abandoned request per ten rides
    con.execute(f"""
        insert into raw.raw_ride_requests
        select 'Q' || segment_id, rider_id, pickup_ts - interval 5 minute,
               ride_type, pickup_location_id,
               dropoff_location_id, 'matched', segment_id, timestamp '{stamp}'
        from scale_segments as segments
        union all
        select 'Q{prefix}U' || i, 'r' || ({_h(seed, prefix + 'urider', 'i')} % {scale.riders}), start_ts,
               'carpool', 'Z' || city || '_0', 'Z' || city || '_1',
               case when i % 3 = 0 then 'cancelled_by_rider' else 'unmatched' end, null, timestamp '{stamp}'
        from scale_rides
        where i % 10 = 0
    """)
    return int(con.execute("select count(*) * 3 from scale_segments").fetchone()[0])  # type: ignore[index]


def generate_base(con: duckdb.DuckDBPyConnection, scale: RideshareScale, seed: int = 42) -> int:
    """The base load (30 days), all at one stamp; returns the rows written."""
    create_raw_tables(con, "rideshare")
    stamp = BASE_LOADED_AT
    con.execute(f"""
        insert into raw.raw_locations
        select 'Z' || c || '_' || z, 'Zone ' || z, 'City ' || c, 40 + c + z * 0.01, 10 + c + z * 0.013,
               timestamp '{stamp}'
        from range({CITIES}) as a (c), range({ZONES_PER_CITY}) as b (z)
    """)
    con.execute(f"""
        insert into raw.raw_vehicles
        select 'v' || n, 'd' || n, 'Make ' || (n % 7), 'Model ' || (n % 13), 2015 + n % 10,
               case when n % 6 = 0 then 6 else 4 end, case when n % 6 = 0 then 'xl' else 'standard' end,
               timestamp '{stamp}'
        from range({scale.drivers}) as t (n)
    """)
    for export, moved in (("2026-05-01", 0), ("2026-05-11", 50), ("2026-05-21", 50)):
        con.execute(_users(scale, seed, export, stamp, moved))
    written = _write_rides(con, scale, seed, "b", 0, scale.rides, FIRST_DAY, DAYS, stamp)
    return written + scale.drivers * 2 + CITIES * ZONES_PER_CITY + 3 * (scale.riders + scale.drivers)


def add_increment(con: duckdb.DuckDBPyConnection, scale: RideshareScale, seed: int = 42) -> int:
    """One more day: its rides, late segments, corrected fares, replays, a users export, bad rows."""
    stamp = INCREMENT_LOADED_AT
    before = sum(_rows(con, t)
                 for t in ("raw_rides", "raw_ride_segments", "raw_ride_requests", "raw_rideshare_users"))
    # the new day: rides starting 2026-05-31 00:00 .. 22:00 (the base ends on 2026-05-30)
    _write_rides(con, scale, seed, "n", 0, max(1, scale.rides // DAYS), "2026-05-31 00:00:00", 1, stamp)
    # late: a fifth rider for 0.1 % of loaded carpools (inside the ride's window); corrected fares (0.1 %)
    con.execute(f"""
        insert into raw.raw_ride_segments
        select ride_id || '-L', ride_id, 'r' || (hash({seed}, 'late', ride_id) % {scale.riders}), start_ts,
               start_ts + interval 2 minute, start_location_id, start_location_id, 0.00, 0.50, 'completed',
               timestamp '{stamp}'
        from raw.raw_rides
        where _loaded_at = timestamp '{BASE_LOADED_AT}' and ride_type = 'carpool' and ride_status = 'completed'
            and hash({seed}, 'late?', ride_id) % 1000 = 0
    """)
    con.execute(f"""
        insert into raw.raw_rides
        select ride_id, driver_id, vehicle_id, ride_type, ride_status, start_ts, end_ts, start_location_id,
               end_location_id, total_fare, total_distance_km + 1, timestamp '{stamp}'
        from raw.raw_rides
        where _loaded_at = timestamp '{BASE_LOADED_AT}' and hash({seed}, 'fix?', ride_id) % 1000 = 1
    """)
    # replays of loaded segments and requests
    for table, key in (("raw_ride_segments", "segment_id"), ("raw_ride_requests", "request_id")):
        columns = [r[0] for r in con.execute(f"describe raw.{table}").fetchall() if r[0] != "_loaded_at"]
        con.execute(f"""
            insert into raw.{table}
            select {', '.join(columns)}, timestamp '{stamp}' from raw.{table}
            where _loaded_at = timestamp '{BASE_LOADED_AT}' and hash({seed}, 'replay', {key}) % 2000 = 0
        """)
    con.execute(_users(scale, seed, "2026-06-01", stamp, 40))
    con.execute(f"""
        insert into raw.raw_rides values
            (null, 'd1', 'v1', 'regular', 'completed', timestamp '2026-05-31 10:00', timestamp '2026-05-31 10:10',
             'Z1_0', 'Z1_1', 10.00, 3.00, timestamp '{stamp}'),
            ('RBAD1', 'd1', 'v1', 'helicopter', 'completed', timestamp '2026-05-31 10:00',
             timestamp '2026-05-31 10:10', 'Z1_0', 'Z1_1', 10.00, 3.00, timestamp '{stamp}')
    """)
    after = sum(_rows(con, t)
                for t in ("raw_rides", "raw_ride_segments", "raw_ride_requests", "raw_rideshare_users"))
    return after - before


# What `dwh generate-scale` and the benchmark (bench/scale.py) need: the generator, the one-day
# increment, the floor of each mart and the incremental tables a full refresh must reproduce.
SCALE = ScaleDomain(
    generate=lambda con, f, seed: generate_base(con, RideshareScale.of(f), seed),
    increment=lambda con, f, seed: add_increment(con, RideshareScale.of(f), seed),
    describe="scale 1: 20,000 riders, 2,000 drivers, 500,000 rides over 30 days (~800,000 segments); "
             "scale N: N times the riders, drivers and rides",
    floors={
        "fact_rides": "select ride_id, count(*) from raw.raw_rides group by all",
        "fact_ride_segments": "select segment_id, count(*) from raw.raw_ride_segments group by all",
        "fact_carpool_daily": "select cast(start_timestamp as date), start_location_id, ride_type, count(*) "
                              "from rideshare.fact_rides group by all",
        "rideshare__dim_users": "select user_id, home_city, count(*) from raw.raw_rideshare_users group by all",
    },
    incremental_tables=(),
)
