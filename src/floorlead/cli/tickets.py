"""``floorlead ticket``: list, show and open tickets from the command line.

Commands act as the first admin account, or as the person given with ``--as EMAIL`` (and see
what that person may see).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.cli.context import DataDirOption, console, database, domain_errors, load_settings
from floorlead.clock import SystemClock
from floorlead.errors import DomainError, NotFound
from floorlead.org.model import Role
from floorlead.org.queries import person_id_by_email, team_id_by_name
from floorlead.org.tables import Person
from floorlead.paging import PageParams
from floorlead.tickets import TicketFilters, list_tickets, open_ticket, ticket_detail
from floorlead.tickets.model import Channel, Priority, Status
from floorlead.tickets.schemas import TicketPage, TicketPublic

ticket_app = typer.Typer(help="Tickets: list, show and open them.", no_args_is_help=True)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


AsOption = typer.Option(None, "--as", help="Email of the person to act as (default: an admin).")
FormatOption = typer.Option(OutputFormat.TABLE, "--format", help="table or json.")
# Fields the services name, shown as the option that supplied them.
OPTION_NAMES = {
    "subject": "--subject",
    "channel": "--channel",
    "priority": "--priority",
    "requester_id": "--requester-email",
    "requester_email": "--requester-email",
    "requester_name": "--requester-name",
    "description": "--description",
    "category": "--category",
    "tags": "--tag",
    "team_id": "--team",
}


@contextmanager
def options_named() -> Iterator[None]:
    try:
        yield
    except DomainError as exc:
        exc.field = OPTION_NAMES.get(exc.field or "", exc.field)
        raise


def acting_as(session: Session, email: str | None) -> Actor:
    """The person given with ``--as``, or the first admin account."""
    if email:
        return load_actor(session, person_id_by_email(session, email, field="--as"))
    admin_id = session.scalar(
        select(Person.id)
        .where(Person.role == Role.ADMIN.value, Person.leave_date.is_(None))
        .order_by(Person.id)
        .limit(1)
    )
    if admin_id is None:
        raise NotFound("no admin account yet: run `floorlead init`, or pass --as", field="--as")
    return load_actor(session, admin_id)


def team_reference(session: Session, team: str | None) -> int | None:
    """A team given by id or by name."""
    if team is None:
        return None
    return int(team) if team.isdigit() else team_id_by_name(session, team, field="--team")


def person_reference(session: Session, person: str | None, option: str) -> int | None:
    """A person given by id or by email."""
    if person is None:
        return None
    return int(person) if person.isdigit() else person_id_by_email(session, person, field=option)


@ticket_app.command("list")
def list_command(
    status: list[Status] | None = typer.Option(None, "--status", help="Repeat for several."),
    team: str | None = typer.Option(None, "--team", help="Team name or id."),
    assignee: str | None = typer.Option(None, "--assignee", help="Assignee email or id."),
    limit: int = typer.Option(20, "--limit", min=1, max=200, help="How many, newest first."),
    as_email: str | None = AsOption,
    output: OutputFormat = FormatOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """List the newest tickets you may see."""
    with domain_errors(), database(load_settings(data_dir)) as session:
        actor = acting_as(session, as_email)
        filters = TicketFilters(
            status=status or (),
            team_id=team_reference(session, team),
            assignee_id=person_reference(session, assignee, "--assignee"),
        )
        page = list_tickets(session, actor=actor, filters=filters, page=PageParams(per_page=limit))
    if output is OutputFormat.JSON:
        typer.echo(page.model_dump_json(indent=2))
        return
    console.print(_ticket_table(page))


@ticket_app.command("show")
def show_command(
    ticket_id: int = typer.Argument(..., help="The ticket's id."),
    as_email: str | None = AsOption,
    output: OutputFormat = FormatOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Show a ticket with its SLA clocks and timeline."""
    with domain_errors(), database(load_settings(data_dir)) as session:
        actor = acting_as(session, as_email)
        detail = ticket_detail(session, ticket_id=ticket_id, actor=actor, now=SystemClock().now())
    if output is OutputFormat.JSON:
        typer.echo(detail.model_dump_json(indent=2))
        return
    ticket = detail.ticket
    console.print(f"[bold]#{ticket.id} {ticket.subject}[/]")
    console.print(
        f"{ticket.status} · {ticket.priority} · {ticket.channel} · tier {ticket.escalation_tier}"
        f" · requester {detail.requester.name} <{detail.requester.email}>"
    )
    for clock in detail.clocks:
        due = clock.due_at.isoformat() if clock.due_at else "-"
        console.print(
            f"SLA {clock.metric}: {clock.state} (target {clock.target_minutes} min, due {due})"
        )
    for event in detail.events:
        change = f" {event.from_value or ''}→{event.to_value}" if event.to_value is not None else ""
        console.print(
            f"{event.occurred_at:%Y-%m-%d %H:%M} {event.kind}{change} {event.body}".rstrip()
        )


@ticket_app.command("create")
def create_command(
    subject: str = typer.Option(..., "--subject", help="What the ticket is about."),
    requester_email: str = typer.Option(..., "--requester-email", help="The customer's email."),
    requester_name: str | None = typer.Option(
        None, "--requester-name", help="Needed when the customer is new."
    ),
    channel: Channel = typer.Option(Channel.EMAIL, "--channel"),
    priority: Priority = typer.Option(Priority.NORMAL, "--priority"),
    description: str = typer.Option("", "--description"),
    category: str = typer.Option("", "--category"),
    tag: list[str] | None = typer.Option(None, "--tag", help="Repeat for several."),
    team: str | None = typer.Option(None, "--team", help="Team name or id (default: yours)."),
    as_email: str | None = AsOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Open a ticket on behalf of a customer."""
    with domain_errors(), options_named(), database(load_settings(data_dir)) as session:
        actor = acting_as(session, as_email)
        ticket = open_ticket(
            session,
            subject=subject,
            channel=channel,
            priority=priority,
            requester_email=requester_email,
            requester_name=requester_name,
            description=description,
            category=category,
            tags=tag or [],
            team_id=team_reference(session, team),
            actor=actor,
            now=SystemClock().now(),
        )
    console.print(f"opened ticket #{ticket.id}: {ticket.subject}")


def _ticket_table(page: TicketPage) -> Table:
    table = Table(title=f"{len(page.items)} of {page.total} tickets")
    for column in ("id", "status", "priority", "tier", "team", "assignee", "subject", "created"):
        table.add_column(column)
    for ticket in page.items:
        table.add_row(*_row(ticket))
    return table


def _row(ticket: TicketPublic) -> list[str]:
    return [
        str(ticket.id),
        ticket.status,
        ticket.priority,
        ticket.escalation_tier,
        str(ticket.team_id or "-"),
        str(ticket.assignee_id or "-"),
        ticket.subject,
        f"{ticket.created_at:%Y-%m-%d %H:%M}",
    ]


def register(app: typer.Typer) -> None:
    app.add_typer(ticket_app, name="ticket")
