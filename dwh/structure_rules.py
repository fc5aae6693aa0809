"""The project's structure rules, checked on the dbt manifest by dbt-score (`make structure`).

Every rule here is critical: `pyproject.toml` sets `fail_any_item_under = 10`, so a single
violation anywhere fails `make test`. The layer of a model is the folder under `models/` that
holds it (`staging`, `intermediate`, `marts`).

- Lineage: a base model (models/staging/<domain>/base/) reads its one raw table, and every other
  staging model reads base models only (reference seeds are allowed to both); nothing but a base
  model reads a source; models never name a warehouse relation in their SQL (`ref` and
  `source` only, so lineage and environments stay right).
- Documentation: every model, column, source table, source column, seed, seed column and snapshot
  is described; every source column declares the data type of the input contract.
- Keys: every model but a base model (one row per raw row) has a primary-key test (`unique` and
  `not_null` on one column, or the in-project `unique_combination_of_columns`), and every key
  column is proven not null (a `not_null` test, or a not-null constraint on a contracted table).
- Marts: an enforced contract with every column declared and typed, and the project-wide
  personal-data test (`no_personal_data`) attached, so no mart, present or future, escapes it.
- Sources: freshness declared, and the conservation test (raw = current + superseded +
  quarantined) on every raw table.
"""

# No `from __future__ import annotations`: dbt-score reads each rule's argument annotation at
# run time to know which resource type it checks.
import re
from pathlib import PurePosixPath

from dbt_score import Model, RuleViolation, Seed, Severity, Snapshot, Source, rule

from dwh.registry import DOMAINS

PRIMARY_KEY_TESTS = {"unique_combination_of_columns"}
PERSONAL_DATA_TEST = "no_personal_data"
CONSERVATION_TEST = "raw_rows_are_conserved"
# Schemas the project builds or loads (one per domain: dwh/registry.py); SQL that names one of them
# directly bypasses ref/source.
WAREHOUSE_SCHEMAS = ("raw", "staging", "intermediate", "snapshots", "audit", "shared",
                     *(domain.schema for domain in DOMAINS.values()))
HARD_CODED_RELATION = re.compile(
    r"\b(?:from|join)\s+(?:" + "|".join(WAREHOUSE_SCHEMAS) + r")\.[a-z_][a-z0-9_]*", re.IGNORECASE)


def layer(model: Model) -> str:
    """`staging`, `intermediate` or `marts`: the folder under models/ that holds the model."""
    parts = PurePosixPath(model.original_file_path).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" else "root"


def _enforced_table(model: Model) -> bool:
    """Constraints are enforced only on contracted tables (views ignore them)."""
    contract = model.config.get("contract") or {}
    return bool(contract.get("enforced")) and model.config.get("materialized") in {"table", "incremental"}


def primary_key_columns(model: Model) -> list[str] | None:
    """The columns a primary-key test covers, or None when the model has no such test."""
    for test in model.tests:
        if test.type in PRIMARY_KEY_TESTS:
            return list(test.kwargs.get("combination_of_columns") or [])
    for column in model.columns:
        kinds = {test.type for test in column.tests}
        if {"unique", "not_null"} <= kinds:
            return [column.name]
    return None


def _proven_not_null(model: Model, column_name: str) -> bool:
    column = model.get_column(column_name)
    if column is None:
        return False
    if any(test.type == "not_null" for test in column.tests):
        return True
    return _enforced_table(model) and any(c.type == "not_null" for c in column.constraints)


def is_base(model: Model) -> bool:
    """A base model (models/staging/<domain>/base/): one raw table's rows, cleaned and judged
    (macros/staging/judge_raw_rows.sql), one row per raw row."""
    parts = PurePosixPath(model.original_file_path).parts
    return layer(model) == "staging" and "base" in parts[3:-1]


@rule(severity=Severity.CRITICAL)
def staging_reads_raw_through_base(model: Model) -> RuleViolation | None:
    """A base model reads one source (its raw table) and no model; every other staging model reads
    base models only, never a source or another model (reference seeds are allowed to both)."""
    if layer(model) != "staging":
        return None
    nodes = model.depends_on.get("nodes", [])
    sources = [node for node in nodes if node.startswith("source.")]
    if is_base(model):
        models = [node for node in nodes if node.startswith(("model.", "snapshot."))]
        if len(sources) != 1 or models:
            return RuleViolation(message=f"a base model reads one source and no model, not: {', '.join(nodes)}")
        return None
    if sources:
        return RuleViolation(message=f"staging model reads a source directly (read its base model): "
                                     f"{', '.join(sources)}")
    others = [node for node in nodes if node.startswith("snapshot.")]
    others += [parent.unique_id for parent in model.parents if isinstance(parent, Model) and not is_base(parent)]
    if others:
        return RuleViolation(message=f"staging model reads other nodes than base models: {', '.join(others)}")
    if not any(isinstance(parent, Model) and is_base(parent) for parent in model.parents):
        return RuleViolation(message="staging model reads no base model")
    return None


@rule(severity=Severity.CRITICAL)
def staging_never_reads_staging(model: Model) -> RuleViolation | None:
    """A staging model never reads another staging model, but for the base models it ranks."""
    if layer(model) != "staging":
        return None
    staged = [parent.name for parent in model.parents
              if isinstance(parent, Model) and layer(parent) == "staging" and not is_base(parent)]
    if staged:
        return RuleViolation(message=f"staging reads staging: {', '.join(staged)}")
    return None


