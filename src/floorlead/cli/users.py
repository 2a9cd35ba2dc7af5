"""``floorlead user``: add people who sign in, and set passwords, from the command line.

The command line acts as the operator who holds the database: no sign-in is needed, and the
audit log records these changes without an actor.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError

from floorlead.cli.context import DataDirOption, console, database, domain_errors, load_settings
from floorlead.clock import SystemClock
from floorlead.errors import DomainError, RuleViolation
from floorlead.org.model import Role
from floorlead.org.queries import person_id_by_email, team_id_by_name
from floorlead.org.schemas import PersonCreate
from floorlead.org.service import add_person, set_person_password

users_app = typer.Typer(help="People who sign in.", no_args_is_help=True)


def person_input(**values: Any) -> PersonCreate:
    """A :class:`PersonCreate`, with invalid values reported as a refusal naming the field."""
    try:
        return PersonCreate(**values)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise RuleViolation(f"{field}: {error['msg']}", field=field) from None


@contextmanager
def options_named(names: dict[str, str]) -> Iterator[None]:
    """Report refused fields under the command-line option that supplied them."""
    try:
        yield
    except DomainError as exc:
        exc.field = names.get(exc.field or "", exc.field)
        raise


def new_password(given: str | None) -> tuple[str, bool]:
    """The password to set, and whether it was generated (and must be shown once)."""
    if given is not None:
        return given, False
    return secrets.token_urlsafe(12), True


@users_app.command("add")
def add(
    email: str = typer.Option(..., "--email", help="Sign-in email, unique."),
    name: str = typer.Option(..., "--name", help="Full name."),
    role: Role = typer.Option(..., "--role", help="What the person may do."),
    team: str | None = typer.Option(None, "--team", help="Name of their team."),
    manager: str | None = typer.Option(None, "--manager", help="Email of their manager."),
    password: str | None = typer.Option(
        None, "--password", help="Default: a random one, printed once."
    ),
    time_zone: str = typer.Option("UTC", "--time-zone", help="IANA name, e.g. Europe/Paris."),
    data_dir: Path | None = DataDirOption,
) -> None:
    """Add a person who can sign in."""
    settings = load_settings(data_dir)
    now = SystemClock().now()
    secret, generated = new_password(password)
    names = {field: f"--{field}" for field in ("email", "name", "role", "password")}
    names |= {"team_id": "--team", "manager_id": "--manager", "time_zone": "--time-zone"}
    with domain_errors(), options_named(names), database(settings) as session:
        data = person_input(
            email=email,
            name=name,
            role=role,
            team_id=team_id_by_name(session, team, field="--team") if team else None,
            manager_id=person_id_by_email(session, manager, field="--manager") if manager else None,
            hire_date=now.date(),
            time_zone=time_zone,
            password=secret,
        )
        person = add_person(session, data=data, actor=None, now=now)
    console.print(f"added {person.name} <{person.email}> as {person.role}")
    if generated:
        console.print(f"password (shown once): [bold]{secret}[/]")


@users_app.command("password")
def password(
    email: str = typer.Option(..., "--email", help="Whose password to set."),
    new: str = typer.Option(
        ..., "--password", prompt="New password", hide_input=True, confirmation_prompt=True
    ),
    data_dir: Path | None = DataDirOption,
) -> None:
    """Set a person's password (asked for twice, not shown)."""
    settings = load_settings(data_dir)
    with domain_errors(), database(settings) as session:
        person_id = person_id_by_email(session, email, field="--email")
        person = set_person_password(
            session, person_id=person_id, password=new, actor=None, now=SystemClock().now()
        )
    console.print(f"password changed for {person.email}")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="user")
