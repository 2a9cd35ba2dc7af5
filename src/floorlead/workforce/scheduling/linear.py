"""A solver-neutral integer linear model: built once, handed to CP-SAT and to HiGHS alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix


@dataclass
class LinearModel:
    """Integer variables with bounds and costs, and rows ``lower <= sum(coef * var) <= upper``."""

    lower: list[int] = field(default_factory=list)
    upper: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_starts: list[int] = field(default_factory=lambda: [0])
    row_columns: list[int] = field(default_factory=list)
    row_values: list[int] = field(default_factory=list)

    @property
    def variable_count(self) -> int:
        return len(self.lower)

    @property
    def row_count(self) -> int:
        return len(self.row_lower)

    def add_variable(self, lower: int, upper: int, cost: int = 0) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.costs.append(cost)
        return len(self.lower) - 1

    def add_cost(self, variable: int, cost: int) -> None:
        self.costs[variable] += cost

    def add_row(self, terms: Iterable[tuple[int, int]], lower: float, upper: float) -> None:
        """Add a row; repeated variables are summed, zero coefficients dropped."""
        merged: dict[int, int] = {}
        for variable, coefficient in terms:
            merged[variable] = merged.get(variable, 0) + coefficient
        merged = {variable: value for variable, value in merged.items() if value != 0}
        if not merged:
            if not lower <= 0 <= upper:
                raise ValueError("an empty row that cannot hold was added to the model")
            return
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_columns.extend(merged)
        self.row_values.extend(merged.values())
        self.row_starts.append(len(self.row_columns))

    def rows(self) -> Iterable[tuple[list[int], list[int], float, float]]:
        for number in range(self.row_count):
            first, last = self.row_starts[number], self.row_starts[number + 1]
            yield (
                self.row_columns[first:last],
                self.row_values[first:last],
                self.row_lower[number],
                self.row_upper[number],
            )

    def matrix(self) -> csr_matrix:
        return csr_matrix(
            (
                np.asarray(self.row_values, dtype=float),
                np.asarray(self.row_columns, dtype=np.int64),
                np.asarray(self.row_starts, dtype=np.int64),
            ),
            shape=(self.row_count, self.variable_count),
        )

    def objective_of(self, values: list[int]) -> int:
        return int(sum(cost * value for cost, value in zip(self.costs, values, strict=True)))


INFINITY = float("inf")
