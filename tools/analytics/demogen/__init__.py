"""Building blocks of the deterministic demo store (see tools/analytics/demo.py)."""
