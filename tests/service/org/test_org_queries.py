from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from org_world import Org, build_org
from sqlalchemy import event
from sqlalchemy.orm import Session

from floorlead.api.paging import PageParams
from floorlead.clock import Clock
from floorlead.errors import PermissionDenied, RuleViolation
from floorlead.org.approval_queries import WaitingFor, approvals_page
from floorlead.org.approvals import request_approval
from floorlead.org.audit_queries import audit_page
from floorlead.org.model import Role
from floorlead.org.queries import list_people, org_tree, people_page, person_detail
from floorlead.org.schemas import ApprovalCreate, OrgNode, PersonUpdate
from floorlead.org.service import update_person
from floorlead.org.tables import Person
from floorlead.org.team_queries import list_teams, team_detail

from factories import make_person, make_ticket


@pytest.fixture
def org(session: Session) -> Org:
    return build_org(session)


TODAY = date(2026, 3, 2)
ALL = PageParams(page=1, per_page=50)


def names(
    org: Org,
    person: Person,
    *,
    team_id: int | None = None,
    role: Role | None = None,
    active: bool | None = None,
    text: str | None = None,
) -> set[str]:
    people = list_people(
        org.session,
        actor=org.actor(person),
        today=TODAY,
        team_id=team_id,
        role=role,
        active=active,
        text=text,
    )
    return {p.name.split()[0] for p in people}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("ava", {"Ava", "Lee", "Sam"}),  # her team and its supervisor
        ("lee", {"Ava", "Lee", "Sam"}),
        ("sam", {"Ava", "Lee", "Sam", "Max"}),  # his team and his own manager
        ("max", {"Ava", "Lee", "Sam", "Max"}),  # his subtree
        ("sue", {"Sue", "Bo"}),
        ("ada", {"Ada", "Max", "Sam", "Lee", "Ava", "Sue", "Bo"}),
    ],
)
def test_each_role_sees_the_people_in_their_scope(
    org: Org, viewer: str, expected: set[str]
) -> None:
    assert names(org, getattr(org, viewer)) == expected


def test_people_can_be_filtered_by_team_role_activity_and_text(org: Org) -> None:
    org.ava.leave_date = date(2026, 2, 1)
    org.session.commit()

    assert names(org, org.ada, team_id=org.billing.id) == {"Sam", "Lee", "Ava"}
    assert names(org, org.ada, role=Role.SUPERVISOR) == {"Sam", "Sue"}
    assert names(org, org.ada, active=False) == {"Ava"}
    assert "Ava" not in names(org, org.ada, active=True)
    assert names(org, org.ada, text="SUPERV") == {"Sam", "Sue"}
    assert names(org, org.ada, text="%") == set()


def test_a_people_page_counts_all_matches_and_sorts(org: Org) -> None:
    page = people_page(
        org.session,
        actor=org.actor(org.ada),
        params=PageParams(page=2, per_page=3, sort="-name"),
        today=TODAY,
    )

    assert page.total == 7
    assert [p.name for p in page.items] == ["Lee Lead", "Bo Agent", "Ava Agent"]


def test_an_unknown_sort_column_is_refused_naming_the_field(org: Org) -> None:
    with pytest.raises(RuleViolation, match="cannot sort by 'salary'") as refused:
        people_page(
            org.session, actor=org.actor(org.ada), params=PageParams(sort="salary"), today=TODAY
        )

    assert refused.value.field == "sort"


def test_a_people_page_takes_the_same_number_of_queries_for_more_people(org: Org) -> None:
    def count() -> int:
        with counting(org) as statements:
            people_page(org.session, actor=org.actor(org.ada), params=ALL, today=TODAY)
        return len(statements)

    before = count()
    for n in range(10):
        make_person(org.session, name=f"Extra {n}", team_id=org.returns.id, manager_id=org.sue.id)
    org.session.commit()

    assert count() == before


@contextmanager
def counting(org: Org) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = org.session.get_bind()

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    org.session.expire_all()
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_hourly_cost_is_shown_only_to_the_person_and_those_who_manage_them(org: Org) -> None:
    ava_sees = {
        p.name: p.hourly_cost
        for p in list_people(org.session, actor=org.actor(org.ava), today=TODAY)
    }
    sam_sees = {
        p.name: p.hourly_cost
        for p in list_people(org.session, actor=org.actor(org.sam), today=TODAY)
    }

    assert ava_sees == {"Ava Agent": Decimal("25.00"), "Lee Lead": None, "Sam Supervisor": None}
    assert sam_sees["Ava Agent"] == Decimal("25.00")
    assert sam_sees["Max Manager"] is None


def test_a_person_outside_the_viewers_scope_is_refused(org: Org) -> None:
    with pytest.raises(PermissionDenied, match="Bo Agent is outside"):
        person_detail(org.session, actor=org.actor(org.ava), person_id=org.bo.id, today=TODAY)


def shape(nodes: list[OrgNode]) -> list[object]:
    return [
        (node.name.split()[0], shape(node.reports)) if node.reports else node.name.split()[0]
        for node in nodes
    ]


