"""``floorlead demo``: build a realistic contact-centre history, then serve the app on it."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import Engine

from floorlead.auth.passwords import hash_password
from floorlead.cli.context import DataDirOption, console, domain_errors, fail, load_settings
from floorlead.config import Settings
from floorlead.demo import (
    DEFAULT_ADMIN_EMAIL,
    DemoConfig,
    DemoConfigError,
    DemoPasswords,
    DemoSummary,
    Simulation,
    default_end,
    has_data,
    simulate,
    wipe,
    write_simulation,
)
from floorlead.org.model import Role
from floorlead.storage import make_engine, upgrade_database

if TYPE_CHECKING:
    from floorlead.demo.extras import ExtrasSummary, ExtraStep


def demo(
    data_dir: Path | None = DataDirOption,
    seed: int = typer.Option(7, help="Random seed; the same seed and end give the same data."),
    weeks: int = typer.Option(8, help="Weeks of history before the end."),
    agents: int = typer.Option(30, help="Agents taking contacts, split over three teams."),
    end: str | None = typer.Option(
        None,
        help="The simulated 'now', ISO 8601 with a UTC offset, e.g. 2026-03-02T09:00:00Z "
        "(default: now, rounded down to the hour).",
    ),
    reset: bool = typer.Option(
        False, "--reset", help="Delete all data in the database and build the demo again."
    ),
    keep: bool = typer.Option(False, "--keep", help="Serve an existing database unchanged."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Build the data, do not serve."),
    host: str = typer.Option("127.0.0.1", help="Address the web server listens on."),
    port: int = typer.Option(8000, help="Port the web server listens on."),
) -> None:
    """Generate a realistic, deterministic contact-centre history and serve the web app on it.

    A database that already holds data is never overwritten silently: pass --reset to rebuild
    it or --keep to serve it as it is.
    """
    if reset and keep:
        raise fail("--reset and --keep cannot be used together")
    settings = load_settings(data_dir)
    with domain_errors():
        config = DemoConfig(
            end=parse_end(end),
            seed=seed,
            weeks=weeks,
            agents=agents,
            admin_email=settings.admin_email or DEFAULT_ADMIN_EMAIL,
        )
    engine = make_engine(settings)
    try:
        upgrade_database(engine)
        if has_data(engine) and not reset:
            if not keep:
                raise fail(
                    "the database already holds data; run `floorlead demo --reset` to replace "
                    "it with a new demo, or `floorlead demo --keep` to serve it unchanged"
                )
            console.print("Serving the existing database unchanged.")
            login_file = settings.data_dir / LOGIN_FILE
            if login_file.exists():
                console.print(escape(login_file.read_text().strip()))
        else:
            if reset:
                wipe(engine)
                settings.analytics_path.unlink(missing_ok=True)
            with domain_errors():
                build(engine, settings, config)
    finally:
        engine.dispose()
    if not no_serve:
        serve(settings, host, port)


LOGIN_FILE = "demo-login.txt"


def parse_end(value: str | None) -> datetime:
    if value is None:
        return default_end(datetime.now(UTC))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DemoConfigError(
            "end must be an ISO 8601 date and time, e.g. 2026-03-02T09:00:00Z", field="end"
        ) from None
    if moment.tzinfo is None:
        raise DemoConfigError("end must include a UTC offset, e.g. ...T09:00:00Z", field="end")
    return moment


def build(engine: Engine, settings: Settings, config: DemoConfig) -> None:
    admin_password = settings.admin_password or secrets.token_urlsafe(12)
    staff_password = secrets.token_urlsafe(12)
    passwords = DemoPasswords(hash_password(admin_password), hash_password(staff_password))
    started = time.perf_counter()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        step = progress.add_task("Simulating the floor", total=1)
        simulation = simulate(config)
        progress.advance(step)
        writing = progress.add_task("Writing tickets", total=simulation.ticket_count)
        summary = write_simulation(
            engine, simulation, passwords, on_batch=lambda n: progress.advance(writing, n)
        )
        extras = write_extras_with_progress(engine, simulation, progress)
    console.print(escape(extras.describe()))
    lines = report(
        simulation, summary, time.perf_counter() - started, admin_password, staff_password
    )
    # Kept beside the demo database (owner-only) so a later `demo --keep` can show the login.
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # absent when the database is elsewhere
    login_file = settings.data_dir / LOGIN_FILE
    login_file.write_text("\n".join(lines[1:]) + "\n")
    login_file.chmod(0o600)


def write_extras_with_progress(
    engine: Engine, simulation: Simulation, progress: Progress
) -> ExtrasSummary:
    """Schedules, agent states, quality, coaching and training on top of the tickets."""
    from floorlead.demo import write_extras

    tasks: dict[str, TaskID] = {}

    def follow(step: ExtraStep, done: bool) -> None:
        if done:
            progress.advance(tasks[step.name])
        else:
            tasks[step.name] = progress.add_task(step.description, total=1)

    return write_extras(engine, simulation, on_step=follow)


def report(
    simulation: Simulation,
    summary: DemoSummary,
    seconds: float,
    admin_password: str,
    staff_password: str,
) -> list[str]:
    config = simulation.config
    people = simulation.organisation.people
    supervisor = next(p for p in people if p.role == Role.SUPERVISOR)
    agent = next(p for p in people if p.role == Role.AGENT and p.leave_date is None)
    lines = [
        f"Demo contact centre: {summary.people} people, {summary.tickets:,} tickets, "
        f"{summary.events:,} events ({config.weeks} weeks to {config.end:%Y-%m-%d %H:%M} UTC, "
        f"seed {config.seed}) in {seconds:.1f} s",
        f"Admin login: {config.admin_email}  password: {admin_password}",
        f"All demo staff sign in with the password: {staff_password}  "
        f"(e.g. supervisor {supervisor.email}, agent {agent.email})",
    ]
    for line in lines:
        console.print(escape(line))
    return lines


def serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from floorlead.app import create_app

    console.print(f"Serving floorlead on http://{host}:{port}  (Ctrl+C to stop)")
    uvicorn.run(create_app(settings), host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
