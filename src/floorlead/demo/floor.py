"""The contact-centre floor the tickets meet: teams, rota, queues, clocks and authority."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from floorlead.demo.clocks import BusinessTime, CalendarTime, SlaClock
from floorlead.demo.draws import Draws
from floorlead.demo.organisation import Member, Organisation, TeamSpec
from floorlead.demo.queueing import Backlog
from floorlead.demo.reference import ReferenceData, SlaPolicySpec
from floorlead.demo.roster import Roster
from floorlead.demo.timeline import INTERVAL_SECONDS, Timeline
from floorlead.org import ApprovalAboveAuthority, ChainLink, approver_for
from floorlead.org.model import Role

# Share of the queued written work a ticket waits behind, by priority.
QUEUE_SHARE = {"urgent": 0.1, "high": 0.4, "normal": 1.0, "low": 1.2}
ENTERPRISE_QUEUE_SHARE = 0.6
NEW_STARTER_DAYS = 42
NEW_STARTER_FACTOR = 1.2


@dataclass(frozen=True)
class Pick:
    person_id: int
    strategy: str
    t: float


@dataclass(frozen=True)
class Floor:
    timeline: Timeline
    org: Organisation
    reference: ReferenceData
    roster: Roster
    backlogs: tuple[Backlog, ...]
    business: BusinessTime
    calendar: CalendarTime = field(default_factory=CalendarTime)

    def team(self, team_index: int) -> TeamSpec:
        return self.org.support_teams[team_index]

    def person(self, person_id: int) -> Member:
        return self.org.by_id[person_id]

    def pickup(self, team_index: int, t: float, priority: str, tier: str) -> float:
        share = QUEUE_SHARE[priority] * (ENTERPRISE_QUEUE_SHARE if tier == "enterprise" else 1.0)
        return self.backlogs[team_index].pickup(t, share)

    def pick_agent(
        self, draws: Draws, team_index: int, t: float, language: str | None, *, live: bool = False
    ) -> Pick | None:
        """An agent on the floor at ``t`` (or the first moment one is), preferring speakers."""
        moment = t
        while moment < self.timeline.horizon_t:
            people = self.roster.on_floor(team_index, moment)
            if people:
                speakers = [p for p in people if language and self.person(p).skill_level(language)]
                if speakers:
                    return Pick(draws.pick(speakers), "skill_based", moment)
                return Pick(draws.pick(people), "skill_based" if live else "round_robin", moment)
            moment = (moment // INTERVAL_SECONDS + 1) * INTERVAL_SECONDS
        return None

    def handle_factor(self, person_id: int, skill: str | None, t: float) -> float:
        """How much longer (>1) or shorter (<1) than usual this person takes on this work."""
        person = self.person(person_id)
        level = person.skill_level(skill) if skill else 3
        factor = 1.3 - 0.1 * level if level else 1.4
        day = self.timeline.days[self._day_index(t)]
        if (day - person.hire_date).days < NEW_STARTER_DAYS:
            factor *= NEW_STARTER_FACTOR
        return factor

    def _day_index(self, t: float) -> int:
        i = min(max(int(t // INTERVAL_SECONDS), 0), self.timeline.intervals - 1)
        return int(self.timeline.day_index[i])

    def senior_for(self, draws: Draws, team_index: int, t: float, exclude: int) -> Pick | None:
        """A senior agent of the team to take over, the soonest available."""
        team_id = self.team(team_index).id
        seniors = [
            m.id
            for m in self.org.members(team_id, frozenset({Role.SENIOR_AGENT}))
            if m.id != exclude
        ]
        return self._soonest(draws, seniors, t)

    def helper_for(self, draws: Draws, team_index: int, t: float, exclude: int) -> Pick | None:
        """Who answers a call for help: a senior on the floor, else the team's leaders."""
        team_id = self.team(team_index).id
        on_floor = [
            p
            for p in self.roster.on_floor(team_index, t)
            if p != exclude and self.person(p).role == Role.SENIOR_AGENT
        ]
        if on_floor:
            return Pick(draws.pick(on_floor), "manual", t)
        leaders = [m.id for m in self.org.members(team_id, frozenset({Role.TEAM_LEAD}))]
        return self._soonest(draws, [*leaders, self.org.supervisor_ids[team_id]], t)

    def _soonest(self, draws: Draws, people: list[int], t: float) -> Pick | None:
        best: Pick | None = None
        for person_id in people:
            when = self.roster.next_available(person_id, t)
            if when is not None and (best is None or when < best.t):
                best = Pick(person_id, "manual", when)
        return best

    def approver_for(self, requester_id: int, approval_type: str, amount: Decimal) -> int | None:
        """Who may approve: the requester when it is within their own limit, else the first
        person up the reporting chain whose limit covers it; None when nobody's does."""
        chain = []
        person_id: int | None = requester_id
        while person_id is not None:
            person = self.person(person_id)
            chain.append(ChainLink(person.id, person.role, person.name))
            person_id = person.manager_id
        try:
            link = approver_for(
                approval_type=approval_type,
                amount=amount,
                chain=chain,
                limits=self.reference.approval_limits,
            )
        except ApprovalAboveAuthority:
            return None
        return link.person_id

    def clock_for(self, policy: SlaPolicySpec) -> SlaClock:
        return self.business if policy.calendar_id is not None else self.calendar
