import pytest
from org_world import Org, build_org
from sqlalchemy import select
from sqlalchemy.orm import Session

from floorlead.auth.tables import AuditEntry
from floorlead.clock import Clock
from floorlead.errors import Conflict, PermissionDenied, RuleViolation
from floorlead.org.model import TeamKind
from floorlead.org.schemas import SkillCreate, SkillUpdate, TeamCreate, TeamUpdate
from floorlead.org.teams import add_skill, add_team, update_skill, update_team


@pytest.fixture
def org(session: Session) -> Org:
    return build_org(session)


def test_a_manager_adds_a_team_supervised_by_someone_they_manage(org: Org, clock: Clock) -> None:
    data = TeamCreate(
        name=" Escalations ",
        kind=TeamKind.DEPARTMENT,
        supervisor_id=org.sam.id,
        time_zone="Europe/Paris",
    )

    team = add_team(org.session, data=data, actor=org.actor(org.max), now=clock.now())

    assert (team.name, team.kind, team.supervisor_id) == ("Escalations", "department", org.sam.id)
    entry = org.session.scalar(select(AuditEntry).where(AuditEntry.action == "team.add"))
    assert entry is not None and entry.actor_id == org.max.id


def test_team_names_are_unique_whatever_their_case(org: Org, clock: Clock) -> None:
    with pytest.raises(Conflict) as refused:
        add_team(org.session, data=TeamCreate(name="BILLING"), actor=None, now=clock.now())

    assert refused.value.field == "name"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Chat", "time_zone": "Paris"}, "time_zone"),
        ({"name": "Chat", "supervisor_id": 9999}, "supervisor_id"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_team_input_is_refused_naming_the_field(
    org: Org, clock: Clock, data: dict[str, object], field: str
) -> None:
    with pytest.raises(Exception) as refused:
        add_team(org.session, data=TeamCreate.model_validate(data), actor=None, now=clock.now())

    assert getattr(refused.value, "field", None) == field


def test_an_agent_cannot_supervise_a_team(org: Org, clock: Clock) -> None:
    with pytest.raises(RuleViolation, match="team lead or above"):
        add_team(
            org.session,
            data=TeamCreate(name="Chat", supervisor_id=org.ava.id),
            actor=None,
            now=clock.now(),
        )


def test_a_manager_cannot_hand_a_team_to_someone_outside_their_org(org: Org, clock: Clock) -> None:
    with pytest.raises(PermissionDenied):
        add_team(
            org.session,
            data=TeamCreate(name="Chat", supervisor_id=org.sue.id),
            actor=org.actor(org.max),
            now=clock.now(),
        )


def test_supervisors_do_not_create_teams(org: Org, clock: Clock) -> None:
    with pytest.raises(PermissionDenied, match="manage teams"):
        add_team(
            org.session, data=TeamCreate(name="Chat"), actor=org.actor(org.sam), now=clock.now()
        )


def test_a_manager_updates_only_teams_in_their_org(org: Org, clock: Clock) -> None:
    max_ = org.actor(org.max)

    team = update_team(
        org.session,
        team_id=org.billing.id,
        changes=TeamUpdate(description="Invoices and refunds"),
        actor=max_,
        now=clock.now(),
    )
    with pytest.raises(PermissionDenied):
        update_team(
            org.session,
            team_id=org.returns.id,
            changes=TeamUpdate(description="x"),
            actor=max_,
            now=clock.now(),
        )

    assert team.description == "Invoices and refunds"


def test_renaming_a_team_to_a_taken_name_is_a_conflict(org: Org, clock: Clock) -> None:
    with pytest.raises(Conflict):
        update_team(
            org.session,
            team_id=org.billing.id,
            changes=TeamUpdate(name="returns"),
            actor=None,
            now=clock.now(),
        )


def test_skills_are_added_and_renamed_by_managers_with_unique_names(org: Org, clock: Clock) -> None:
    max_ = org.actor(org.max)
    french = add_skill(org.session, data=SkillCreate(name="French"), actor=max_, now=clock.now())
    add_skill(org.session, data=SkillCreate(name="German"), actor=max_, now=clock.now())

    renamed = update_skill(
        org.session,
        skill_id=french.id,
        changes=SkillUpdate(name="French (native)"),
        actor=max_,
        now=clock.now(),
    )
    with pytest.raises(Conflict):
        update_skill(
            org.session,
            skill_id=french.id,
            changes=SkillUpdate(name="german"),
            actor=max_,
            now=clock.now(),
        )
    with pytest.raises(PermissionDenied):
        add_skill(
            org.session, data=SkillCreate(name="Returns"), actor=org.actor(org.lee), now=clock.now()
        )

    assert renamed.name == "French (native)"


def test_a_manager_who_names_no_supervisor_supervises_the_new_team(org: Org, clock: Clock) -> None:
    team = add_team(
        org.session, data=TeamCreate(name="Chat"), actor=org.actor(org.max), now=clock.now()
    )
    unsupervised = add_team(org.session, data=TeamCreate(name="Email"), actor=None, now=clock.now())

    assert team.supervisor_id == org.max.id
    assert unsupervised.supervisor_id is None
    assert team.id in (org.actor(org.max).team_ids or ())
