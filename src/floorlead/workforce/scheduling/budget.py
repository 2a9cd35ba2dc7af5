"""How ``solve_schedule`` splits its time limit between the steps of the search.

Each step may take a share of the time left when it starts (``DAY_SHARE`` is of the whole
limit); a step that finishes early leaves its time to the next. On the 150-agent bench week
with a 60-second limit the LP takes 3-18 s and the first schedule 3-7 s more, by load.

1. The LP relaxation: the lower bound every result is measured against (``LP_SHARE``).
2. A first schedule rounded from the LP solution (``ROUNDING_SHARE``), its breaks placed by
   HiGHS (``BREAKS_SHARE``).
3. Improvement until the deadline: CP-SAT on small models (``CP_SAT_SHARE``); then each day
   re-solved in turn with the rest of the week fixed, until no day improves (no day longer
   than ``DAY_SHARE`` of the limit: generous, because a day that cannot improve is proven so
   in about a second, and one that can may need several seconds on a busy machine); then
   HiGHS's branch and bound on the full model below the best objective so far, for all the
   time left, to improve it further or prove it optimal.
4. ``FINISH_SHARE`` of the limit is kept back: HiGHS can overrun its own time limit by a
   second or more on a busy machine, and the solution must still be turned into shifts with
   their coverage (a tenth of a second) within the limit.
Whatever step the deadline falls in, the best schedule found so far is returned.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

LP_SHARE = 0.4
ROUNDING_SHARE = 0.05
BREAKS_SHARE = 0.1
CP_SAT_SHARE = 0.25
DAY_SHARE = 0.2
FINISH_SHARE = 0.05
_SHORTEST = 0.1


@dataclass(frozen=True)
class TimeBudget:
    """A time limit counted from construction; shares are of the time left unless named."""

    limit_seconds: float
    started: float = field(default_factory=time.perf_counter)

    @property
    def deadline(self) -> float:
        return self.started + self.limit_seconds * (1 - FINISH_SHARE)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def left(self) -> float:
        return max(self.deadline - time.perf_counter(), 0.0)

    def share(self, fraction: float) -> float:
        """Seconds for a phase that may take ``fraction`` of the time left."""
        return max(self.left() * fraction, _SHORTEST)

    def ends_after(self, fraction: float) -> float:
        """The deadline of a phase that may take ``fraction`` of the time left."""
        return time.perf_counter() + self.share(fraction)

    def share_of_limit(self, fraction: float) -> float:
        """Seconds for a step that may take ``fraction`` of the whole limit."""
        return max(self.limit_seconds * fraction, _SHORTEST)
