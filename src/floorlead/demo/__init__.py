"""The demo contact centre: a deterministic simulator of a support floor and its writer.

``simulate(config)`` returns a ``Simulation`` (organisation, customers, reference data, the
rota of worked shifts, arrivals and queues); ``Simulation.batches()`` yields the tickets with
their events; ``write_simulation(engine, simulation, passwords)`` stores it all, and
``write_extras(engine, simulation)`` adds schedules, agent states, quality reviews, coaching
and training on top (loaded on first use: it pulls in those areas).
"""

import importlib
from typing import TYPE_CHECKING, Any

from floorlead.demo.config import DEFAULT_ADMIN_EMAIL, DemoConfig, DemoConfigError, default_end
from floorlead.demo.records import ApprovalRecord, EventRecord, TicketBatch, TicketRecord
from floorlead.demo.simulator import Simulation, simulate
from floorlead.demo.workspans import Shift, ShiftBreak
from floorlead.demo.writer import DemoPasswords, DemoSummary, has_data, wipe, write_simulation

if TYPE_CHECKING:
    from floorlead.demo.extras import EXTRA_STEPS, ExtraStep, run_step, write_extras

_EXTRAS = ("EXTRA_STEPS", "ExtraStep", "run_step", "write_extras")

__all__ = [
    "DEFAULT_ADMIN_EMAIL",
    "EXTRA_STEPS",
    "ApprovalRecord",
    "DemoConfig",
    "DemoConfigError",
    "DemoPasswords",
    "DemoSummary",
    "EventRecord",
    "ExtraStep",
    "Shift",
    "ShiftBreak",
    "Simulation",
    "TicketBatch",
    "TicketRecord",
    "default_end",
    "has_data",
    "run_step",
    "simulate",
    "wipe",
    "write_extras",
    "write_simulation",
]


def __getattr__(name: str) -> Any:
    if name not in _EXTRAS:
        raise AttributeError(f"module 'floorlead.demo' has no attribute {name!r}")
    return getattr(importlib.import_module("floorlead.demo.extras"), name)
