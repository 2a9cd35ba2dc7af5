"""Reviews, approvals and training reminders put e-mail in the outbox with their change."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from mail_world import (
    BASE_URL,
    Floor,
    Inbox,
    SteerableClock,
    build_floor,
    mail_settings,
    mailer_for,
)
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.config import Settings
from floorlead.errors import RuleViolation
from floorlead.notifications import MailKind, outbox_entries, send_pending_mail
from floorlead.org.approvals import request_approval
from floorlead.org.schemas import ApprovalCreate
from floorlead.quality.reviews import record_review
from floorlead.quality.schemas import AnswerIn, ReviewCreate
from floorlead.quality.service import seed_default_scorecard
from floorlead.training import (
    RemindersQueued,
    assign_program,
    create_certification,
    create_program,
    queue_training_reminders,
    record_certification,
)
from floorlead.training.model import ProgramKind
from floorlead.training.schemas import CertificationCreate, ModuleIn, ProgramCreate

from factories import T0, make_person, make_ticket

# The worked example of docs/quality/guide.md: 77.5 %.
ANSWERS = {
    "verified_identity": "na",
    "data_protection": "yes",
    "understood_issue": "4",
    "correct_answer": "3",
    "next_steps": "no",
    "empathy": "5",
    "clarity": "4",
    "greeting": "yes",
}


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)


def deliver_all(session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock) -> None:
    report = send_pending_mail(
        session,
        deliver=mailer_for(mail_settings(settings, inbox.port)).deliver,
        base_url=BASE_URL,
        now=clock.now(),
    )
    assert report.all_sent, report


def review_avas_ticket(session: Session, floor: Floor, *, notify_agent: bool = True) -> int:
    scorecard = seed_default_scorecard(session, T0)
    ticket = make_ticket(session, team_id=floor.billing.id, assignee_id=floor.ava.id)
    session.commit()
    data = ReviewCreate(
        scorecard_id=scorecard.id,
        ticket_id=ticket.id,
        answers={key: AnswerIn(value=value) for key, value in ANSWERS.items()},
    )
    sam = load_actor(session, floor.sam.id)
    review = record_review(session, actor=sam, data=data, now=T0, notify_agent=notify_agent)
    return review.id


def test_a_new_review_emails_the_agent_its_score_and_link(
    session: Session, settings: Settings, floor: Floor, inbox: Inbox, clock: SteerableClock
) -> None:
    review_id = review_avas_ticket(session, floor)

    [entry] = outbox_entries(session)
    deliver_all(session, settings, inbox, clock)

    assert (entry.kind, entry.email) == (MailKind.QA_REVIEW, "ava@example.com")
    [mail] = inbox.to("ava@example.com")
    assert mail.message["Subject"].startswith("Your ticket #") and "was reviewed" in str(
        mail.message["Subject"]
    )
    assert "Sam Supervisor reviewed your ticket" in mail.text and "score 77.5%" in mail.text
    assert f"{BASE_URL}/quality/reviews/{review_id}" in mail.text


def test_a_review_recorded_without_telling_the_agent_sends_no_email(
    session: Session, floor: Floor
) -> None:
    review_avas_ticket(session, floor, notify_agent=False)

    assert outbox_entries(session) == []


def ask(session: Session, floor: Floor, amount: str) -> None:
    data = ApprovalCreate(approval_type="refund", amount=Decimal(amount), reason="Parcel lost")
    request_approval(session, data=data, actor=load_actor(session, floor.ava.id), now=T0)


def test_a_request_routed_to_an_approver_emails_them(
    session: Session, settings: Settings, floor: Floor, inbox: Inbox, clock: SteerableClock
) -> None:
    ask(session, floor, "300")

    [entry] = outbox_entries(session)
    deliver_all(session, settings, inbox, clock)

    assert (entry.kind, entry.email) == (MailKind.APPROVAL_REQUEST, "lee@example.com")
    [mail] = inbox.received
    assert mail.rcpt_tos == ["lee@example.com"]
    assert mail.message["Subject"] == "Approval needed: refund of 300.00 for Ava Agent"
    assert "Reason: Parcel lost" in mail.text and f"{BASE_URL}/\n" in mail.text


def test_a_request_within_the_requesters_own_limit_emails_nobody(
    session: Session, floor: Floor
) -> None:
    ask(session, floor, "80")

    assert outbox_entries(session) == []


WELCOME = ProgramCreate(
    slug="welcome-to-the-floor",
    title="Welcome to the floor",
    kind=ProgramKind.ONBOARDING,
    modules=[
        ModuleIn(title="How we look after customers", duration_minutes=45, content_text="Read.")
    ],
)


def training_floor(session: Session, floor: Floor) -> int:
    """Ava's onboarding is due 4 March 2026; Ben's certification lapses on 20 March 2026,
    Lee's lapsed on 1 March 2026; Lou, who left, has overdue training too."""
    program = create_program(session, actor=None, data=WELCOME, now=T0)
    certification = create_certification(
        session,
        actor=None,
        data=CertificationCreate(slug="data-protection", name="Data protection", valid_months=12),
        now=T0,
    )
    lou = make_person(session, name="Lou Left", email="lou@example.com", team_id=floor.billing.id)
    session.commit()
    for person in (floor.ava, lou):
        assign_program(
            session,
            actor=None,
            person_id=person.id,
            program_id=program.id,
            due_on=date(2026, 3, 4),
            now=T0,
        )
    for person, earned in [(floor.ben, date(2025, 3, 20)), (floor.lee, date(2025, 3, 1))]:
        record_certification(
            session,
            actor=None,
            person_id=person.id,
            certification_id=certification.id,
            earned_on=earned,
            now=T0,
        )
    lou.leave_date = date(2026, 3, 5)
    session.commit()
    return program.id


