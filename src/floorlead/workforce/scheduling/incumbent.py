"""The best integer solution a search holds, and how solutions and bounds are combined."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from floorlead.workforce.scheduling.formulation import Formulation


@dataclass(frozen=True)
class Incumbent:
    """An integer solution (empty ``values`` if none), whether it is proven optimal, its bound."""

    proven_optimal: bool
    objective: float
    bound: float
    values: tuple[int, ...]

    @property
    def found(self) -> bool:
        return bool(self.values)


NOTHING = Incumbent(False, math.inf, -math.inf, ())


def incumbent_of(
    formulation: Formulation,
    values: Sequence[float],
    *,
    proven_optimal: bool = False,
    bound: float = -math.inf,
) -> Incumbent:
    """A solver's values as an incumbent, tidied (see ``tidy``), with its exact objective."""
    if len(values) == 0:
        return replace(NOTHING, bound=bound)
    whole = tidy(formulation, values)
    return Incumbent(proven_optimal, formulation.model.objective_of(list(whole)), bound, whole)


def tidy(formulation: Formulation, values: Sequence[float]) -> tuple[int, ...]:
    """Whole values in which no interval counts shortage and excess at once.

    A solver stopped within its gap may leave both slacks of an interval above zero; only
    their difference is fixed by the coverage row, so lowering both to it keeps every row
    and only lowers the objective.
    """
    whole = [round(value) for value in values]
    for cell, under in formulation.under.items():
        over = formulation.over.get(cell)
        if over is not None:
            net = whole[under] - whole[over]
            whole[under], whole[over] = max(net, 0), max(-net, 0)
    return tuple(whole)


def better(first: Incumbent, second: Incumbent) -> Incumbent:
    """The lower-objective solution, with the higher of the two proven bounds."""
    best = first if first.objective <= second.objective else second
    bound = max(first.bound, second.bound)
    return Incumbent(
        best.proven_optimal or best.objective <= bound, best.objective, bound, best.values
    )


def improvement_cutoff(incumbent: Incumbent, gap_tolerance: float) -> float:
    """The objective a new solution must get below to count as better than ``incumbent``.

    Objectives are whole points, so with no tolerance one point better is enough; proving that
    nothing lies below the cutoff proves the incumbent within ``gap_tolerance`` of optimal.
    """
    return incumbent.objective - max(0.5, gap_tolerance * abs(incumbent.objective))
