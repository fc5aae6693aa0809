"""The streaming sample data: every planted case reaches the marts as the contract says, in the
replayed (batch by batch) warehouse, and the seed's analysis answers sensibly on it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from dwh.dbt import run_dbt
from dwh.generators import streaming

from .conftest import rows


@pytest.fixture(scope="module")
def planted() -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as scratch:
        return streaming.generate(Path(scratch)).planted


def session_of(warehouse: Path, event_ids: list[str]) -> list[tuple[object, ...]]:
    marks = ", ".join(f"'{e}'" for e in event_ids)
    return rows(warehouse, f"select event_id, session_id from streaming.fact_viewing_events "
                           f"where event_id in ({marks}) order by event_timestamp, event_id")


def test_every_case_is_planted(planted: dict[str, list[str]]) -> None:
    assert set(planted) >= {"gap_exactly_30_minutes", "gap_31_minutes", "no_client_session_id",
                            "client_session_change", "trailing_pause", "seek_past_credits", "binge", "not_a_binge",
                            "late_first_event", "late_merging_event", "late_event", "content_lands_later",
                            "replayed_event", "bad_event"}


def test_gaps_split_only_over_30_minutes(replayed: Path, planted: dict[str, list[str]]) -> None:
    same = session_of(replayed, planted["gap_exactly_30_minutes"])
    assert len(same) == 2 and same[0][1] == same[1][1]
    (late,) = planted["gap_31_minutes"]
    assert rows(replayed, "select event_sequence_in_session from streaming.fact_viewing_events "
                          "where event_id = ?", [late]) == [(1,)]


def test_clients_without_session_ids_and_changed_ids(replayed: Path, planted: dict[str, list[str]]) -> None:
    one = session_of(replayed, planted["no_client_session_id"])
    assert len({session for _, session in one}) == 1 and len(one) == len(planted["no_client_session_id"])
    (renewed,) = planted["client_session_change"]
    assert rows(replayed, "select start_reason from intermediate.int_streaming__session_events "
                          "where event_id = ?", [renewed]) == [("client_session_change",)]


def test_late_events_rename_and_merge(replayed: Path, planted: dict[str, list[str]]) -> None:
    (early,) = planted["late_first_event"]
    assert rows(replayed, "select event_sequence_in_session from streaming.fact_viewing_events "
                          "where event_id = ?", [early]) == [(1,)]
    (bridge,) = planted["late_merging_event"]
    merged = rows(replayed, """
        select count(*), min(json_extract_string(sessions.session_metadata, '$.ended_by'))
        from streaming.fact_viewing_sessions as sessions
        where sessions.session_id = (select session_id from streaming.fact_viewing_events where event_id = ?)
    """, [bridge])
    assert merged == [(1, "stop")]  # one session from the first play to the final stop


def test_trailing_pause_and_credits(replayed: Path, planted: dict[str, list[str]]) -> None:
    (pause,) = planted["trailing_pause"]
    assert rows(replayed, """
        select sessions.watch_time_seconds = sessions.session_duration_seconds - sessions.total_pause_duration_seconds,
               sessions.number_of_pauses >= 1
        from streaming.fact_viewing_sessions as sessions
        inner join streaming.fact_viewing_events as events on sessions.session_id = events.session_id
        where events.event_id = ?
    """, [pause]) == [(True, True)]
    (seek,) = planted["seek_past_credits"]
    assert rows(replayed, """
        select sessions.watched_credits, sessions.completion_status
        from streaming.fact_viewing_sessions as sessions
        inner join streaming.fact_viewing_events as events on sessions.session_id = events.session_id
        where events.event_id = ?
    """, [seek]) == [(True, "completed")]


def test_binge_and_not(replayed: Path) -> None:
    binges = rows(replayed, "select profile_id, series_id, episodes_watched from streaming.fact_binge_watches "
                            "where profile_id in ('P07', 'P08')")
    assert binges == [("P07", "SR", 3)]


def test_bad_rows_and_late_titles(replayed: Path, planted: dict[str, list[str]]) -> None:
    bad = [e for e in planted["bad_event"] if e != "None"]
    reasons = dict(rows(replayed, "select record_key, reason from staging.streaming_quarantine "
                                  "where source_table = 'raw_playback_events'"))
    assert {key: reasons.get(key) for key in bad} == {
        "BAD01": "unknown_event_type", "BAD02": "negative_position", "BAD03": "seek_without_origin",
        "BAD04": "unknown_quality", "BAD05": "event_after_load", "BAD06": "unknown_content",
        "BAD07": "unknown_content", "BAD08": "negative_seek_from"}
    assert reasons.get("<null>") == "null_event_id"
    landed_later = planted["content_lands_later"]
    assert len(session_of(replayed, landed_later)) == len(landed_later)  # out of quarantine once C004 landed


def test_changed_title_length_reaches_its_sessions(replayed: Path) -> None:
    lengths = rows(replayed, "select distinct total_content_length_seconds from streaming.fact_viewing_sessions "
                             "where content_id = ?", [streaming.CHANGED_TITLE])
    assert lengths == [(2760,)]


def test_content_popularity_analysis(replayed: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    run_dbt(["compile", "--select", "path:analyses/streaming"], copy_of(replayed))
    compiled = (Path(os.environ["DBT_TARGET_PATH"]) / "compiled" / "warehouse" / "analyses" / "streaming"
                / "content_popularity_by_completion.sql")
    import duckdb

    with duckdb.connect(str(replayed), read_only=True) as con:
        answer = con.execute(compiled.read_text()).fetchall()
    assert len(answer) >= 5
    for content_id, _, _, avg_completion, sessions, known, completed in answer:
        assert sessions >= 1 and 0 <= completed <= sessions and known <= sessions, content_id
        assert avg_completion is None or 0 <= avg_completion <= 100, content_id
    averages = [a[3] for a in answer if a[3] is not None]
    assert averages == sorted(averages, reverse=True)
