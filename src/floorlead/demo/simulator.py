"""The demo contact centre: everything a run generates, from one seed.

``simulate(config)`` builds the organisation, customers, reference data, the rota, the arrivals
and the queues (all small); ``Simulation.batches()`` then tells the tickets' stories one batch
at a time, so memory stays modest however long the history. Every stage draws from its own
numpy Generator spawned from the seed, so the same configuration always gives the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from floorlead.demo.arrivals import LIVE_CHANNELS, Arrivals, arrival_rates, draw_arrivals
from floorlead.demo.clocks import BusinessTime, business_hours_mask
from floorlead.demo.config import DemoConfig
from floorlead.demo.contacts import tell
from floorlead.demo.customers import Customers, build_customers
from floorlead.demo.draws import Draws
from floorlead.demo.finalise import Finisher
from floorlead.demo.floor import Floor
from floorlead.demo.holidays import bank_holidays_between
from floorlead.demo.organisation import Organisation, build_organisation
from floorlead.demo.queueing import (
    WRITTEN_WORK_SECONDS,
    Backlog,
    live_load,
    live_queue,
    written_capacity,
)
from floorlead.demo.records import TicketBatch
from floorlead.demo.reference import OFFICE_HOURS, ReferenceData, build_reference
from floorlead.demo.roster import Roster, build_roster
from floorlead.demo.story import Contact
from floorlead.demo.texts import Texts
from floorlead.demo.timeline import Timeline, build_timeline
from floorlead.demo.workspans import Shift

STAGES = ("organisation", "customers", "roster", "rates", "arrivals", "waits", "stories")
WRITTEN_CHANNELS = frozenset({"email", "web_form", "social"})
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Simulation:
    config: DemoConfig
    timeline: Timeline
    organisation: Organisation
    customers: Customers
    reference: ReferenceData
    roster: Roster
    arrivals: Arrivals
    waits: np.ndarray
    abandoned: np.ndarray
    floor: Floor
    story_seed: np.random.SeedSequence

    @property
    def ticket_count(self) -> int:
        return len(self.arrivals)

    @property
    def shifts(self) -> list[Shift]:
        """Who worked when: every shift that started before the end, with its breaks."""
        return self.roster.shifts

    def batches(self, size: int = BATCH_SIZE) -> Iterator[TicketBatch]:
        """The tickets with their events and approval requests, in ticket order."""
        draws = Draws(np.random.default_rng(self.story_seed))
        texts = Texts(draws)
        finisher = Finisher(self.timeline.start, self.timeline.end_t, self.organisation.skill_ids)
        contacts = self._contacts()
        for first in range(0, self.ticket_count, size):
            batch = TicketBatch([], [], [])
            for contact in contacts[first : first + size]:
                ticket, events, approvals = finisher.finish(tell(contact, self.floor, draws, texts))
                batch.tickets.append(ticket)
                batch.events.extend(events)
                batch.approvals.extend(approvals)
            yield batch

    def _contacts(self) -> list[Contact]:
        a = self.arrivals
        tiers = self.customers.tiers
        columns = zip(
            a.t.tolist(),
            a.channel.tolist(),
            a.team.tolist(),
            a.category.tolist(),
            a.priority.tolist(),
            a.customer.tolist(),
            a.language.tolist(),
            a.agent_created.tolist(),
            self.waits.tolist(),
            self.abandoned.tolist(),
            strict=True,
        )
        return [
            Contact(n, t, ch, team, cat, prio, cust, tiers[cust - 1], lang, made, wait, gave_up)
            for n, (t, ch, team, cat, prio, cust, lang, made, wait, gave_up) in enumerate(
                columns, start=1
            )
        ]


def simulate(config: DemoConfig) -> Simulation:
    seeds = dict(zip(STAGES, np.random.SeedSequence(config.seed).spawn(len(STAGES)), strict=True))
    rng = {stage: np.random.default_rng(seed) for stage, seed in seeds.items()}
    timeline = build_timeline(config.end, config.weeks)
    organisation = build_organisation(config, timeline, rng["organisation"])
    customers = build_customers(config.customer_count, timeline.start, rng["customers"])
    calendar_holidays = bank_holidays_between(timeline.days[0], date(config.end.year + 1, 12, 31))
    reference = build_reference(tuple(calendar_holidays))
    roster = build_roster(organisation, timeline, rng["roster"])
    arrivals = _arrivals(config, timeline, organisation, customers, rng)
    floor, waits, abandoned = _queues(
        timeline, organisation, reference, roster, arrivals, rng["waits"]
    )
    # Callers still queueing at the end are not tickets yet.
    known = arrivals.t + waits <= timeline.end_t
    arrivals, waits, abandoned = arrivals.subset(known), waits[known], abandoned[known]
    return Simulation(
        config=config,
        timeline=timeline,
        organisation=organisation,
        customers=customers,
        reference=reference,
        roster=roster,
        arrivals=arrivals,
        waits=waits,
        abandoned=abandoned,
        floor=floor,
        story_seed=seeds["stories"],
    )


def _arrivals(
    config: DemoConfig,
    timeline: Timeline,
    organisation: Organisation,
    customers: Customers,
    rng: dict[str, np.random.Generator],
) -> Arrivals:
    team_sizes = [len(organisation.members(team.id)) for team in organisation.support_teams]
    return draw_arrivals(
        timeline,
        arrival_rates(timeline, config.weekly_tickets, rng["rates"]),
        organisation.support_teams,
        np.array(team_sizes, dtype=float),
        customers,
        rng["arrivals"],
    )


def _queues(
    timeline: Timeline,
    organisation: Organisation,
    reference: ReferenceData,
    roster: Roster,
    arrivals: Arrivals,
    rng: np.random.Generator,
) -> tuple[Floor, np.ndarray, np.ndarray]:
    """Staffing meets load: live waits and abandonment, and the written backlogs."""
    teams, intervals = len(organisation.support_teams), timeline.intervals
    staffed = roster.staffed()
    load = live_load(
        arrivals.counts(frozenset({"phone"}), teams, intervals),
        arrivals.counts(frozenset({"chat"}), teams, intervals),
    )
    waits = np.zeros(len(arrivals))
    abandoned = np.zeros(len(arrivals), dtype=bool)
    live = np.isin(arrivals.channel, list(LIVE_CHANNELS))
    waits[live], abandoned[live] = live_queue(staffed, load).draw_waits(
        arrivals.team[live], arrivals.t[live], arrivals.channel[live], rng
    )
    capacity = written_capacity(staffed, load)
    inflow = arrivals.counts(WRITTEN_CHANNELS, teams, intervals) * WRITTEN_WORK_SECONDS
    backlogs = tuple(Backlog(capacity[k], inflow[k]) for k in range(teams))
    business = BusinessTime(business_hours_mask(timeline, OFFICE_HOURS))
    floor = Floor(timeline, organisation, reference, roster, backlogs, business)
    return floor, waits, abandoned
