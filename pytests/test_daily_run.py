"""`dwh run`, the daily run a scheduler drives: one line per step, and an exit code per failure.

0 ok, 3 busy, 4 load, 5 contract, 6 build, 7 freshness (dwh/daily.py). The landing files are
stamped now, so the freshness check sees fresh data.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from dwh.daily import Exit, daily_run
from dwh.dbt import PROJECT_DIR
from dwh.lock import warehouse_lock

from .conftest import rows


def write_day(folder: Path, day: datetime) -> None:
    """One small day of landing files, one per raw table, dated `day` (before now)."""
    folder.mkdir(parents=True, exist_ok=True)
    d, t = day.strftime("%Y-%m-%d"), day.strftime("%Y-%m-%d %H:%M:%S")
    (folder / "raw_crm_companies__export.csv").write_text(
        "company_id,name,country,industry_tag,last_contact_at,export_date\n"
        f"A,Acme,GB,saas,,{d}\nB,Beta,de,retail,{t},{d}\n")
    (folder / "raw_product_usage_api__pull.ndjson").write_text(
        f'{{"company_id": "A", "date": "{d}", "active_users": 1, "events": 2}}\n')
    (folder / "raw_product_events__telemetry.ndjson").write_text(
        f'{{"event_id": "e1", "company_id": "A", "user_id": "u1", "event_type": "login", "occurred_at": "{t}"}}\n'
        f'{{"event_id": "e2", "company_id": "A", "user_id": "u1", "event_type": "click", "occurred_at": "{t}"}}\n')
    (folder / "raw_posts__posts.ndjson").write_text(
        f'{{"post_id": "p1", "creator_user_id": "s1", "parent_post_id": null, "created_at": "{t}", '
        f'"content_type": "video", "is_deleted": false}}\n'
        f'{{"post_id": "p2", "creator_user_id": "s2", "parent_post_id": "p1", "created_at": "{t}", '
        f'"content_type": "video", "is_deleted": false}}\n')
    (folder / "raw_engagement_events__events.ndjson").write_text(
        f'{{"event_id": "v1", "user_id": "s2", "post_id": "p1", "engagement_type": "view", "event_ts": "{t}", '
        f'"session_id": "x", "platform": "ios", "view_seconds": 4.5}}\n')
    (folder / "raw_social_users__export.csv").write_text(
        "user_id,username,created_at,user_type,is_internal,country,export_date\n"
        f"s1,ann,2025-01-01 00:00:00,creator,false,GB,{d}\ns2,bob,2025-01-01 00:00:00,viewer,false,FR,{d}\n")
    (folder / "raw_playback_events__beacons.ndjson").write_text(
        f'{{"event_id": "b1", "profile_id": "q1", "account_id": "a1", "content_id": "m1", "device_id": "d1", '
        f'"client_session_id": "c1", "event_type": "play", "event_ts": "{t}", "playback_position_seconds": 0, '
        f'"seek_from_seconds": null, "quality": "HD", "autoplay": false}}\n'
        f'{{"event_id": "b2", "profile_id": "q1", "account_id": "a1", "content_id": "m1", "device_id": "d1", '
        f'"client_session_id": "c1", "event_type": "stop", "event_ts": "{t}", "playback_position_seconds": 60, '
        f'"seek_from_seconds": null, "quality": "HD", "autoplay": false}}\n')
    (folder / "raw_content__catalogue.csv").write_text(
        "content_id,title,content_type,series_id,series_title,season_number,episode_number,duration_seconds,"
        f"credits_start_seconds,genre,release_date,export_date\nm1,A Film,movie,,,,,600,540,drama,2025-01-01,{d}\n")
    (folder / "raw_devices__devices.csv").write_text("device_id,device_type,os,app_version\nd1,tv,tizen,7.0\n")
    (folder / "raw_profiles__export.csv").write_text(
        "profile_id,account_id,profile_name,account_plan,country,created_at,export_date\n"
        f"q1,a1,Ann,standard,SE,2025-01-01 00:00:00,{d}\n")
    (folder / "raw_locations__zones.csv").write_text("location_id,zone_name,city,latitude,longitude\n"
                                                    "z1,Centre,Stockholm,59.33,18.06\n")
    (folder / "raw_vehicles__fleet.csv").write_text(
        "vehicle_id,driver_id,make,model,model_year,seat_capacity,vehicle_class\nv1,u2,Volvo,XC60,2022,4,standard\n")
    (folder / "raw_rideshare_users__export.csv").write_text(
        "user_id,user_type,full_name,email,phone,home_city,signup_at,export_date\n"
        f"u1,rider,Ann Rider,ann@example.com,+46 70 123 4567,Stockholm,2025-01-01 00:00:00,{d}\n"
        f"u2,driver,Bo Driver,bo@example.com,+46 70 765 4321,Stockholm,2025-01-01 00:00:00,{d}\n")
    (folder / "raw_rides__rides.ndjson").write_text(
        f'{{"ride_id": "r1", "driver_id": "u2", "vehicle_id": "v1", "ride_type": "carpool", "ride_status": '
        f'"cancelled", "start_ts": "{t}", "end_ts": null, "start_location_id": "z1", "end_location_id": "z1", '
        f'"total_fare": 0, "total_distance_km": 0}}\n')
    (folder / "raw_ride_segments__segments.ndjson").write_text(
        f'{{"segment_id": "s1", "ride_id": "r1", "rider_id": "u1", "pickup_ts": "{t}", "dropoff_ts": null, '
        f'"pickup_location_id": "z1", "dropoff_location_id": "z1", "segment_fare": 0, "segment_distance_km": 0, '
        f'"segment_status": "cancelled"}}\n')
    (folder / "raw_ride_requests__requests.ndjson").write_text(
        f'{{"request_id": "q1", "rider_id": "u1", "requested_at": "{t}", "ride_type_requested": "carpool", '
        f'"pickup_location_id": "z1", "dropoff_location_id": "z1", "request_status": "unmatched", '
        f'"matched_segment_id": null}}\n')
    (folder / "raw_customers__export.csv").write_text(
        "customer_id,full_name,email,city,signup_at\n9,Cy Eater,cy@example.com,SF,2025-01-01 00:00:00\n")
    (folder / "raw_restaurants__export.csv").write_text(
        "restaurant_id,restaurant_external_id,restaurant_name,cuisine_type,restaurant_lat,restaurant_lng,"
        "avg_prep_time_minutes,can_handle_batch_pickups,is_partner_restaurant,export_date\n"
        f"1,R1,Pizza,italian,37.7,-122.4,20,true,false,{d}\n")
    (folder / "raw_drivers__export.csv").write_text(
        "driver_id,driver_external_id,driver_since_date,driver_status,vehicle_type,has_insulated_bag,"
        f"max_batch_capacity,driver_tier,export_date\n7,D7,2024-01-01,active,car,true,4,standard,{d}\n")
    (folder / "raw_batching_algorithms__algorithms.csv").write_text(
        "batching_algorithm_key,algorithm_name,algorithm_version,max_batch_size,max_total_distance_miles,"
        "deployed_at,deprecated_at,traffic_percentage\n1,nearest_neighbor,v1,4,8.00,2024-01-01 00:00:00,,0.5\n")
    (folder / "raw_orders__orders.ndjson").write_text(
        f'{{"order_id": 1, "customer_id": 9, "restaurant_id": 1, "order_timestamp": "{t}", "order_total_cents": 1200, '
        f'"item_count": 2, "order_status": "placed", "estimated_prep_time_minutes": 15, "has_hot_items": true, '
        f'"has_cold_items": false, "has_alcohol": false, "delivery_fee_cents": 299, "tip_amount_cents": 0, '
        f'"delivery_address_lat": 37.7, "delivery_address_lng": -122.4}}\n')
    (folder / "raw_deliveries__deliveries.ndjson").write_text(
        f'{{"delivery_id": 11, "order_id": 1, "driver_id": 7, "delivery_created_at": "{t}", '
        f'"assigned_to_driver_at": null, "driver_arrived_at_restaurant_at": null, "picked_up_at": null, '
        f'"delivered_at": null, "estimated_delivery_time_minutes": 30, "delivery_distance_miles": 1.5, '
        f'"delivery_status": "created", "cancellation_reason": null}}\n')
    (folder / "raw_delivery_batches__batches.ndjson").write_text(
        f'{{"batch_id": 5, "driver_id": 7, "batching_algorithm_key": 1, "batch_created_at": "{t}", '
        f'"batch_assigned_at": null, "batch_started_at": null, "batch_completed_at": null, "total_deliveries": 1, '
        f'"planned_total_distance_miles": 2.0, "actual_total_distance_miles": null, '
        f'"planned_total_time_minutes": 20, "batch_efficiency_score": 0.9, "batch_status": "created", '
        f'"cancellation_reason": null}}\n')
    (folder / "raw_batch_deliveries__deliveries.ndjson").write_text(
        '{"batch_delivery_id": 51, "batch_id": 5, "delivery_id": 11, "pickup_sequence": 1, "dropoff_sequence": 1, '
        '"estimated_pickup_time": null, "actual_pickup_time": null, "estimated_dropoff_time": null, '
        '"actual_dropoff_time": null, "pickup_wait_time_minutes": null, "customer_satisfaction_score": null}\n')
    (folder / "raw_batch_waypoints__route.ndjson").write_text(
        '{"waypoint_id": 501, "batch_id": 5, "delivery_id": null, "waypoint_type": "driver_start", '
        '"sequence_order": 1, "waypoint_lat": 37.7, "waypoint_lng": -122.4, "estimated_arrival_time": null, '
        '"actual_arrival_time": null, "distance_to_next_miles": null}\n')
    (folder / "raw_batch_state_changes__states.ndjson").write_text(
        f'{{"state_change_id": 1, "batch_id": 5, "changed_at": "{t}", "previous_state": null, '
        f'"new_state": "created", "change_trigger": "system", "affected_delivery_id": null}}\n')


@pytest.fixture()
def today(tmp_path: Path) -> Path:
    folder = tmp_path / "landing"
    write_day(folder, datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(hours=1))
    return folder


def dwh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dwh", *args], cwd=PROJECT_DIR, capture_output=True, text=True)


def test_a_daily_run_loads_builds_and_checks_freshness(today: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    done = dwh("run", "--warehouse", str(warehouse), "--landing", str(today))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().split("\n")
    assert [line.split(":")[0] for line in lines] == ["load", "contract", "build", "freshness", "run"]
    assert re.fullmatch(r"load: 26 files at [0-9: -]+: 26 loaded \(32 rows\), 0 already loaded, 0 refused; 0 lines "
                        r"rejected \(landing\.rejected_lines\) \([0-9.]+ s\)", lines[0]), lines[0]
    # (the no-op nodes are the exposures)
    assert re.fullmatch(r"build: \d+ nodes: (\d+ no-op, )?\d+ pass, \d+ success(, \d+ warn)? \([0-9.]+ s\)",
                        lines[2]), lines[2]
    assert re.fullmatch(r"freshness: 26 raw tables: 26 pass \([0-9.]+ s\)", lines[3]), lines[3]
    assert rows(warehouse, "select company_id, events from company_activity.fact_company_activity") == [("A", 2)]
    assert rows(warehouse, "select profile_id, completion_status, playback_position_seconds "
                           "from streaming.fact_viewing_sessions") == [("q1", "stopped", 60)]
    assert rows(warehouse, "select ride_id, passenger_count from rideshare.fact_rides") == [("r1", 0)]
    assert rows(warehouse, "select batch_id, total_deliveries from delivery.fact_delivery_batches") == [(5, 1)]


def test_exit_codes_name_the_failing_step(today: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    said: list[str] = []
    assert daily_run(warehouse, today, said.append) == Exit.OK

    # 4: a file the contract does not know
    (today / "raw_mystery__x.csv").write_text("a\n1\n")
    said.clear()
    assert daily_run(warehouse, today, said.append) == Exit.LOAD
    assert said[-2].startswith("load FAILED: 1 file(s) refused: raw_mystery__x.csv: no raw table 'raw_mystery'")
    (today / "raw_mystery__x.csv").unlink()

    # 6: a test at error severity fails: an email address as a company's id (ids are not free text,
    # so staging keeps them as they are) reaches dim_companies, and the failure names the column
    later = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into raw.raw_crm_companies values "
                    "('ceo@acme.example.com', 'Acme', 'GB', 'saas', null, ?, ?)", [later.date(), later])
    said.clear()
    assert daily_run(warehouse, None, said.append) == Exit.BUILD
    assert said[-2].startswith("build FAILED: test.warehouse.no_personal_data_dim_companies_")
    assert "column_name=company_id, personal_data=email, masked_value=c***" in said[-2]
    assert "`dbt retry`" in said[-2]

    # 5: a raw table loses a contract column: the run stops before the build
    with duckdb.connect(str(warehouse)) as con:
        con.execute("alter table raw.raw_posts drop column content_type")
    said.clear()
    assert daily_run(warehouse, None, said.append) == Exit.CONTRACT
    assert "contract FAILED:" in said[-2] and "raw.raw_posts: column content_type (varchar) is missing" in said[-2]
    assert said[-1].startswith("run: FAILED at contract (exit 5)")


def test_stale_sources_exit_7(full_build: Path, copy_of) -> None:  # type: ignore[no-untyped-def]
    """The sample data landed months ago: the build passes, freshness fails."""
    said: list[str] = []
    assert daily_run(copy_of(full_build), None, said.append) == Exit.STALE
    assert said[-2].startswith("freshness FAILED: older than their error threshold: source.warehouse.")


def test_a_busy_warehouse_is_refused_naming_the_holder(today: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with warehouse_lock(warehouse, "dwh run --warehouse warehouse.duckdb (a test holding the lock)"):
        done = dwh("run", "--warehouse", str(warehouse), "--landing", str(today))
        waited = dwh("load", "--warehouse", str(warehouse), "--wait", "1", str(today))
    assert done.returncode == Exit.BUSY
    assert re.search(r"refused: warehouse .*/warehouse\.duckdb is busy: held by pid \d+ on \S+ \(`dwh run --warehouse "
                     r"warehouse\.duckdb \(a test holding the lock\)`, since [0-9: -]+ UTC\)", done.stderr), done.stderr
    assert waited.returncode == Exit.BUSY and "busy after waiting 1 s" in waited.stderr
    assert not warehouse.exists()  # nothing touched it
    shutil.rmtree(today)


def test_the_whole_sample_landed_again_under_a_new_stamp_passes(full_build: Path, copy_of,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    """Every sample file landed again in one load, stamped now: bad rows change their fate (the
    planted ride stamped before its start is now in the past, a completed ride whose segments never
    came), but bad rows never fail a run: the cross-table ride rules warn and list the ride."""
    from dwh.landing_sample import write_landing

    batches = tmp_path / "batches"
    write_landing(PROJECT_DIR / "seeds", batches)
    folder = tmp_path / "all_at_once"
    folder.mkdir()
    for path in batches.glob("*/*"):
        path.rename(folder / path.name)
    warehouse = copy_of(full_build)
    said: list[str] = []
    assert daily_run(warehouse, folder, said.append) == Exit.OK, "\n".join(said)
    (listed,) = rows(warehouse, "select (select count(*) from audit.rideshare_regular_rides_without_one_segment) "
                                "+ (select count(*) from audit.rideshare_completed_carpools_without_passenger)")
    assert listed[0] >= 1


def test_a_reader_holding_the_file_makes_the_run_wait_or_busy_and_no_reader_gets_in_during_a_run(
        today: Path, tmp_path: Path) -> None:
    """A notebook's read-only connection: the run is refused as busy (exit 3) naming the reader's
    process, or waits for it with --wait. A run holds the file from its first step to its last, so
    a reader who comes during the run is refused by DuckDB, never shown half-built marts."""
    import os
    import threading
    import time

    warehouse = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(warehouse)).close()  # an empty warehouse file a notebook can open
    reader = duckdb.connect(str(warehouse), read_only=True)
    refused = dwh("run", "--warehouse", str(warehouse), "--landing", str(today))
    assert refused.returncode == Exit.BUSY, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    assert re.search(rf"refused: warehouse .*/warehouse\.duckdb is busy: pid {os.getpid()} \(`[^`]*pytest[^`]*`\) has "
                     r"the file open", refused.stderr), refused.stderr
    waited = dwh("load", "--warehouse", str(warehouse), "--wait", "1", str(today))
    assert waited.returncode == Exit.BUSY and "busy after waiting 1 s" in waited.stderr, waited.stderr

    threading.Timer(3.0, reader.close).start()  # the notebook closes its connection while the run waits
    run = subprocess.Popen([sys.executable, "-m", "dwh", "run", "--warehouse", str(warehouse), "--landing", str(today),
                            "--wait", "60"], cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tries = refusals = 0
    while run.poll() is None:
        try:
            duckdb.connect(str(warehouse), read_only=True).close()
        except duckdb.IOException as error:
            assert "Could not set lock" in str(error)
            refusals += 1
        tries += 1 if refusals else 0  # counted from the moment the run holds the file
        time.sleep(0.5)
    out, err = run.communicate()
    assert run.returncode == Exit.OK, out + err
    # every try during the run was refused (the last may come as the finished run lets the file go)
    assert tries >= 5 and refusals >= tries - 1, (tries, refusals)
    assert rows(warehouse, "select count(*) from company_activity.fact_company_activity") == [(1,)]


def test_memory_running_out_is_the_machine_exit_1(today: Path, tmp_path: Path) -> None:
    """Out of memory is the machine's fault, not the data's: exit 1, saying so, never 6."""
    import os

    done = subprocess.run([sys.executable, "-m", "dwh", "run", "--warehouse", str(tmp_path / "warehouse.duckdb"),
                           "--landing", str(today)], cwd=PROJECT_DIR, capture_output=True, text=True,
                          env={**os.environ, "DUCKDB_MEMORY_LIMIT": "4MB"})
    assert done.returncode == Exit.UNEXPECTED, done.stdout + done.stderr
    assert re.search(r"^build FAILED: the machine: memory ran out \(Out of Memory Error: .*\)\. Nothing was lost",
                     done.stdout, re.MULTILINE), done.stdout
    assert "run: FAILED at build (exit 1)" in done.stdout


def test_a_full_disk_is_the_machine_exit_1(today: Path, tmp_path: Path) -> None:
    """A warehouse on a small file system that fills up during the build: exit 1, saying so."""
    loaded = tmp_path / "loaded" / "warehouse.duckdb"
    assert dwh("load", "--warehouse", str(loaded), str(today)).returncode == 0
    disk = tmp_path / "small_disk"
    disk.mkdir()
    size_kib = loaded.stat().st_size // 1024 + 1024
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        shutil.copy(loaded, disk / "warehouse.duckdb")
        done = dwh("run", "--warehouse", str(disk / "warehouse.duckdb"))
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    assert done.returncode == Exit.UNEXPECTED, done.stdout + done.stderr
    assert re.search(r"FAILED: the machine: the disk is full \(.*No space left on device.*\)\. Nothing was lost",
                     done.stdout), done.stdout
