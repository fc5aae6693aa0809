"""Deterministic sample-data generators, one module per domain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Generated:
    """What a generator wrote."""

    counts: dict[str, int]  # rows written per raw table
    planted: dict[str, list[str]]  # the awkward cases, by name, for tests to look at
