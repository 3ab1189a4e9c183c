"""`chuhai serve`: the HTTP API and the chat page."""

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    from server.cli import friendly_errors

    @app.command()
    @friendly_errors
    def serve(
        host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    ) -> None:
        """Serve the REST API, the SSE chat and the chat page at http://HOST:PORT/."""
        import uvicorn

        from server.app import create_app
        from server.runtime import load_settings

        settings = load_settings()  # fails fast on a bad configuration, before binding the port
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
