"""``floorlead wfm forecast|staff|schedule`` plan a team's week from the database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import typer
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from floorlead.cli.wfm_db import register
from floorlead.config import Settings
from floorlead.workforce.tables import Schedule
from service.workforce.wfm_floor import add_phone_history, build_floor

AS_SUPERVISOR = ["--as", "sam@example.com", "--team", "Billing", "--week", "2026-03-02"]


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test application."""

    register(app)
    return app


@pytest.fixture
def data_dir(sqlite_settings: Settings, sqlite_session: Session) -> str:
    floor = build_floor(sqlite_session, agents=2)
    add_phone_history(sqlite_session, floor.team)
    return str(sqlite_settings.data_dir)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(make_app(), list(args))
    return result.exit_code, result.output


def test_forecast_prints_each_queue_and_writes_every_interval(
    data_dir: str, tmp_path: Path
) -> None:
    output = tmp_path / "forecast.csv"

    code, printed = run(
        "wfm", "forecast", *AS_SUPERVISOR, "--model", "seasonal_naive",
        "--output", str(output), "--data-dir", data_dir,
    )  # fmt: skip

    assert code == 0, printed
    assert "Billing/phone" in printed and "seasonal_naive" in printed
    rows = list(csv.DictReader(output.open()))
    assert len(rows) == 7 * 48
    assert float(rows[18]["volume"]) == 10


def test_staff_writes_the_requirement_per_interval(data_dir: str, tmp_path: Path) -> None:
    output = tmp_path / "staff.csv"

    code, printed = run(
        "wfm", "staff", *AS_SUPERVISOR, "--model", "seasonal_naive", "--shrinkage", "0",
        "--output", str(output), "--data-dir", data_dir,
    )  # fmt: skip

    assert code == 0, printed
    rows = list(csv.DictReader(output.open()))
    assert rows[0].keys() == {"interval_start", "phone", "required", "scheduled"}
    assert int(rows[18]["scheduled"]) == float(rows[18]["phone"]) > 0


def test_schedule_stores_and_publishes_the_week(data_dir: str, sqlite_session: Session) -> None:
    code, printed = run(
        "wfm", "schedule", *AS_SUPERVISOR, "--model", "seasonal_naive", "--time-limit", "5",
        "--min-hours", "0", "--publish", "--data-dir", data_dir,
    )  # fmt: skip

    assert code == 0, printed
    assert "(published)" in printed
    stored = sqlite_session.query(Schedule).one()
    assert stored.status == "published"


SHIFTS = """\
rules: {min_days_off: 2}
templates:
  - name: early
    length: "4:00"
    starts: ["08:30"]
    days: [mon, tue, wed, thu, fri]
"""


def test_schedule_takes_shift_templates_from_a_shifts_file(
    data_dir: str, sqlite_session: Session, tmp_path: Path
) -> None:
    shifts = tmp_path / "shifts.yaml"
    shifts.write_text(SHIFTS)

    code, printed = run(
        "wfm", "schedule", *AS_SUPERVISOR, "--model", "seasonal_naive", "--time-limit", "5",
        "--min-hours", "0", "--shifts", str(shifts), "--data-dir", data_dir,
    )  # fmt: skip

    assert code == 0, printed
    stored = sqlite_session.query(Schedule).one()
    assert stored.status == "draft"
    assert {(s.start.hour, s.start.minute, s.end.hour) for s in stored.shifts} == {(8, 30, 12)}


def test_bad_input_names_the_option_and_exits_with_2(data_dir: str) -> None:
    code, printed = run(
        "wfm", "staff", *AS_SUPERVISOR, "--shrinkage", "1.2", "--data-dir", data_dir
    )

    assert code == 2
    assert "(--shrinkage)" in printed
