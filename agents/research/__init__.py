"""The research specialist: grounded answers about markets and regulations, with citations."""
