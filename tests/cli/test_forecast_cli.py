"""``floorlead forecast``: from a history CSV to a forecast CSV, and clear refusals."""

import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner, Result

from floorlead.cli.forecast import register

MONDAY = datetime(2024, 1, 1, tzinfo=UTC)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "workforce" / "forecasting.md"


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test entry point."""

    register(app)
    return app


def run(*args: str) -> Result:
    return CliRunner().invoke(make_app(), ["forecast", *map(str, args)])


def flat(result: Result) -> str:
    return " ".join(result.output.split())


def write_history(path: Path, *, weeks: int = 3, minutes: int = 30, seed: int = 3) -> Path:
    """Weekdays 08:00-18:00 every ``minutes`` minutes; nights and weekends absent."""
    rng = np.random.default_rng(seed)
    stamps = pd.date_range(MONDAY, periods=weeks * 7 * 24 * 60 // minutes, freq=f"{minutes}min")
    hour = stamps.hour + stamps.minute / 60
    open_ = (stamps.dayofweek < 5) & (hour >= 8) & (hour < 18)
    shape = 1 + np.sin((hour - 8) / 10 * np.pi)
    volume = rng.poisson(6 * shape * minutes / 30)
    frame = pd.DataFrame(
        {
            "interval_start": stamps.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "volume": volume,
            "aht_seconds": rng.normal(300, 20, len(stamps)).round(1),
        }
    )
    frame[np.asarray(open_)].to_csv(path, index=False)
    return path


def test_the_forecast_has_one_row_for_every_interval_and_zero_when_closed(
    tmp_path: Path,
) -> None:
    history = write_history(tmp_path / "history.csv")
    output = tmp_path / "forecast.csv"

    result = run("--history", history, "--output", output, "--model", "seasonal_naive")

    assert result.exit_code == 0, result.output
    forecast = pd.read_csv(output)
    assert list(forecast.columns) == ["interval_start", "volume", "aht_seconds"]
    assert len(forecast) == 7 * 48
    stamps = pd.to_datetime(forecast["interval_start"])
    closed = (stamps.dt.dayofweek >= 5) | (stamps.dt.hour < 8) | (stamps.dt.hour >= 18)
    assert (forecast.loc[closed, "volume"] == 0).all()
    assert (forecast.loc[~closed, "volume"] > 0).mean() > 0.9
    assert "Wrote 336 intervals (seasonal_naive" in flat(result)


def test_five_minute_history_is_aggregated_to_the_requested_interval(tmp_path: Path) -> None:
    history = write_history(tmp_path / "history.csv", minutes=5)
    output = tmp_path / "forecast.csv"

    result = run(
        "--history", history, "--output", output, "--interval-minutes", 30,
        "--horizon-days", 3, "--model", "seasonal_naive",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    forecast = pd.read_csv(output, parse_dates=["interval_start"]).set_index("interval_start")
    assert len(forecast) == 3 * 48
    rows = pd.read_csv(history, parse_dates=["interval_start"]).set_index("interval_start")
    last_monday = rows.loc["2024-01-15", "volume"].resample("30min").sum()
    monday = forecast.loc["2024-01-22", "volume"]
    assert monday[monday > 0].tolist() == last_monday[last_monday > 0].tolist()
    assert monday.sum() == last_monday.sum() > 0


def test_the_report_prints_wape_and_mase_for_every_model(tmp_path: Path) -> None:
    history = write_history(tmp_path / "history.csv", weeks=4)

    result = run(
        "--history", history, "--output", tmp_path / "forecast.csv", "--report",
        "--backtest-weeks", 1,
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    text = flat(result)
    assert "Backtest from 1 weekly origins" in text
    for heading in ("WAPE", "MASE", "WAPE vs seasonal naive"):
        assert heading in text
    for model in ("seasonal_naive", "mstl", "holt_winters", "blend"):
        assert re.search(rf"{model}( \(used\))? .*? [\d.]+% .*? [\d.]+", text)
    assert text.count("(used)") == 1


def test_special_days_close_a_day_of_the_forecast(tmp_path: Path) -> None:
    history = write_history(tmp_path / "history.csv")
    special = tmp_path / "special.csv"
    special.write_text("start,end,kind,value,name\n2024-01-22,,closed,,Training day\n")
    output = tmp_path / "forecast.csv"

    result = run(
        "--history", history, "--output", output, "--model", "seasonal_naive",
        "--special-days", special,
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    forecast = pd.read_csv(output, parse_dates=["interval_start"])
    monday = forecast["interval_start"].dt.day == 22
    tuesday = forecast["interval_start"].dt.day == 23
    assert forecast.loc[monday, "volume"].sum() == 0
    assert forecast.loc[tuesday, "volume"].sum() > 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "2024-01-01T08:00:00+00:00,5\n2024-01-01T08:30:00+00:00,-2\n",
            "volume on row 3 is negative",
        ),
        (
            "2024-01-01T08:00:00+00:00,5\nnot-a-date,2\n",
            "interval_start on row 3 is not a timestamp",
        ),
        ("2024-01-01T08:00:00+00:00,5\n2024-01-01T09:00:00+00:00,2\n", "60-minute intervals"),
    ],
)
def test_bad_history_exits_with_code_2_naming_the_row(
    tmp_path: Path, body: str, message: str
) -> None:
    history = tmp_path / "history.csv"
    history.write_text("interval_start,volume\n" + body)

    result = run("--history", history, "--output", tmp_path / "forecast.csv")

    assert result.exit_code == 2
    assert message in flat(result)
    assert not (tmp_path / "forecast.csv").exists()


@pytest.mark.parametrize("days", [0, -1])
def test_a_horizon_of_no_days_exits_with_code_2(tmp_path: Path, days: int) -> None:
    history = write_history(tmp_path / "history.csv")

    result = run("--history", history, "--output", tmp_path / "f.csv", "--horizon-days", days)

    assert result.exit_code == 2
    assert "horizon_days must be 1 or more" in flat(result)


def test_an_unknown_model_exits_with_code_2(tmp_path: Path) -> None:
    history = write_history(tmp_path / "history.csv")

    result = run("--history", history, "--output", tmp_path / "f.csv", "--model", "prophet")

    assert result.exit_code == 2
    assert "prophet" in flat(result)


def test_an_output_folder_that_does_not_exist_exits_with_code_2(tmp_path: Path) -> None:
    history = write_history(tmp_path / "history.csv")
    output = tmp_path / "missing-folder" / "forecast.csv"

    result = run("--history", history, "--output", output, "--model", "seasonal_naive")

    assert result.exit_code == 2
    assert "cannot write" in flat(result)


def test_a_missing_history_file_exits_with_code_2(tmp_path: Path) -> None:
    result = run("--history", tmp_path / "nowhere.csv", "--output", tmp_path / "f.csv")

    assert result.exit_code == 2


def test_every_forecast_option_is_documented() -> None:
    command = typer.main.get_command(make_app()).commands["forecast"]  # type: ignore[attr-defined]
    documented = DOCS.read_text()

    flags = [flag for param in command.params for flag in param.opts if flag.startswith("--")]
    assert flags
    assert [flag for flag in flags if f"`{flag}" not in documented] == []
