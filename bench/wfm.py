"""Workforce-management benchmarks: staffing maths, then forecasting and scheduling when present.

1. Erlang C required agents for 1,000 queues x 672 fifteen-minute intervals, one week
   (target: 1 s or less).
2. Erlang A required agents for 96 intervals of 10-500 calls per 30 minutes, AHT 180 s, mean
   patience 120 s, 80% in 20 s (target: 50 ms or less).
3. The same staffing by pyworkforce 0.5.4, which needs Python 3.12 and so runs in its own
   virtualenv (bench/.venv-pyworkforce, created on first use): run-time ratio and agreement.
4. ``run()`` of bench/wfm_forecast.py and bench/wfm_schedule.py, when they exist.
5. The schedule bench's plain shift-coverage problem solved by pyworkforce's two CP-SAT models,
   against our results for it from step 4 (the week is not solved twice): objective and run-time
   ratios, and whether the optimal objectives agree.

    python bench/wfm.py [--skip-pyworkforce] [--skip-others] [--json PATH]
"""

from __future__ import annotations

import argparse
import glob
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from floorlead.workforce.erlang import required_agents
from floorlead.workforce.erlang_a import required_agents_erlang_a
from floorlead.workforce.scheduling import plain_coverage_problem, solve_plain_coverage
from floorlead.workforce.scheduling.plain import OBJECTIVES
from floorlead.workforce.staffing import StaffingTargets

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".venv-pyworkforce"
PYWORKFORCE = "pyworkforce==0.5.4"
QUARTER_HOUR = 900.0
HALF_HOUR = 1800.0
PLAIN_SECONDS = 60.0  # the schedule bench's limit for the plain problem, shared by both objectives
PLAIN_CASE = "plain shift coverage, "  # the schedule bench's row label, followed by the objective
console = Console(width=max(130, shutil.get_terminal_size().columns))


def best_seconds(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def erlang_c_grid() -> dict[str, Any]:
    """1,000 queues of different sizes and AHTs over one week of 15-minute intervals (7 x 96)
    with a double-peaked daily curve."""
    rng = np.random.default_rng(2026)
    hours = (np.arange(7 * 96) % 96) / 4
    curve = np.exp(-((hours - 11) ** 2) / 8) + 0.7 * np.exp(-((hours - 15) ** 2) / 6) + 0.03
    size = rng.lognormal(np.log(30), 1.0, (1000, 1))
    calls = rng.poisson(size * curve).astype(float)
    aht = rng.uniform(120, 600, (1000, 1))
    targets = StaffingTargets(service_level=0.8, max_occupancy=0.9)

    def staff() -> np.ndarray:
        return required_agents(
            calls=calls,
            aht_seconds=aht,
            interval_seconds=QUARTER_HOUR,
            answer_seconds=20,
            targets=targets,
        ).agents

    seconds = best_seconds(staff, repeats=3)
    agents = staff()
    return {
        "benchmark": "Erlang C, 1,000 queues x 672 fifteen-minute intervals (one week)",
        "cells": calls.size,
        "seconds": seconds,
        "target_seconds": 1.0,
        "max_agents": int(agents.max()),
        "total_agent_intervals": int(agents.sum()),
    }


def erlang_a_day() -> tuple[dict[str, Any], np.ndarray]:
    calls = np.random.default_rng(96).integers(10, 501, 96).astype(float)
    targets = StaffingTargets(service_level=0.8)

    def staff() -> np.ndarray:
        return required_agents_erlang_a(
            calls=calls,
            aht_seconds=180,
            interval_seconds=HALF_HOUR,
            patience_seconds=120,
            answer_seconds=20,
            targets=targets,
        ).agents

    agents = np.asarray(staff())  # also warms the code paths once
    seconds = best_seconds(staff, repeats=5)
    return {
        "benchmark": "Erlang A, 96 half-hour intervals of 10-500 calls",
        "cells": calls.size,
        "seconds": seconds,
        "target_seconds": 0.05,
        "max_agents": int(agents.max()),
        "total_agent_intervals": int(agents.sum()),
    }, calls


def find_python312() -> str | None:
    candidates = [os.environ.get("PYWORKFORCE_PYTHON"), shutil.which("python3.12")]
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
        candidates += sorted(glob.glob(f"{root.stdout.strip()}/versions/3.12*/bin/python3.12"))
    for candidate in filter(None, candidates):
        probe = [candidate, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 12))"]
        if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
            return candidate
    return None


