"""Tools around the dbt warehouse: deterministic sample-data generators, loaders and replay."""

__version__ = "0.1.0"
