"""``floorlead quality``: draw review samples and print QA reports."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from floorlead.cli.context import DataDirOption, console, database, domain_errors, load_settings
from floorlead.clock import SystemClock
from floorlead.org import person_id_by_email, team_id_by_name
from floorlead.quality import queries, reports, service
from floorlead.quality.model import ReportGroup, SampleMethod, Target
from floorlead.quality.schemas import QualityReport, SampleCreate, SamplePublic
from floorlead.quality.scorecards import scorecard_id_by_name

quality_app = typer.Typer(
    help="Quality assurance: review samples and reports.", no_args_is_help=True
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def register(app: typer.Typer) -> None:
    app.add_typer(quality_app, name="quality")


def _scorecard_id(session: Session, name: str | None, now: datetime) -> int:
    if name is None:
        return service.seed_default_scorecard(session, now).id
    return scorecard_id_by_name(session, name, field="--scorecard")


@quality_app.command("sample")
def sample(
    team: Annotated[str, typer.Option("--team", help="Team name.")],
    week: Annotated[
        datetime, typer.Option("--week", formats=["%Y-%m-%d"], help="Any day of the week.")
    ],
    per_agent: Annotated[int, typer.Option(help="Random interactions per agent.")] = 3,
    method: Annotated[SampleMethod, typer.Option(help="random or stratified (by channel).")] = (
        SampleMethod.RANDOM
    ),
    target: Annotated[
        list[Target] | None, typer.Option(help="Also pick these on purpose (repeatable).")
    ] = None,
    targeted_per_agent: Annotated[int, typer.Option(help="Targeted picks per agent.")] = 2,
    scorecard: Annotated[
        str | None, typer.Option(help="Scorecard name (default: the standard one).")
    ] = None,
    reviewer: Annotated[
        list[str] | None, typer.Option(help="Reviewer email, repeatable (default: supervisor).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed (default: from team and week).")] = (
        None
    ),
    data_dir: Path | None = DataDirOption,
) -> None:
    """Draw a team's weekly review sample and assign it to reviewers."""
    now = SystemClock().now()
    with database(load_settings(data_dir)) as session, domain_errors():
        data = SampleCreate(
            team_id=team_id_by_name(session, team, field="--team"),
            week=week.date(),
            scorecard_id=_scorecard_id(session, scorecard, now),
            per_agent=per_agent,
            method=method,
            targets=target or [],
            targeted_per_agent=targeted_per_agent,
            seed=seed,
            reviewer_ids=[
                person_id_by_email(session, e, field="--reviewer") for e in reviewer or []
            ],
        )
        drawn = service.draw_review_sample(session, actor=None, data=data, now=now)
        _print_sample(queries.sample_detail(session, actor=None, sample_id=drawn.id))


def _print_sample(detail: SamplePublic) -> None:
    table = Table(title=f"Review sample {detail.id} · week of {detail.week_start}")
    for column in ("ticket", "channel", "agent", "reviewer", "why"):
        table.add_column(column)
    for a in detail.assignments:
        table.add_row(
            f"#{a.ticket_id}", a.channel, a.agent_name, a.reviewer_name, ", ".join(a.reasons)
        )
    console.print(table)
    console.print(f"{len(detail.assignments)} interactions to review (seed {detail.seed}).")


@quality_app.command("report")
def report(
    team: Annotated[str | None, typer.Option(help="Only this team.")] = None,
    weeks: Annotated[int, typer.Option(min=1, max=104, help="How many weeks.")] = 8,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="A day of the last week (default: this week)."),
    ] = None,
    group: Annotated[ReportGroup, typer.Option(help="agent, team or criterion.")] = (
        ReportGroup.AGENT
    ),
    output: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.TABLE
    ),
    data_dir: Path | None = DataDirOption,
) -> None:
    """Average QA score per agent, team or criterion per week, and the criteria failing most."""
    last_day = until.date() if until else SystemClock().now().date()
    first, last = reports.default_weeks(last_day, weeks)
    with database(load_settings(data_dir)) as session, domain_errors():
        team_id = team_id_by_name(session, team, field="--team") if team else None
        result = reports.quality_report(
            session, actor=None, first_week=first, last_week=last, group=group, team_id=team_id
        )
    if output is OutputFormat.JSON:
        console.print_json(json.dumps(result.model_dump(mode="json")))
        return
    _print_report(result)


def _print_report(result: QualityReport) -> None:
    average = "—" if result.average is None else f"{result.average:.1f}%"
    console.print(
        f"{result.reviews} reviews from {result.first_week} to {result.last_week}; "
        f"average {average}"
    )
    trend = Table(title=f"Score per {result.group.value} and week")
    for column in ("week", result.group.value, "score", "reviews"):
        trend.add_column(column)
    for point in result.trend:
        trend.add_row(str(point.week_start), point.label, f"{point.score:.1f}", str(point.reviews))
    console.print(trend)
    failing = Table(title="Criteria failing most")
    for column in ("criterion", "failed", "answered", "fail rate"):
        failing.add_column(column)
    for f in result.failing:
        failing.add_row(f.label, str(f.failed), str(f.answered), f"{100 * f.fail_rate:.0f}%")
    console.print(failing)
