"""Targets: which target applies to a row of KPI results, and whether the row meets it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from floorlead.errors import NotFound
from floorlead.metrics.kpis import Kpi
from floorlead.metrics.model import Better


class TargetNotFound(NotFound):
    pass


@dataclass(frozen=True)
class TargetValue:
    kpi: str
    value: float
    team_id: int | None = None
    role: str | None = None
    id: int | None = None  # the stored target's id (None for a value not stored)

    @property
    def scope(self) -> str:
        if self.team_id is not None:
            return "team"
        return "role" if self.role is not None else "everyone"


@dataclass(frozen=True)
class StaffMember:
    role: str
    team_id: int | None


def applicable_target(
    targets: Sequence[TargetValue],
    *,
    kpi: str,
    team_id: int | None = None,
    role: str | None = None,
) -> TargetValue | None:
    """The most specific target: the role's (for a person), then the team's, then everyone's."""
    mine = [t for t in targets if t.kpi == kpi]
    for wanted in (
        lambda t: role is not None and t.role == role,
        lambda t: team_id is not None and t.team_id == team_id,
        lambda t: t.scope == "everyone",
    ):
        found = next((t for t in mine if wanted(t)), None)
        if found:
            return found
    return None


def meets(kpi: Kpi, value: float | None, target: float) -> bool | None:
    """True when ``value`` is on the good side of ``target`` (None when it cannot tell)."""
    if value is None or pd.isna(value) or kpi.better is Better.NEITHER:
        return None
    return value >= target if kpi.better is Better.HIGHER else value <= target


def target_status(
    frame: pd.DataFrame,
    targets: Sequence[TargetValue],
    *,
    kpis: Sequence[Kpi],
    staff: Mapping[int, StaffMember] | None = None,
) -> pd.DataFrame:
    """``frame`` with ``<kpi>_target`` and ``<kpi>_status`` (``met``/``missed``) columns."""
    staff = staff or {}
    result = frame.copy()
    for kpi in kpis:
        if kpi.name not in result.columns:
            continue
        found = [_target_for_row(row, targets, kpi.name, staff) for _, row in result.iterrows()]
        result[f"{kpi.name}_target"] = [t.value if t else None for t in found]
        result[f"{kpi.name}_status"] = [
            _status(kpi, row[kpi.name], t)
            for (_, row), t in zip(result.iterrows(), found, strict=True)
        ]
    return result


def _target_for_row(
    row: pd.Series, targets: Sequence[TargetValue], kpi: str, staff: Mapping[int, StaffMember]
) -> TargetValue | None:
    agent_id = row.get("agent_id")
    if agent_id is not None and not pd.isna(agent_id):
        member = staff.get(int(agent_id))
        if member is None:
            return applicable_target(targets, kpi=kpi)
        return applicable_target(targets, kpi=kpi, team_id=member.team_id, role=member.role)
    team_id = row.get("team_id")
    if team_id is not None and not pd.isna(team_id):
        return applicable_target(targets, kpi=kpi, team_id=int(team_id))
    return applicable_target(targets, kpi=kpi)


def _status(kpi: Kpi, value: float | None, target: TargetValue | None) -> str | None:
    if target is None:
        return None
    result = meets(kpi, value, target.value)
    if result is None:
        return None
    return "met" if result else "missed"
