"""``floorlead kpi`` and ``floorlead export`` on a real database (each backend)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from click.testing import Result
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from floorlead.cli.kpi import register
from floorlead.config import Settings
from floorlead.metrics.tables import KpiTarget
from floorlead.tickets.tables import TicketEvent

from factories import T0, make_person, make_team, make_ticket

runner = CliRunner()
app = typer.Typer()


@app.callback()
def _main() -> None:
    """floorlead (the KPI commands only)."""


register(app)


@pytest.fixture(scope="session")
def postgres_url(postgres_url: str) -> str:
    """The PostgreSQL test database, plus the KPI targets table until it is migrated."""
    engine = create_engine(postgres_url)
    KpiTarget.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    engine.dispose()
    return postgres_url


@pytest.fixture
def folder(session: Session, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> str:
    """A data folder whose database holds two Billing tickets, one answered and solved."""
    monkeypatch.setenv("COLUMNS", "200")
    if settings.database_url:
        monkeypatch.setenv("FLOORLEAD_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("FLOORLEAD_DATABASE_URL", raising=False)
    billing = make_team(session, name="Billing")
    ava = make_person(session, name="Ava", team_id=billing.id)
    solved = make_ticket(session, team_id=billing.id, assignee_id=ava.id, status="solved")
    make_ticket(session, team_id=billing.id, channel="chat", created_at=T0 + timedelta(days=1))
    for kind, minutes, values in (
        ("public_reply", 30, {"actor_id": ava.id, "body": "Refunded."}),
        ("status_change", 40, {"from_value": "new", "to_value": "solved"}),
    ):
        when = T0 + timedelta(minutes=minutes)
        session.add(
            TicketEvent(
                ticket_id=solved.id,
                kind=kind,
                occurred_at=when,
                recorded_at=when,
                data={},
                **values,
            )
        )
    session.commit()
    return str(settings.data_dir)


def run(folder: str, *args: str) -> Result:
    return runner.invoke(app, [*args, "--data-dir", folder])


def test_kpi_json_is_a_list_of_rows_with_slice_keys_and_kpi_fields(folder: str) -> None:
    result = run(
        folder,
        "kpi",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-08",
        "--by",
        "agent",
        "--kpi",
        "tickets_solved",
        "--kpi",
        "first_reply_time_median",
        "--format",
        "json",
    )

    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows == [
        {
            "agent_id": rows[0]["agent_id"],
            "agent_name": "Ava",
            "tickets_solved": 1.0,
            "first_reply_time_median": 1800.0,
        }
    ]


def test_kpi_csv_by_channel_and_day(folder: str) -> None:
    result = run(
        folder,
        "kpi",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-03",
        "--by",
        "channel",
        "--by",
        "day",
        "--kpi",
        "tickets_created",
        "--format",
        "csv",
    )

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["channel"], r["day"], r["tickets_created"]) for r in rows] == [
        ("chat", "2026-03-03", "1.0"),
        ("email", "2026-03-02", "1.0"),
    ]


def test_kpi_table_names_the_period_and_the_definitions(folder: str) -> None:
    result = run(folder, "kpi", "--from", "2026-03-02", "--to", "2026-03-08", "--kpi", "backlog")

    assert result.exit_code == 0, result.output
    assert "definitions v2" in result.output
    assert "backlog" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "yesterday"], "is not a date"),
        (["--kpi", "happiness"], "no KPI named 'happiness'"),
        (["--by", "colour"], "unknown slice 'colour'"),
    ],
)
def test_kpi_refuses_bad_options_clearly(folder: str, args: list[str], message: str) -> None:
    result = run(folder, "kpi", *args)

    assert result.exit_code == 2
    assert message in result.output


def test_export_writes_tickets_to_parquet(folder: str, tmp_path: Path) -> None:
    output = tmp_path / "tickets.parquet"

    result = run(
        folder,
        "export",
        "tickets",
        "--from",
        "2026-03-02",
        "--to",
        "2026-03-02",
        "--format",
        "parquet",
        "--output",
        str(output),
    )

    assert result.exit_code == 0, result.output
    table = pq.read_table(output)
    assert table.num_rows == 1
    assert table.column("first_reply_seconds").to_pylist() == [1800.0]


def test_export_refuses_an_unknown_dataset(folder: str, tmp_path: Path) -> None:
    result = run(folder, "export", "calls", "--format", "csv", "--output", str(tmp_path / "x.csv"))

    assert result.exit_code == 2
    assert "unknown dataset 'calls'" in result.output


def test_the_default_period_is_the_last_four_weeks(folder: str) -> None:
    today = datetime.now(UTC).date()

    result = run(folder, "kpi", "--kpi", "tickets_created", "--format", "table")

    assert result.exit_code == 0, result.output
    assert f"{today - timedelta(days=27)} to {today}" in result.output
