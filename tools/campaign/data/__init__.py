"""Data files of the campaign planner."""
