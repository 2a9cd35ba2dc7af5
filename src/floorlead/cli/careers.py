"""``floorlead roles`` (role definitions and job descriptions) and ``floorlead training remind``.

The command line acts as the operator who holds the database: it sees everyone's training.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from floorlead import careers, training
from floorlead.cli.context import DataDirOption, console, database, domain_errors, load_settings
from floorlead.clock import SystemClock

roles_app = typer.Typer(
    help="Role definitions: seed, list, export job descriptions.", no_args_is_help=True
)
training_app = typer.Typer(
    help="Training: reminders of overdue work and renewals.", no_args_is_help=True
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class DocumentFormat(StrEnum):
    MARKDOWN = "md"
    PDF = "pdf"


@roles_app.command("seed")
def seed(data_dir: Path | None = DataDirOption) -> None:
    """Add floorlead's role definitions and training catalogue (existing ones are kept)."""
    with domain_errors(), database(load_settings(data_dir)) as session:
        added = careers.seed_role_definitions(session, SystemClock().now())
    console.print(f"added {len(added)} role definition{'' if len(added) == 1 else 's'}")


@roles_app.command("list")
def list_roles(data_dir: Path | None = DataDirOption) -> None:
    """The role definitions, with their reporting lines."""
    with domain_errors(), database(load_settings(data_dir)) as session:
        roles = careers.list_roles(session)
    table = Table("slug", "title", "permission role", "reports to")
    for role in roles:
        table.add_row(
            role.slug,
            role.title,
            role.system_role.value if role.system_role else "—",
            role.reports_to.title if role.reports_to else "—",
        )
    console.print(table)


@roles_app.command("export")
def export(
    slug: str = typer.Argument(..., help="The role's slug, e.g. team-lead."),
    form: DocumentFormat = typer.Option(DocumentFormat.MARKDOWN, "--format", help="md or pdf."),
    output: Path | None = typer.Option(
        None, "--output", help="File to write (default: print Markdown; PDF needs a file)."
    ),
    data_dir: Path | None = DataDirOption,
) -> None:
    """Export a role's job description as Markdown or PDF."""
    if form is DocumentFormat.PDF and output is None:
        raise typer.BadParameter("a PDF needs --output FILE", param_hint="--output")
    with domain_errors(), database(load_settings(data_dir)) as session:
        if form is DocumentFormat.PDF:
            document = careers.render_job_description_pdf(session, slug=slug)
        else:
            document = careers.render_job_description(session, slug=slug).encode()
    if output is None:
        console.print(document.decode(), markup=False, highlight=False, end="")
        return
    output.write_bytes(document)
    console.print(f"wrote {output}")


@training_app.command("remind")
def remind(
    days: int = typer.Option(
        30, "--days", min=0, max=366, help="List certifications lapsing within this many days."
    ),
    form: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table or json."),
    data_dir: Path | None = DataDirOption,
) -> None:
    """List overdue training and certifications to renew, with whom to remind.

    floorlead has no mail settings yet, so the reminders are listed, not sent.
    """
    today = SystemClock().now().date()
    with domain_errors(), database(load_settings(data_dir)) as session:
        overdue = training.overdue_assignments(session, actor=None, today=today)
        expiring = training.expiring_certifications(session, actor=None, today=today, days=days)
    if form is OutputFormat.JSON:
        console.print_json(
            json.dumps(
                {
                    "overdue": [a.model_dump(mode="json") for a in overdue],
                    "expiring": [c.model_dump(mode="json") for c in expiring],
                }
            )
        )
        return
    late = Table("person", "programme", "due", "days late", title="Overdue training")
    for a in overdue:
        late.add_row(a.person_name, a.program_title, a.due_on.isoformat(), str(a.days_overdue))
    renew = Table(
        "person",
        "certification",
        "expires",
        "status",
        title=f"Certifications lapsing within {days} days",
    )
    for c in expiring:
        renew.add_row(
            c.person_name, c.name, c.expires_on.isoformat() if c.expires_on else "—", c.status.value
        )
    console.print(late, renew)
    console.print(
        f"{len(overdue)} overdue, {len(expiring)} to renew; not mailed (no mail settings)"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(roles_app, name="roles")
    app.add_typer(training_app, name="training")
