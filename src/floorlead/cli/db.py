"""``floorlead db``: database maintenance."""

from __future__ import annotations

from pathlib import Path

import typer

from floorlead.cli.context import DataDirOption, console, load_settings
from floorlead.storage import make_engine, upgrade_database

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(data_dir: Path | None = DataDirOption, revision: str = "head") -> None:
    """Apply database migrations up to REVISION (default: the latest)."""
    settings = load_settings(data_dir)
    engine = make_engine(settings)
    upgrade_database(engine, revision)
    engine.dispose()
    console.print(f"database at [bold]{revision}[/]: {engine.url.render_as_string()}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
