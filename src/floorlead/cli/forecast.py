"""``floorlead forecast``: contact volume and handle time per interval from a history CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from floorlead.cli.context import console, domain_errors, fail
from floorlead.workforce.forecast import (
    ForecastOptions,
    ModelName,
    QueueForecast,
    forecast_queue,
    read_history,
    read_special_days,
    write_forecast,
)


class ModelChoice(StrEnum):
    AUTO = "auto"
    SEASONAL_NAIVE = ModelName.SEASONAL_NAIVE.value
    MSTL = ModelName.MSTL.value
    HOLT_WINTERS = ModelName.HOLT_WINTERS.value
    BLEND = ModelName.BLEND.value


HistoryOption = Annotated[
    Path,
    typer.Option(
        "--history",
        exists=True,
        dir_okay=False,
        help="CSV with interval_start,volume[,aht_seconds]; finer intervals are summed.",
    ),
]
OutputOption = Annotated[
    Path,
    typer.Option(
        "--output", dir_okay=False, help="CSV to write interval_start,volume,aht_seconds."
    ),
]
SpecialDaysOption = Annotated[
    Path | None,
    typer.Option(
        "--special-days",
        exists=True,
        dir_okay=False,
        help="CSV with start,end,kind,value[,name]: kind is closed, multiplier or volume.",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast)


def forecast(
    history: HistoryOption,
    output: OutputOption,
    interval_minutes: Annotated[int, typer.Option(help="Interval length: 15, 30 or 60.")] = 30,
    horizon_days: Annotated[int, typer.Option(help="Days to forecast.")] = 7,
    model: Annotated[ModelChoice, typer.Option(help="Model; auto picks by backtest.")] = (
        ModelChoice.AUTO
    ),
    special_days: SpecialDaysOption = None,
    report: Annotated[
        bool, typer.Option("--report", help="Print the backtest WAPE/MASE table.")
    ] = False,
    timezone: Annotated[str, typer.Option(help="The queue's IANA time zone.")] = "UTC",
    backtest_weeks: Annotated[int, typer.Option(help="Weekly backtest origins.")] = 8,
) -> None:
    """Forecast volume and handle time for every interval of the horizon (zero when closed)."""
    with domain_errors():
        options = ForecastOptions(
            horizon_days=horizon_days, model=model.value, backtest_weeks=backtest_weeks
        )
        series = read_history(history, interval_minutes=interval_minutes, timezone=timezone)
        overrides = read_special_days(special_days, timezone=timezone) if special_days else []
        result = forecast_queue(
            series, options=options, special_days=overrides, score_models=report
        )
    try:
        write_forecast(result.frame, output)
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror}") from None
    if report:
        console.print(_score_table(result))
    console.print(
        f"Wrote {len(result.frame)} intervals ({result.model.value}, "
        f"{result.frame['volume'].sum():.0f} contacts) to {output}"
    )


def _score_table(result: QueueForecast) -> Table:
    origins = result.scores[0].origins if result.scores else 0
    table = Table(title=f"Backtest from {origins} weekly origins")
    for heading in ("model", "WAPE", "MASE", "WAPE vs seasonal naive", "fit seconds"):
        table.add_column(heading, justify="left" if heading == "model" else "right")
    for score in result.scores:
        chosen = " (used)" if score.model is result.model else ""
        table.add_row(
            f"{score.model.value}{chosen}",
            f"{score.wape:.2%}",
            f"{score.mase:.3f}",
            f"{score.wape_vs_seasonal_naive:.3f}",
            f"{score.seconds:.2f}",
        )
    if not result.scores:
        table.add_row("too little history for a backtest", "-", "-", "-", "-")
    return table
