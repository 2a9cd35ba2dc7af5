"""A small floor for the training service tests.

Billing (supervised by Sam): Sam (supervisor) ← Lee (team lead) ← Ana and Ben (agents), with
Max (manager, no team) above Sam. Returns (supervised by Sue): Sue (supervisor) ← Bo (agent).
Ada is the admin. One programme, "Welcome to the floor": a reading module and a two-question
quiz (pass mark 50%); completing it earns "Data protection essentials" (valid 12 months).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.auth.permissions import Actor
from floorlead.org.tables import Person, Team
from floorlead.training import create_certification, create_program
from floorlead.training.model import ProgramKind
from floorlead.training.schemas import (
    CertificationCreate,
    ModuleIn,
    ProgramCreate,
    QuestionIn,
)
from floorlead.training.tables import Certification, TrainingProgram

from factories import T0, make_person, make_team

WELCOME = ProgramCreate(
    slug="welcome-to-the-floor",
    title="Welcome to the floor",
    kind=ProgramKind.ONBOARDING,
    skills={"Customer communication": 2},
    criteria=["greeting"],
    modules=[
        ModuleIn(title="How we look after customers", duration_minutes=45, content_text="Read."),
        ModuleIn(
            title="Checking identity",
            duration_minutes=30,
            content_url="https://intranet.example.com/identity",
            pass_mark=50,
            questions=[
                QuestionIn(prompt="How many facts?", choices=["One", "Two"], correct=1),
                QuestionIn(prompt="Read data out?", choices=["Yes", "No"], correct=1),
            ],
        ),
    ],
)


@dataclass
class Floor:
    session: Session
    billing: Team
    returns: Team
    ada: Person
    max: Person
    sam: Person
    lee: Person
    ana: Person
    ben: Person
    sue: Person
    bo: Person
    welcome: TrainingProgram
    data_protection: Certification

    def actor(self, person: Person) -> Actor:
        return load_actor(self.session, person.id)


def build_floor(session: Session) -> Floor:
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    ada = make_person(session, role="admin", name="Ada Admin")
    max_ = make_person(session, role="manager", name="Max Manager")
    sam = make_person(
        session, role="supervisor", name="Sam", team_id=billing.id, manager_id=max_.id
    )
    lee = make_person(session, role="team_lead", name="Lee", team_id=billing.id, manager_id=sam.id)
    ana = make_person(session, name="Ana", team_id=billing.id, manager_id=lee.id)
    ben = make_person(session, name="Ben", team_id=billing.id, manager_id=lee.id)
    sue = make_person(session, role="supervisor", name="Sue", team_id=returns.id)
    bo = make_person(
        session, name="Bo", team_id=returns.id, manager_id=sue.id, hire_date=date(2024, 1, 8)
    )
    billing.supervisor_id, returns.supervisor_id = sam.id, sue.id
    session.commit()
    welcome = create_program(session, actor=None, data=WELCOME, now=T0)
    data_protection = create_certification(
        session,
        actor=None,
        data=CertificationCreate(
            slug="data-protection",
            name="Data protection essentials",
            valid_months=12,
            program="welcome-to-the-floor",
        ),
        now=T0,
    )
    return Floor(
        session, billing, returns, ada, max_, sam, lee, ana, ben, sue, bo, welcome, data_protection
    )
