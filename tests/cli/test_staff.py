"""``floorlead staff``: one interval or a CSV of intervals, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from floorlead.cli.staff import register

runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Keeps typer in subcommand mode."""

    register(app)
    return app


def staff(*arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(make_app(), ["staff", *arguments])
    return result.exit_code, result.stdout, result.stderr


def write_intervals(folder: Path, rows: list[str]) -> Path:
    path = folder / "intervals.csv"
    path.write_text("interval_start,calls,aht_seconds\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_worked_example_as_json() -> None:
    code, out, _ = staff(
        "--calls",
        "100",
        "--interval-minutes",
        "30",
        "--aht",
        "180",
        "--service-level",
        "0.8",
        "--answer-seconds",
        "20",
        "--max-occupancy",
        "0.85",
        "--shrinkage",
        "0.3",
        "--format",
        "json",
    )

    payload = json.loads(out)
    assert code == 0
    assert payload["agents"] == 14
    assert payload["scheduled_agents"] == 20
    assert payload["service_level"] == pytest.approx(0.888, abs=5e-4)
    assert payload["occupancy"] == pytest.approx(0.714, abs=5e-4)
    assert payload["wait_probability"] == pytest.approx(0.174, abs=5e-4)
    assert payload["asa_seconds"] == pytest.approx(7.8, abs=0.05)
    assert "abandon_rate" not in payload


def test_patience_switches_to_erlang_a_and_reports_abandonment() -> None:
    code, out, _ = staff("--calls", "100", "--aht", "180", "--patience", "120", "--format", "json")

    payload = json.loads(out)
    assert code == 0
    assert payload["agents"] == 12
    assert 0 < payload["abandon_rate"] < 0.1
    assert payload["service_level_definition"] == "all_arrivals"


def test_service_level_definition_can_be_chosen() -> None:
    code, out, _ = staff(
        "--calls",
        "100",
        "--aht",
        "180",
        "--patience",
        "120",
        "--sl-definition",
        "exclude_short_abandons",
        "--short-abandon-seconds",
        "5",
        "--format",
        "json",
    )

    assert code == 0
    assert json.loads(out)["service_level_definition"] == "exclude_short_abandons"


def test_table_output_shows_the_staffing() -> None:
    code, out, _ = staff("--calls", "100", "--aht", "180", "--shrinkage", "0.3")

    assert code == 0
    assert "Erlang C" in out
    assert "scheduled" in out
    assert "88.8%" in out


def test_many_intervals_from_csv_to_csv(tmp_path: Path) -> None:
    source = write_intervals(
        tmp_path, ["2026-03-02T09:00:00Z,100,180", "2026-03-02T09:30:00+01:00,0,200"]
    )
    target = tmp_path / "staffing.csv"

    code, out, _ = staff("--input", str(source), "--output", str(target), "--shrinkage", "0.3")

    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert code == 0
    assert "wrote 2 intervals" in out
    assert [row["interval_start"] for row in rows] == [
        "2026-03-02T09:00:00+00:00",
        "2026-03-02T08:30:00+00:00",
    ]
    assert [row["agents"] for row in rows] == ["14", "0"]
    assert rows[0]["scheduled_agents"] == "20"


def test_many_intervals_as_json(tmp_path: Path) -> None:
    source = write_intervals(
        tmp_path, ["2026-03-02T09:00:00Z,100,180", "2026-03-02T09:30:00Z,200,180"]
    )

    code, out, _ = staff("--input", str(source), "--format", "json", "--patience", "120")

    payload = json.loads(out)
    assert code == 0
    assert [row["agents"] for row in payload] == [12, 22]
    assert all("abandon_rate" in row for row in payload)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--calls", "-5", "--aht", "180"], "--calls"),
        (["--calls", "100", "--aht", "0"], "--aht"),
        (["--calls", "100", "--aht", "180", "--service-level", "1.2"], "--service-level"),
        (["--calls", "100", "--aht", "180", "--service-level", "0"], "--service-level"),
        (["--calls", "100", "--aht", "180", "--interval-minutes", "0"], "--interval-minutes"),
        (["--calls", "100", "--aht", "180", "--patience", "0"], "--patience"),
        (["--calls", "100", "--aht", "180", "--max-occupancy", "1.5"], "--max-occupancy"),
        (["--calls", "100", "--aht", "180", "--shrinkage", "1"], "--shrinkage"),
        (["--calls", "100"], "--aht"),
        (["--aht", "180"], "--calls"),
        (["--calls", "100", "--aht", "180", "--format", "xml"], "--format"),
    ],
)
def test_bad_input_exits_with_code_two_and_a_clear_message(
    arguments: list[str], message: str
) -> None:
    code, out, err = staff(*arguments)

    assert code == 2
    assert message in out + err
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-03-02 09:00,100,180", "time zone"),
        ("tomorrow,100,180", "ISO 8601"),
        ("2026-03-02T09:00Z,lots,180", "calls must be a number"),
        ("2026-03-02T09:00Z,100,-180", "aht_seconds must be greater than 0"),
    ],
)
def test_bad_csv_rows_name_the_line(tmp_path: Path, row: str, message: str) -> None:
    source = write_intervals(tmp_path, [row])

    code, _, err = staff("--input", str(source))

    assert code == 2
    assert "line 2" in err
    assert message in err


def test_a_csv_without_the_columns_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "wrong.csv"
    source.write_text("start,volume\n2026-03-02T09:00Z,100\n", encoding="utf-8")

    code, _, err = staff("--input", str(source))

    assert code == 2
    assert "aht_seconds" in err
