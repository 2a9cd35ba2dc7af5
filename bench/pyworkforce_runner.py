"""Run staffing cases through pyworkforce (in its own Python 3.12 virtualenv) for bench/wfm.py.

Reads JSON from standard input: {"cases": [{"model": "erlang_c" | "erlang_a", "calls": ...,
"aht_seconds": ..., "interval_seconds": ..., "answer_seconds": ..., "patience_seconds": ...,
"service_level": ..., "max_occupancy": ..., "group": "...", "check": [agents, ...]}, ...]}.
Writes JSON to standard output: per case pyworkforce's required positions and its own service level
at each agent count in "check"; per group the seconds spent in required_positions.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from pyworkforce.queuing import ErlangA, ErlangC


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


def main() -> None:
    cases = json.load(sys.stdin)["cases"]
    seconds: dict[str, float] = {}
    results = []
    for case in cases:
        queue = _queue(case)
        started = time.perf_counter()
        answer = queue.required_positions(
            service_level=case["service_level"], max_occupancy=case.get("max_occupancy", 1.0)
        )
        seconds[case["group"]] = seconds.get(case["group"], 0.0) + time.perf_counter() - started
        levels = {str(agents): _level_at(queue, agents) for agents in case.get("check", [])}
        results.append({"positions": int(answer["raw_positions"]), "service_level_at": levels})
    json.dump({"seconds": seconds, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
