"""What the shared code and tests read from dbt's manifest rather than from lists of their own: the
relations a build makes, and how to compare two builds of them.

Two properties are written where the model is, in its YAML (`config: meta:`):
- `build_audit: true` on a column: it records how the row was built (the build's time, the run that
  last wrote it), not what the data says, so two builds of the same data may differ in it. Every
  comparison of two builds (replay, arrival order, engines, the benchmark) leaves it out.
- `history_follows_builds: true` on a model: its history comes from dbt snapshots, which see the
  latest export at each build (docs/contracts: "Dimensions with history"), so one build over every
  export records less of it than one build per load batch. It is compared between builds of the
  same cadence only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Built:
    """One relation a build makes: a model (not ephemeral) or a snapshot."""

    unique_id: str
    relation: str  # schema.alias
    materialized: str
    columns: tuple[str, ...]  # as the YAML documents them
    build_audit: tuple[str, ...]  # the columns left out of comparisons
    follows_builds: bool

    @property
    def compared(self) -> str:
        """The select list that compares two builds of it: every column but the build-audit ones."""
        return f"* exclude ({', '.join(self.build_audit)})" if self.build_audit else "*"


def _meta(entry: dict[str, Any]) -> dict[str, Any]:
    return {**(entry.get("meta") or {}), **((entry.get("config") or {}).get("meta") or {})}


def built_relations(manifest: dict[str, Any] | Path) -> list[Built]:
    """Every relation the project builds, sorted by name (a Path is read as manifest.json)."""
    nodes = (json.loads(manifest.read_text()) if isinstance(manifest, Path) else manifest)["nodes"]
    found = []
    for uid, node in nodes.items():
        if node["resource_type"] not in {"model", "snapshot"} or not node["config"].get("enabled", True):
            continue
        materialized = str(node["config"].get("materialized"))
        if materialized == "ephemeral":
            continue
        audit = tuple(name for name, column in node["columns"].items() if _meta(column).get("build_audit"))
        found.append(Built(uid, f"{node['schema']}.{node['alias']}", materialized, tuple(node["columns"]), audit,
                           node["resource_type"] == "snapshot" or bool(_meta(node).get("history_follows_builds"))))
    return sorted(found, key=lambda built: built.relation)
