"""Small simulations shared by the demo tests (built once per test run; they are pure values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from floorlead.demo import DemoConfig, EventRecord, Simulation, TicketRecord, simulate
from floorlead.demo.records import ApprovalRecord

# Wednesday 4 March 2026, 15:00 UTC: mid-afternoon, so work is in progress at the end.
END = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Generated:
    simulation: Simulation
    tickets: list[TicketRecord]
    events: list[EventRecord]
    approvals: list[ApprovalRecord]

    def events_by_ticket(self) -> dict[int, list[EventRecord]]:
        grouped: dict[int, list[EventRecord]] = {}
        for event in self.events:
            grouped.setdefault(event.ticket_id, []).append(event)
        return grouped


def generate(config: DemoConfig) -> Generated:
    simulation = simulate(config)
    tickets, events, approvals = [], [], []
    for batch in simulation.batches(size=500):
        tickets += batch.tickets
        events += batch.events
        approvals += batch.approvals
    return Generated(simulation, tickets, events, approvals)


@cache
def small() -> Generated:
    """One week, six agents: about a thousand tickets."""
    return generate(DemoConfig(end=END, weeks=1, agents=6, seed=11))


@cache
def medium() -> Generated:
    """Three weeks, fifteen agents: enough answers for statistical checks."""
    return generate(DemoConfig(end=END, weeks=3, agents=15, seed=5))
