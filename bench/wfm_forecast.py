"""Forecast accuracy on real call arrivals: a North American bank's call centre, 2003.

Five-minute arrivals on weekdays 07:00-21:00 (Weinberg, Brown & Stroud 2007; the ``bank_calls``
set of the fpp3 R package), kept outside the repository at
``../shared/data/na_bank_2003/bank_calls_5min_2003.csv``. The rows are summed to 30 minutes
(28 intervals a day, 140 open intervals a week; evenings, weekends and the six missing
weekdays are absent), and every model is backtested from weekly origins over the last weeks:
WAPE, MASE (scaled by the in-sample week-over-week seasonal naive error) and fit time.

    python bench/wfm_forecast.py [--weeks 10] [--data PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from floorlead.workforce.forecast import IntervalSeries, backtest, series_from_frame

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "na_bank_2003" / "bank_calls_5min_2003.csv"
INTERVAL_MINUTES = 30
CLOSING_HOUR = 21  # the 21:00 row is a five-minute interval after the 07:00-21:00 day
TIMEZONE = "UTC"  # the file's local clock is used as the queue clock as it stands


def load_bank_calls(path: Path) -> IntervalSeries:
    raw = pd.read_csv(path)
    stamps = pd.to_datetime(raw["datetime"], format="%Y-%m-%d %H:%M")
    keep = (stamps.dt.hour < CLOSING_HOUR).to_numpy()
    frame = pd.DataFrame(
        {
            "interval_start": stamps[keep].dt.tz_localize(TIMEZONE),
            "volume": raw["calls"][keep],
            "aht_seconds": float("nan"),
        }
    )
    return series_from_frame(frame, interval_minutes=INTERVAL_MINUTES, timezone=TIMEZONE)


def run(data_path: Path | None = None, *, weeks: int = 10) -> list[dict[str, object]]:
    """One row per model: WAPE and MASE over ``weeks`` weekly origins, and fit seconds."""
    path = data_path or DATA
    if not path.exists():
        print(f"wfm_forecast skipped: {path} not found", file=sys.stderr)
        return []
    series = load_bank_calls(path)
    started = time.perf_counter()
    scores = backtest(series, weeks=weeks, horizon_days=7)
    elapsed = time.perf_counter() - started
    return [
        {
            "model": score.model.value,
            "origins": score.origins,
            "wape": round(score.wape, 4),
            "mase": round(score.mase, 3),
            "wape_vs_seasonal_naive": round(score.wape_vs_seasonal_naive, 3),
            "fit_seconds": round(score.seconds, 2),
            "backtest_seconds": round(elapsed, 2),
        }
        for score in scores
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=10)
    parser.add_argument("--data", type=Path, default=None)
    options = parser.parse_args()
    rows = run(options.data, weeks=options.weeks)
    if not rows:
        return
    table = Table(title=f"Bank call arrivals, 30-minute intervals, {options.weeks} weekly origins")
    for column in rows[0]:
        justify = "left" if column == "model" else "right"
        table.add_column(column.replace("_", " "), justify=justify, no_wrap=column == "model")
    for row in rows:
        table.add_row(*(str(value) for value in row.values()))
    Console().print(table)


if __name__ == "__main__":
    main()
