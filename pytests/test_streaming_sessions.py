"""Hand-made beacon sequences loaded straight into `raw` in four batches give the sessions the
streaming contract defines, and the incremental models equal a full refresh after every batch.

The story, one viewing at a time (all times 2026-06-01 unless said otherwise):

* A  p1 watches movie M1 on d1: play with autoplay, a pause of 120 s, a rewind, a quality change
     to UHD, a seek forward past the credits, exactly 30 minutes of silence (no split) and a
     trailing pause. Batch 3 re-sends its first beacon broken (it leaves: the session is renamed
     after its new first beacon) and changes M1's length (the completion percentage follows).
* B  p1 watches M2 on d2 from a client without session ids; 31 minutes of silence split it in
     two. Batch 2 brings a late heartbeat in the gap: the two sessions merge (the second row goes).
     Batch 3 corrects the final stop onto device d1: it moves to a viewing of its own.
* C  p2 watches episode S1E1 on d1: the client session id changes (a split), a complete (a
     split), then a heartbeat and a stop at the same second (the tie goes to the event id).
     Batch 2 brings a late play before the first beacon: that session is renamed.
* Z  p3's only beacon; batch 3 corrects it to profile p2, so p3 has no sessions left.
* X  a beacon for title M9, which the catalogue lists only from batch 3 (quarantined until then).
* S1E2 (batch 1) and S1E3 (batch 2, the next morning) make p2's binge with S1E1.
Batch 4 loads batch 2's beacons again: nothing may change, and no viewing but theirs is rewritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dwh.manifest import built_relations

from .conftest import assert_equals_full_refresh, built_batch_by_batch, differences, rows

DOMAIN = "streaming"
B1, B2, B3, B4 = ("2026-06-02 06:00", "2026-06-03 06:00", "2026-06-04 06:00", "2026-06-05 06:00")
# the incremental models and what they feed (compared without their build-audit columns)
COMPARED = ["staging.stg_streaming__playback_events", "intermediate.int_streaming__session_events",
            "streaming.fact_viewing_sessions", "streaming.fact_viewing_events", "streaming.user_cumulative_view_time",
            "streaming.fact_binge_watches"]


def beacon(event_id: str, profile: str, content: str, device: str, client: str | None, kind: str, at: str,
           position: int, loaded: str, seek_from: int | None = None, quality: str = "HD",
           autoplay: bool = False) -> str:
    def text(value: object) -> str:
        return "null" if value is None else f"'{value}'"

    return (f"({text(event_id)}, {text(profile)}, 'a1', {text(content)}, {text(device)}, {text(client)}, "
            f"'{kind}', '{at}', {position}, {'null' if seek_from is None else seek_from}, {text(quality)}, "
            f"{str(autoplay).lower()}, '{loaded}')")


def events(*values: str) -> str:
    return "insert into raw.raw_playback_events values\n" + ",\n".join(values) + ";\n"


def catalogue(loaded: str, export: str, m1_length: int = 3600, with_m9: bool = False) -> str:
    titles = [
        f"('M1', 'First Light', 'movie', null, null, null, null, {m1_length}, 3400, 'drama', '2025-01-01'",
        "('M2', 'Second Wind', 'movie', null, null, null, null, 1000, null, 'comedy', '2025-01-01'",
        *(f"('S1E{n}', 'Shore S1E{n}', 'episode', 'S1', 'Shore', 1, {n}, 1200, 1100, 'drama', '2026-01-0{n}'"
          for n in (1, 2, 3)),
    ]
    if with_m9:
        titles.append("('M9', 'Late Arrival', 'movie', null, null, null, null, 2000, 1900, 'drama', '2026-05-01'")
    return ("insert into raw.raw_content values\n"
            + ",\n".join(f"{t}, '{export}', '{loaded}')" for t in titles) + ";\n")


def profiles(loaded: str, export: str) -> str:
    return ("insert into raw.raw_profiles values\n" + ",\n".join(
        f"('{p}', 'a1', '{name}', 'standard', 'SE', '2025-06-01', '{export}', '{loaded}')"
        for p, name in (("p1", "Alice Example"), ("p2", "Bob Example"), ("p3", "Cleo Example"))) + ";\n")


BATCH_1 = (
    catalogue(B1, "2026-06-02") + profiles(B1, "2026-06-02")
    + f"insert into raw.raw_devices values ('d1', 'tv', 'tizen', '7.0', '{B1}'), "
      f"('d2', 'mobile', 'ios', '7.1', '{B1}');\n"
    + events(
        beacon("a1", "p1", "M1", "d1", "c1", "play", "2026-06-01 10:00:00", 0, B1, autoplay=True),
        beacon("a2", "p1", "M1", "d1", "c1", "heartbeat", "2026-06-01 10:05:00", 300, B1),
        beacon("a3", "p1", "M1", "d1", "c1", "pause", "2026-06-01 10:10:00", 600, B1),
        beacon("a4", "p1", "M1", "d1", "c1", "resume", "2026-06-01 10:12:00", 600, B1),
        beacon("a5", "p1", "M1", "d1", "c1", "seek", "2026-06-01 10:13:00", 400, B1, seek_from=660),
        beacon("a6", "p1", "M1", "d1", "c1", "quality_change", "2026-06-01 10:14:00", 460, B1, quality="UHD"),
        beacon("a7", "p1", "M1", "d1", "c1", "seek", "2026-06-01 10:15:00", 3500, B1, seek_from=520),
        beacon("a8", "p1", "M1", "d1", "c1", "heartbeat", "2026-06-01 10:45:00", 3590, B1),  # exactly 30 min
        beacon("a9", "p1", "M1", "d1", "c1", "pause", "2026-06-01 10:46:00", 3590, B1),  # trailing pause
        beacon("b1", "p1", "M2", "d2", None, "play", "2026-06-01 11:00:00", 0, B1, quality="SD"),
        beacon("b2", "p1", "M2", "d2", None, "heartbeat", "2026-06-01 11:05:00", 300, B1, quality="SD"),
        beacon("b3", "p1", "M2", "d2", None, "heartbeat", "2026-06-01 11:36:00", 301, B1, quality="SD"),  # 31 min
        beacon("b4", "p1", "M2", "d2", None, "stop", "2026-06-01 11:40:00", 500, B1, quality="SD"),
        beacon("c1", "p2", "S1E1", "d1", "c2", "play", "2026-06-01 12:00:00", 0, B1),
        beacon("c2", "p2", "S1E1", "d1", "c2", "heartbeat", "2026-06-01 12:05:00", 300, B1),
        beacon("c3", "p2", "S1E1", "d1", "c3", "heartbeat", "2026-06-01 12:06:00", 360, B1),  # new client id
        beacon("c4", "p2", "S1E1", "d1", "c3", "complete", "2026-06-01 12:20:00", 1200, B1),
        beacon("c5", "p2", "S1E1", "d1", "c3", "play", "2026-06-01 12:21:00", 0, B1),
        beacon("c6", "p2", "S1E1", "d1", "c3", "heartbeat", "2026-06-01 12:22:00", 60, B1),
        beacon("c7", "p2", "S1E1", "d1", "c3", "stop", "2026-06-01 12:22:00", 61, B1),  # a tie: c6 < c7
        beacon("f1", "p2", "S1E2", "d1", "c4", "play", "2026-06-01 20:00:00", 0, B1, autoplay=True),
        beacon("f2", "p2", "S1E2", "d1", "c4", "complete", "2026-06-01 20:20:00", 1200, B1),
        beacon("z1", "p3", "M2", "d1", "cz", "play", "2026-06-01 15:00:00", 0, B1),
    )
)
BATCH_2_EVENTS = (
    beacon("b5", "p1", "M2", "d2", None, "heartbeat", "2026-06-01 11:20:00", 300, B2, quality="SD"),  # bridges
    beacon("c0", "p2", "S1E1", "d1", "c2", "play", "2026-06-01 11:58:00", 0, B2),  # new first event
    beacon("e1", "p2", "S1E3", "d2", "c9", "play", "2026-06-02 11:00:00", 0, B2, autoplay=True),
    beacon("e2", "p2", "S1E3", "d2", "c9", "complete", "2026-06-02 11:20:00", 1200, B2),
    beacon("x1", "p1", "M9", "d1", "cx", "play", "2026-06-02 09:00:00", 0, B2),  # title lands in batch 3
    beacon("a8", "p1", "M1", "d1", "c1", "heartbeat", "2026-06-01 10:45:00", 3590, B2),  # a replay
)
BATCH_2 = catalogue(B2, "2026-06-03") + profiles(B2, "2026-06-03") + events(*BATCH_2_EVENTS)
BATCH_3 = catalogue(B3, "2026-06-04", m1_length=3700, with_m9=True) + profiles(B3, "2026-06-04") + events(
    beacon("a1", "p1", "M1", "d1", "c1", "play", "2026-06-01 10:00:00", -1, B3, autoplay=True),  # broken
    beacon("b4", "p1", "M2", "d1", None, "stop", "2026-06-01 11:40:00", 500, B3, quality="SD"),  # moved
    beacon("z1", "p2", "M2", "d1", "cz", "play", "2026-06-01 15:00:00", 0, B3),  # to another profile
)
BATCH_4 = events(*(value.replace(B2, B4) for value in BATCH_2_EVENTS))


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The warehouse after each batch (copies), each also checked against its full refresh."""
    return built_batch_by_batch(tmp_path_factory.mktemp("streaming_sessions"), DOMAIN,
                                BATCH_1, BATCH_2, BATCH_3, BATCH_4)


