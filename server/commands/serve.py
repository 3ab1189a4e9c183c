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
        workers: Annotated[int, typer.Option(
            "--workers", min=1, help="Worker processes; each builds its own runtime and keeps its own "
                                     "rate-limit buckets, so a key's limit applies per worker.")] = 1,
        log_level: Annotated[str, typer.Option("--log-level", help=", ".join(LOG_LEVELS))] = "info",
    ) -> None:
        """Serve the REST API, the SSE chat and the chat page at http://HOST:PORT/."""
        import uvicorn

        from server.app import create_app
        from server.runtime import load_settings

        settings = load_settings()  # fails fast on a bad configuration, before binding the port
        if log_level not in LOG_LEVELS:
            raise BadInput(f"unknown log level {log_level!r}; use one of {', '.join(LOG_LEVELS)}")
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)
        else:  # worker processes import the factory and read the same environment
            uvicorn.run("server.app:create_app", factory=True, workers=workers, host=host, port=port,
                        log_level=log_level)
