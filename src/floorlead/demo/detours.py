"""Detours on a ticket's way: misrouting, escalations, help requests, notes, approvals."""

from __future__ import annotations

from decimal import Decimal

from floorlead.demo.floor import Pick
from floorlead.demo.script import ApprovalDraft
from floorlead.demo.story import HOUR, Story, StoryEnds
from floorlead.org.model import Role
from floorlead.tickets.model import EscalationCondition, Tier

URGENT_UNASSIGNED_SECONDS = 15 * 60
MISROUTE_CHANCE = 0.04
NOTE_CHANCE = 0.12
HELP_CHANCE = 0.04
PRIORITY_CHANGE_CHANCE = 0.06
SENIOR_ESCALATION_CHANCE = {"urgent": 0.06, "high": 0.045, "normal": 0.025, "low": 0.015}
DEPARTMENT_ESCALATION_CHANCE = 0.06
DEPARTMENT_CATEGORIES = frozenset(
    {"refund", "double_charge", "bug_report", "app_error", "damaged_item", "missing_item"}
)
APPROVAL_CHANCE = 0.3
APPROVAL_TYPE = {
    "refund": "refund",
    "double_charge": "refund",
    "subscription": "credit",
    "damaged_item": "credit",
    "missing_item": "credit",
    "delivery_delay": "goodwill",
}
APPROVAL_MEDIAN = {"refund": 80.0, "credit": 40.0, "goodwill": 20.0}
APPROVAL_DECISION = (2 * HOUR, 0.9)
APPROVED_SHARE = 0.85
PRIORITIES = ("low", "normal", "high", "urgent")
TIER_LEVEL = {tier.value: tier.level for tier in Tier}


def maybe_misroute(story: Story) -> float:
    """Some written tickets land in the wrong team first; returns when they reach the right one."""
    c, floor, draws = story.contact, story.floor, story.draws
    teams = len(floor.org.support_teams)
    if teams < 2 or not draws.chance(MISROUTE_CHANCE):
        return c.t
    wrong = (story.team_index + draws.integer(1, teams - 1)) % teams
    pickup = floor.pickup(wrong, c.t, c.priority, c.tier)
    pick = floor.pick_agent(draws, wrong, pickup, c.language)
    if pick is None:
        raise StoryEnds
    story.initial_team_id = floor.team(wrong).id
    story.take(pick)
    agent, start = pick.person_id, story.now
    end = start + draws.lognormal(90.0, 0.4)
    story.script.segment("work", start, end, agent)
    note = story.say("note_transfer", team=story.team_name)
    story.script.add(end, "internal_note", "agent", actor=agent, body=note)
    story.script.add(
        end, "transfer", "agent", actor=agent, to_value=str(floor.team(story.team_index).id)
    )
    story.script.assign(end, None, "manual", actor=agent)
    story.owner = None
    story.tags.append("misrouted")
    return story.advance(end)


def escalate_unassigned_urgent(story: Story, since: float, pickup: float) -> bool:
    """Rule: urgent and unassigned for 15 minutes goes to the supervisor, who assigns it."""
    floor = story.floor
    rule = floor.reference.rule(EscalationCondition.URGENT_UNASSIGNED_FOR)
    fired = story.advance(since + rule.threshold * 60)
    story.script.escalate(fired, rule.target_tier.value, rule.name, rule_id=rule.id)
    story.tier_level = max(story.tier_level, rule.target_tier.level)
    supervisor = floor.org.supervisor_ids[floor.team(story.team_index).id]
    when = floor.roster.next_available(supervisor, fired)
    if when is None:
        return False
    acted = when + story.draws.lognormal(240.0, 0.5)
    if acted >= pickup:
        return False
    pick = story.pick_agent(acted)
    story.take(Pick(pick.person_id, "manual", pick.t), actor=supervisor)
    return True


def maybe_escalate(story: Story) -> bool:
    if story.in_department or story.owner is None:
        return False
    draws = story.draws
    if story.contact.category in DEPARTMENT_CATEGORIES and draws.chance(
        DEPARTMENT_ESCALATION_CHANCE
    ):
        escalate_to_department(story)
        return True
    if story.tier_level == 0 and draws.chance(SENIOR_ESCALATION_CHANCE[story.priority]):
        escalate_to_senior(story)
        return True
    return False


