"""Coaching: 1:1s, goals, kudos, performance reviews, "did coaching work?" and team life.

This is the area's public surface: other areas import from here. Names load on first use, so
importing ``floorlead.coaching.tables`` (as the schema does) pulls in nothing else.

KPI figures come through a :data:`KpiSource` (``source(person_id, kpi, start, end)``), so the
area does not depend on how they are computed; :class:`MetricsKpis` is the metrics engine's.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from floorlead.coaching.conflicts import record_conflict, resolve_conflict
    from floorlead.coaching.effect import (
        Effect,
        Verdict,
        bootstrap_proportion_difference,
        describe_effect,
        judge,
        welch_difference,
    )
    from floorlead.coaching.enps import Enps, enps
    from floorlead.coaching.evidence import coaching_effects
    from floorlead.coaching.goal_queries import agent_goals, goal_detail
    from floorlead.coaching.goals import set_goal, update_goal
    from floorlead.coaching.kudos import give_kudos
    from floorlead.coaching.meetings import hold_meeting, plan_meeting, record_meeting
    from floorlead.coaching.model import (
        AttendanceSource,
        AttendanceSummary,
        Direction,
        KpiSource,
        LinkKind,
        QaSource,
        Sample,
        SampleSource,
    )
    from floorlead.coaching.one_on_ones import (
        Reason,
        add_action_item,
        complete_action_item,
        link_reason,
        plan_session,
        update_session,
    )
    from floorlead.coaching.progress import GoalProgress, goal_progress
    from floorlead.coaching.pulse import answer_pulse_survey, open_pulse_survey
    from floorlead.coaching.queries import (
        action_item,
        agent_sessions,
        coachable_people,
        coaching_calendar,
        overdue_actions,
        session_detail,
    )
    from floorlead.coaching.review_queries import agent_reviews, review_detail, reviews_for
    from floorlead.coaching.reviews import Evidence, KpiTarget, acknowledge_review, write_review
    from floorlead.coaching.sources import (
        Figures,
        MetricsKpis,
        quality_average,
        workforce_attendance,
    )
    from floorlead.coaching.team_queries import (
        conflict_detail,
        conflict_parties,
        conflicts_page,
        kudos_public,
        kudos_wall,
        meeting_detail,
        pulse_results,
        team_meetings,
        team_pulse_surveys,
    )

_MODULES = {
    "conflicts": ("record_conflict", "resolve_conflict"),
    "effect": (
        "Effect",
        "Verdict",
        "bootstrap_proportion_difference",
        "describe_effect",
        "judge",
        "welch_difference",
    ),
    "enps": ("Enps", "enps"),
    "evidence": ("coaching_effects",),
    "goal_queries": ("agent_goals", "goal_detail"),
    "goals": ("set_goal", "update_goal"),
    "kudos": ("give_kudos",),
    "meetings": ("hold_meeting", "plan_meeting", "record_meeting"),
    "model": (
        "AttendanceSource",
        "AttendanceSummary",
        "Direction",
        "KpiSource",
        "LinkKind",
        "QaSource",
        "Sample",
        "SampleSource",
    ),
    "one_on_ones": (
        "Reason",
        "add_action_item",
        "complete_action_item",
        "link_reason",
        "plan_session",
        "update_session",
    ),
    "progress": ("GoalProgress", "goal_progress"),
    "pulse": ("answer_pulse_survey", "open_pulse_survey"),
    "queries": (
        "action_item",
        "agent_sessions",
        "coachable_people",
        "coaching_calendar",
        "overdue_actions",
        "session_detail",
    ),
    "review_queries": ("agent_reviews", "review_detail", "reviews_for"),
    "reviews": ("Evidence", "KpiTarget", "acknowledge_review", "write_review"),
    "sources": ("Figures", "MetricsKpis", "quality_average", "workforce_attendance"),
    "team_queries": (
        "conflict_detail",
        "conflict_parties",
        "conflicts_page",
        "kudos_public",
        "kudos_wall",
        "meeting_detail",
        "pulse_results",
        "team_meetings",
        "team_pulse_surveys",
    ),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "AttendanceSource",
    "AttendanceSummary",
    "Direction",
    "Effect",
    "Enps",
    "Evidence",
    "Figures",
    "GoalProgress",
    "KpiSource",
    "KpiTarget",
    "LinkKind",
    "MetricsKpis",
    "QaSource",
    "Reason",
    "Sample",
    "SampleSource",
    "Verdict",
    "acknowledge_review",
    "action_item",
    "add_action_item",
    "agent_goals",
    "agent_reviews",
    "agent_sessions",
    "answer_pulse_survey",
    "bootstrap_proportion_difference",
    "coachable_people",
    "coaching_calendar",
    "coaching_effects",
    "complete_action_item",
    "conflict_detail",
    "conflict_parties",
    "conflicts_page",
    "describe_effect",
    "enps",
    "give_kudos",
    "goal_detail",
    "goal_progress",
    "hold_meeting",
    "judge",
    "kudos_public",
    "kudos_wall",
    "link_reason",
    "meeting_detail",
    "open_pulse_survey",
    "overdue_actions",
    "plan_meeting",
    "plan_session",
    "pulse_results",
    "quality_average",
    "record_conflict",
    "record_meeting",
    "resolve_conflict",
    "review_detail",
    "reviews_for",
    "session_detail",
    "set_goal",
    "team_meetings",
    "team_pulse_surveys",
    "update_goal",
    "update_session",
    "welch_difference",
    "workforce_attendance",
    "write_review",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'floorlead.coaching' has no attribute {name!r}")
    return getattr(importlib.import_module(f"floorlead.coaching.{module}"), name)
