"""`chuhai serve`: the HTTP API and the chat page."""

from typing import Annotated

import typer

from tools.errors import BadInput

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def register(app: typer.Typer) -> None:
    from server.cli import friendly_errors

    @app.command()
    @friendly_errors
    def serve(
        host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
        log_level: Annotated[str, typer.Option("--log-level", help=", ".join(LOG_LEVELS))] = "info",
        access_log: Annotated[bool, typer.Option(
            "--access-log/--no-access-log",
            help="A console line per request; off by default, the audit log records every /v1 call.")] = False,
    ) -> None:
        """Serve the REST API, the SSE chat and the chat page at http://HOST:PORT/."""
        import uvicorn

        from server.app import create_app
        from server.runtime import load_settings

        settings = load_settings()  # fails fast on a bad configuration, before binding the port
        if log_level not in LOG_LEVELS:
            raise BadInput(f"unknown log level {log_level!r}; use one of {', '.join(LOG_LEVELS)}")
        # One process: the embedded Chroma store and the model are not safe to share between workers.
        uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, access_log=access_log)
