"""The quality step of the demo: the default scorecard, weekly samples, reviews, agents'
answers to them and a calibration session, all through the quality services.

For each of the last four whole weeks the team's supervisor (with the team lead, in the team
that has one) draws a sample on the Monday after it (three interactions per agent at random
plus one with low CSAT or a reopen) and reviews it over the next days; the latest sample is
still being worked through at the end. Scores follow the agents' skill (see
:mod:`floorlead.demo.qa_answers`). Most agents acknowledge their reviews, two dispute one, and
the manager resolves one of the disputes. In each team the least skilled agent has a habit
(:data:`HABITS`, one criterion per team) the reviews keep catching, so the demo shows criteria
failed repeatedly and the training they call for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from floorlead.demo.calibration_seed import hold_calibration
from floorlead.demo.qa_answers import (
    CriterionSpec,
    DoneReview,
    agent_quality,
    answer,
    interaction_quality,
)
from floorlead.demo.qa_sampling import sample_week
from floorlead.demo.quality_texts import review_comments
from floorlead.demo.review_answers import answer_reviews
from floorlead.demo.rota_plan import monday_of
from floorlead.demo.seed_context import SeedContext, local_moment
from floorlead.org.model import Role
from floorlead.quality import AnswerIn, ReviewCreate, record_review, seed_default_scorecard
from floorlead.quality.tables import QaScorecard

SAMPLED_WEEKS = 4
PER_AGENT = 3
REVIEW_DAYS = 4
NOTIFIED_DAYS = 7  # reviews this recent tell the agent in the app
AGENT_OFFSET = 0.04
REVIEWER_LENIENCY = 0.03
NEW_STARTER_WEEKS = 6
HABITS = ("greeting", "empathy", "clarity")  # by support team, in order


@dataclass
class QualitySummary:
    samples: int = 0
    reviews: int = 0
    acknowledged: int = 0
    disputed: int = 0
    calibrations: int = 0
    done: list[DoneReview] = field(default_factory=list, repr=False)


def seed_quality(context: SeedContext) -> QualitySummary:
    summary = QualitySummary()
    with context.sessions() as session:
        scorecard = seed_default_scorecard(session, local_moment(context.first_day, 8))
        criteria = criteria_of(scorecard)
        scorer = Scorer(context, session, scorecard.id, criteria)
        for monday in sample_weeks(context):
            drawn = local_moment(monday + timedelta(days=7), 8, 30)
            for team in context.org.support_teams:
                summary.samples += 1
                summary.done += scorer.sample_and_review(team.id, monday, drawn)
        summary.reviews = len(summary.done)
        summary.acknowledged, summary.disputed = answer_reviews(
            context, session, summary.done, criteria
        )
        summary.calibrations = hold_calibration(
            context, session, scorecard.id, criteria, summary.done
        )
    return summary


def criteria_of(scorecard: QaScorecard) -> list[CriterionSpec]:
    """The criteria of the scorecard's current version, in order."""
    version = max(scorecard.versions, key=lambda v: v.number)
    return [
        CriterionSpec(c.key, c.label, c.answer_type == "scale", c.auto_fail, c.allow_na)
        for section in version.sections
        for c in section.criteria
    ]


def sample_weeks(context: SeedContext) -> list[date]:
    """The Mondays of the last whole weeks, sampled on the Monday after (before the end)."""
    current = monday_of(context.today)
    weeks = [current - timedelta(weeks=n) for n in range(SAMPLED_WEEKS, 0, -1)]
    return [
        monday
        for monday in weeks
        if monday + timedelta(days=7) > context.first_day
        and local_moment(monday + timedelta(days=7), 8, 30) < context.end
    ]


def habits(context: SeedContext, keys: set[str]) -> dict[int, str]:
    """Agent id → their habit: per support team, the agent employed at the end with the lowest
    level in the team's skill (the first hired on a tie) misses the team's :data:`HABITS`; the
    organisation gave them a low level in customer communication to match."""
    found = {}
    for team, habit in zip(context.org.support_teams, HABITS, strict=False):
        weakest = context.org.weakest_agent(team.id, context.today)
        if weakest is not None and habit in keys:
            found[weakest.id] = habit
    return found


class Scorer:
    """Draws a team's weekly sample and records the reviews that are done by the end."""

    def __init__(
        self,
        context: SeedContext,
        session: Session,
        scorecard_id: int,
        criteria: list[CriterionSpec],
    ) -> None:
        self.context, self.session = context, session
        self.scorecard_id, self.criteria = scorecard_id, criteria
        rng = context.rng
        people = sorted(context.org.by_id)
        self.offsets = dict(zip(people, rng.normal(0, AGENT_OFFSET, len(people)), strict=True))
        self.leniency = dict(
            zip(people, rng.normal(0, REVIEWER_LENIENCY, len(people)), strict=True)
        )
        self.habits = habits(context, {c.key for c in criteria})

    def reviewers(self, team_id: int) -> list[int]:
        org = self.context.org
        leads = org.members(team_id, frozenset({Role.TEAM_LEAD}))
        return [self.context.supervisor(team_id).id] + [lead.id for lead in leads]

    def sample_and_review(self, team_id: int, monday: date, drawn: datetime) -> list[DoneReview]:
        assignments = sample_week(
            self.context,
            self.session,
            team_id=team_id,
            monday=monday,
            scorecard_id=self.scorecard_id,
            reviewer_ids=self.reviewers(team_id),
            per_agent=PER_AGENT,
            drawn=drawn,
        )
        planned = sorted(
            (self._review_time(drawn), a.ticket_id, a.agent_id, a.reviewer_id) for a in assignments
        )
        return [
            self._review(at, ticket_id, agent_id, reviewer_id, team_id, monday)
            for at, ticket_id, agent_id, reviewer_id in planned
            if at < self.context.end - timedelta(minutes=10)
        ]

    def _review_time(self, drawn: datetime) -> datetime:
        day = drawn.date() + timedelta(days=int(self.context.rng.integers(0, REVIEW_DAYS)))
        minute = int(self.context.rng.integers(0, 8 * 60))
        return local_moment(day, 9) + timedelta(minutes=minute)

    def _review(
        self,
        at: datetime,
        ticket_id: int,
        agent_id: int,
        reviewer_id: int,
        team_id: int,
        monday: date,
    ) -> DoneReview:
        rng = self.context.rng
        quality = interaction_quality(self.typical(agent_id, monday), rng)
        answers = answer(
            self.criteria,
            quality,
            rng,
            leniency=self.leniency[reviewer_id],
            habit=self.habits.get(agent_id),
        )
        strengths, improvements = review_comments(self.criteria, answers, rng)
        review = record_review(
            self.session,
            actor=self.context.actor(self.session, reviewer_id),
            data=ReviewCreate(
                scorecard_id=self.scorecard_id,
                ticket_id=ticket_id,
                answers={key: AnswerIn(value=value) for key, value in answers.items()},
                strengths=strengths,
                improvements=improvements,
            ),
            now=at,
            notify_agent=at > self.context.end - timedelta(days=NOTIFIED_DAYS),
        )
        return DoneReview(
            review.id, agent_id, reviewer_id, ticket_id, team_id, quality, review.score,
            review.auto_failed, at, answers,
        )  # fmt: skip

    def typical(self, agent_id: int, monday: date) -> float:
        member = self.context.org.by_id[agent_id]
        new = member.hire_date > monday - timedelta(weeks=NEW_STARTER_WEEKS)
        level = self.context.team_skill(member)
        return agent_quality(level, new_starter=new, offset=self.offsets[agent_id])
