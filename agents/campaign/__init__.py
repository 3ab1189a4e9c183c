"""The campaign specialist: a deterministic plan, grounded marketing notes and a number-checked narrative."""
