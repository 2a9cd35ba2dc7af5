"""Shared CLI plumbing: settings from options, a database session, errors as exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.errors import DomainError
from floorlead.storage import make_engine, make_session_factory, upgrade_database

console = Console()
err_console = Console(stderr=True)

DataDirOption = typer.Option(
    None, "--data-dir", help="Data folder (default: FLOORLEAD_DATA_DIR or ./floorlead-data)."
)


def load_settings(data_dir: Path | None) -> Settings:
    if data_dir is not None:
        return Settings(data_dir=data_dir)
    return Settings()


@contextmanager
def database(settings: Settings, *, migrate: bool = True) -> Iterator[Session]:
    engine = make_engine(settings)
    try:
        if migrate:
            upgrade_database(engine)
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn a refused business rule into a clear message and a non-zero exit code."""
    try:
        yield
    except DomainError as exc:
        where = f" ({exc.field})" if exc.field else ""
        raise fail(f"{exc.message}{where}") from None
