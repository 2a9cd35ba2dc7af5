"""The knobs of a demo run: its seed, its length, its size and the moment it ends."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from floorlead.errors import RuleViolation

MIN_AGENTS = 3
REFERENCE_AGENTS = 30
TEAMS = 3
ON_FLOOR_SHARE = 0.55
MAX_AGENTS = 600
MAX_WEEKS = 52
DEFAULT_ADMIN_EMAIL = "admin@floorlead.local"


class DemoConfigError(RuleViolation):
    """A demo setting is out of range."""


@dataclass(frozen=True)
class DemoConfig:
    """Same configuration, same data: every random draw follows from ``seed``.

    ``end`` is the simulated "now": the history covers the ``weeks`` before it, and tickets,
    SLA clocks and help requests are left open at that moment.
    """

    end: datetime
    seed: int = 7
    weeks: int = 8
    agents: int = 30
    tickets_per_agent_week: float = 165.0
    customers_per_agent: int = 100
    admin_email: str = DEFAULT_ADMIN_EMAIL

    def __post_init__(self) -> None:
        if self.end.tzinfo is None or self.end.utcoffset() is None:
            raise DemoConfigError("end must include a time zone offset", field="end")
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise DemoConfigError(f"weeks must be between 1 and {MAX_WEEKS}", field="weeks")
        if not MIN_AGENTS <= self.agents <= MAX_AGENTS:
            raise DemoConfigError(
                f"agents must be between {MIN_AGENTS} and {MAX_AGENTS}", field="agents"
            )
        if self.seed < 0:
            raise DemoConfigError("seed must not be negative", field="seed")
        if self.tickets_per_agent_week <= 0:
            raise DemoConfigError(
                "tickets_per_agent_week must be positive", field="tickets_per_agent_week"
            )
        if self.customers_per_agent < 1:
            raise DemoConfigError(
                "customers_per_agent must be at least 1", field="customers_per_agent"
            )
        if "@" not in self.admin_email:
            raise DemoConfigError("admin_email must be an email address", field="admin_email")
        object.__setattr__(self, "end", self.end.astimezone(UTC).replace(microsecond=0))

    @property
    def weekly_tickets(self) -> float:
        """Tickets per week: ``tickets_per_agent_week`` for a floor of 30 agents, a little less
        per agent on smaller floors and a little more on larger ones (``pooling_factor``)."""
        return self.agents * self.tickets_per_agent_week * pooling_factor(self.agents)

    @property
    def customer_count(self) -> int:
        return self.agents * self.customers_per_agent


def pooling_factor(agents: int) -> float:
    """How much load per agent a floor carries relative to one of 30 agents.

    Planners staff queues by the square-root rule: a load of ``A`` Erlangs needs about
    ``A + sqrt(A)`` agents, so small teams need more agents per unit of work. Solving that for
    ``A`` with the agents of one team on the floor at once (about 55% of it) gives the load per
    agent a floor can carry.
    """
    return _carried_load(agents) / _carried_load(REFERENCE_AGENTS)


def _carried_load(agents: int) -> float:
    """Erlangs per agent on the floor that square-root staffing carries."""
    on_floor = agents / TEAMS * ON_FLOOR_SHARE
    return ((math.sqrt(1 + 4 * on_floor) - 1) / 2) ** 2 / on_floor


def default_end(now: datetime) -> datetime:
    """The default simulated "now": the current time rounded down to the hour, in UTC."""
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