def test_the_org_tree_nests_reports_under_their_managers(org: Org) -> None:
    admin_view = org_tree(org.session, actor=org.actor(org.ada), today=TODAY)
    agent_view = org_tree(org.session, actor=org.actor(org.ava), today=TODAY)

    assert shape(admin_view) == ["Ada", ("Max", [("Sam", [("Lee", ["Ava"])])]), ("Sue", ["Bo"])]
    assert shape(agent_view) == [("Sam", [("Lee", ["Ava"])])]


def test_people_who_left_drop_out_of_the_tree_unless_asked_for(org: Org) -> None:
    org.bo.leave_date = date(2026, 3, 1)
    org.session.commit()

    assert shape(org_tree(org.session, actor=org.actor(org.sue), today=TODAY)) == ["Sue"]
    assert shape(
        org_tree(org.session, actor=org.actor(org.sue), today=TODAY, include_inactive=True)
    ) == [("Sue", ["Bo"])]


def test_team_detail_shows_each_members_open_ticket_load(org: Org) -> None:
    for status in ["open", "pending", "new", "solved", "closed"]:
        make_ticket(org.session, team_id=org.billing.id, assignee_id=org.ava.id, status=status)
    make_ticket(org.session, team_id=org.billing.id, assignee_id=org.lee.id, status="on_hold")
    make_ticket(org.session, team_id=org.billing.id, status="new")
    make_ticket(org.session, team_id=org.returns.id, assignee_id=org.bo.id, status="open")
    org.session.commit()

    detail = team_detail(org.session, actor=org.actor(org.ava), team_id=org.billing.id, today=TODAY)

    assert {m.name: m.open_tickets for m in detail.members} == {
        "Ava Agent": 3,
        "Lee Lead": 1,
        "Sam Supervisor": 0,
    }
    assert detail.open_tickets == 5
    assert (detail.supervisor_name, detail.member_count) == ("Sam Supervisor", 3)


def test_agents_see_only_their_own_teams_detail(org: Org) -> None:
    with pytest.raises(PermissionDenied):
        team_detail(org.session, actor=org.actor(org.ava), team_id=org.returns.id, today=TODAY)


def test_every_team_is_listed_with_its_active_headcount(org: Org) -> None:
    org.bo.leave_date = date(2026, 3, 1)
    org.session.commit()

    teams = list_teams(org.session, actor=org.actor(org.ava), today=TODAY)

    assert [(t.name, t.member_count, t.supervisor_name) for t in teams] == [
        ("Billing", 3, "Sam Supervisor"),
        ("Returns", 1, "Sue Supervisor"),
    ]


def test_the_audit_log_filters_by_entity_actor_and_time(org: Org, clock: Clock) -> None:
    first = clock.now()
    update_person(
        org.session,
        person_id=org.ava.id,
        changes=PersonUpdate(name="Ava A."),
        actor=org.actor(org.sam),
        now=first,
    )
    later = first + timedelta(hours=2)
    update_person(
        org.session,
        person_id=org.bo.id,
        changes=PersonUpdate(name="Bo B."),
        actor=org.actor(org.ada),
        now=later,
    )
    admin = org.actor(org.ada)

    by_sam = audit_page(org.session, actor=admin, params=ALL, actor_id=org.sam.id)
    people = audit_page(org.session, actor=admin, params=ALL, entity="person")
    window = audit_page(
        org.session, actor=admin, params=ALL, since=later, until=later + timedelta(minutes=1)
    )

    assert [(e.actor_name, e.after) for e in by_sam.items] == [
        ("Sam Supervisor", {"name": "Ava A."})
    ]
    assert [e.entity_id for e in people.items] == [str(org.bo.id), str(org.ava.id)]
    assert window.total == 1 and window.items[0].actor_id == org.ada.id


def test_the_audit_log_is_for_managers_and_admins_and_wants_aware_times(org: Org) -> None:
    with pytest.raises(PermissionDenied):
        audit_page(org.session, actor=org.actor(org.sam), params=ALL)
    with pytest.raises(RuleViolation) as naive:
        audit_page(org.session, actor=org.actor(org.max), params=ALL, since=datetime(2026, 3, 1))  # noqa: DTZ001
    with pytest.raises(RuleViolation, match="after"):
        audit_page(
            org.session,
            actor=org.actor(org.max),
            params=ALL,
            since=datetime(2026, 3, 2, tzinfo=UTC),
            until=datetime(2026, 3, 1, tzinfo=UTC),
        )

    assert naive.value.field == "from"


def test_approvals_waiting_for_me_and_for_my_team(org: Org, clock: Clock) -> None:
    def ask(amount: int) -> None:
        data = ApprovalCreate(approval_type="refund", amount=Decimal(amount), reason="Parcel lost")
        request_approval(org.session, data=data, actor=org.actor(org.ava), now=clock.now())

    ask(300)  # to Lee
    ask(700)  # to Sam
    ask(50)  # approved at once

    def ids(person: Person, waiting_for: WaitingFor | None = None) -> list[str]:
        page = approvals_page(
            org.session, actor=org.actor(person), params=ALL, waiting_for=waiting_for
        )
        return [f"{item.amount:.0f}" for item in page.items]

    assert ids(org.lee, WaitingFor.ME) == ["300"]
    assert ids(org.sam, WaitingFor.ME) == ["700"]
    assert ids(org.sam, WaitingFor.TEAM) == ["700", "300"]
    assert ids(org.ava) == ["50", "700", "300"]
    assert ids(org.bo) == []
