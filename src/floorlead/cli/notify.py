"""``floorlead notify``: send the e-mail outbox, queue daily training reminders, list the outbox.

Exit codes of ``send``: 0 everything due was sent; 1 some e-mail was refused or could not be
delivered (retried later, or given up on); 2 mail is off (``FLOORLEAD_SMTP_HOST`` unset).
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from floorlead.cli.context import (
    DataDirOption,
    console,
    database,
    domain_errors,
    fail,
    load_settings,
)
from floorlead.clock import SystemClock
from floorlead.notifications import (
    MailStatus,
    SmtpConfig,
    SmtpMailer,
    outbox_counts,
    outbox_entries,
    send_pending_mail,
)
from floorlead.org import person_id_by_email
from floorlead.training import queue_training_reminders

MAIL_OFF = "mail is off: set FLOORLEAD_SMTP_HOST (and FLOORLEAD_SMTP_FROM) to send e-mail"

notify_app = typer.Typer(
    help="E-mail notifications: send what waits, queue reminders, list the outbox.",
    no_args_is_help=True,
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def register(app: typer.Typer) -> None:
    app.add_typer(notify_app, name="notify")


@notify_app.command("send")
def send(data_dir: Path | None = DataDirOption) -> None:
    """Send the e-mail waiting in the outbox (exit 1 if some was not sent, 2 if mail is off)."""
    settings = load_settings(data_dir)
    config = SmtpConfig.from_settings(settings)
    if config is None:
        raise fail(MAIL_OFF)
    with database(settings) as session:
        report = send_pending_mail(
            session,
            deliver=SmtpMailer(config).deliver,
            base_url=settings.base_url,
            now=SystemClock().now(),
        )
    console.print(
        f"{report.sent} sent, {report.retrying} to try again later, {report.failed} given up."
    )
    if not report.all_sent:
        raise typer.Exit(1)


@notify_app.command("reminders")
def reminders(
    days: Annotated[
        int, typer.Option(min=0, help="Remind of certifications lapsing within this many days.")
    ] = 30,
    today: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="The day to remind for (default: today, UTC)."),
    ] = None,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Queue today's reminders of overdue training and of certifications to renew (once a day)."""
    settings = load_settings(data_dir)
    now = SystemClock().now()
    with database(settings) as session, domain_errors():
        queued = queue_training_reminders(
            session, today=today.date() if today else now.date(), warn_days=days, now=now
        )
    console.print(
        f"{queued.overdue} overdue-training and {queued.expiring} certification reminders queued."
    )
    if not settings.mail_enabled:
        console.print("Mail is off (FLOORLEAD_SMTP_HOST unset): they are recorded, not sent.")


@notify_app.command("list")
def list_outbox(
    status: Annotated[MailStatus | None, typer.Option(help="pending, sent or failed.")] = None,
    person: Annotated[str | None, typer.Option(help="Only e-mail to this person (email).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many, newest first.")] = 50,
    output: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.TABLE
    ),
    data_dir: Path | None = DataDirOption,
) -> None:
    """The outbox, newest first, with how many e-mails are pending, sent and failed."""
    with database(load_settings(data_dir)) as session, domain_errors():
        person_id = person_id_by_email(session, person, field="--person") if person else None
        entries = outbox_entries(session, status=status, person_id=person_id, limit=limit)
        counts = outbox_counts(session)
    if output is OutputFormat.JSON:
        rows = [{**e.__dict__, "status": e.status.value} for e in entries]
        console.print_json(json.dumps(rows, default=str))
        return
    table = Table(title="Outbox")
    for column in ("id", "to", "subject", "status", "tries", "last error"):
        table.add_column(column)
    for e in entries:
        table.add_row(str(e.id), e.email, e.subject, e.status.value, str(e.attempts), e.last_error)
    console.print(table)
    console.print(", ".join(f"{n} {status.value}" for status, n in counts.items()))
