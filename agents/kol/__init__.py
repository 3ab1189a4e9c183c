"""The KOL specialist: deterministic creator matching, then outreach messages checked against the product data."""
