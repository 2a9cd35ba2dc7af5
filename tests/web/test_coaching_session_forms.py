"""The 1:1 forms over HTTP, on each database: planning a 1:1 from the calendar, its notes,
action items and linked reasons. Bad input shows the form again with what was typed and a
message led by the field's label (422; 409 for a change the 1:1's state forbids), nothing saved."""

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from coaching_pages_floor import (
    NOW,
    build_floor,
    count_rows,
    form_in,
    make_app,
    marked_invalid,
    shown_text,
    visitors,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.actors import load_actor
from floorlead.coaching import plan_session
from floorlead.coaching.tables import CoachingAction, CoachingLink, CoachingSession
from floorlead.config import Settings
from floorlead.org.tables import Person

PLAN = {"scheduled_at": "2026-04-01T14:30", "agenda": "Refund calls running long"}
ACTION = {"description": "Shadow Ben on two refund calls", "due_on": "2026-04-10"}
LINK = {"kind": "ticket", "ref": "4242", "text": "Refund promised twice"}


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    """The coaching floor, Lee in Paris, and a 1:1 Lee planned with Ana on 27 March."""
    floor = build_floor(session)
    lee = session.get(Person, floor["lee"])
    assert lee is not None
    lee.time_zone = "Europe/Paris"
    session.commit()
    one = plan_session(
        session,
        actor=load_actor(session, floor["lee"]),
        agent_id=floor["ana"],
        scheduled_at=datetime(2026, 3, 27, 10, 0, tzinfo=UTC),
        agenda="Long refund calls",
        now=NOW,
    )
    return floor | {"one_on_one": one.id}


@pytest.fixture
def sign_in(settings: Settings, floor: dict[str, int]) -> Iterator:
    with visitors(make_app(settings)) as sign_in:
        yield sign_in


def _notes_of(session: Session, session_id: int) -> tuple[str, bool, str]:
    session.expire_all()
    row = session.get(CoachingSession, session_id)
    assert row is not None
    return row.notes, row.notes_shared, row.status


def test_a_coach_plans_a_1_1_at_their_local_time(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    lee = sign_in("lee")

    planned = lee.post("/coaching/sessions", PLAN | {"agent_id": str(floor["ana"])})
    page = lee.get(planned.headers["location"])

    assert planned.status_code == 303
    assert "Refund calls running long" in page.text and "Wed 01 Apr 14:30" in page.text
    session.expire_all()
    newest = session.scalars(select(CoachingSession).order_by(CoachingSession.id.desc())).first()
    assert newest is not None
    # Paris is on summer time (UTC+2) from 29 March 2026: 14:30 there is 12:30 UTC.
    assert newest.scheduled_at == datetime(2026, 4, 1, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"scheduled_at": "next Wednesday"},
            "scheduled_at",
            "When: 'next Wednesday' is not a date and time (like 2026-03-02T09:30)",
        ),
        ({"scheduled_at": ""}, "scheduled_at", "When: give a date and time"),
        ({"agent_id": ""}, "agent_id", "Agent: choose one"),
    ],
)
def test_a_bad_1_1_plan_is_explained_on_the_calendar_and_nothing_is_saved(
    sign_in,
    floor: dict[str, int],
    session: Session,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    lee = sign_in("lee")
    sent = PLAN | {"agent_id": str(floor["ana"])} | changes

    refused = lee.post("/coaching/sessions", sent)
    form = form_in(refused.text, "plan-form")

    assert refused.status_code == 422
    assert message in shown_text(refused.text)
    assert marked_invalid(form, field)
    assert ">Refund calls running long</textarea>" in form  # the agenda as typed
    assert count_rows(session, CoachingSession) == 1  # the fixture's 1:1 only


def test_a_coach_records_the_notes_shares_them_and_marks_the_1_1_held(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    lee, ana = sign_in("lee"), sign_in("ana")
    path = f"/coaching/sessions/{floor['one_on_one']}"

    saved = lee.post(
        f"{path}/notes", {"notes": "Use the refund checklist", "shared": "yes", "status": "held"}
    )

    assert saved.status_code == 303
    assert _notes_of(session, floor["one_on_one"]) == ("Use the refund checklist", True, "held")
    assert "Use the refund checklist" in ana.get(path).text


@pytest.mark.parametrize(
    ("held_first", "status", "code", "message"),
    [
        (False, "postponed", 422, "Status: status must be one of planned, held, cancelled"),
        (True, "cancelled", 409, "Status: the 1:1 is already held"),
    ],
)
def test_bad_notes_keep_what_was_typed_and_change_nothing(
    sign_in,
    floor: dict[str, int],
    session: Session,
    held_first: bool,
    status: str,
    code: int,
    message: str,
) -> None:
    lee = sign_in("lee")
    path = f"/coaching/sessions/{floor['one_on_one']}"
    if held_first:
        assert lee.post(f"{path}/notes", {"notes": "", "status": "held"}).status_code == 303
    before = _notes_of(session, floor["one_on_one"])

    refused = lee.post(
        f"{path}/notes", {"notes": "Talked about tone", "shared": "yes", "status": status}
    )
    form = form_in(refused.text, "notes-form")

    assert refused.status_code == code
    assert message in shown_text(refused.text)
    assert ">Talked about tone</textarea>" in form
    assert 'name="shared" value="yes" checked' in form
    assert marked_invalid(form, "status") and not marked_invalid(form, "notes")
    assert _notes_of(session, floor["one_on_one"]) == before


def test_a_coach_agrees_an_action_item(sign_in, floor: dict[str, int], session: Session) -> None:
    lee = sign_in("lee")
    path = f"/coaching/sessions/{floor['one_on_one']}"

    added = lee.post(f"{path}/actions", ACTION | {"owner_id": str(floor["ana"])})
    page = lee.get(path)

    assert added.status_code == 303
    assert "Shadow Ben on two refund calls" in page.text and "Fri 10 Apr" in page.text
    session.expire_all()
    item = session.scalars(select(CoachingAction)).one()
    assert (item.owner_id, item.due_on) == (floor["ana"], date(2026, 4, 10))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"due_on": "next week"},
            "due_on",
            "Due: 'next week' is not a date (like 2026-03-02)",
        ),
        ({"owner_id": "Ana"}, "owner_id", "Owner: 'Ana' is not a whole number"),
        ({"description": "  "}, "description", "Action: description must not be empty"),
    ],
)
def test_a_bad_action_item_is_explained_and_nothing_is_saved(
    sign_in,
    floor: dict[str, int],
    session: Session,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    lee = sign_in("lee")
    sent = ACTION | {"owner_id": str(floor["ana"])} | changes

    refused = lee.post(f"/coaching/sessions/{floor['one_on_one']}/actions", sent)
    form = form_in(refused.text, "action-form")

    assert refused.status_code == 422
    assert message in shown_text(refused.text)
    assert marked_invalid(form, field)
    if field != "description":
        assert 'value="Shadow Ben on two refund calls"' in form
    if field != "due_on":
        assert 'value="2026-04-10"' in form
    assert count_rows(session, CoachingAction) == 0


def test_a_coach_links_the_ticket_that_prompted_the_1_1(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    lee = sign_in("lee")
    path = f"/coaching/sessions/{floor['one_on_one']}"

    linked = lee.post(f"{path}/links", LINK)
    reasons = lee.get(path).text.split('data-testid="reasons"')[1]

    assert linked.status_code == 303
    assert 'href="/tickets/4242">#4242' in reasons and "Refund promised twice" in reasons
    assert count_rows(session, CoachingLink) == 1


def test_a_reason_without_the_tickets_number_is_explained_and_nothing_is_saved(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    lee = sign_in("lee")

    refused = lee.post(
        f"/coaching/sessions/{floor['one_on_one']}/links", LINK | {"ref": "the refund one"}
    )
    form = form_in(refused.text, "link-form")

    assert refused.status_code == 422
    assert "Reference: a ticket link needs the record's id" in shown_text(refused.text)
    assert marked_invalid(form, "ref") and 'value="the refund one"' in form
    assert '<option value="ticket" selected>' in form and 'value="Refund promised twice"' in form
    assert count_rows(session, CoachingLink) == 0
