"""Data files of the marketing calendar."""