def pyworkforce_python() -> Path | None:
    """The virtualenv's Python with pyworkforce installed, creating it when missing."""
    python = VENV / "bin" / "python"
    check = [str(python), "-c", "import pyworkforce.queuing, pyworkforce.scheduling"]
    if python.exists() and subprocess.run(check, capture_output=True, check=False).returncode == 0:
        return python
    base = find_python312()
    if base is None:
        console.print("[yellow]pyworkforce skipped: no working python3.12 found[/]")
        return None
    console.print(
        f"creating {VENV.relative_to(BENCH.parent)} with {base} and installing {PYWORKFORCE}"
    )
    subprocess.run([base, "-m", "venv", str(VENV)], check=True, timeout=300)
    install = [str(python), "-m", "pip", "install", "--quiet", PYWORKFORCE]
    installed = subprocess.run(install, capture_output=True, text=True, check=False, timeout=900)
    if installed.returncode != 0:
        console.print(f"[yellow]pyworkforce skipped: pip install failed[/]\n{installed.stderr}")
        return None
    return python


@dataclass(frozen=True)
class Group:
    """Intervals staffed the same way by both tools."""

    label: str
    calls: np.ndarray
    interval_seconds: float = HALF_HOUR
    aht_seconds: float = 180.0
    patience_seconds: float | None = None
    max_occupancy: float | None = None
    service_level: float = 0.8

    def ours(self) -> np.ndarray:
        question = {
            "calls": self.calls,
            "aht_seconds": self.aht_seconds,
            "interval_seconds": self.interval_seconds,
            "answer_seconds": 20.0,
            "targets": StaffingTargets(self.service_level, max_occupancy=self.max_occupancy),
        }
        if self.patience_seconds is None:
            return required_agents(**question).agents
        return required_agents_erlang_a(**question, patience_seconds=self.patience_seconds).agents


def comparison_groups(calls: np.ndarray) -> list[Group]:
    """The day of intervals three ways, and two edge cases: 500 calls, which pyworkforce's Erlang A
    turns into (500 / 30) / (1 / 3) = 50.00000000000001 Erlangs, and 10.6 Erlangs with a loose
    target, where a search starting at round(load + 1) = 12 skips the 11 agents that suffice."""
    return [
        Group("Erlang C", calls),
        Group("Erlang C, occupancy <= 0.85", calls, max_occupancy=0.85),
        Group("Erlang A, patience 120 s", calls, patience_seconds=120.0),
        Group("edge: Erlang A, 500 calls, 80%", np.array([500.0]), patience_seconds=120.0),
        Group("edge: Erlang C, 106 calls, 10%", np.array([106.0]), service_level=0.1),
    ]


def comparison_cases(groups: list[Group]) -> list[dict[str, Any]]:
    cases = []
    for group in groups:
        for volume, agents in zip(group.calls.tolist(), group.ours().tolist(), strict=True):
            cases.append(
                {
                    "group": group.label,
                    "model": "erlang_c" if group.patience_seconds is None else "erlang_a",
                    "calls": volume,
                    "aht_seconds": group.aht_seconds,
                    "interval_seconds": group.interval_seconds,
                    "answer_seconds": 20.0,
                    "patience_seconds": group.patience_seconds,
                    "service_level": group.service_level,
                    "max_occupancy": group.max_occupancy or 1.0,
                    "ours": agents,
                    "check": [agents - 1, agents],
                }
            )
    return cases


