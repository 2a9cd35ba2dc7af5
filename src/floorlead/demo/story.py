"""The state of one ticket while its life is simulated.

A story moves a cursor (``now``) forward; as soon as the cursor passes the end of the window
the story stops (``StoryEnds``), because nothing after the end is ever shown. The course of
a contact lives in ``contacts``, the detours (escalations, transfers, help, approvals) in
``detours`` and what follows the solve (reopens, surveys, closing) in ``aftercare``.
"""

from __future__ import annotations

from dataclasses import dataclass

from floorlead.demo.arrivals import LIVE_CHANNELS
from floorlead.demo.draws import Draws
from floorlead.demo.floor import Floor, Pick
from floorlead.demo.script import Script
from floorlead.demo.texts import Texts

DAY = 86_400.0
HOUR = 3_600.0


class StoryEnds(Exception):
    """The story reached the end of the simulated window."""


@dataclass(slots=True)
class Contact:
    id: int
    t: float
    channel: str
    team_index: int
    category: str
    priority: str
    customer_id: int
    tier: str
    language: str | None
    agent_created: bool
    wait: float
    abandoned: bool

    @property
    def live(self) -> bool:
        return self.channel in LIVE_CHANNELS


class Story:
    def __init__(self, contact: Contact, floor: Floor, draws: Draws, texts: Texts) -> None:
        self.contact = contact
        self.floor = floor
        self.draws = draws
        self.texts = texts
        self.script = Script()
        self.details = texts.ticket_details(contact.category)
        self.subject = texts.subject(contact.category, self.details)
        self.description = texts.description(contact.category, self.details, contact.language)
        self.team_index = contact.team_index
        self.initial_team_id = floor.team(contact.team_index).id
        self.team_name = floor.team(contact.team_index).name
        self.skill = floor.team(contact.team_index).skill
        self.now = contact.t
        self.owner: int | None = None
        self.status = "new"
        self.priority = contact.priority
        self.tier_level = 0
        self.in_department = False
        self.first_reply_at: float | None = None
        self.solved_at: float | None = None
        self.reopens = 0
        self.asked_for_help = False
        self.asked_for_approval = False
        self.tags: list[str] = [contact.category]

    # -- moving time ---------------------------------------------------------------------

    def advance(self, t: float) -> float:
        if t > self.floor.timeline.end_t:
            raise StoryEnds
        self.now = max(self.now, t)
        return self.now

    def set_status(self, to: str, via: str = "agent") -> None:
        self.script.status(self.now, to, via, self.owner)
        self.status = to
        if to == "solved":
            self.solved_at = self.now

    def say(self, kind: str, **extra: str) -> str:
        details = {**self.details, **extra} if extra else self.details
        return self.texts.phrase(kind, details)

    def take(self, pick: Pick, *, actor: int | None = None) -> None:
        """Hand the ticket to ``pick.person_id`` at ``pick.t``."""
        self.advance(pick.t)
        self.script.assign(self.now, pick.person_id, pick.strategy, actor=actor)
        self.owner = pick.person_id

    def pick_agent(self, t: float, *, live: bool = False) -> Pick:
        pick = self.floor.pick_agent(
            self.draws, self.team_index, t, self.contact.language, live=live
        )
        if pick is None:
            raise StoryEnds
        return pick

    def open(self) -> None:
        c = self.contact
        data = {"wait_seconds": int(c.wait), "abandoned": c.abandoned} if c.live else None
        creator = self._creator()
        self.script.add(
            c.t,
            "created",
            "customer" if creator is None else "agent",
            actor=creator,
            body=self.description,
            to_value="new",
            data=data,
        )
        if creator is not None:
            self.tags.append("proactive")
            self.take(Pick(creator, "manual", c.t), actor=creator)

    def _creator(self) -> int | None:
        """The agent who opened an outbound ticket, when one was on the floor at the time."""
        if not self.contact.agent_created:
            return None
        people = self.floor.roster.on_floor(self.team_index, self.contact.t)
        return self.draws.pick(people) if people else None
