"""The registry of domains: the one shared place that names them.

A domain is three things:

1. its folders, each named after it: `models/staging/<name>/` (with the sources YAML that is its
   input contract), `models/intermediate/<name>/`, `models/marts/<name>/` (whose folder name is
   the marts' schema), `macros/<name>/`, `seeds/sample/<name>/`, `snapshots/<name>/`,
   `tests/<name>/`, `analyses/<name>/`, `docs/contracts/<name>.md`;
2. its files named after it: `dwh/generators/<name>.py` (the sample generator, `generate`),
   `dwh/generators/<name>_scale.py` (the scale generator, `SCALE`), and its pytest modules and
   hand-made cases `pytests/test_<name>_*.py` and `pytests/domains/<name>.py`;
3. one entry in `DOMAINS` below.

Everything shared (the CLI, the scale benchmark, the structure rules, the replay, the engine
batches, the tests that run over every domain) reads this registry, or the dbt manifest, and never
lists domains itself. docs/adding-a-domain.md is the recipe.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the scale module imports duckdb: loaded only when a domain's scale is asked for
    from dwh.scale import ScaleDomain

PROJECT_DIR = Path(__file__).resolve().parent.parent
LAYERS = ("staging", "intermediate", "marts")
SAMPLE_SEEDS = Path("seeds") / "sample"


@dataclass(frozen=True)
class Domain:
    """One domain of the warehouse. Everything but its name and summary follows from the name."""

    name: str  # the folder under every layer, the marts' schema and the raw tables' source name
    summary: str  # what the case study is, in one line (the CLI's help and the docs show it)

    @property
    def schema(self) -> str:
        """The schema of the domain's marts (models/marts/<name>/, macros/schema/generate_schema_name.sql)."""
        return self.name

    @property
    def source(self) -> str:
        """The dbt source whose tables are the domain's raw tables (its input contract)."""
        return self.name

    def raw_tables(self) -> list[str]:
        """The domain's raw tables, in the order its sources YAML declares them."""
        from dwh.contracts import domain_tables

        return [table.name for table in domain_tables(self.name)]

    def marts(self, project_dir: Path = PROJECT_DIR) -> list[str]:
        """The domain's marts: the models in models/marts/<name>/."""
        return sorted(path.stem for path in (project_dir / "models" / "marts" / self.name).glob("*.sql"))

    def sample(self) -> ModuleType:
        """The sample generator: `generate(out_dir, seed)` writes seeds/sample/<name>/<raw table>.csv."""
        return importlib.import_module(f"dwh.generators.{self.name}")

    def scale(self) -> ScaleDomain:
        """The scale data set and what the benchmark holds it against (dwh/scale.py)."""
        return importlib.import_module(f"dwh.generators.{self.name}_scale").SCALE  # type: ignore[no-any-return]

    def selection(self, project_dir: Path = PROJECT_DIR) -> list[str]:
        """dbt selectors (by folder, `fqn`) of what a build of the domain runs: its models and their
        tests, its snapshots and singular tests (not its sample seeds: `dbt seed` loads those, and a
        warehouse fed by a loader must not get them). A folder it does not have is left out, as dbt
        warns about a selector that matches nothing."""
        folders = [(Path("models") / layer / self.name, f"{layer}.{self.name}") for layer in LAYERS]
        folders += [(Path(kind) / self.name, self.name) for kind in ("snapshots", "tests")]
        return list(dict.fromkeys(selector for folder, selector in folders if (project_dir / folder).is_dir()))


# The shared models every domain reads (the calendar, the times of day): `tag:shared`.
SHARED_SELECTION = ("tag:shared",)

DOMAINS: dict[str, Domain] = {d.name: d for d in (
    Domain("company_activity", "company activity: product events, CRM history, churn risk (seed 002)"),
    Domain("social", "share chains of viral posts and engagement (seed 003, scenario 2)"),
    Domain("streaming", "streaming viewing sessions: duration, completion, binges"),
    Domain("rideshare", "carpool rides, segments, fill rate and penetration (seed 003, scenario 1)"),
    Domain("delivery", "food-delivery batching and restaurant performance (seed 003, scenarios 9 and 11)"),
)}


def domain(name: str) -> Domain:
    """The registered domain called `name`; a clear error naming the registered ones otherwise."""
    try:
        return DOMAINS[name]
    except KeyError:
        raise KeyError(f"no domain {name!r} in dwh/registry.py (registered: {', '.join(DOMAINS)})") from None


def build_selection(*names: str, project_dir: Path = PROJECT_DIR) -> list[str]:
    """`--select` arguments that build the named domains and the shared models."""
    return [*(s for name in names for s in domain(name).selection(project_dir)), *SHARED_SELECTION]
