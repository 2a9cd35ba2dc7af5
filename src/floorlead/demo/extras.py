"""The demo beyond tickets: schedules and agent states, quality reviews, coaching, training.

These steps run after ``write_simulation`` on the written database, each with its own numpy
Generator spawned from the demo's seed (after the simulator's stages), so the same
configuration always gives the same rows. ``write_extras`` runs them in order and tells
``on_step`` when each starts and ends (the command line shows them as progress bars).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, text

from floorlead.demo.coaching_seed import CoachingSummary, seed_coaching
from floorlead.demo.quality_seed import QualitySummary, seed_quality
from floorlead.demo.seed_context import SeedContext
from floorlead.demo.simulator import STAGES, Simulation
from floorlead.demo.training_seed import TrainingSummary, seed_training
from floorlead.demo.workforce_seed import WorkforceSummary, seed_workforce


def refresh_statistics(context: SeedContext) -> None:
    """Let the query planner know the freshly loaded tables (ticket events above all)."""
    with context.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


@dataclass(frozen=True)
class ExtraStep:
    name: str
    description: str
    run: Callable[[SeedContext], object]


EXTRA_STEPS = (
    ExtraStep("statistics", "Updating database statistics", refresh_statistics),
    ExtraStep("workforce", "Publishing schedules and agent states", seed_workforce),
    ExtraStep("quality", "Reviewing quality", seed_quality),
    ExtraStep("coaching", "Coaching and team life", seed_coaching),
    ExtraStep("training", "Training and careers", seed_training),
)


def step_seed(simulation: Simulation, step: ExtraStep) -> np.random.SeedSequence:
    """The step's seed: spawned from the demo's seed after the simulator's own stages."""
    children = np.random.SeedSequence(simulation.config.seed).spawn(len(STAGES) + len(EXTRA_STEPS))
    return children[len(STAGES) + EXTRA_STEPS.index(step)]


@dataclass
class ExtrasSummary:
    workforce: WorkforceSummary | None = None
    quality: QualitySummary | None = None
    coaching: CoachingSummary | None = None
    training: TrainingSummary | None = None

    def describe(self) -> str:
        parts = []
        if self.workforce:
            parts.append(f"{self.workforce.schedules} schedules")
            parts.append(f"{self.workforce.agent_states:,} agent states")
        if self.quality:
            parts.append(f"{self.quality.reviews} quality reviews")
        if self.coaching:
            parts.append(f"{self.coaching.one_on_ones} 1:1s, {self.coaching.kudos} kudos")
        if self.training:
            parts.append(f"{self.training.assignments} training assignments")
        return "Also " + ", ".join(parts) if parts else ""


def run_step(engine: Engine, simulation: Simulation, step: ExtraStep) -> object:
    """Run one extra step on a database that holds the written simulation."""
    rng = np.random.default_rng(step_seed(simulation, step))
    return step.run(SeedContext(engine, simulation, rng))


def write_extras(
    engine: Engine,
    simulation: Simulation,
    *,
    on_step: Callable[[ExtraStep, bool], None] | None = None,
) -> ExtrasSummary:
    """Every extra step in order; ``on_step(step, done)`` hears each start and end."""
    summary = ExtrasSummary()
    for step in EXTRA_STEPS:
        if on_step is not None:
            on_step(step, False)
        result = run_step(engine, simulation, step)
        if step.name in ExtrasSummary.__dataclass_fields__:
            setattr(summary, step.name, result)
        if on_step is not None:
            on_step(step, True)
    return summary
