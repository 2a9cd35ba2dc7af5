"""Team meeting and conflict note pages over HTTP, on each database: forms, lists, who may see
and do what (checked by the services), and bad input explained with nothing saved."""

import re
from collections.abc import Iterator

import pytest
from coaching_pages_floor import build_floor, make_app, visitors
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from floorlead.coaching.tables import ConflictNote, TeamMeeting
from floorlead.config import Settings

BRIEFING = {
    "title": "Friday briefing",
    "kind": "briefing",
    "held_at": "2026-03-27T08:30",
    "agenda": "Refund backlog",
    "notes": "Backlog at 140 tickets",
    "decisions": "Ana takes refunds first\n\nOvertime on Thursday\n",
}
CONFLICT = {"occurred_on": "2026-03-26", "summary": "Argument over shift swaps"}


@pytest.fixture
def floor(session: Session) -> dict[str, int]:
    return build_floor(session)


@pytest.fixture
def sign_in(settings: Settings, floor: dict[str, int]) -> Iterator:
    with visitors(make_app(settings)) as sign_in:
        yield sign_in


def _count(session: Session, table: type) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_team_lead_records_a_briefing_with_decisions_and_attendance(
    sign_in, floor: dict[str, int]
) -> None:
    lee = sign_in("lee")
    meetings = f"/coaching/teams/{floor['billing']}/meetings"

    form = lee.get(meetings)
    saved = lee.post(meetings, BRIEFING | {"present": [str(floor["ana"]), str(floor["lee"])]})
    page = lee.get(saved.headers["location"])
    listed = lee.get(meetings)
    attendance = page.text.split('data-testid="attendance"')[1].split("</ul>")[0]
    who = re.findall(r"<li>([^<]+?) <span class=\"badge \w+\">(\w+)</span>", attendance)

    assert 'data-testid="meeting-form"' in form.text and "Ben Agent" in form.text
    assert saved.status_code == 303 and "Meeting saved." in page.text
    assert "Fri 27 Mar 08:30" in page.text and "Backlog at 140 tickets" in page.text
    assert "<li>Ana takes refunds first</li><li>Overtime on Thursday</li>" in page.text
    assert who == [  # everyone in the team, in the order they joined
        ("Sam Supervisor", "Absent"),
        ("Lee Lead", "Present"),
        ("Tess Lead", "Absent"),
        ("Ana Agent", "Present"),
        ("Ben Agent", "Absent"),
    ]
    assert "Friday briefing" in listed.text and "2/5" in listed.text


def test_the_team_reads_its_meetings_and_only_its_coaches_change_them(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    lee = sign_in("lee")
    meetings = f"/coaching/teams/{floor['billing']}/meetings"
    meeting_path = lee.post(meetings, BRIEFING).headers["location"].split("?")[0]
    ana, bo = sign_in("ana"), sign_in("bo")

    ana_list, ana_page = ana.get(meetings), ana.get(meeting_path)
    ana_post = ana.post(meetings, BRIEFING | {"title": "Ana's meeting"})
    ana_record = ana.post(f"{meeting_path}/record", {"notes": "Changed by Ana"})
    recorded = lee.post(
        f"{meeting_path}/record",
        {"notes": "Backlog down to 90", "decisions": "Keep the rota", "present": str(floor["ben"])},
    )

    assert "Friday briefing" in ana_list.text and "Add a meeting" not in ana_list.text
    assert ana_page.status_code == 200 and "Record the meeting" not in ana_page.text
    assert ana_post.status_code == 403 and ana_record.status_code == 403
    assert bo.get(meetings).status_code == 403 and bo.get(meeting_path).status_code == 403
    assert recorded.status_code == 303
    after = ana.get(meeting_path).text
    assert "Backlog down to 90" in after and "Changed by Ana" not in after
    assert _count(session, TeamMeeting) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": " "}, "Title: title must not be empty"),
        ({"held_at": "next Friday"}, "When: &#39;next Friday&#39; is not a date and time"),
        ({"kind": "party"}, "Kind: kind must be one of meeting, briefing"),
        ({"present": "999999"}, "Attendance: person 999999 is not in the team"),
    ],
)
def test_bad_meeting_input_is_explained_on_the_form_and_nothing_is_saved(
    sign_in, floor: dict[str, int], session: Session, changes: dict[str, str], message: str
) -> None:
    lee = sign_in("lee")

    refused = lee.post(f"/coaching/teams/{floor['billing']}/meetings", BRIEFING | changes)

    assert refused.status_code == 422
    assert message in refused.text
    assert "Backlog at 140 tickets" in refused.text  # the form keeps what was typed
    assert _count(session, TeamMeeting) == 0


