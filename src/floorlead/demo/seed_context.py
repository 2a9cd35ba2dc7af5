"""What every extra demo step works with: the simulation, the database and the demo's clock.

The steps after the tickets (schedules and states, quality, coaching, training) act through
the areas' own services as the people who would do it (a supervisor publishes the schedule,
an agent acknowledges a review), at moments inside the simulated window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.demo.organisation import CONTACT_ROLES, Member, Organisation
from floorlead.demo.rota_plan import local_date
from floorlead.demo.simulator import Simulation
from floorlead.demo.timeline import LOCAL_ZONE
from floorlead.org.model import Role
from floorlead.storage import make_session_factory


@dataclass
class SeedContext:
    engine: Engine
    simulation: Simulation
    rng: np.random.Generator
    sessions: sessionmaker[Session] = field(init=False)
    _actors: dict[int, Actor] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.sessions = make_session_factory(self.engine)

    @property
    def org(self) -> Organisation:
        return self.simulation.organisation

    @property
    def end(self) -> datetime:
        return self.simulation.timeline.end

    @property
    def first_day(self) -> date:
        return self.simulation.timeline.days[0]

    @property
    def today(self) -> date:
        return local_date(self.end)

    def actor(self, session: Session, person_id: int) -> Actor:
        if person_id not in self._actors:
            self._actors[person_id] = load_actor(session, person_id)
        return self._actors[person_id]

    def agents(self, team_id: int, *, on: date | None = None) -> list[Member]:
        """The team's agents and senior agents employed on ``on`` (default: today)."""
        day = on or self.today
        return [m for m in self.org.members(team_id, CONTACT_ROLES) if m.is_active_on(day)]

    def supervisor(self, team_id: int) -> Member:
        return self.org.supervisor(team_id)

    def manager(self) -> Member:
        return next(p for p in self.org.people if p.role == Role.MANAGER)

    def coach_of(self, member: Member) -> Member:
        """The person the agent reports to (their supervisor or the team lead)."""
        return self.org.by_id[member.manager_id or self.supervisor(member.team_id or 0).id]

    def team_skill(self, member: Member) -> int:
        """The agent's level in their team's own skill (1-5)."""
        return self.org.team_skill_level(member)

    def before_end(self, moment: datetime, *, margin: timedelta = timedelta(minutes=5)) -> datetime:
        """``moment``, or just before the end when it would lie after it."""
        return min(moment, self.end - margin)


def local_moment(day: date, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` on ``day`` in the demo's local time, as UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_ZONE).astimezone(UTC)


def working_days_back(day: date, count: int) -> date:
    """The working day (Monday to Friday) ``count`` working days before ``day``."""
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day
