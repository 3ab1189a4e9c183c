"""Data files of the analytics layer (FX table, countries, marketplaces, demo store plan)."""
