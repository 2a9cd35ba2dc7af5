"""``floorlead init`` and ``floorlead serve``: set up a data folder, and run the web app."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer
from sqlalchemy.orm import Session

from floorlead.cli.context import DataDirOption, console, database, domain_errors, load_settings
from floorlead.cli.users import new_password, options_named, person_input
from floorlead.clock import SystemClock
from floorlead.config import Settings
from floorlead.org.limits import seed_approval_limits
from floorlead.org.model import Role
from floorlead.org.queries import active_admin_emails
from floorlead.org.service import add_person

DEFAULT_ADMIN_EMAIL = "admin@floorlead.local"


def ensure_admin(
    session: Session, *, email: str, password: str | None, now: datetime
) -> tuple[str, str | None]:
    """Create the first admin unless an active admin exists.

    Returns what happened, and the password when one was generated (to be shown once).
    """
    existing = active_admin_emails(session, on=now.date())
    if existing:
        return f"admin already exists: {existing[0]}", None
    secret, generated = new_password(password)
    data = person_input(
        email=email, name="Administrator", role=Role.ADMIN, hire_date=now.date(), password=secret
    )
    person = add_person(session, data=data, actor=None, now=now)
    return f"created admin {person.email}", secret if generated else None


def _set_up(settings: Settings, *, email: str, password: str | None) -> list[str]:
    now = SystemClock().now()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    names = {"email": "--admin-email", "password": "--admin-password"}
    with domain_errors(), options_named(names), database(settings) as session:
        admin, secret = ensure_admin(session, email=email, password=password, now=now)
        added = seed_approval_limits(session, now=now)
    lines = [admin]
    if secret:
        lines.append(f"admin password (shown once): [bold]{secret}[/]")
    lines.append(
        f"added {added} default approval limits" if added else "approval limits already in place"
    )
    if admin.startswith("admin already") and not added:
        lines.append("nothing to do: floorlead is already set up")
    return lines


def init(
    data_dir: Path | None = DataDirOption,
    admin_email: str | None = typer.Option(
        None, "--admin-email", help="Default: FLOORLEAD_ADMIN_EMAIL or admin@floorlead.local."
    ),
    admin_password: str | None = typer.Option(
        None, "--admin-password", help="Default: FLOORLEAD_ADMIN_PASSWORD or a random one."
    ),
) -> None:
    """Create the data folder and database, the first admin and the default approval limits.

    Running it again changes nothing and says so.
    """
    settings = load_settings(data_dir)
    email = admin_email or settings.admin_email or DEFAULT_ADMIN_EMAIL
    password = admin_password or settings.admin_password
    for line in _set_up(settings, email=email, password=password):
        console.print(line)
    console.print(f"data folder: {settings.data_dir.resolve()}")


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64, help="Worker processes (each runs the whole app)."
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    access_log: bool = typer.Option(
        True, "--access-log/--no-access-log", help="Log one line per request."
    ),
    data_dir: Path | None = DataDirOption,
) -> None:
    """Run the web app and API (migrating the database first)."""
    import os

    import uvicorn

    from floorlead.app import create_app
    from floorlead.storage import make_engine, upgrade_database

    settings = load_settings(data_dir)
    options = {"host": host, "port": port, "log_level": log_level, "access_log": access_log}
    if workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    engine = make_engine(settings)
    upgrade_database(engine)
    engine.dispose()
    if data_dir is not None:
        os.environ["FLOORLEAD_DATA_DIR"] = str(data_dir)
    uvicorn.run("floorlead.app:create_worker_app", factory=True, workers=workers, **options)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)