def test_reminders_go_once_a_day_to_overdue_work_and_certifications_about_to_lapse(
    session: Session, settings: Settings, floor: Floor, inbox: Inbox, clock: SteerableClock
) -> None:
    training_floor(session, floor)
    saturday = date(2026, 3, 7)

    first = queue_training_reminders(session, today=saturday, warn_days=30, now=T0)
    again = queue_training_reminders(session, today=saturday, warn_days=30, now=T0)
    next_day = queue_training_reminders(
        session, today=saturday + timedelta(days=1), warn_days=30, now=T0
    )
    outside_window = queue_training_reminders(session, today=saturday, warn_days=10, now=T0)

    assert first == RemindersQueued(overdue=1, expiring=1)
    assert again == RemindersQueued(overdue=0, expiring=0)
    assert next_day == RemindersQueued(overdue=1, expiring=1)
    assert outside_window == RemindersQueued(overdue=0, expiring=0)
    deliver_all(session, settings, inbox, clock)
    assert {m.message["Subject"] for m in inbox.to("ava@example.com")} == {
        "Training overdue: Welcome to the floor"
    }
    assert {m.message["Subject"] for m in inbox.to("ben@example.com")} == {
        "Certification to renew: Data protection"
    }
    assert sorted(r for m in inbox.received for r in m.rcpt_tos) == [
        "ava@example.com",
        "ava@example.com",
        "ben@example.com",
        "ben@example.com",
    ]
    first_avas = inbox.to("ava@example.com")[0].text
    assert "was due on 2026-03-04 (3 days ago); 0 of 1 modules are done." in first_avas
    assert f"{BASE_URL}/training/assignments/" in first_avas
    bens = [m.text for m in inbox.to("ben@example.com")]
    assert "expires on 2026-03-20 (in 13 days)" in bens[0]
    assert "expires on 2026-03-20 (in 12 days)" in bens[1]
    assert f"{BASE_URL}/training/people/{floor.ben.id}" in bens[0]


def test_a_negative_warning_window_is_refused_and_queues_nothing(
    session: Session, floor: Floor
) -> None:
    training_floor(session, floor)

    with pytest.raises(RuleViolation) as refused:
        queue_training_reminders(session, today=date(2026, 3, 7), warn_days=-1, now=T0)

    assert refused.value.field == "days"
    session.rollback()
    assert outbox_entries(session) == []