def test_a_supervisor_notes_a_conflict_and_records_its_outcome(
    sign_in, floor: dict[str, int]
) -> None:
    sam = sign_in("sam")

    form = sam.get("/coaching/conflicts")
    saved = sam.post(
        "/coaching/conflicts",
        CONFLICT | {"party_ids": [str(floor["ana"]), str(floor["lee"])]},
    )
    listed = sam.get(saved.headers["location"])
    note_id = listed.text.split('id="note-')[1].split('"')[0]
    resolved = sam.post(
        f"/coaching/conflicts/{note_id}/resolve", {"outcome": "Swap rota agreed by both"}
    )
    after = sam.get("/coaching/conflicts", status="resolved")

    assert 'data-testid="conflict-form"' in form.text and "Bo Agent" not in form.text
    assert saved.status_code == 303 and "Conflict note saved." in listed.text
    assert "Ana Agent, Lee Lead" in listed.text and "Open" in listed.text
    assert "Argument over shift swaps" in listed.text
    assert resolved.status_code == 303
    assert "Resolved" in after.text and "Swap rota agreed by both" in after.text
    assert "No conflict notes." in sam.get("/coaching/conflicts", status="open").text


def test_conflict_notes_are_refused_to_agents_and_team_leads_and_kept_to_ones_teams(
    sign_in, floor: dict[str, int], session: Session
) -> None:
    sam = sign_in("sam")
    sam.post("/coaching/conflicts", CONFLICT | {"party_ids": [str(floor["ana"])]})
    ana, lee, max_, sue = (sign_in(n) for n in ("ana", "lee", "max", "sue"))

    for refused in (ana, lee):
        assert refused.get("/coaching/conflicts").status_code == 403
        posted = refused.post("/coaching/conflicts", CONFLICT | {"party_ids": str(floor["ben"])})
        assert posted.status_code == 403
        assert refused.post("/coaching/conflicts/1/resolve", {"outcome": "x"}).status_code == 403
        assert "/coaching/conflicts" not in refused.get("/coaching").text
    assert "Argument over shift swaps" in max_.get("/coaching/conflicts").text
    assert "No conflict notes." in sue.get("/coaching/conflicts").text
    assert 'href="/coaching/conflicts"' in sam.get("/coaching").text
    assert _count(session, ConflictNote) == 1


@pytest.mark.parametrize(
    ("parties", "changes", "message"),
    [
        ([], {}, "People involved: name at least one person involved"),
        (["ana", "bo"], {}, "People involved: Bo Agent is outside your teams"),
        (
            ["ana"],
            {"occurred_on": "2026-04-02"},
            "Date: the conflict cannot have happened in the future",
        ),
        (["ana"], {"occurred_on": ""}, "Date: give a date"),
        (["ana"], {"summary": ""}, "What happened: summary must not be empty"),
    ],
)
def test_bad_conflict_input_is_explained_on_the_form_and_nothing_is_saved(
    sign_in,
    floor: dict[str, int],
    session: Session,
    parties: list[str],
    changes: dict[str, str],
    message: str,
) -> None:
    sam = sign_in("sam")
    sent = CONFLICT | changes | {"party_ids": [str(floor[name]) for name in parties]}

    refused = sam.post("/coaching/conflicts", sent)

    assert refused.status_code == 422
    assert message in refused.text
    assert _count(session, ConflictNote) == 0
