"""Which interactions to review: N per agent at random or stratified by channel, plus targets.

For each agent, targeted interactions come first (up to ``targeted_per_agent``, those matching
the most targets first), then ``per_agent`` more are drawn from the rest: uniformly at random,
or stratified by channel with seats allocated in proportion to the agent's contacts per
channel (largest remainders). Interactions in ``excluded`` — already sampled or reviewed for
the scorecard — are never picked. Draws are reproducible: each agent has their own random
stream seeded from the sample's seed and the agent id.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from floorlead.errors import RuleViolation
from floorlead.quality.model import SampleMethod, Target
from floorlead.quality.sentiment import is_negative


@dataclass(frozen=True)
class Interaction:
    ticket_id: int
    agent_id: int
    channel: str
    csat: int | None = None  # the latest CSAT rating, 1–5
    escalated: bool = False
    reopened: bool = False
    handle_seconds: float = 0.0
    sentiment: float = 0.0  # −1…+1, see :mod:`floorlead.quality.sentiment`


@dataclass(frozen=True)
class SampleRules:
    per_agent: int = 3
    method: SampleMethod = SampleMethod.RANDOM
    targets: frozenset[Target] = frozenset()
    targeted_per_agent: int = 2
    low_csat_at: int = 2  # CSAT at or below this is low
    long_handle_seconds: float | None = None  # None: above the agent's own 90th percentile
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.per_agent <= 50:
            raise RuleViolation("per_agent must be between 0 and 50", field="per_agent")
        if not 0 <= self.targeted_per_agent <= 50:
            raise RuleViolation(
                "targeted_per_agent must be between 0 and 50", field="targeted_per_agent"
            )
        if self.long_handle_seconds is not None and self.long_handle_seconds <= 0:
            raise RuleViolation("long_handle_seconds must be above 0", field="long_handle_seconds")
        if self.per_agent == 0 and not (self.targets and self.targeted_per_agent):
            raise RuleViolation("the sample would be empty: ask for some", field="per_agent")


@dataclass(frozen=True)
class Pick:
    ticket_id: int
    agent_id: int
    reasons: tuple[str, ...]  # ("random",), ("stratified",) or the targets it matched


def percentile_90(values: Sequence[float]) -> float | None:
    """The 90th percentile with linear interpolation between order statistics."""
    if not values:
        return None
    ordered = sorted(values)
    position = 0.9 * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def matched_targets(
    interaction: Interaction, rules: SampleRules, long_handle_above: float | None
) -> tuple[Target, ...]:
    """The requested targets this interaction meets, in :class:`Target` order."""
    checks = {
        Target.LOW_CSAT: interaction.csat is not None and interaction.csat <= rules.low_csat_at,
        Target.ESCALATED: interaction.escalated,
        Target.REOPENED: interaction.reopened,
        Target.LONG_HANDLE: long_handle_above is not None
        and interaction.handle_seconds > long_handle_above,
        Target.NEGATIVE_SENTIMENT: is_negative(interaction.sentiment),
    }
    return tuple(t for t in Target if t in rules.targets and checks[t])


def stratified_allocation(sizes: Mapping[str, int], seats: int) -> dict[str, int]:
    """Seats per stratum in proportion to its size (largest remainders; ties to the stratum
    with fewer seats so far, then by name). Never more seats than a stratum holds."""
    total = sum(sizes.values())
    seats = min(seats, total)
    if not seats:
        return dict.fromkeys(sizes, 0)
    shares = {name: divmod(seats * size, total) for name, size in sizes.items()}
    allocation = {name: whole for name, (whole, _) in shares.items()}
    left = seats - sum(allocation.values())
    order = sorted(shares, key=lambda name: (-shares[name][1], allocation[name], name))
    for name in order[:left]:
        allocation[name] += 1
    return allocation


def draw_sample(
    interactions: Iterable[Interaction],
    rules: SampleRules,
    *,
    excluded: Collection[int] = frozenset(),
) -> list[Pick]:
    """The interactions to review, agent by agent (agents in id order)."""
    by_agent: dict[int, list[Interaction]] = defaultdict(list)
    for interaction in interactions:
        by_agent[interaction.agent_id].append(interaction)
    picks: list[Pick] = []
    for agent_id in sorted(by_agent):
        everything = sorted(by_agent[agent_id], key=lambda i: i.ticket_id)
        rng = random.Random(f"{rules.seed}:{agent_id}")
        threshold = rules.long_handle_seconds
        if threshold is None:
            threshold = percentile_90([i.handle_seconds for i in everything])
        pool = [i for i in everything if i.ticket_id not in excluded]
        targeted = _targeted(pool, rules, threshold, rng)
        chosen = {p.ticket_id for p in targeted}
        rest = [i for i in pool if i.ticket_id not in chosen]
        picks.extend(targeted)
        picks.extend(_drawn(rest, rules, rng))
    return picks


def _targeted(
    pool: list[Interaction], rules: SampleRules, threshold: float | None, rng: random.Random
) -> list[Pick]:
    flagged = [(i, matched_targets(i, rules, threshold)) for i in pool]
    flagged = [(i, reasons) for i, reasons in flagged if reasons]
    rng.shuffle(flagged)
    flagged.sort(key=lambda pair: -len(pair[1]))  # stable: ties keep their shuffled order
    return [
        Pick(i.ticket_id, i.agent_id, tuple(r.value for r in reasons))
        for i, reasons in flagged[: rules.targeted_per_agent]
    ]


def _drawn(rest: list[Interaction], rules: SampleRules, rng: random.Random) -> list[Pick]:
    if rules.method is SampleMethod.RANDOM:
        chosen = rng.sample(rest, min(rules.per_agent, len(rest)))
        return [Pick(i.ticket_id, i.agent_id, ("random",)) for i in chosen]
    strata: dict[str, list[Interaction]] = defaultdict(list)
    for interaction in rest:
        strata[interaction.channel].append(interaction)
    seats = stratified_allocation({k: len(v) for k, v in strata.items()}, rules.per_agent)
    picks = []
    for channel in sorted(strata):
        for i in rng.sample(strata[channel], seats[channel]):
            picks.append(Pick(i.ticket_id, i.agent_id, ("stratified",)))
    return picks
