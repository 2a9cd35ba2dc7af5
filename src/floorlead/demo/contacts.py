"""The course of a contact: answered call or chat, or a written ticket picked from the queue,
then rounds of customer messages and replies until it is solved.

Durations are lognormal around the medians below, stretched or shortened by the handling
agent's skill level and tenure (``Floor.handle_factor``).
"""

from __future__ import annotations

from floorlead.demo import aftercare, detours
from floorlead.demo.draws import Draws
from floorlead.demo.floor import Floor, Pick
from floorlead.demo.story import DAY, HOUR, Contact, Story, StoryEnds
from floorlead.demo.texts import Texts

PHONE_TALK = (300.0, 0.5)
HOLD_CHANCE = 0.3
PHONE_HOLD = (60.0, 0.6)
TALK_AFTER_HOLD = (90.0, 0.6)
PHONE_WRAP = (60.0, 0.5)
CHAT_LENGTH = (480.0, 0.5)
FIRST_WORK_SECONDS = 270.0
FOLLOW_UP_WORK_SECONDS = 200.0
FIRST_CONTACT_RESOLUTION = {"phone": 0.7, "chat": 0.68}
SOLVED_BY_FIRST_REPLY = 0.55
ON_HOLD_CHANCE = 0.05
CUSTOMER_SILENT = 0.12
CUSTOMER_REPLY = (4 * HOUR, 1.0)
PENDING_TIMEOUT = 3 * DAY
ON_HOLD_FOR = (DAY, 0.5)
OWNER_WAIT_LIMIT = 20 * HOUR
MAX_ROUNDS = 5
PICKUP_LATENCY = (8 * 60.0, 0.7)  # even with no queue, an agent first finishes what they do


def tell(contact: Contact, floor: Floor, draws: Draws, texts: Texts) -> Story:
    """Simulate one ticket; the story holds its drafts up to the end of the window."""
    story = Story(contact, floor, draws, texts)
    try:
        story.open()
        if contact.abandoned:
            give_up(story)
        else:
            first_contact(story)
            work_until_solved(story)
            while (delay := aftercare.reopen_delay(story)) is not None:
                customer_writes(story, "customer_reopen", delay)
                aftercare.count_reopen(story)
                work_until_solved(story)
            aftercare.survey(story)
            aftercare.close(story)
    except StoryEnds:
        pass
    if not contact.abandoned:
        aftercare.escalate_before_breach(story)
    return story


def give_up(story: Story) -> None:
    """The caller hung up before anyone answered: the system solves and later closes it."""
    story.advance(story.contact.t + story.contact.wait)
    story.set_status("solved", via="system")
    story.advance(story.now + aftercare.CLOSE_AFTER)
    story.set_status("closed", via="system")


def first_contact(story: Story) -> None:
    c = story.contact
    if c.live:
        answer_live(story)
        decide_next(story, FIRST_CONTACT_RESOLUTION[c.channel])
        return
    if story.owner is None:
        pick_from_queue(story)
        detours.maybe_change_priority(story)
        work_and_reply(story, FIRST_WORK_SECONDS, "reply_solve")
        decide_next(story, SOLVED_BY_FIRST_REPLY)
    else:  # an outbound ticket: the agent who opened it writes first and waits for an answer
        work_and_reply(story, FIRST_WORK_SECONDS, "reply_pending")
        story.set_status("pending")


def answer_live(story: Story) -> None:
    c = story.contact
    answered = c.t + c.wait
    people = story.floor.roster.on_floor(story.team_index, answered) or story.floor.roster.on_floor(
        story.team_index, c.t
    )
    if not people:  # cannot happen: with nobody on the floor every caller abandons
        raise StoryEnds
    story.take(Pick(story.draws.pick(people), "skill_based", answered))
    if c.channel == "phone":
        phone_call(story)
    else:
        chat(story)


def phone_call(story: Story) -> None:
    draws, agent, start = story.draws, story.owner, story.now
    assert agent is not None
    factor = story.floor.handle_factor(agent, story.skill, start)
    reply(story, start + draws.between(2, 8), "call_answer")
    talk_end = start + draws.lognormal(*PHONE_TALK) * factor
    story.script.segment("talk", start, talk_end, agent)
    detours.maybe_ask_for_help(story, start, talk_end)
    if draws.chance(HOLD_CHANCE):
        hold_end = talk_end + draws.lognormal(*PHONE_HOLD)
        story.script.segment("hold", talk_end, hold_end, agent)
        talk_end = hold_end + draws.lognormal(*TALK_AFTER_HOLD) * factor
        story.script.segment("talk", hold_end, talk_end, agent)
    wrap_end = talk_end + draws.lognormal(*PHONE_WRAP) * factor
    story.script.segment("wrap", talk_end, wrap_end, agent)
    detours.maybe_note(story, wrap_end)
    detours.maybe_request_approval(story, wrap_end)
    story.advance(wrap_end)