def sessions(warehouse: Path) -> dict[str, tuple[object, ...]]:
    """Sessions by the id of their first beacon (session_id = hash of it)."""
    found = rows(warehouse, """
        select events.event_id, sessions.profile_id, sessions.device_id,
               strftime(sessions.session_start_timestamp, '%H:%M'), strftime(sessions.session_end_timestamp, '%H:%M'),
               sessions.session_duration_seconds, sessions.completion_status, sessions.playback_position_seconds,
               cast(sessions.completion_percentage as varchar), sessions.watch_time_seconds
        from streaming.fact_viewing_sessions as sessions
        inner join streaming.fact_viewing_events as events
            on sessions.session_id = events.session_id and events.event_sequence_in_session = 1
    """)
    return {str(r[0]): r[1:] for r in found}


def test_each_batch_equals_its_full_refresh(batches: dict[int, Path], tmp_path: Path) -> None:
    for number, warehouse in batches.items():
        if number == 1:
            continue  # the first build is a full build: nothing incremental to compare yet
        assert_equals_full_refresh(warehouse, DOMAIN, COMPARED, tmp_path)


def test_first_batch_sessions(batches: dict[int, Path]) -> None:
    assert sessions(batches[1]) == {
        # A: 46 minutes, 120 s paused (the trailing pause counts 0), 3590 / 3600 = 99.72 %
        "a1": ("p1", "d1", "10:00", "10:46", 2760, "completed", 3590, "99.72", 2640),
        # B: 31 minutes of silence split it; the first part was abandoned, the second stopped
        "b1": ("p1", "d2", "11:00", "11:05", 300, "abandoned", 300, "30.00", 300),
        "b3": ("p1", "d2", "11:36", "11:40", 240, "stopped", 500, "50.00", 240),
        # C: a client session change, a complete, and a stop that wins the tie on event id
        "c1": ("p2", "d1", "12:00", "12:05", 300, "abandoned", 300, "25.00", 300),
        "c3": ("p2", "d1", "12:06", "12:20", 840, "completed", 1200, "100.00", 840),
        "c5": ("p2", "d1", "12:21", "12:22", 60, "stopped", 61, "5.08", 60),
        "f1": ("p2", "d1", "20:00", "20:20", 1200, "completed", 1200, "100.00", 1200),
        "z1": ("p3", "d1", "15:00", "15:00", 0, "abandoned", 0, "0.00", 0),
    }


