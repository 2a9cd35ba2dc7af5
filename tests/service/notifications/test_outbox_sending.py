"""The outbox sender against a real SMTP server, on each database."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from mail_world import (
    BASE_URL,
    LOGIN,
    SECRET,
    Floor,
    Inbox,
    SteerableClock,
    build_floor,
    free_port,
    mail_settings,
    mailer_for,
)
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.notifications import (
    MailKind,
    MailStatus,
    SendReport,
    dedupe_key,
    outbox_entries,
    queue_email,
    send_pending_mail,
)
from floorlead.notifications.service import claim_due_mail
from floorlead.notifications.tables import OutboxMessage
from floorlead.org.tables import Person
from floorlead.storage import make_session_factory


def queue(session: Session, person: Person, n: int, clock: SteerableClock) -> int | None:
    return queue_email(
        session,
        person_id=person.id,
        kind=MailKind.QA_REVIEW,
        subject=f"Your ticket #{n} was reviewed",
        body=f"Sam Supervisor reviewed your ticket #{n}: score 77.5%.",
        link=f"/quality/reviews/{n}",
        dedupe_key=dedupe_key(MailKind.QA_REVIEW, n),
        now=clock.now(),
    )


def send(session: Session, settings: Settings, clock: SteerableClock) -> SendReport:
    return send_pending_mail(
        session, deliver=mailer_for(settings).deliver, base_url=BASE_URL, now=clock.now()
    )


def test_a_queued_email_reaches_the_person_with_its_subject_and_link_once(
    session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    session.commit()
    smtp = mail_settings(settings, inbox.port)

    first = send(session, smtp, clock)
    again = send(session, smtp, clock)

    assert (first, again) == (SendReport(sent=1), SendReport())
    [mail] = inbox.received
    assert (mail.mail_from, mail.rcpt_tos) == ("floorlead@example.com", ["ava@example.com"])
    assert mail.message["To"] == "Ava Agent <ava@example.com>"
    assert mail.message["From"] == "floorlead <floorlead@example.com>"
    assert mail.message["Subject"] == "Your ticket #12 was reviewed"
    assert mail.message["Auto-Submitted"] == "auto-generated"
    assert "score 77.5%" in mail.text
    assert "Open it in floorlead: https://floor.example.com/quality/reviews/12" in mail.text
    [entry] = outbox_entries(session)
    assert (entry.status, entry.sent_at, entry.attempts) == (MailStatus.SENT, clock.now(), 1)


def test_an_email_queued_with_a_change_that_is_rolled_back_never_exists(
    session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)

    session.rollback()

    assert outbox_entries(session) == []
    assert send(session, mail_settings(settings, inbox.port), clock) == SendReport()
    assert inbox.received == []


def test_the_same_dedupe_key_queues_one_email(session: Session, clock: SteerableClock) -> None:
    floor = build_floor(session)

    first = queue(session, floor.ava, 12, clock)
    second = queue(session, floor.ava, 12, clock)
    session.commit()

    assert first is not None and second is None
    assert len(outbox_entries(session)) == 1


def test_an_email_refused_for_now_is_tried_again_a_minute_later_and_delivered(
    session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    session.commit()
    smtp = mail_settings(settings, inbox.port)
    inbox.data_answers = ["451 4.3.0 Mailbox busy, try again later"]
    start = clock.now()

    refused = send(session, smtp, clock)
    [waiting] = outbox_entries(session)
    clock.advance(seconds=30)
    too_soon = send(session, smtp, clock)
    clock.advance(seconds=30)
    delivered = send(session, smtp, clock)

    assert refused == SendReport(retrying=1)
    assert waiting.status is MailStatus.PENDING
    assert waiting.last_error == "451 4.3.0 Mailbox busy, try again later"
    assert (waiting.attempts, waiting.next_attempt_at) == (1, start + timedelta(minutes=1))
    assert too_soon == SendReport()
    assert delivered == SendReport(sent=1)
    assert [m.message["Subject"] for m in inbox.to("ava@example.com")] == [
        "Your ticket #12 was reviewed"
    ]
    [entry] = outbox_entries(session)
    assert (entry.status, entry.attempts, entry.last_error) == (MailStatus.SENT, 2, "")


def test_a_server_that_keeps_refusing_is_given_up_on_after_five_tries(
    session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    session.commit()
    smtp = mail_settings(settings, inbox.port)
    inbox.data_answers = ["451 4.3.0 Try again later"] * 10
    start = clock.now()

    # Tries at 0, then 1, 5, 25 and 125 minutes after each failure: 0, 1, 6, 31, 156.
    reports = []
    for minutes in [0, 1, 6, 31, 156, 2000]:
        clock.set(start + timedelta(minutes=minutes))
        reports.append(send(session, smtp, clock))

    assert reports == [SendReport(retrying=1)] * 4 + [SendReport(failed=1), SendReport()]
    [entry] = outbox_entries(session)
    assert (entry.status, entry.attempts, entry.next_attempt_at) == (MailStatus.FAILED, 5, None)
    assert inbox.received == []
    assert len(inbox.data_answers) == 5


def test_an_unknown_mailbox_is_not_tried_again_and_others_still_get_theirs(
    session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    queue(session, floor.ben, 13, clock)
    session.commit()
    inbox.unknown = {"ava@example.com"}

    report = send(session, mail_settings(settings, inbox.port), clock)

    assert report == SendReport(sent=1, failed=1)
    assert [m.rcpt_tos for m in inbox.received] == [["ben@example.com"]]
    failed = outbox_entries(session, status=MailStatus.FAILED)
    assert [(e.email, e.last_error) for e in failed] == [
        ("ava@example.com", "550 5.1.1 No such mailbox here")
    ]


def test_while_the_server_is_down_every_email_waits_for_the_next_try(
    session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    queue(session, floor.ben, 13, clock)
    session.commit()

    down = send(session, mail_settings(settings, free_port()), clock)
    errors = {e.last_error.split(":")[0] for e in outbox_entries(session)}
    clock.advance(minutes=1)
    back = send(session, mail_settings(settings, inbox.port), clock)

    assert down == SendReport(retrying=2)
    assert errors == {"ConnectionRefusedError"}
    assert back == SendReport(sent=2)
    assert sorted(r for m in inbox.received for r in m.rcpt_tos) == [
        "ava@example.com",
        "ben@example.com",
    ]


def test_two_senders_at_once_send_each_email_exactly_once(
    engine: Engine, session: Session, settings: Settings, inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    for n in range(1, 31):
        queue(session, floor.ava if n % 2 else floor.ben, n, clock)
    session.commit()
    inbox.delay = 0.005
    deliver = mailer_for(mail_settings(settings, inbox.port)).deliver
    sessions = make_session_factory(engine)
    reports: list[SendReport] = []

    def sender() -> None:
        with sessions() as own:
            reports.append(
                send_pending_mail(
                    own, deliver=deliver, base_url=BASE_URL, now=clock.now(), batch_size=2
                )
            )

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(r.sent for r in reports) == 30
    subjects = sorted(str(m.message["Subject"]) for m in inbox.received)
    assert subjects == sorted(f"Your ticket #{n} was reviewed" for n in range(1, 31))
    assert {e.status for e in outbox_entries(session)} == {MailStatus.SENT}


def test_starttls_and_login_are_used_when_set(
    session: Session, settings: Settings, starttls_inbox: Inbox, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    session.commit()
    common = {"smtp_starttls": True, "smtp_username": LOGIN}

    wrong = send(
        session, mail_settings(settings, starttls_inbox.port, **common, smtp_password="no"), clock
    )
    [refused] = outbox_entries(session)
    clock.advance(minutes=1)
    right = send(
        session, mail_settings(settings, starttls_inbox.port, **common, smtp_password=SECRET), clock
    )

    assert wrong == SendReport(retrying=1)
    assert refused.last_error.startswith("535")
    assert right == SendReport(sent=1)
    assert [m.rcpt_tos for m in starttls_inbox.received] == [["ava@example.com"]]


def test_smtps_speaks_tls_from_the_first_byte(
    session: Session, settings: Settings, ssl_inbox: Inbox, clock: SteerableClock
) -> None:
    floor: Floor = build_floor(session)
    queue(session, floor.ava, 12, clock)
    session.commit()
    smtp = mail_settings(
        settings, ssl_inbox.port, smtp_ssl=True, smtp_username=LOGIN, smtp_password=SECRET
    )

    report = send(session, smtp, clock)

    assert report == SendReport(sent=1)
    assert [m.message["Subject"] for m in ssl_inbox.received] == ["Your ticket #12 was reviewed"]


@pytest.mark.parametrize("settings", ["postgresql"], indirect=True)
def test_on_postgresql_a_sender_skips_rows_another_one_holds_instead_of_waiting(
    engine: Engine, session: Session, clock: SteerableClock
) -> None:
    floor = build_floor(session)
    for n in (1, 2, 3):
        queue(session, floor.ava, n, clock)
    session.commit()
    first_id = min(e.id for e in outbox_entries(session))

    with make_session_factory(engine)() as holder:
        holder.execute(
            select(OutboxMessage).where(OutboxMessage.id == first_id).with_for_update()
        ).all()
        with make_session_factory(engine)() as other:
            other.execute(text("SET LOCAL lock_timeout = '2s'"))
            claimed = claim_due_mail(other, now=clock.now())
        holder.rollback()

    assert claimed == [first_id + 1, first_id + 2]
