"""The coaching step of the demo: 1:1s and goals where they are needed, kudos, last month's
performance reviews of one team, team meetings and a pulse survey, through the coaching
services."""

from __future__ import annotations

from dataclasses import dataclass

from floorlead.demo.one_on_one_seed import choose_focus, coach
from floorlead.demo.performance_seed import review_team
from floorlead.demo.seed_context import SeedContext
from floorlead.demo.team_life_seed import hold_meetings, run_pulse, thank
from floorlead.demo.ticket_figures import TicketFigures


@dataclass(frozen=True)
class CoachingSummary:
    coached_agents: int
    one_on_ones: int
    kudos: int
    performance_reviews: int
    meetings: int
    pulse_answers: int


def seed_coaching(context: SeedContext) -> CoachingSummary:
    figures = TicketFigures(context.engine)
    with context.sessions() as session:
        focus = choose_focus(context, figures)
        sessions = sum(coach(context, session, f, figures) for f in focus)
        kudos = thank(context, session)
        reviews = review_team(context, session, figures)
        meetings = hold_meetings(context, session)
        answers = run_pulse(context, session)
    return CoachingSummary(len(focus), sessions, kudos, reviews, meetings, answers)
