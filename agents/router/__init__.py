"""The router: embedding nearest-neighbour fast path, constrained LLM decision when unsure."""
