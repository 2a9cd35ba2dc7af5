"""Run bench/wfm.py's comparison jobs through pyworkforce, in its own Python 3.12 virtualenv.

Reads one JSON job from standard input and writes the answer as JSON to standard output.

``{"job": "staffing", "cases": [{"model": "erlang_c" | "erlang_a", "calls": ..., "aht_seconds":
..., "interval_seconds": ..., "answer_seconds": ..., "patience_seconds": ..., "service_level":
..., "max_occupancy": ..., "group": "...", "check": [agents, ...]}, ...]}`` (the default job):
per case pyworkforce's required positions and its own service level at each agent count in
"check"; per group the seconds spent in required_positions.

``{"job": "plain_coverage", "plain": {num_days, periods, shifts_coverage, required_resources,
max_period_concurrency, max_shift_concurrency, ...}, "limit": seconds}``: the plain
shift-coverage problem solved by ``MinAbsDifference`` and ``MinRequiredResources`` with their
default CP-SAT set-up and ``limit`` as max_search_time; per model the status, the objective
pyworkforce reports, the best bound CP-SAT proved, the seconds spent in solve(), the shifts
started, and that answer re-scored by floorlead's definition of the objective (sum over days and
periods of |covered - required|, or the number of shift starts) with the count of coverage rows
it breaks, so a different definition of the objective would show.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from pyworkforce.queuing import ErlangA, ErlangC
from pyworkforce.scheduling import MinAbsDifference, MinRequiredResources

PLAIN_FIELDS = (
    "num_days",
    "periods",
    "shifts_coverage",
    "required_resources",
    "max_period_concurrency",
    "max_shift_concurrency",
)
PLAIN_MODELS = {
    "min_abs_difference": MinAbsDifference,
    "min_required_resources": MinRequiredResources,
}


def _queue(case: dict[str, Any]) -> ErlangA | ErlangC:
    common = {
        "transactions": case["calls"],
        "aht": case["aht_seconds"] / 60,
        "asa": case["answer_seconds"] / 60,
        "interval": case["interval_seconds"] / 60,
    }
    if case["model"] == "erlang_a":
        return ErlangA(**common, patience=case["patience_seconds"] / 60)
    return ErlangC(**common)


def _level_at(queue: ErlangA | ErlangC, agents: int) -> float | None:
    try:
        return float(queue.service_level(agents))
    except ValueError:  # Erlang C refuses agents at or below the load
        return None


def staffing(job: dict[str, Any]) -> dict[str, Any]:
    seconds: dict[str, float] = {}
    results = []
    for case in job["cases"]:
        queue = _queue(case)
        started = time.perf_counter()
        answer = queue.required_positions(
            service_level=case["service_level"], max_occupancy=case.get("max_occupancy", 1.0)
        )
        seconds[case["group"]] = seconds.get(case["group"], 0.0) + time.perf_counter() - started
        levels = {str(agents): _level_at(queue, agents) for agents in case.get("check", [])}
        results.append({"positions": int(answer["raw_positions"]), "service_level_at": levels})
    return {"seconds": seconds, "results": results}


def plain_coverage(job: dict[str, Any]) -> dict[str, Any]:
    plain = job["plain"]
    answers = {}
    for objective, model_class in PLAIN_MODELS.items():
        model = model_class(
            **{field: plain[field] for field in PLAIN_FIELDS}, max_search_time=float(job["limit"])
        )
        started = time.perf_counter()
        solution = model.solve()
        seconds = time.perf_counter() - started
        solved = solution["status"] in ("OPTIMAL", "FEASIBLE")
        shifts = solution["resources_shifts"] if solved else []
        rescored, broken = _rescore(plain, objective, shifts)
        answers[objective] = {
            "status": solution["status"].lower(),
            "objective": float(solution["cost"]) if solved else None,
            "bound": float(model.solver.BestObjectiveBound()),
            "wall_seconds": seconds,
            "resources_shifts": shifts,
            "rescored": rescored,
            "broken_rows": broken,
        }
    return answers


def _rescore(
    plain: dict[str, Any], objective: str, shifts: list[dict[str, Any]]
) -> tuple[float, int]:
    """The answer's objective by floorlead's definition, and how many coverage rows it breaks."""
    starts = {(row["day"], row["shift"]): row["resources"] for row in shifts}
    difference = broken = 0
    for day, required in enumerate(plain["required_resources"]):
        for period, needed in enumerate(required):
            covered = sum(
                starts.get((day, name), 0)
                for name, row in plain["shifts_coverage"].items()
                if row[period]
            )
            difference += abs(covered - needed)
            under = objective == "min_required_resources" and covered < needed
            broken += under or covered > plain["max_period_concurrency"]
    broken += sum(count > plain["max_shift_concurrency"] for count in starts.values())
    return float(difference if objective == "min_abs_difference" else sum(starts.values())), broken


JOBS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "staffing": staffing,
    "plain_coverage": plain_coverage,
}


def main() -> None:
    job = json.load(sys.stdin)
    kind = job.get("job", "staffing")
    if kind not in JOBS:
        raise SystemExit(f"job must be one of {sorted(JOBS)}, not {kind!r}")
    json.dump(JOBS[kind](job), sys.stdout)


if __name__ == "__main__":
    main()
