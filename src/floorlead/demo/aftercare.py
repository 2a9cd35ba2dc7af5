"""After the solve: reopens, the satisfaction survey, closing, and the resolution-breach rule."""

from __future__ import annotations

from floorlead.demo.floor import Pick
from floorlead.demo.satisfaction import (
    NPS_SHARE,
    csat_rating,
    nps_rating,
    response_chance,
    satisfaction_score,
)
from floorlead.demo.story import DAY, HOUR, Story
from floorlead.tickets.model import EscalationCondition

CLOSE_AFTER = 4 * DAY
REOPEN_CHANCE = 0.05
LOW_SKILL_REOPEN_BONUS = 0.05
SECOND_REOPEN_CHANCE = 0.2
REOPEN_DELAY_MEAN = 20 * HOUR
SURVEY_DELAY = (3 * HOUR, 1.0)
MOOD_SIGMA = 0.9


def solver_skill(story: Story) -> int:
    if story.owner is None:
        return 3
    return story.floor.person(story.owner).skill_level(story.skill or "") or 1


def reopen_delay(story: Story) -> float | None:
    """How long after the solve the customer writes back, if they do before it closes."""
    if story.status != "solved" or story.reopens >= 2:
        return None
    if story.reopens == 0:
        chance = REOPEN_CHANCE + LOW_SKILL_REOPEN_BONUS * (solver_skill(story) <= 2)
    else:
        chance = SECOND_REOPEN_CHANCE
    if not story.draws.chance(chance):
        return None
    delay = story.draws.exponential(REOPEN_DELAY_MEAN)
    return delay if delay < CLOSE_AFTER else None


def count_reopen(story: Story) -> None:
    """A reopen; the second one sends the ticket to the supervisor (escalation rule)."""
    story.reopens += 1
    rule = story.floor.reference.rule(EscalationCondition.REOPENED_TIMES)
    if story.reopens != rule.threshold or story.in_department:
        return
    story.script.escalate(story.now, rule.target_tier.value, rule.name, rule_id=rule.id)
    story.tier_level = max(story.tier_level, rule.target_tier.level)
    supervisor = story.floor.org.supervisor_ids[story.floor.team(story.team_index).id]
    when = story.floor.roster.next_available(supervisor, story.now)
    story.take(Pick(supervisor, "manual", story.now if when is None else when), actor=supervisor)


def survey(story: Story) -> None:
    """Some customers answer the survey sent when the ticket was solved."""
    c, draws = story.contact, story.draws
    if story.solved_at is None:
        return
    first_answer = c.t + c.wait if c.live else story.first_reply_at or story.solved_at
    expected = satisfaction_score(
        channel=c.channel,
        wait_seconds=first_answer - c.t,
        resolution_hours=(story.solved_at - c.t) / HOUR,
        reopens=story.reopens,
        escalated=story.tier_level > 0,
        skill_level=solver_skill(story),
    )
    score = expected + MOOD_SIGMA * draws.normal()
    if not draws.chance(response_chance(score)):
        return
    answered = story.solved_at + draws.lognormal(*SURVEY_DELAY)
    _answer(story, answered, "csat", csat_rating(score))
    if draws.chance(NPS_SHARE):
        _answer(story, answered + 20, "nps", nps_rating(score + 0.4 * draws.normal()))


def _answer(story: Story, t: float, kind: str, rating: int) -> None:
    comment = story.texts.survey_comment(kind, rating)
    story.script.add(t, "satisfaction", "customer", survey=kind, rating=rating, body=comment)


def close(story: Story) -> None:
    assert story.solved_at is not None
    story.advance(story.solved_at + CLOSE_AFTER)
    story.set_status("closed", via="system")


def escalate_before_breach(story: Story) -> None:
    """Rule: escalate to a senior 60 minutes before the resolution target would be missed."""
    c, floor = story.contact, story.floor
    rule = floor.reference.rule(EscalationCondition.RESOLUTION_BREACH_WITHIN)
    policy = floor.reference.policy_for(c.tier, c.channel)
    clock = floor.clock_for(policy)
    budget = (policy.minutes(story.priority, "resolution") - rule.threshold) * 60.0
    changes = sorted(
        (d.t, d.seq, d.to_value) for d in story.script.drafts if d.kind == "status_change"
    )
    status, since = "new", c.t
    for t, _, to in [*changes, (floor.timeline.end_t, 0, None)]:
        if status not in policy.pause_statuses:
            spent = clock.counted(t) - clock.counted(since)
            if spent >= budget:
                due = clock.at(clock.counted(since) + budget)
                story.script.escalate(
                    max(due, since), rule.target_tier.value, rule.name, rule_id=rule.id
                )
                return
            budget -= spent
        if to in ("solved", "closed"):
            return
        status, since = to or status, t
