"""The scale data sets of every domain, and what the benchmark needs to know about each.

`python -m dwh generate-scale --domain <domain> --scale N --warehouse FILE [--increment]` writes a
domain's scale data straight into a warehouse's raw tables (DuckDB SQL, never dbt seeds);
bench/scale.py (`make bench`) builds on it. Each domain declares, in its own
`dwh/generators/<domain>_scale.py` (`SCALE`), its generator, its one-day increment, the floor of
each mart (one scan-and-group of the mart's deduplicated input) and its incremental tables; the
registry (dwh/registry.py) says which domains there are.
"""

from __future__ import annotations

from dwh.generators.scale_sql import ScaleDomain
from dwh.registry import DOMAINS

__all__ = ["SCALE_DOMAINS", "ScaleDomain"]

SCALE_DOMAINS: dict[str, ScaleDomain] = {name: domain.scale() for name, domain in DOMAINS.items()}
