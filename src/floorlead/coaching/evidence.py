"""Did the 1:1 work? For each KPI or QA criterion a 1:1 was about, compare the agent's
observations in equal windows before and after it (see :mod:`floorlead.coaching.effect`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from floorlead.auth.permissions import Actor
from floorlead.coaching import fields, roster
from floorlead.coaching.access import require_record
from floorlead.coaching.catalogue import criterion_info, difference_unit, kpi_info
from floorlead.coaching.effect import (
    bootstrap_proportion_difference,
    describe_effect,
    judge,
    welch_difference,
)
from floorlead.coaching.model import KpiInfo, LinkKind, Sample, SampleSource
from floorlead.coaching.one_on_ones import load_session
from floorlead.coaching.schemas import EffectPublic
from floorlead.coaching.tables import CoachingLink

DEFAULT_WINDOW_DAYS = 28
MEASURED_KINDS = (LinkKind.KPI, LinkKind.QA_CRITERION)


def _info(link: CoachingLink) -> KpiInfo:
    if link.kind == LinkKind.KPI.value:
        return kpi_info(link.ref, field="ref")
    return criterion_info(link.ref)


def compare(
    link: CoachingLink, before: Sample, after: Sample, *, window_days: int, seed: int = 0
) -> EffectPublic:
    info = _info(link)
    binary = before.binary and after.binary
    if binary:
        effect = bootstrap_proportion_difference(before.values, after.values, seed=seed)
    else:
        effect = welch_difference(before.values, after.values)
    unit = "points" if binary else difference_unit(info.unit)
    return EffectPublic(
        link_id=link.id,
        kind=LinkKind(link.kind),
        ref=link.ref,
        label=info.label,
        unit=unit,
        window_days=window_days,
        method=effect.method,
        n_before=effect.n_before,
        n_after=effect.n_after,
        mean_before=effect.mean_before,
        mean_after=effect.mean_after,
        difference=effect.difference,
        low=effect.low,
        high=effect.high,
        confidence=effect.confidence,
        verdict=judge(effect, info.better).value,
        sentence=describe_effect(effect, label=info.label, unit=unit, better=info.better),
    )


def coaching_effects(
    session: Session,
    *,
    actor: Actor,
    session_id: int,
    samples: Mapping[LinkKind, SampleSource],
    window_days: int = DEFAULT_WINDOW_DAYS,
    now: datetime,
) -> list[EffectPublic]:
    """Before/after figures for the 1:1's KPI and QA-criterion links that have a source.

    The windows are ``window_days`` before the 1:1 and as long after it, the latter cut at
    ``now`` (so a recent 1:1 has few observations after it, and says so).
    """
    fields.number_between(window_days, field="window_days", low=7, high=180)
    row = load_session(session, session_id)
    agent = roster.person(session, row.agent_id, field="agent_id")
    require_record(actor, person_id=agent.id, team_id=agent.team_id, role=agent.role)
    span = timedelta(days=window_days)
    at = row.scheduled_at
    after_end = max(min(at + span, now), at)
    effects = []
    for link in row.links:
        source = samples.get(LinkKind(link.kind))
        if source is None:
            continue
        before = source(agent.id, link.ref, at - span, at)
        after = source(agent.id, link.ref, at, after_end) if after_end > at else Sample(())
        effects.append(compare(link, before, after, window_days=window_days, seed=link.id))
    return effects
