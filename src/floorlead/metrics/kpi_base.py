"""What a KPI is: a fact view, the rows it is about, and how they become one number.

A KPI names its view, the rows it is about (``base``) and how those rows become one number:
a ``count``, a ``share`` of rows that ``hit`` (a percentage), a ``stat`` of a column
(median, mean or 90th percentile), or a ``ratio`` of two sums. The same parts give the
drill-down: the tickets (or, for attendance KPIs, the shifts) behind a number; a ratio's
``hit``, when it has one, names the rows behind its numerator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import ibis

from floorlead.metrics.model import Better, Unit
from floorlead.metrics.views import Context

Expr = Callable[[ibis.Table, Context], ibis.Value]
Kind = Literal["count", "share", "stat", "ratio"]


def _all(view: ibis.Table, ctx: Context) -> ibis.BooleanValue:
    return ibis.literal(True)


@dataclass(frozen=True)
class Kpi:
    name: str
    label: str
    group: str
    view: str
    unit: Unit
    better: Better
    kind: Kind
    base: Expr = _all
    hit: Expr | None = None
    value: Expr | None = None
    stat: Literal["median", "mean", "p90"] | None = None
    numerator: Expr | None = None
    denominator: Expr | None = None
    scale: float = 1.0

    @property
    def counts(self) -> str:
        """What a row of the KPI's view is about: tickets, shifts or people."""
        return {"people": "people", "shifts": "shifts"}.get(self.view, "tickets")

    @property
    def drills_to(self) -> str | None:
        """What a drill-down lists: ``tickets``, ``shifts``, or nothing (people)."""
        return None if self.counts == "people" else self.counts

    @property
    def is_total(self) -> bool:
        """A count or a sum: 0 when there is nothing to count, rather than missing."""
        return self.unit in (Unit.COUNT, Unit.HOURS)

    def measure(self, view: ibis.Table, ctx: Context) -> ibis.Value:
        """The aggregate expression: one number per group of view rows."""
        base = self.base(view, ctx)
        if self.kind == "count":
            return view.count(where=base)
        if self.kind == "share":
            assert self.hit is not None
            hits = view.count(where=base & self.hit(view, ctx)).cast("float64")
            return hits * 100.0 / view.count(where=base).nullif(0).cast("float64")
        if self.kind == "stat":
            assert self.value is not None
            column = self.value(view, ctx)
            if self.stat == "median":
                return column.median(where=base)
            if self.stat == "mean":
                return column.mean(where=base)
            return column.quantile(0.9, where=base)
        assert self.numerator is not None and self.denominator is not None
        top = self.numerator(view, ctx).cast("float64")
        return top * self.scale / self.denominator(view, ctx).cast("float64").nullif(0.0)


def col(name: str) -> Expr:
    return lambda view, ctx: view[name]


def total(name: str) -> Expr:
    """The sum of a column over the rows in scope."""
    return lambda view, ctx: view[name].sum()