def ask_pyworkforce(python: Path, job: dict[str, Any]) -> dict[str, Any]:
    """One job of bench/pyworkforce_runner.py, JSON in and out."""
    done = subprocess.run(
        [str(python), str(BENCH / "pyworkforce_runner.py")],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


def compare_with_pyworkforce(python: Path, calls: np.ndarray) -> list[dict[str, Any]]:
    groups = comparison_groups(calls)
    cases = comparison_cases(groups)
    answer = ask_pyworkforce(python, {"job": "staffing", "cases": cases})
    return [_agreement(group, cases, answer) for group in groups]


def _agreement(group: Group, cases: list[dict[str, Any]], answer: dict[str, Any]) -> dict[str, Any]:
    """Same count, or pyworkforce's own service level shows that ours is enough (it overshoots)."""
    picked = [i for i, case in enumerate(cases) if case["group"] == group.label]
    same = overshoot = unexplained = 0
    for i in picked:
        ours, theirs = cases[i]["ours"], answer["results"][i]["positions"]
        their_level_at_ours = answer["results"][i]["service_level_at"][str(ours)]
        if ours == theirs:
            same += 1
        elif theirs > ours and (their_level_at_ours or 0.0) >= group.service_level:
            overshoot += 1
        else:
            unexplained += 1
    ours_seconds = best_seconds(group.ours, repeats=5)
    theirs_seconds = answer["seconds"][group.label]
    return {
        "intervals": group.label + f" ({len(picked)})",
        "same": same,
        "pyworkforce more": overshoot,
        "unexplained": unexplained,
        "ours s": ours_seconds,
        "pyworkforce s": theirs_seconds,
        "pyworkforce / ours": theirs_seconds / ours_seconds,
    }


def other_benches() -> list[tuple[str, list[dict[str, Any]]]]:
    """``run()`` of the forecasting and scheduling benches; one that is missing or fails is
    reported and skipped, so the staffing figures above still stand."""
    found = []
    for name in ("wfm_forecast", "wfm_schedule"):
        if not (BENCH / f"{name}.py").exists():
            console.print(f"[dim]{name}.py not present: skipped[/]")
            continue
        try:
            rows = list(importlib.import_module(name).run())
        except Exception as exc:  # another area's bench must not hide these results
            console.print(f"[yellow]{name}.run() failed: {exc!r}[/]")
            continue
        found.append((name, rows))
    return found


def compare_plain_coverage(
    python: Path, schedule_rows: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """pyworkforce's MinAbsDifference and MinRequiredResources on the schedule bench's plain
    problem, each given half of the time limit, as each of ours is. Our results come from the
    schedule bench's rows when it ran, so the week is solved here only when it did not."""
    plain = plain_coverage_problem(importlib.import_module("wfm_schedule").realistic_problem())
    ours = _plain_results_in(schedule_rows or []) or solve_plain_coverage(
        plain, time_limit_seconds=PLAIN_SECONDS
    )
    limit = PLAIN_SECONDS / len(OBJECTIVES)
    theirs = ask_pyworkforce(python, {"job": "plain_coverage", "plain": plain, "limit": limit})
    return [_plain_row(name, ours[name], theirs[name]) for name in OBJECTIVES]


def _plain_results_in(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
    """The schedule bench's plain-problem rows, keyed and named as solve_plain_coverage's."""
    found = {
        str(row["case"]).removeprefix(PLAIN_CASE): {**row, "bound": row["lp_bound"]}
        for row in rows
        if str(row.get("case", "")).removeprefix(PLAIN_CASE) in OBJECTIVES
    }
    return found if len(found) == len(OBJECTIVES) else None


def _plain_row(objective: str, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    return {
        "objective": objective,
        "ours": ours["objective"],
        "pyworkforce": theirs["objective"],
        "pyworkforce / ours objective": _ratio(theirs["objective"], ours["objective"]),
        "ours s": ours["wall_seconds"],
        "pyworkforce s": theirs["wall_seconds"],
        "pyworkforce / ours s": _ratio(theirs["wall_seconds"], ours["wall_seconds"]),
        "status ours / pyworkforce": f"{ours['status']} / {theirs['status']}",
        "agree": _plain_agreement(ours, theirs),
    }


def _plain_agreement(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    """Both optimal values equal; pyworkforce's answer re-scored by our definition of the
    objective (the runner's ``rescored``) first, so a different definition shows as such."""
    if ours["objective"] is None or theirs["objective"] is None:
        return "NO: a solver found no answer within the limit"
    if theirs["broken_rows"] or abs(theirs["rescored"] - theirs["objective"]) > 1e-6:
        return (
            f"NO: pyworkforce's cost {theirs['objective']:g} is {theirs['rescored']:g} by our "
            f"definition, {theirs['broken_rows']} rows broken"
        )
    same = abs(ours["objective"] - theirs["objective"]) <= 1e-6
    if ours["status"] == theirs["status"] == "optimal":
        return "yes, both proven optimal" if same else "NO: both proven optimal, values differ"
    tolerance = 1e-6
    consistent = ours["objective"] >= theirs["bound"] - tolerance
    consistent = consistent and theirs["objective"] >= ours["bound"] - tolerance
    return "not both proven; " + ("within both bounds" if consistent else "NO: a bound is beaten")


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if numerator is None or not denominator else numerator / denominator


def show(title: str, rows: list[dict[str, Any]], shown: dict[str, Any]) -> None:
    """Print the rows as a table and keep them in ``shown`` for the JSON copy."""
    if not rows:
        return
    shown[title] = rows
    columns = list(dict.fromkeys(column for row in rows for column in row))
    table = Table(title=title)
    for place, column in enumerate(columns):
        justify = "left" if place == 0 else "right"
        table.add_column(
            column.replace("_", " "), justify=justify, no_wrap=place == 0, overflow="fold"
        )
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    console.print(table)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "-" if value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-pyworkforce", action="store_true")
    parser.add_argument("--skip-others", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every table's rows to this file")
    options = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    shown: dict[str, Any] = {}
    grid = erlang_c_grid()
    day, calls = erlang_a_day()
    for row in (grid, day):
        row["met"] = "yes" if row["seconds"] <= row["target_seconds"] else "NO"
    show("Staffing speed", [grid, day], shown)
    python = None if options.skip_pyworkforce else pyworkforce_python()
    if python is not None:
        title = "pyworkforce 0.5.4 on the same intervals: required agents (20 s answer target)"
        show(title, compare_with_pyworkforce(python, calls), shown)
    benches = {} if options.skip_others else dict(other_benches())
    for name, rows in benches.items():
        show(name, rows, shown)
    if python is not None and (BENCH / "wfm_schedule.py").exists():
        title = "pyworkforce 0.5.4 (CP-SAT) on the plain shift-coverage problem of the bench week"
        show(title, compare_plain_coverage(python, benches.get("wfm_schedule")), shown)
    if options.json:
        options.json.write_text(json.dumps(shown, indent=1, default=str))


if __name__ == "__main__":
    main()
