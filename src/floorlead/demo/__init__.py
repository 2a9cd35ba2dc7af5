"""The demo contact centre: a deterministic simulator of a support floor and its writer.

``simulate(config)`` returns a ``Simulation`` (organisation, customers, reference data, the
rota of worked shifts, arrivals and queues); ``Simulation.batches()`` yields the tickets with
their events; ``write_simulation(engine, simulation, passwords)`` stores it all.
"""

from floorlead.demo.config import DEFAULT_ADMIN_EMAIL, DemoConfig, DemoConfigError, default_end
from floorlead.demo.records import ApprovalRecord, EventRecord, TicketBatch, TicketRecord
from floorlead.demo.simulator import Simulation, simulate
from floorlead.demo.workspans import Shift, ShiftBreak
from floorlead.demo.writer import DemoPasswords, DemoSummary, has_data, wipe, write_simulation

__all__ = [
    "DEFAULT_ADMIN_EMAIL",
    "ApprovalRecord",
    "DemoConfig",
    "DemoConfigError",
    "DemoPasswords",
    "DemoSummary",
    "EventRecord",
    "Shift",
    "ShiftBreak",
    "Simulation",
    "TicketBatch",
    "TicketRecord",
    "default_end",
    "has_data",
    "simulate",
    "wipe",
    "write_simulation",
]
