"""The ``floorlead`` command."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer

from floorlead import __version__
from floorlead.cli.context import DataDirOption, console, load_settings

app = typer.Typer(
    name="floorlead",
    help="floorlead: the workbench a customer-service supervisor runs a support team with.",
    no_args_is_help=True,
    add_completion=False,
)

# Areas add their commands through a ``register(app)`` function in these modules.
COMMAND_MODULES = (
    "setup",
    "db",
    "users",
    "tickets",
    "demo",
    "staff",
    "forecast",
    "schedule",
    "quality",
    "coaching",
    "careers",
    "wfm_db",
    "kpi",
    "notify",
)


@app.callback()
def main() -> None:
    """floorlead command line."""


@app.command()
def version() -> None:
    """Print the floorlead version."""
    console.print(__version__)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"floorlead.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"floorlead.cli.{name}":
                raise
            continue
        module.register(app)


_register_all()

__all__ = ["DataDirOption", "Path", "app", "load_settings"]
