"""``floorlead schedule`` reads the three files, writes the schedule CSV and prints a summary."""

from __future__ import annotations

import csv
from pathlib import Path

import typer
from typer.testing import CliRunner

from floorlead.cli.schedule import register

SHIFTS = """\
rules: {min_days_off: 2, consecutive_days_off: 2}
templates:
  - name: day
    length: "8:00"
    starts: ["09:00"]
    breaks:
      - {name: lunch, length: 30, paid: false, window: ["3:30", "4:30"]}
"""
AGENTS = "id,name,min_hours,max_hours,hourly_cost\nA1,Ann,15,40,20\nB2,Ben,0,40,22\n"


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test application."""

    register(app)
    return app


def write_inputs(folder: Path, required: str = "2") -> list[str]:
    rows = [f"2026-03-0{2 + d}T{h:02d}:00,{required}" for d in range(5) for h in range(9, 17)]
    (folder / "req.csv").write_text("interval_start,required\n" + "\n".join(rows) + "\n")
    (folder / "shifts.yaml").write_text(SHIFTS)
    (folder / "agents.csv").write_text(AGENTS)
    return [
        "schedule",
        "--requirements",
        str(folder / "req.csv"),
        "--shifts",
        str(folder / "shifts.yaml"),
        "--agents",
        str(folder / "agents.csv"),
        "--output",
        str(folder / "out.csv"),
        "--time-limit",
        "5",
    ]


def test_schedule_command_writes_one_row_per_shift_and_prints_the_gap(tmp_path: Path) -> None:
    result = CliRunner().invoke(make_app(), write_inputs(tmp_path))

    assert result.exit_code == 0, result.output
    assert "LP bound" in result.output and "gap to LP bound" in result.output
    with (tmp_path / "out.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {row["agent"] for row in rows} == {"A1", "B2"}
    assert all(row["breaks"].startswith("lunch ") and "(unpaid)" in row["breaks"] for row in rows)
    assert all(row["paid_hours"] == "7.5" for row in rows)


def test_negative_requirement_exits_with_code_2_and_a_clear_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(make_app(), write_inputs(tmp_path, required="-1"))

    assert result.exit_code == 2
    assert "required must not be negative" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_unreachable_hours_name_the_agent_and_exit_with_code_2(tmp_path: Path) -> None:
    arguments = write_inputs(tmp_path)
    (tmp_path / "agents.csv").write_text("id,name,min_hours,max_hours\nA1,Ann,45,50\n")

    result = CliRunner().invoke(make_app(), arguments)

    assert result.exit_code == 2
    assert "A1 (Ann)" in result.output and "min_hours 45" in result.output
