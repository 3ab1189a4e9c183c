"""The analyst's data layer: per-tenant DuckDB store, importers for seller exports, FX, demo store."""
