"""The compliance specialist: rules first, model second, with a rewrite loop."""
