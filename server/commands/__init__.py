"""Command modules: each defines `register(app: typer.Typer) -> None` and is picked up by server.cli.

Use the helpers in server.cli (friendly_errors, print_json, print_batch, JsonOption, BatchOption,
TenantOption, build_deps) so every command behaves the same way.
"""
