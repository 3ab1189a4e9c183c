"""The curated corpus and the hybrid (vector + BM25) store around it."""