def escalate_to_senior(story: Story) -> None:
    """The agent asks a senior (or, being senior, the supervisor) to take over."""
    floor, owner = story.floor, story.owner
    assert owner is not None
    t = story.advance(story.now + story.draws.lognormal(60.0, 0.5))
    pick = floor.senior_for(story.draws, story.team_index, t, exclude=owner)
    tier = Tier.SENIOR.value
    if pick is None or floor.person(owner).role != Role.AGENT:
        tier = Tier.SUPERVISOR.value
        pick = Pick(floor.org.supervisor_ids[floor.team(story.team_index).id], "manual", t)
    story.script.escalate(t, tier, story.say("escalation_senior"), actor=owner)
    story.tier_level = TIER_LEVEL[tier]
    story.set_status("open")
    story.take(Pick(pick.person_id, "manual", t), actor=owner)


def escalate_to_department(story: Story) -> None:
    """The agent hands the ticket to a department team (Finance, Product)."""
    floor, owner = story.floor, story.owner
    department = floor.org.department_for(floor.team(story.team_index))
    member = story.draws.pick(floor.org.members(department.id, frozenset(Role)))
    t = story.advance(story.now + story.draws.lognormal(60.0, 0.5))
    reason = story.say("escalation_department", team=department.name)
    story.script.escalate(t, Tier.DEPARTMENT.value, reason, actor=owner)
    story.script.add(t, "transfer", "agent", actor=owner, to_value=str(department.id))
    story.set_status("open")
    story.take(Pick(member.id, "manual", t), actor=owner)
    story.in_department = True
    story.tier_level = Tier.DEPARTMENT.level
    story.team_name = department.name


def maybe_ask_for_help(story: Story, start: float, end: float) -> None:
    owner = story.owner
    if story.asked_for_help or story.in_department or owner is None:
        return
    if not story.draws.chance(HELP_CHANCE):
        return
    story.asked_for_help = True
    asked = start + (end - start) * 0.3
    story.script.add(asked, "help_requested", "agent", actor=owner, body=story.say("help_request"))
    helper = story.floor.helper_for(story.draws, story.team_index, asked, exclude=owner)
    if helper is not None:
        resolved = helper.t + story.draws.lognormal(600.0, 0.7)
        body = story.say("help_resolved")
        story.script.add(resolved, "help_resolved", "agent", actor=helper.person_id, body=body)


def maybe_note(story: Story, t: float) -> None:
    if story.owner is not None and story.draws.chance(NOTE_CHANCE):
        body = story.say("note_general")
        story.script.add(t, "internal_note", "agent", actor=story.owner, body=body)


def maybe_change_priority(story: Story) -> None:
    if not story.draws.chance(PRIORITY_CHANGE_CHANCE):
        return
    position = PRIORITIES.index(story.priority)
    step = 1 if position == 0 or (position < 3 and story.draws.chance(0.6)) else -1
    story.priority = PRIORITIES[position + step]
    story.script.add(
        story.now, "priority_change", "agent", actor=story.owner, to_value=story.priority
    )


def maybe_request_approval(story: Story, t: float) -> None:
    """Money for the customer: within the agent's own limit, or a request up the chain."""
    kind = APPROVAL_TYPE.get(story.contact.category)
    owner, draws = story.owner, story.draws
    if kind is None or owner is None or story.asked_for_approval or story.in_department:
        return
    if not draws.chance(APPROVAL_CHANCE):
        return
    story.asked_for_approval = True
    amount = Decimal(f"{draws.lognormal(APPROVAL_MEDIAN[kind], 0.9):.2f}")
    floor = story.floor
    words = {"approval": kind, "amount": f"£{amount}"}
    approver = floor.approver_for(owner, kind, amount)
    if approver is None:
        return
    if approver == owner:
        body = story.say("note_refund_within", **words)
        story.script.add(t, "internal_note", "agent", actor=owner, body=body)
        return
    story.script.add(
        t, "internal_note", "agent", actor=owner, body=story.say("note_approval", **words)
    )
    decided = floor.business.add(t, draws.lognormal(*APPROVAL_DECISION))
    approved = draws.chance(APPROVED_SHARE)
    comment = story.say("approval_approved" if approved else "approval_rejected")
    reason = story.say("approval_reason", **words)
    story.script.approvals.append(
        ApprovalDraft(kind, amount, reason, owner, approver, t, decided, approved, comment)
    )