def test_session_measures_of_a(batches: dict[int, Path]) -> None:
    (measures,) = rows(batches[1], """
        select number_of_pauses, total_pause_duration_seconds, number_of_rewinds, number_of_forwards,
               max_playback_quality, watched_credits, autoplay_enabled, total_content_length_seconds,
               json_extract_string(session_metadata, '$.ended_by'),
               json_extract_string(session_metadata, '$.event_count')
        from streaming.fact_viewing_sessions where session_start_timestamp = '2026-06-01 10:00:00'
    """)
    assert measures == (2, 120, 1, 1, "UHD", True, True, 3600, "end_of_data", "9")
    ends = dict(rows(batches[1], """
        select events.event_id, json_extract_string(sessions.session_metadata, '$.ended_by')
        from streaming.fact_viewing_sessions as sessions
        inner join streaming.fact_viewing_events as events
            on sessions.session_id = events.session_id and events.event_sequence_in_session = 1
    """))
    assert ends == {"a1": "end_of_data", "b1": "gap", "b3": "stop", "c1": "client_session_change",
                    "c3": "complete", "c5": "stop", "f1": "complete", "z1": "end_of_data"}


def test_late_events_merge_and_rename_sessions(batches: dict[int, Path]) -> None:
    second = sessions(batches[2])
    # the late heartbeat merged B's two sessions: b3's row is gone, not left behind
    assert second["b1"] == ("p1", "d2", "11:00", "11:40", 2400, "stopped", 500, "50.00", 2400)
    assert "b3" not in second
    # the late play renamed C's first session after itself
    assert second["c0"] == ("p2", "d1", "11:58", "12:05", 420, "abandoned", 300, "25.00", 420)
    assert "c1" not in second
    assert set(second) == {"a1", "b1", "c0", "c3", "c5", "f1", "z1", "e1"}  # x1 waits for its title
    quarantined = rows(batches[2], "select record_key, reason from staging.streaming_quarantine "
                                   "where source_table = 'raw_playback_events'")
    assert quarantined == [("x1", "unknown_content")]


