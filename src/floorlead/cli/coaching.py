"""``floorlead coaching``: coaching from the command line (overdue action items).

Commands act as the first admin account, or as the person given with ``--as EMAIL`` (and see
what that person may see).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from floorlead.cli.context import DataDirOption, console, database, domain_errors, load_settings
from floorlead.cli.tickets import AsOption, FormatOption, OutputFormat, acting_as
from floorlead.clock import SystemClock
from floorlead.coaching import overdue_actions
from floorlead.coaching.schemas import ActionItemPublic
from floorlead.org.queries import team_id_by_name

coaching_app = typer.Typer(help="Coaching: 1:1 action items.", no_args_is_help=True)


def _table(items: list[ActionItemPublic], today: str) -> Table:
    table = Table(title=f"Overdue coaching actions ({len(items)}) on {today}")
    for column in ("Due", "Agent", "Owner", "Action", "1:1"):
        table.add_column(column)
    for item in items:
        table.add_row(
            item.due_on.isoformat(),
            item.agent_name,
            item.owner_name,
            item.description,
            f"#{item.session_id}",
        )
    return table


@coaching_app.command("overdue")
def overdue_command(
    team: str | None = typer.Option(None, "--team", help="Only this team's 1:1s (its name)."),
    as_email: str | None = AsOption,
    output: OutputFormat = FormatOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Open 1:1 action items past their due date, oldest first."""
    today = SystemClock().now().date()
    with domain_errors(), database(load_settings(data_dir)) as session:
        actor = acting_as(session, as_email)
        team_id = team_id_by_name(session, team, field="--team") if team else None
        items = overdue_actions(session, actor=actor, today=today, team_id=team_id)
    if output is OutputFormat.JSON:
        typer.echo(json.dumps([item.model_dump(mode="json") for item in items], indent=2))
        return
    if not items:
        console.print("No overdue coaching actions.")
        return
    console.print(_table(items, today.isoformat()))


def register(app: typer.Typer) -> None:
    app.add_typer(coaching_app, name="coaching")
