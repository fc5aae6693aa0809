"""Each domain's hand-made test cases, one module named after the domain (`pytests/domains/<domain>.py`).
The shared tests (pytests/test_quarantine_rules.py, ...) find them through the registry of domains
(dwh/registry.py): a registered domain without its module fails them, naming what is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from dwh.contracts import input_contract

Row = tuple[object, ...]


def cases(domain: str) -> ModuleType:
    """The domain's case module, pytests/domains/<domain>.py."""
    return importlib.import_module(f"{__name__}.{domain}")


def contract_row(table: str, values: dict[str, object], **changes: object) -> Row:
    """A raw row of `table` in the contract's column order, from `values` with `changes` applied."""
    merged = {**values, **changes}
    return tuple(merged.get(column) for column, _ in input_contract()[table].columns)
