"""Incremental models give exactly the rows a full refresh gives, however the data arrived.

Every relation the build makes is compared, as the manifest lists it (dwh/manifest.py), so a new
domain's models are covered without a change here: after a replay (one build per load batch) it
holds the same rows as after one build over all the data. Columns marked `build_audit` (when and by
which run a row was written) are left out everywhere; history taken from snapshots
(`history_follows_builds`) depends on how many builds saw the exports, so it is compared between
builds of the same cadence: a second build, and a full refresh of the replayed warehouse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dwh.dbt import run_dbt
from dwh.manifest import Built, built_relations
from dwh.replay import MODELS_AND_SNAPSHOTS

from .conftest import differences, rows


@pytest.fixture(scope="module")
def relations(manifest: dict[str, Any]) -> list[Built]:
    """What a build makes."""
    return built_relations(manifest)


def _differing(left: Path, right: Path, relations: list[Built]) -> list[str]:
    found = []
    for built in relations:
        total, only_left, only_right = differences(left, right, built.relation, built.compared)
        if only_left or only_right:
            found.append(f"{built.relation}: {only_left} rows only in the first, {only_right} only in the second "
                         f"(of {total})")
    return found


def test_replay_equals_one_build_over_everything(full_build: Path, replayed: Path, relations: list[Built]) -> None:
    compared = [built for built in relations if not built.follows_builds]
    assert {b.materialized for b in compared} >= {"incremental", "table", "view"}
    assert _differing(full_build, replayed, compared) == []
    # and none of it is empty: the sample reaches every relation
    empty = [b.relation for b in relations if rows(replayed, f"select count(*) from {b.relation}") == [(0,)]]
    assert empty == []


def test_second_build_changes_nothing(full_build: Path, copy_of, relations: list[Built]) -> None:  # type: ignore[no-untyped-def]
    again = copy_of(full_build)
    run_dbt(["build", "--exclude-resource-type", "seed"], again, artifacts=False)
    assert _differing(full_build, again, relations) == []


def test_full_refresh_after_replay_changes_nothing(replayed: Path, copy_of, relations: list[Built]) -> None:  # type: ignore[no-untyped-def]
    rebuilt = copy_of(replayed)  # models and snapshots (the data tests passed on this data: replayed, full_build)
    run_dbt([*MODELS_AND_SNAPSHOTS, "--full-refresh"], rebuilt, artifacts=False)
    assert _differing(replayed, rebuilt, relations) == []
