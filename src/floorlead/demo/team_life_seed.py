"""Team life: kudos between teammates, a monthly team meeting with its decisions, a briefing
still to come, and a pulse survey that is open at the end with answers from each team."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from sqlalchemy.orm import Session

from floorlead.coaching import (
    answer_pulse_survey,
    give_kudos,
    open_pulse_survey,
    plan_meeting,
    record_meeting,
)
from floorlead.demo.coaching_texts import (
    BRIEFING,
    KUDOS,
    LEADER_KUDOS,
    MEETING,
    PULSE_COMMENTS,
    PULSE_QUESTION,
)
from floorlead.demo.organisation import Member
from floorlead.demo.seed_context import SeedContext, local_moment, working_days_back

KUDOS_WEEKS = 4
KUDOS_PER_WEEK = 2
MEETING_DAYS_BACK = 6
PRESENT_CHANCE = 0.85
PULSE_OPEN_DAYS = 9
PULSE_LEFT_OPEN = timedelta(days=5)
PULSE_ANSWER_CHANCE = 0.7
MIN_PULSE_ANSWERS = 3
PULSE_SCORES = np.array([4, 5, 6, 7, 8, 9, 10])
PULSE_WEIGHTS = np.array([0.03, 0.05, 0.1, 0.2, 0.27, 0.2, 0.15])


def thank(context: SeedContext, session: Session) -> int:
    """Kudos in the last four weeks; returns how many were given."""
    given = 0
    rng = context.rng
    for team in context.org.support_teams:
        for week in range(KUDOS_WEEKS, 0, -1):
            for _ in range(KUDOS_PER_WEEK):
                day = context.today - timedelta(days=7 * week - int(rng.integers(0, 7)))
                if day < context.first_day:
                    continue
                agents = [m for m in context.agents(team.id, on=day) if m.leave_date is None]
                if len(agents) < 2:
                    continue
                giver, receiver = (
                    agents[int(i)] for i in rng.choice(len(agents), 2, replace=False)
                )
                message = KUDOS[int(rng.integers(len(KUDOS)))]
                given += _kudos(context, session, giver, receiver, message, day, rng)
        leader = context.supervisor(team.id)
        agents = [m for m in context.agents(team.id) if m.leave_date is None]
        if agents:
            receiver = agents[int(rng.integers(len(agents)))]
            message = LEADER_KUDOS[int(rng.integers(len(LEADER_KUDOS)))]
            given += _kudos(context, session, leader, receiver, message, context.today, rng)
    return given


def _kudos(
    context: SeedContext,
    session: Session,
    giver: Member,
    receiver: Member,
    message: str,
    day: date,
    rng: np.random.Generator,
) -> int:
    at = local_moment(day, 9) + timedelta(minutes=int(rng.integers(0, 8 * 60)))
    if at >= context.end:
        return 0
    actor = context.actor(session, giver.id)
    give_kudos(session, actor=actor, recipient_id=receiver.id, message=message, now=at)
    return 1


def hold_meetings(context: SeedContext, session: Session) -> int:
    """A recorded team meeting per team, and a briefing planned for the next working day."""
    held_on = working_days_back(context.today, MEETING_DAYS_BACK)
    briefing_on = context.today + timedelta(days=1)
    while briefing_on.weekday() >= 5:
        briefing_on += timedelta(days=1)
    for team in context.org.support_teams:
        _team_meeting(context, session, team.id, held_on)
        plan_meeting(
            session,
            actor=context.actor(session, context.supervisor(team.id).id),
            team_id=team.id,
            title=BRIEFING["title"],
            held_at=local_moment(briefing_on, 8, 45),
            kind="briefing",
            agenda=BRIEFING["agenda"],
            now=context.before_end(local_moment(held_on, 17, 30)),
        )
    return 2 * len(context.org.support_teams)


def _team_meeting(context: SeedContext, session: Session, team_id: int, held_on: date) -> None:
    supervisor = context.actor(session, context.supervisor(team_id).id)
    held_at = local_moment(held_on, 16)
    meeting = plan_meeting(
        session,
        actor=supervisor,
        team_id=team_id,
        title=MEETING["title"],
        held_at=held_at,
        agenda=MEETING["agenda"],
        now=held_at - timedelta(days=5),
    )
    members = context.agents(team_id, on=held_on)
    present = context.rng.random(len(members)) < PRESENT_CHANCE
    record_meeting(
        session,
        actor=supervisor,
        meeting_id=meeting.id,
        notes=MEETING["notes"],
        decisions=list(MEETING["decisions"]),
        attendance={m.id: bool(p) for m, p in zip(members, present, strict=True)},
        now=context.before_end(held_at + timedelta(hours=1)),
    )


def run_pulse(context: SeedContext, session: Session) -> int:
    """One open pulse survey per team; returns how many answers came in."""
    opens = context.end - timedelta(days=PULSE_OPEN_DAYS)
    answers = 0
    rng = context.rng
    for team in context.org.support_teams:
        supervisor = context.actor(session, context.supervisor(team.id).id)
        survey = open_pulse_survey(
            session,
            actor=supervisor,
            team_id=team.id,
            question=PULSE_QUESTION,
            opens_at=opens,
            closes_at=context.end + PULSE_LEFT_OPEN,
            now=opens,
        )
        members = context.agents(team.id)
        rolls = rng.random(len(members))
        for n, (member, roll) in enumerate(zip(members, rolls, strict=True)):
            if n >= MIN_PULSE_ANSWERS and roll >= PULSE_ANSWER_CHANCE:
                continue
            at = opens + (context.end - opens) * float(rng.uniform(0.05, 0.95))
            answer_pulse_survey(
                session,
                actor=context.actor(session, member.id),
                survey_id=survey.id,
                score=int(rng.choice(PULSE_SCORES, p=PULSE_WEIGHTS)),
                comment=PULSE_COMMENTS[int(rng.integers(len(PULSE_COMMENTS)))],
                now=at,
            )
            answers += 1
    return answers