def chat(story: Story) -> None:
    draws, agent, start = story.draws, story.owner, story.now
    assert agent is not None
    end = start + draws.lognormal(*CHAT_LENGTH) * story.floor.handle_factor(
        agent, story.skill, start
    )
    reply(story, start + draws.between(10, 40), "chat_greeting")
    exchanges = draws.integer(0, 2)
    for n in range(1, exchanges + 1):
        asked = start + (end - start) * n / (exchanges + 1)
        story.script.add(asked, "customer_message", "customer", body=story.say("chat_customer"))
        reply(story, min(asked + draws.between(15, 60), end), "chat_agent")
    story.script.segment("work", start, end, agent)
    detours.maybe_ask_for_help(story, start, end)
    detours.maybe_request_approval(story, end)
    story.advance(end)


def reply(story: Story, t: float, kind: str) -> None:
    story.script.add(t, "public_reply", "agent", actor=story.owner, body=story.say(kind))
    if story.first_reply_at is None:
        story.first_reply_at = t


def pick_from_queue(story: Story) -> None:
    """A written ticket waits in its team's queue until an agent picks it up."""
    c = story.contact
    ready = detours.maybe_misroute(story)
    noticed = ready + story.draws.lognormal(*PICKUP_LATENCY)
    pickup = story.floor.pickup(story.team_index, noticed, c.priority, c.tier)
    waits_too_long = pickup - ready > detours.URGENT_UNASSIGNED_SECONDS
    if (
        c.priority == "urgent"
        and waits_too_long
        and detours.escalate_unassigned_urgent(story, ready, pickup)
    ):
        return
    story.take(story.pick_agent(pickup))


def work_and_reply(story: Story, median_seconds: float, kind: str) -> None:
    """The owner works on the ticket from ``now`` and ends with a public reply."""
    owner, start = story.owner, story.now
    assert owner is not None
    factor = 1.0 if story.in_department else story.floor.handle_factor(owner, story.skill, start)
    end = start + story.draws.lognormal(median_seconds, 0.6) * factor
    story.script.segment("work", start, end, owner)
    detours.maybe_ask_for_help(story, start, end)
    detours.maybe_note(story, end)
    detours.maybe_request_approval(story, end)
    body = story.say("department_reply", team=story.team_name) if story.in_department else None
    story.script.add(end, "public_reply", "agent", actor=owner, body=body or story.say(kind))
    if story.first_reply_at is None:
        story.first_reply_at = end
    story.advance(end)


def decide_next(story: Story, solve_chance: float) -> None:
    """After a reply: escalate, solve, put on hold or wait for the customer."""
    if detours.maybe_escalate(story):
        return
    roll = story.draws.uniform()
    if roll < solve_chance:
        story.set_status("solved")
    elif roll < solve_chance + ON_HOLD_CHANCE:
        story.set_status("on_hold")
    else:
        story.set_status("pending")


def work_until_solved(story: Story) -> None:
    rounds = 0
    while story.status != "solved":
        rounds += 1
        if story.status == "pending":
            if story.draws.chance(CUSTOMER_SILENT):
                story.advance(story.now + PENDING_TIMEOUT)
                story.set_status("solved", via="system")
                return
            customer_writes(story, "customer_follow_up", story.draws.lognormal(*CUSTOMER_REPLY))
        elif story.status == "on_hold":
            story.advance(story.now + story.draws.lognormal(*ON_HOLD_FOR))
            story.set_status("open")
        resume_work(story)
        work_and_reply(story, FOLLOW_UP_WORK_SECONDS, "reply_follow_up")
        decide_next(story, 1.0 if rounds >= MAX_ROUNDS else min(0.9, 0.6 + 0.15 * rounds))


def customer_writes(story: Story, kind: str, delay: float) -> None:
    story.advance(story.now + delay)
    story.script.add(story.now, "customer_message", "customer", body=story.say(kind))
    story.set_status("open", via="customer")


def resume_work(story: Story) -> None:
    """Wait for the owner (or, if they are away too long, hand over to whoever is on)."""
    c, floor = story.contact, story.floor
    if story.in_department:
        story.advance(floor.business.add(story.now, story.draws.lognormal(3 * HOUR, 0.8)))
        return
    noticed = story.now + story.draws.lognormal(*PICKUP_LATENCY)
    pickup = floor.pickup(story.team_index, noticed, story.priority, c.tier)
    if pickup == float("inf"):
        raise StoryEnds
    when = floor.roster.next_available(story.owner, pickup) if story.owner else None
    if when is not None and when - pickup < OWNER_WAIT_LIMIT:
        story.advance(when)
        return
    pick = story.pick_agent(pickup)
    story.take(Pick(pick.person_id, "round_robin", pick.t))
