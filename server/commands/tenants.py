"""`chuhai tenants`: tenants and their API keys."""

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    from server.cli import JsonOption, console, friendly_errors, print_json

    tenants_app = typer.Typer(help="Tenants and their API keys.", no_args_is_help=True)
    app.add_typer(tenants_app, name="tenants")

    @tenants_app.command("create")
    @friendly_errors
    def create(
        name: Annotated[str, typer.Argument(help="Tenant name: lower-case letters, digits, '-', '_'.")],
        rotate: Annotated[bool, typer.Option("--rotate", help="Revoke the tenant's earlier keys.")] = False,
        as_json: JsonOption = False,
    ) -> None:
        """Create the tenant (if new) and a new API key, printed once: only its salted hash is stored."""
        from server.runtime import load_settings
        from server.tenants import TenantStore, tenant_db_path

        store = TenantStore(tenant_db_path(load_settings().home))
        try:
            if rotate:
                store.revoke_keys(name)
            key = store.create_key(name)
        finally:
            store.close()
        if as_json:
            print_json(key)
        else:
            console.print(f"tenant [bold]{key.tenant}[/]; API key (shown once): [bold]{key.api_key}[/]")

    @tenants_app.command("list")
    @friendly_errors
    def list_tenants() -> None:
        """The tenants in the data home."""
        from server.runtime import load_settings
        from server.tenants import TenantStore, tenant_db_path

        store = TenantStore(tenant_db_path(load_settings().home))
        try:
            for tenant in store.tenants():
                console.print(tenant)
        finally:
            store.close()
