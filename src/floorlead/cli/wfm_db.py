"""``floorlead wfm``: plan a team's week from the database (not from files).

- ``wfm forecast``: forecast the team's queues (channels) for a week, with backtest scores;
- ``wfm staff``: agents needed per interval (Erlang C/A, chat, deferred work, shrinkage);
- ``wfm schedule``: optimise the week and store it as a draft (``--publish`` to publish it).

Commands act as the first admin account, or as the person given with ``--as EMAIL``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import typer
from sqlalchemy.orm import Session

from floorlead.cli.context import (
    DataDirOption,
    console,
    database,
    domain_errors,
    load_settings,
)
from floorlead.cli.tickets import AsOption, acting_as, team_reference
from floorlead.cli.wfm_report import forecast_table, staff_table, write_forecast, write_staffing
from floorlead.clock import SystemClock
from floorlead.errors import DomainError, RuleViolation
from floorlead.workforce.planning import (
    MODELS,
    build_schedule,
    forecast_team_week,
    staff_team_week,
)
from floorlead.workforce.requirements import StaffingInputs
from floorlead.workforce.rostering import ScheduleSettings
from floorlead.workforce.schedules import publish_schedule
from floorlead.workforce.scheduling.io import read_shift_config

wfm_app = typer.Typer(
    help="Forecast, staff and schedule a team's week from the database.", no_args_is_help=True
)

TeamOption = typer.Option(..., "--team", help="Team name or id.")
WeekOption = typer.Option(
    None, "--week", help="Any day of the week (YYYY-MM-DD); default: this week (forecast) or next."
)
ModelOption = typer.Option("auto", "--model", help=f"One of {', '.join(MODELS)}.")
IntervalOption = typer.Option(30, "--interval-minutes", help="15, 30 or 60.")
OutputOption = typer.Option(None, "--output", dir_okay=False, help="CSV file to write.")
ServiceLevelOption = typer.Option(0.8, "--service-level", help="Share answered in time.")
AnswerOption = typer.Option(20.0, "--answer-seconds", help="Answer time of the service level.")
ShrinkageOption = typer.Option(0.3, "--shrinkage", help="Share of paid time not on queues.")
OccupancyOption = typer.Option(0.85, "--max-occupancy", help="Occupancy cap.")
PatienceOption = typer.Option(
    None, "--patience", help="Callers' mean patience in seconds (Erlang A); default Erlang C."
)
ConcurrencyOption = typer.Option(2, "--chat-concurrency", help="Chats an agent runs at once.")
DeadlineOption = typer.Option(8.0, "--deferred-hours", help="Open hours to answer email in.")


# Fields the rules name, shown as the option that supplied them.
OPTION_OF_FIELD = {
    "service_level": "--service-level",
    "answer_seconds": "--answer-seconds",
    "shrinkage": "--shrinkage",
    "max_occupancy": "--max-occupancy",
    "patience_seconds": "--patience",
    "chat_concurrency": "--chat-concurrency",
    "deferred_deadline_hours": "--deferred-hours",
    "interval_minutes": "--interval-minutes",
    "model": "--model",
    "team_id": "--team",
    "time_limit_seconds": "--time-limit",
    "min_hours": "--min-hours",
}


def register(app: typer.Typer) -> None:
    app.add_typer(wfm_app, name="wfm")


@contextmanager
def planning_errors() -> Iterator[None]:
    """A refused input becomes one line naming the option, and exit code 2."""
    with domain_errors():
        try:
            yield
        except DomainError as exc:
            exc.field = OPTION_OF_FIELD.get(exc.field or "", exc.field)
            raise


def _week(text: str | None, *, ahead: int) -> date:
    if text is None:
        return SystemClock().now().date() + timedelta(weeks=ahead)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"{text!r} is not a date like 2026-03-02", field="--week") from None


@wfm_app.command("forecast")
def forecast_command(
    team: str = TeamOption,
    week: str | None = WeekOption,
    model: str = ModelOption,
    interval_minutes: int = IntervalOption,
    output: Path | None = OutputOption,
    as_email: str | None = AsOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Forecast every queue of the team for the week and print the backtest scores."""
    with planning_errors(), database(load_settings(data_dir)) as session:
        planned, queues = forecast_team_week(
            session,
            actor=acting_as(session, as_email),
            team_id=_team_id(session, team),
            day=_week(week, ahead=0),
            now=SystemClock().now(),
            interval_minutes=interval_minutes,
            model=model,
            scored=True,
        )
    console.print(forecast_table(queues, planned.first_day))
    if output is not None:
        write_forecast(output, queues)


