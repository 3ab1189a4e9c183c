"""Deterministic code the agents call: no LLM inside."""
