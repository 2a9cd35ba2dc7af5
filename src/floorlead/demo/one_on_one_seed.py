"""1:1s and goals for the agents who need them most: per team, the agent with the lowest
quality score and the one with the highest handle time over the last four weeks.

Each is coached by the person they report to: two 1:1s held (notes shared, reasons linked,
action items agreed, the older ones done, one now overdue), one planned for next week, and a
goal on the KPI in question, due in six weeks, measured from the four weeks before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.coaching import (
    Reason,
    add_action_item,
    complete_action_item,
    plan_session,
    set_goal,
    update_session,
)
from floorlead.demo.coaching_texts import ACTIONS, AGENDA, GOAL_NOTES, HELD_NOTES
from floorlead.demo.organisation import Member
from floorlead.demo.seed_context import SeedContext, local_moment, working_days_back
from floorlead.demo.ticket_figures import TicketFigures
from floorlead.storage.models import metadata

LOOKBACK = timedelta(days=28)
HELD_DAYS_BACK = (11, 4)  # working days before today
UPCOMING_DAYS_AHEAD = 3
GOAL_WEEKS = 6
MIN_BASELINE = timedelta(days=7)
KPI_OF = {"qa": "csat", "aht": "average_handle_time"}


@dataclass(frozen=True)
class Focus:
    agent: Member
    coach: Member
    reason: str  # "qa" or "aht"
    review_id: int | None  # the lowest-scored review, for a "qa" focus


def choose_focus(context: SeedContext, figures: TicketFigures) -> list[Focus]:
    since, until = context.end - LOOKBACK, context.end
    qa = _qa_averages(context, since)
    chosen: list[Focus] = []
    for team in context.org.support_teams:
        agents = [m for m in context.agents(team.id) if m.leave_date is None]
        reviewed = [m for m in agents if m.id in qa]
        if reviewed:
            lowest = min(reviewed, key=lambda m: (qa[m.id][0], m.id))
            chosen.append(Focus(lowest, context.coach_of(lowest), "qa", qa[lowest.id][1]))
        timed = [
            (aht, m.id, m)
            for m in agents
            if all(f.agent.id != m.id for f in chosen)
            and (aht := figures(m.id, "average_handle_time", since, until)) is not None
        ]
        if timed:
            slowest = max(timed)[2]
            chosen.append(Focus(slowest, context.coach_of(slowest), "aht", None))
    return chosen


def _qa_averages(context: SeedContext, since: datetime) -> dict[int, tuple[float, int]]:
    """Per agent: the mean review score since ``since`` and their lowest-scored review."""
    reviews = metadata.tables["qa_reviews"]
    query = select(reviews.c.agent_id, reviews.c.score, reviews.c.id).where(
        reviews.c.created_at >= since
    )
    scores: dict[int, list[float]] = defaultdict(list)
    lowest: dict[int, tuple[float, int]] = {}
    with context.engine.connect() as conn:
        for agent_id, score, review_id in conn.execute(query):
            scores[agent_id].append(score)
            lowest[agent_id] = min(lowest.get(agent_id, (score, review_id)), (score, review_id))
    return {agent: (sum(s) / len(s), lowest[agent][1]) for agent, s in scores.items()}


def coach(context: SeedContext, session: Session, focus: Focus, figures: TicketFigures) -> int:
    """The focus agent's 1:1s and goal; returns how many 1:1s were planned."""
    held = [working_days_back(context.today, n) for n in HELD_DAYS_BACK]
    for round_, day in enumerate(held):
        _held_session(context, session, focus, day, round_)
    upcoming = context.today + timedelta(days=UPCOMING_DAYS_AHEAD)
    while upcoming.weekday() >= 5:
        upcoming += timedelta(days=1)
    plan_session(
        session,
        actor=context.actor(session, focus.coach.id),
        agent_id=focus.agent.id,
        scheduled_at=local_moment(upcoming, 14),
        agenda=AGENDA[focus.reason],
        reasons=_reasons(focus),
        now=context.before_end(local_moment(held[-1], 15)),
    )
    _goal(context, session, focus, figures, held[0])
    return len(held) + 1


def _reasons(focus: Focus) -> list[Reason]:
    if focus.reason == "qa" and focus.review_id is not None:
        return [Reason("qa_review", str(focus.review_id), "Lowest quality score this month")]
    if focus.reason == "qa":
        return [Reason("kpi", "csat", "Customers' scores below the team")]
    return [Reason("kpi", "average_handle_time", "Handle time above the team")]


def _held_session(
    context: SeedContext, session: Session, focus: Focus, day: date, round_: int
) -> None:
    coach_actor = context.actor(session, focus.coach.id)
    start = local_moment(day, 14, 30 * round_)
    row = plan_session(
        session,
        actor=coach_actor,
        agent_id=focus.agent.id,
        scheduled_at=start,
        agenda=AGENDA[focus.reason],
        reasons=_reasons(focus),
        now=start - timedelta(days=3),
    )
    first = focus.agent.name.split()[0]
    update_session(
        session,
        actor=coach_actor,
        session_id=row.id,
        notes=HELD_NOTES[focus.reason][round_].format(first=first),
        notes_shared=True,
        status="held",
        now=start + timedelta(minutes=35),
    )
    _agree_actions(context, session, focus, row.id, day, round_)


def _agree_actions(
    context: SeedContext, session: Session, focus: Focus, session_id: int, day: date, round_: int
) -> None:
    """Two actions per 1:1: the first 1:1's are done; of the latest, the first is overdue."""
    coach_actor = context.actor(session, focus.coach.id)
    agreed = local_moment(day, 14, 30 * round_) + timedelta(minutes=40)
    for n, (text, owner) in enumerate(ACTIONS[focus.reason][2 * round_ : 2 * round_ + 2]):
        owner_id = focus.agent.id if owner == "agent" else focus.coach.id
        due = day + timedelta(days=2 if round_ and not n else 7)
        item = add_action_item(
            session,
            actor=coach_actor,
            session_id=session_id,
            description=text,
            owner_id=owner_id,
            due_on=due,
            now=agreed,
        )
        if round_ == 0:
            done_at = context.before_end(local_moment(due - timedelta(days=1), 16))
            owner_actor = context.actor(session, owner_id)
            complete_action_item(session, actor=owner_actor, action_id=item.id, now=done_at)


def _baseline_window(context: SeedContext, start: date) -> tuple[datetime, datetime]:
    """The four weeks before the goal starts, or what the window holds of them (the whole
    window when that is less than a week)."""
    until = local_moment(start, 0)
    since = max(until - LOOKBACK, local_moment(context.first_day, 0))
    if until - since < MIN_BASELINE:
        return local_moment(context.first_day, 0), context.end
    return since, until


def _goal(
    context: SeedContext, session: Session, focus: Focus, figures: TicketFigures, start: date
) -> None:
    kpi = KPI_OF[focus.reason]
    baseline = figures(focus.agent.id, kpi, *_baseline_window(context, start))
    if baseline is None:
        return
    target = (
        round(baseline * 0.85, -1)
        if kpi == "average_handle_time"
        else min(round(baseline) + 10, 95)
    )
    set_goal(
        session,
        actor=context.actor(session, focus.coach.id),
        agent_id=focus.agent.id,
        kpi=kpi,
        target=float(target),
        due_on=start + timedelta(weeks=GOAL_WEEKS),
        baseline=round(baseline, 1),
        start_on=start,
        note=GOAL_NOTES[kpi],
        now=local_moment(start, 15, 30),
    )