def _team_id(session: Session, team: str) -> int:
    found = team_reference(session, team)
    if found is None:
        raise RuleViolation("give a team name or id", field="--team")
    return found


def _inputs(
    service_level: float,
    answer_seconds: float,
    shrinkage: float,
    max_occupancy: float,
    patience: float | None,
    chat_concurrency: int,
    deferred_hours: float,
) -> StaffingInputs:
    return StaffingInputs(
        service_level=service_level,
        answer_seconds=answer_seconds,
        shrinkage=shrinkage,
        max_occupancy=max_occupancy,
        patience_seconds=patience,
        chat_concurrency=chat_concurrency,
        deferred_deadline_hours=deferred_hours,
    )


@wfm_app.command("staff")
def staff_command(
    team: str = TeamOption,
    week: str | None = WeekOption,
    service_level: float = ServiceLevelOption,
    answer_seconds: float = AnswerOption,
    shrinkage: float = ShrinkageOption,
    max_occupancy: float = OccupancyOption,
    patience: float | None = PatienceOption,
    chat_concurrency: int = ConcurrencyOption,
    deferred_hours: float = DeadlineOption,
    model: str = ModelOption,
    interval_minutes: int = IntervalOption,
    output: Path | None = OutputOption,
    as_email: str | None = AsOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Agents the team needs in every interval of the week, per channel and to schedule."""
    with planning_errors(), database(load_settings(data_dir)) as session:
        staffing = staff_team_week(
            session,
            actor=acting_as(session, as_email),
            team_id=_team_id(session, team),
            day=_week(week, ahead=1),
            now=SystemClock().now(),
            inputs=_inputs(
                service_level,
                answer_seconds,
                shrinkage,
                max_occupancy,
                patience,
                chat_concurrency,
                deferred_hours,
            ),
            interval_minutes=interval_minutes,
            model=model,
        )
    console.print(staff_table(staffing))
    if output is not None:
        write_staffing(output, staffing)


@wfm_app.command("schedule")
def schedule_command(
    team: str = TeamOption,
    week: str | None = WeekOption,
    time_limit: float = typer.Option(20.0, "--time-limit", help="Seconds the optimiser may use."),
    min_hours: float = typer.Option(30.0, "--min-hours", help="Contracted weekly hours, least."),
    max_hours: float = typer.Option(40.0, "--max-hours", help="Contracted weekly hours, most."),
    shifts: Path | None = typer.Option(
        None,
        "--shifts",
        exists=True,
        dir_okay=False,
        help="Shift templates and tour rules (the shifts YAML of `floorlead schedule`).",
    ),
    publish: bool = typer.Option(False, "--publish", help="Publish the schedule at once."),
    service_level: float = ServiceLevelOption,
    answer_seconds: float = AnswerOption,
    shrinkage: float = ShrinkageOption,
    max_occupancy: float = OccupancyOption,
    patience: float | None = PatienceOption,
    chat_concurrency: int = ConcurrencyOption,
    deferred_hours: float = DeadlineOption,
    model: str = ModelOption,
    interval_minutes: int = IntervalOption,
    as_email: str | None = AsOption,
    data_dir: Path | None = DataDirOption,
) -> None:
    """Forecast, staff and optimise the team's week; store it as a draft (or publish it)."""
    now = SystemClock().now()
    with planning_errors(), database(load_settings(data_dir)) as session:
        actor = acting_as(session, as_email)
        config = read_shift_config(shifts) if shifts else None
        built = build_schedule(
            session,
            actor=actor,
            team_id=_team_id(session, team),
            day=_week(week, ahead=1),
            now=now,
            inputs=_inputs(
                service_level,
                answer_seconds,
                shrinkage,
                max_occupancy,
                patience,
                chat_concurrency,
                deferred_hours,
            ),
            settings=ScheduleSettings(
                time_limit_seconds=time_limit,
                min_hours=min_hours,
                max_hours=max_hours,
                templates=config.templates if config else None,
                tour_rules=config.rules if config else None,
            ),
            interval_minutes=interval_minutes,
            model=model,
        )
        if publish:
            publish_schedule(session, actor=actor, schedule_id=built.schedule_id, now=now)
    result = built.result
    console.print(
        f"Schedule {built.schedule_id} ({'published' if publish else 'draft'}): "
        f"{len(result.schedule.shifts)} shifts, {result.status}, objective "
        f"{result.objective.total:,.2f}, lower bound {result.lower_bound:,.2f}, gap "
        f"{result.gap:.2%}, short {result.objective.under_agent_hours:.1f} agent-hours, "
        f"wages {result.objective.wage_cost:,.2f}"
    )