def test_broken_moved_and_retitled_events(batches: dict[int, Path]) -> None:
    third = sessions(batches[3])
    # a1 re-sent broken leaves: A is renamed after a2, starts at 10:05, M1 is now 3700 s long
    assert third["a2"] == ("p1", "d1", "10:05", "10:46", 2460, "completed", 3590, "97.03", 2340)
    assert "a1" not in third
    # b4 moved to d1: B on d2 loses its stop (abandoned), b4 is a session of its own on d1
    assert third["b1"] == ("p1", "d2", "11:00", "11:36", 2160, "abandoned", 301, "30.10", 2160)
    assert third["b4"] == ("p1", "d1", "11:40", "11:40", 0, "stopped", 500, "50.00", 0)
    # z1 moved to p2; M9 landed, so x1 is a session now
    assert third["z1"][0] == "p2"
    assert third["x1"] == ("p1", "d1", "09:00", "09:00", 0, "abandoned", 0, "0.00", 0)
    assert rows(batches[3], "select autoplay_enabled from streaming.fact_viewing_sessions "
                            "where session_start_timestamp = '2026-06-01 10:05:00'") == [(False,)]
    assert rows(batches[3], "select reason from staging.streaming_quarantine where record_key = 'a1'") == [
        ("negative_position",)]


def test_cumulative_view_time_never_double_counts(batches: dict[int, Path]) -> None:
    def totals(number: int) -> dict[str, tuple[object, ...]]:
        found = rows(batches[number], "select profile_id, total_view_time_seconds, "
                                      "cast(last_activity_date as varchar), sessions "
                                      "from streaming.user_cumulative_view_time")
        return {str(r[0]): r[1:] for r in found}

    assert totals(1) == {"p1": (3180, "2026-06-01", 3), "p2": (2400, "2026-06-01", 4), "p3": (0, "2026-06-01", 1)}
    assert totals(2) == {"p1": (5040, "2026-06-01", 2), "p2": (3720, "2026-06-02", 5), "p3": (0, "2026-06-01", 1)}
    # p3's only beacon moved to p2: p3 has no sessions, so no row
    assert totals(3) == {"p1": (4500, "2026-06-02", 4), "p2": (3720, "2026-06-02", 6)}
    # batch 2's beacons loaded again: nothing changes
    assert totals(4) == totals(3)