@rule(severity=Severity.CRITICAL)
def only_staging_reads_sources(model: Model) -> RuleViolation | None:
    """Only staging models read sources; every other layer reads models."""
    if layer(model) == "staging":
        return None
    sources = [node for node in model.depends_on.get("nodes", []) if node.startswith("source.")]
    if sources:
        return RuleViolation(message=f"{layer(model)} model reads a source directly: {', '.join(sources)}")
    return None


@rule(severity=Severity.CRITICAL)
def no_hard_coded_relations(model: Model) -> RuleViolation | None:
    """A model names other relations through ref() and source() only."""
    found = HARD_CODED_RELATION.search(model.raw_code)
    if found:
        return RuleViolation(message=f"hard-coded relation: '{found.group(0)}'")
    return None


@rule(severity=Severity.CRITICAL)
def model_and_columns_described(model: Model) -> RuleViolation | None:
    """The model and every column it declares are described."""
    if not model.description.strip():
        return RuleViolation(message="model has no description")
    missing = [column.name for column in model.columns if not column.description.strip()]
    if missing:
        return RuleViolation(message=f"undescribed columns: {', '.join(missing)}")
    return None


@rule(severity=Severity.CRITICAL)
def has_primary_key_test(model: Model) -> RuleViolation | None:
    """Every model has a primary-key test: unique + not_null on a column, or a unique combination. A
    base model is the exception: it has one row per raw row, and no key until its readers rank it."""
    if is_base(model):
        return None
    if primary_key_columns(model) is None:
        return RuleViolation(message="no primary-key test (unique + not_null, or unique_combination_of_columns)")
    return None


@rule(severity=Severity.CRITICAL)
def key_columns_not_null(model: Model) -> RuleViolation | None:
    """Every primary-key column is proven not null (a not_null test, or a constraint on a contracted table)."""
    columns = primary_key_columns(model) or []
    unproven = [name for name in columns if not _proven_not_null(model, name)]
    if unproven:
        return RuleViolation(message=f"key columns without not_null: {', '.join(unproven)}")
    return None


@rule(severity=Severity.CRITICAL)
def marts_are_contracted(model: Model) -> RuleViolation | None:
    """A mart has an enforced contract, with every column declared and typed."""
    if layer(model) != "marts":
        return None
    if not (model.config.get("contract") or {}).get("enforced"):
        return RuleViolation(message="mart without an enforced contract")
    if not model.columns:
        return RuleViolation(message="mart declares no columns")
    untyped = [column.name for column in model.columns if not column.data_type]
    if untyped:
        return RuleViolation(message=f"columns without data_type: {', '.join(untyped)}")
    return None


@rule(severity=Severity.CRITICAL)
def marts_guard_personal_data(model: Model) -> RuleViolation | None:
    """Every mart carries the no_personal_data test, which checks all of its string columns."""
    if layer(model) != "marts":
        return None
    if not any(test.type == PERSONAL_DATA_TEST for test in model.tests):
        return RuleViolation(message=f"mart without the {PERSONAL_DATA_TEST} test")
    return None


@rule(severity=Severity.CRITICAL)
def source_is_the_input_contract(source: Source) -> RuleViolation | None:
    """A raw table is described, with every column described and typed, freshness and the conservation test."""
    if not source.description.strip():
        return RuleViolation(message="source table has no description")
    if not source.columns:
        return RuleViolation(message="source table declares no columns")
    missing = [column.name for column in source.columns if not column.description.strip()]
    if missing:
        return RuleViolation(message=f"undescribed columns: {', '.join(missing)}")
    untyped = [column.name for column in source.columns if not column.data_type]
    if untyped:
        return RuleViolation(message=f"columns without data_type: {', '.join(untyped)}")
    freshness = source.config.get("freshness") or source._raw_values.get("freshness") or {}
    if not (freshness.get("warn_after") or {}).get("count") or not (freshness.get("error_after") or {}).get("count"):
        return RuleViolation(message="no freshness thresholds (warn_after and error_after)")
    if not any(test.type == CONSERVATION_TEST for test in source.tests):
        return RuleViolation(message=f"no {CONSERVATION_TEST} test")
    return None


@rule(severity=Severity.CRITICAL)
def seed_described(seed: Seed) -> RuleViolation | None:
    """A seed is described, with every column (all of its column_types) described."""
    if not seed.description.strip():
        return RuleViolation(message="seed has no description")
    described = {column.name for column in seed.columns if column.description.strip()}
    declared = set((seed.config.get("column_types") or {}).keys())
    if not declared:
        return RuleViolation(message="seed declares no column_types")
    missing = sorted(declared - described)
    if missing:
        return RuleViolation(message=f"undescribed columns: {', '.join(missing)}")
    return None


@rule(severity=Severity.CRITICAL)
def snapshot_described(snapshot: Snapshot) -> RuleViolation | None:
    """A snapshot and every column it declares are described."""
    if not snapshot.description.strip():
        return RuleViolation(message="snapshot has no description")
    missing = [column.name for column in snapshot.columns if not column.description.strip()]
    if missing:
        return RuleViolation(message=f"undescribed columns: {', '.join(missing)}")
    return None
