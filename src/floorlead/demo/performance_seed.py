"""Last month's performance reviews of one team: every agent employed all month is reviewed
by the person they report to early this month, against the frontline role's targets (handle
time 600 s, CSAT 85%), with their quality average and attendance from the published shifts.
About half of them have read and acknowledged theirs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from floorlead.coaching import (
    Evidence,
    KpiTarget,
    acknowledge_review,
    workforce_attendance,
    write_review,
)
from floorlead.demo.coaching_texts import AGENT_REPLIES, REVIEW_COMMENTS
from floorlead.demo.organisation import Member
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.demo.ticket_figures import TicketFigures

TARGETS = (KpiTarget("average_handle_time", 600.0), KpiTarget("csat", 85.0))
REVIEW_DAY = 3  # of the month, or the next working day
ACKNOWLEDGE_CHANCE = 0.5


def previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def review_team(context: SeedContext, session: Session, figures: TicketFigures) -> int:
    """Review the second support team's agents; returns how many reviews were written."""
    team = context.org.support_teams[min(1, len(context.org.support_teams) - 1)]
    first, last = previous_month(context.today)
    agents = [
        m for m in context.org.members(team.id) if m.hire_date <= first and m.leave_date is None
    ]
    written_on = _review_day(context.today.replace(day=1))
    for n, agent in enumerate(agents):
        at = context.before_end(local_moment(written_on, 10) + timedelta(minutes=40 * n))
        _review(context, session, figures, agent, (first, last), at)
    return len(agents)


def _review_day(first_of_month: date) -> date:
    day = first_of_month + timedelta(days=REVIEW_DAY - 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _review(
    context: SeedContext,
    session: Session,
    figures: TicketFigures,
    agent: Member,
    period: tuple[date, date],
    at: datetime,
) -> None:
    span = (local_moment(period[0], 0), local_moment(period[1] + timedelta(days=1), 0))
    qa = figures.qa_average(agent.id, *span)
    rating = _rating(qa, [figures(agent.id, t.kpi, *span) for t in TARGETS])
    review = write_review(
        session,
        actor=context.actor(session, context.coach_of(agent).id),
        agent_id=agent.id,
        period_start=period[0],
        period_end=period[1],
        rating=rating,
        evidence=Evidence(kpis=figures, attendance=workforce_attendance(session, now=at)),
        comments=REVIEW_COMMENTS[rating],
        qa_score=qa,
        kpi_targets=TARGETS,
        now=at,
    )
    draws = context.rng.random(2)
    answered = at + timedelta(days=1, hours=float(draws[1]) * 24)
    if draws[0] < ACKNOWLEDGE_CHANCE and answered < context.end:
        reply = AGENT_REPLIES[int(draws[1] * len(AGENT_REPLIES))]
        acknowledge_review(
            session,
            actor=context.actor(session, agent.id),
            review_id=review.id,
            comment=reply,
            now=answered,
        )


def _rating(qa: float | None, actuals: list[float | None]) -> int:
    """3 for an on-track month, up or down for quality and for the targets met or missed."""
    aht, csat = actuals
    rating = 3
    if qa is not None:
        rating += (qa >= 90) - (qa < 75)
    met = [
        aht is not None and aht <= TARGETS[0].target,
        csat is not None and csat >= TARGETS[1].target,
    ]
    rating += all(met) - (not any(met))
    return max(1, min(5, rating))
