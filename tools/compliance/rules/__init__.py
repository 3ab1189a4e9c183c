"""Rule packs as data: one YAML file per jurisdiction or platform (see tools/compliance/README.md)."""
