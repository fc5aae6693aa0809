"""The streaming scale data set, generated in DuckDB SQL straight into the raw tables.

At scale 1.0: 20,000 profiles (two or three per account) on 40,000 devices watch a catalogue of
2,000 titles (200 series of 8 episodes and 400 movies) for 30 days: 60,000 viewing sessions of
4 to 30 beacons, about 1 million beacons. Beacons come every 5 minutes of playback, with pauses,
seeks both ways, quality changes, 1 in 8 sessions broken by a 40-minute silence (a second session),
some clients without session ids, and sessions ending in a stop, a complete or nothing at all.
The base load lands at one stamp with the catalogue, device and profile exports.

`add_increment` appends the next day's load (1 % of the beacons): new sessions of the next day,
late beacons (in the middle of, and just before, sessions already loaded), replays of loaded
beacons, a catalogue export in which one title's length changed, and bad rows. Scale N multiplies
profiles, devices and sessions by N; the catalogue stays 2,000 titles.

Every value derives from hash(seed, kind, row number), never random(): the same seed gives the
same data whatever the number of threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dwh.contracts import create_raw_tables
from dwh.generators.scale_sql import ScaleDomain
from dwh.generators.scale_sql import hashed as _h

BASE_LOADED_AT = "2026-06-01 06:00:00"
INCREMENT_LOADED_AT = "2026-06-02 06:00:00"
FIRST_DAY = "2026-05-01"
DAYS = 30
SERIES, EPISODES, MOVIES = 200, 8, 400


@dataclass(frozen=True)
class StreamingScale:
    profiles: int
    devices: int
    sessions: int

    @classmethod
    def of(cls, factor: float) -> StreamingScale:
        return cls(profiles=max(10, int(20_000 * factor)), devices=max(20, int(40_000 * factor)),
                   sessions=max(20, int(60_000 * factor)))

    @property
    def titles(self) -> int:
        return SERIES * EPISODES + MOVIES


def _catalogue(con: duckdb.DuckDBPyConnection, stamp: str, export: str, changed: int | None = None) -> None:
    con.execute(f"""
        insert into raw.raw_content
        select 'E' || s || '_' || e, 'Series ' || s || ' E' || e, 'episode', 'S' || s, 'Series ' || s, 1, e,
               {f"case when s = {changed} and e = 1 then 2760 else 2700 end" if changed is not None else "2700"},
               2580, ['drama', 'comedy', 'scifi', 'crime'][1 + s % 4], date '2026-01-01', date '{export}',
               timestamp '{stamp}'
        from range({SERIES}) as a (s), range(1, {EPISODES + 1}) as b (e)
        union all
        select 'M' || m, 'Movie ' || m, 'movie', null, null, null, null, 5400 + (m % 60) * 60,
               case when m % 10 = 0 then null else 5100 + (m % 60) * 60 end,
               ['drama', 'comedy', 'thriller', 'family'][1 + m % 4], date '2025-01-01', date '{export}',
               timestamp '{stamp}'
        from range({MOVIES}) as t (m)
    """)


def _sessions_sql(scale: StreamingScale, seed: int, prefix: str, count: int, day_start: str, day_span: int) -> str:
    """One row per generated session: who watches what where, when, and its beacon count."""
    title = (f"case when {_h(seed, prefix + 'kind', 'i')} % 5 < 3 "
             f"then 'E' || ({_h(seed, prefix + 'ser', 'i')} % {SERIES}) || '_' || (1 + {_h(seed, prefix + 'ep', 'i')} "
             f"% {EPISODES}) else 'M' || ({_h(seed, prefix + 'mov', 'i')} % {MOVIES}) end")
    return f"""
        select
            i,
            {_h(seed, prefix + 'prof', 'i')} % {scale.profiles} as profile,
            {title} as content_id,
            {_h(seed, prefix + 'dev', 'i')} % 2 as device_slot,
            timestamp '{day_start}' + to_seconds(cast({_h(seed, prefix + 'start', 'i')} % {day_span * 86400} as bigint))
                as started,
            4 + {_h(seed, prefix + 'len', 'i')} % 27 as beacons,
            {_h(seed, prefix + 'end', 'i')} % 4 as ending,
            {_h(seed, prefix + 'gap', 'i')} % 8 = 0 as has_gap,
            {_h(seed, prefix + 'cs', 'i')} % 10 = 0 as no_client_session
        from range({count}) as t (i)
    """


def _beacons_sql(scale: StreamingScale, seed: int, prefix: str, sessions: str, stamp: str) -> str:
    """The beacons of the sessions: play, then every 5 minutes a heartbeat, pause, resume, seek or
    quality change, then a stop, a complete or nothing; a 40-minute silence halfway in 1 of 8."""
    k = "t.k"
    kind = f"{_h(seed, prefix + 'ev', 's.i * 100 + t.k')} % 20"
    return f"""
        select
            '{prefix}' || s.i || '_' || {k} as event_id,
            'p' || s.profile,
            'a' || (s.profile // 3),
            s.content_id,
            'd' || ((s.profile * 2 + s.device_slot) % {scale.devices}),
            case when not s.no_client_session then 'cs{prefix}' || s.i end,
            case
                when {k} = 0 then 'play'
                when {k} = s.beacons - 1 and s.ending = 0 then 'stop'
                when {k} = s.beacons - 1 and s.ending = 1 then 'complete'
                when {kind} = 0 then 'pause'
                when {kind} = 1 then 'resume'
                when {kind} in (2, 3) then 'seek'
                when {kind} = 4 then 'quality_change'
                else 'heartbeat'
            end,
            s.started + to_seconds(cast({k} * 300 + case when s.has_gap and {k} >= s.beacons // 2 then 2400 else 0 end
                                        as bigint)),
            {k} * 300 + case when {kind} = 2 then 120 else 0 end,
            case when {kind} in (2, 3) then {k} * 300 + 60 end,
            ['SD', 'HD', 'FHD', 'UHD'][1 + ({_h(seed, prefix + 'q', 's.i')} + {k} // 6) % 4],
            {k} = 0 and s.i % 3 = 0,
            timestamp '{stamp}'
        from ({sessions}) as s, range(s.beacons) as t (k)
    """


def generate_base(con: duckdb.DuckDBPyConnection, scale: StreamingScale, seed: int = 42) -> int:
    """Create the raw tables (if needed) and fill them with the base load. Returns beacons written."""
    create_raw_tables(con, "streaming")
    stamp = BASE_LOADED_AT
    _catalogue(con, stamp, "2026-06-01")
    con.execute(f"""
        insert into raw.raw_devices
        select 'd' || i, ['tv', 'mobile', 'tablet', 'web', 'console'][1 + i % 5],
               ['tizen', 'ios', 'android', 'chrome', 'ps5'][1 + i % 5], '7.' || (i % 4) || '.0', timestamp '{stamp}'
        from range({scale.devices}) as t (i)
    """)
    con.execute(f"""
        insert into raw.raw_profiles
        select 'p' || i, 'a' || (i // 3), 'Profile ' || i, ['standard', 'premium', 'basic'][1 + (i // 3) % 3],
               ['SE', 'DE', 'GB', 'FR', 'US'][1 + i % 5], timestamp '2025-01-01' + to_days(cast(i % 365 as integer)),
               date '2026-06-01', timestamp '{stamp}'
        from range({scale.profiles}) as t (i)
    """)
    sessions = _sessions_sql(scale, seed, "b", scale.sessions, FIRST_DAY, DAYS)
    con.execute(f"insert into raw.raw_playback_events {_beacons_sql(scale, seed, 'b', sessions, stamp)}")
    return int(con.execute(f"select count(*) from raw.raw_playback_events where _loaded_at = '{stamp}'")
               .fetchall()[0][0])


def add_increment(con: duckdb.DuckDBPyConnection, scale: StreamingScale, seed: int = 42) -> int:
    """Append the next day's load, 1 % of the beacons. Returns beacons written."""
    stamp = INCREMENT_LOADED_AT
    _catalogue(con, stamp, "2026-06-02", changed=7)
    new_sessions = max(1, scale.sessions // 150)  # about 0.7 % of the beacons: the new day's sessions
    sessions = _sessions_sql(scale, seed, "n", new_sessions, "2026-06-01", 1)
    con.execute(f"insert into raw.raw_playback_events {_beacons_sql(scale, seed, 'n', sessions, stamp)}")
    con.execute(f"""
        insert into raw.raw_playback_events
        -- a late heartbeat two minutes after a loaded beacon of the same session
        select event_id || '_late', profile_id, account_id, content_id, device_id, client_session_id, 'heartbeat',
               event_ts + interval 2 minute, playback_position_seconds + 120, null, quality, false, timestamp '{stamp}'
        from raw.raw_playback_events
        where _loaded_at = timestamp '{BASE_LOADED_AT}' and {_h(seed, 'late', 'hash(event_id)')} % 1000 < 2
    """)
    con.execute(f"""
        insert into raw.raw_playback_events
        -- replays: loaded beacons sent again, unchanged
        select * exclude (_loaded_at), timestamp '{stamp}'
        from raw.raw_playback_events
        where _loaded_at = timestamp '{BASE_LOADED_AT}' and {_h(seed, 'replay', 'hash(event_id)')} % 1000 < 1
    """)
    con.execute(f"""
        insert into raw.raw_playback_events values
            ('bad_type', 'p1', 'a0', 'M1', 'd2', 'cs', 'rewind', timestamp '2026-06-01 10:00:00', 5, null, 'HD', false,
             timestamp '{stamp}'),
            ('bad_position', 'p1', 'a0', 'M1', 'd2', 'cs', 'heartbeat', timestamp '2026-06-01 10:00:00', -5, null, 'HD',
             false, timestamp '{stamp}'),
            ('bad_title', 'p1', 'a0', 'X1', 'd2', 'cs', 'play', timestamp '2026-06-01 10:00:00', 0, null, 'HD', false,
             timestamp '{stamp}')
    """)
    return int(con.execute(f"select count(*) from raw.raw_playback_events where _loaded_at = '{stamp}'")
               .fetchall()[0][0])


# What `dwh generate-scale` and the benchmark (bench/scale.py) need: the generator, the one-day
# increment, the floor of each mart and the incremental tables a full refresh must reproduce.
SCALE = ScaleDomain(
    generate=lambda con, f, seed: generate_base(con, StreamingScale.of(f), seed),
    increment=lambda con, f, seed: add_increment(con, StreamingScale.of(f), seed),
    describe="scale 1: 20,000 profiles, 2,000 titles, 60,000 sessions over 30 days, ~1M beacons; "
             "scale N: N times the profiles, devices and sessions",
    floors={
        "fact_viewing_sessions": "select viewing_key, count(*), min(event_timestamp), max(event_timestamp) "
                                 "from staging.stg_streaming__playback_events where quarantine_reason is null "
                                 "group by all",
        "fact_viewing_events": "select event_id, count(*) from raw.raw_playback_events group by all",
        "user_cumulative_view_time": "select profile_id, sum(watch_time_seconds) "
                                     "from streaming.fact_viewing_sessions group by all",
        "fact_binge_watches": "select profile_id, content_id, count(*) from streaming.fact_viewing_sessions "
                              "group by all",
        "dim_content": "select content_id, count(*) from raw.raw_content group by all",
    },
    incremental_tables=("staging.stg_streaming__playback_events", "intermediate.int_streaming__session_events",
                        "streaming.fact_viewing_sessions", "streaming.fact_viewing_events",
                        "streaming.user_cumulative_view_time"),
)