def test_seed_merge_double_counts_what_the_mart_does_not(batches: dict[int, Path], tmp_path: Path) -> None:
    """The seed's `INSERT ... ON CONFLICT DO UPDATE SET total = total + delta`, run for the same day
    twice (a re-run), counts the day twice; and a late event for an earlier day never reaches it."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(batches[4], warehouse)
    day_delta = """
        insert into user_cumulative_snapshot
        select profile_id, sum(watch_time_seconds), date '{day}'
        from streaming.fact_viewing_sessions where cast(session_start_timestamp as date) = date '{day}'
        group by profile_id
        on conflict (user_id) do update set
            total_view_time_seconds = user_cumulative_snapshot.total_view_time_seconds
                                      + excluded.total_view_time_seconds,
            last_updated_date = excluded.last_updated_date
    """
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table user_cumulative_snapshot (user_id varchar primary key, "
                    "total_view_time_seconds bigint, last_updated_date date)")
        for day in ("2026-06-01", "2026-06-02", "2026-06-02"):  # the second day is run twice
            con.execute(day_delta.format(day=day))
        seed = dict(con.execute("select user_id, total_view_time_seconds from user_cumulative_snapshot").fetchall())
        mart = dict(con.execute("select profile_id, total_view_time_seconds "
                                "from streaming.user_cumulative_view_time").fetchall())
    assert mart == {"p1": 4500, "p2": 3720}
    assert seed == {"p1": 4500, "p2": 4920}  # p2's 1200 s of 2026-06-02 counted twice


def test_binge_needs_three_episodes_in_24_hours(batches: dict[int, Path]) -> None:
    assert rows(batches[1], "select count(*) from streaming.fact_binge_watches") == [(0,)]
    binges = rows(batches[2], "select profile_id, series_id, cast(binge_start as varchar), cast(binge_end as varchar), "
                              "episodes_watched from streaming.fact_binge_watches")
    assert binges == [("p2", "S1", "2026-06-01 11:58:00", "2026-06-02 11:20:00", 3)]


def test_a_replayed_batch_rewrites_only_its_viewings(batches: dict[int, Path], manifest: dict[str, Any]) -> None:
    """Batch 4 re-sends batch 2's beacons: only the viewings they belong to are re-sessionised."""
    rewritten = rows(batches[4], """
        select distinct profile_id || '/' || content_id || '/' || device_id
        from intermediate.int_streaming__session_events
        where _sessionised_at = timestamp '2026-06-05 06:00:00'
        order by 1
    """)
    assert rewritten == [("p1/M1/d1",), ("p1/M2/d2",), ("p1/M9/d1",), ("p2/S1E1/d1",), ("p2/S1E3/d2",)]
    for table in ("streaming.fact_viewing_sessions", "streaming.user_cumulative_view_time",
                  "streaming.fact_binge_watches"):
        compared = next(b.compared for b in built_relations(manifest) if b.relation == table)  # build-audit aside
        assert differences(batches[3], batches[4], table, compared)[1:] == (0, 0), table
    assert sessions(batches[3]) == sessions(batches[4])


def test_no_personal_data_reaches_the_marts(batches: dict[int, Path]) -> None:
    names = rows(batches[4], "select count(*) from streaming.dim_users where profile_name_hash like '%Example%'")
    assert names == [(0,)]
    assert rows(batches[4], "select count(distinct profile_name_hash) from streaming.dim_users") == [(3,)]


def test_two_catalogue_exports_in_one_load_keep_every_title(tmp_path: Path) -> None:
    """A scheduler catching up lands two catalogue exports under one stamp, the newer changing M1's
    length: M1 stays in the catalogue with its new length, its session follows, and the result
    equals a full refresh (the newest export is found by export date, not by stamp)."""
    two_exports = catalogue(B3, "2026-06-03") + catalogue(B3, "2026-06-04", m1_length=3700)
    after = built_batch_by_batch(tmp_path, DOMAIN, BATCH_1, two_exports)
    titles = dict(rows(after[2], "select content_id, duration_seconds from streaming.dim_content"))
    assert titles == {"M1": 3700, "M2": 1000, "S1E1": 1200, "S1E2": 1200, "S1E3": 1200}
    assert rows(after[2], "select content_id, cast(_attributes_since as varchar) "
                          "from intermediate.int_streaming__content_current where content_id in ('M1', 'M2') "
                          "order by 1") == [("M1", f"{B3}:00"), ("M2", f"{B1}:00")]
    assert sessions(after[2])["a1"] == ("p1", "d1", "10:00", "10:46", 2760, "completed", 3590, "97.03", 2640)
    assert sessions(after[2]).keys() == sessions(after[1]).keys()  # no beacon lost its title
    assert_equals_full_refresh(after[2], DOMAIN, COMPARED, tmp_path)
