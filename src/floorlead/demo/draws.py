"""Scalar random draws served from blocks drawn by one numpy Generator.

The ticket simulator makes millions of small draws; asking numpy for one number at a time is
slow, so blocks are drawn ahead and handed out in order. The order of calls decides every value,
so the same seed always gives the same history.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")
BLOCK = 65_536


class Draws:
    def __init__(self, rng: np.random.Generator, block: int = BLOCK) -> None:
        self._rng = rng
        self._block = block
        self._uniform: list[float] = []
        self._normal: list[float] = []
        self._u = 0
        self._n = 0

    def uniform(self) -> float:
        """A number in [0, 1)."""
        if self._u == len(self._uniform):
            self._uniform = self._rng.random(self._block).tolist()
            self._u = 0
        value = self._uniform[self._u]
        self._u += 1
        return value

    def normal(self) -> float:
        if self._n == len(self._normal):
            self._normal = self._rng.standard_normal(self._block).tolist()
            self._n = 0
        value = self._normal[self._n]
        self._n += 1
        return value

    def chance(self, probability: float) -> bool:
        return self.uniform() < probability

    def between(self, low: float, high: float) -> float:
        return low + (high - low) * self.uniform()

    def lognormal(self, median: float, sigma: float) -> float:
        """A positive, right-skewed duration with the given median."""
        return median * math.exp(sigma * self.normal())

    def exponential(self, mean: float) -> float:
        return -mean * math.log(1.0 - self.uniform())

    def integer(self, low: int, high: int) -> int:
        """An integer in [low, high]."""
        return low + int(self.uniform() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.uniform() * len(items))]
