from datetime import date

import pytest
from ticket_world import Floor, audit_actions, count

from floorlead.errors import Conflict, PermissionDenied, RuleViolation
from floorlead.tickets import (
    KEEP,
    create_calendar,
    create_escalation_rule,
    create_sla_policy,
    delete_calendar,
    delete_escalation_rule,
    delete_sla_policy,
    list_calendars,
    list_sla_policies,
    update_calendar,
    update_escalation_rule,
    update_sla_policy,
)
from floorlead.tickets.tables import BusinessCalendar, EscalationRule, SlaPolicy, SlaTarget

from factories import T0

WEEKDAYS = {str(day): [["09:00", "17:00"]] for day in range(5)}


def test_a_policy_is_created_and_its_targets_replaced_in_place(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    policy = create_sla_policy(
        floor.session,
        name="Premium",
        targets=[("urgent", "first_reply", 15), ("urgent", "resolution", 240)],
        customer_tier="premium",
        pause_statuses=["pending"],
        actor=sue,
        now=T0,
    )

    update_sla_policy(
        floor.session,
        policy_id=policy.id,
        targets=[("urgent", "first_reply", 10), ("high", "first_reply", 30)],
        customer_tier=None,
        actor=sue,
        now=T0,
    )

    [listed] = list_sla_policies(floor.session, actor=floor.actor(floor.ava))
    targets = sorted((t.priority, t.metric, t.minutes) for t in listed.targets)
    assert targets == [("high", "first_reply", 30), ("urgent", "first_reply", 10)]
    assert (listed.customer_tier, listed.pause_statuses) == (None, ["pending"])
    assert audit_actions(floor.session) == ["sla_policy.create", "sla_policy.update"]


def test_a_bad_policy_names_the_field_and_is_not_stored(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    cases = [
        ({"targets": [("critical", "first_reply", 10)]}, "targets"),
        ({"targets": [("normal", "first_answer", 10)]}, "targets"),
        ({"targets": [("normal", "first_reply", 0)]}, "targets"),
        ({"targets": []}, "targets"),
        ({"targets": [("normal", "first_reply", 5), ("normal", "first_reply", 6)]}, "targets"),
        ({"pause_statuses": ["solved"]}, "pause_statuses"),
        ({"channel": "fax"}, "channel"),
        ({"customer_tier": "gold"}, "customer_tier"),
        ({"calendar_id": 99}, "calendar_id"),
        ({"name": " "}, "name"),
    ]

    for values, field in cases:
        arguments = {"name": "P", "targets": [("normal", "first_reply", 60)], **values}
        with pytest.raises(RuleViolation) as refused:
            create_sla_policy(floor.session, actor=sue, now=T0, **arguments)
        assert refused.value.field == field, values

    assert count(floor.session, SlaPolicy) == count(floor.session, SlaTarget) == 0
    assert audit_actions(floor.session) == []


def test_an_invalid_update_leaves_the_policy_as_it_was(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    policy = create_sla_policy(
        floor.session, name="P", targets=[("normal", "first_reply", 60)], actor=sue, now=T0
    )

    with pytest.raises(RuleViolation):
        update_sla_policy(
            floor.session,
            policy_id=policy.id,
            targets=[("normal", "first_reply", -5)],
            actor=sue,
            now=T0,
        )

    floor.session.expire_all()
    assert [t.minutes for t in floor.session.get(SlaPolicy, policy.id).targets] == [60]


def test_only_people_managing_service_rules_change_them(floor: Floor) -> None:
    with pytest.raises(PermissionDenied):
        create_sla_policy(
            floor.session,
            name="P",
            targets=[("normal", "first_reply", 60)],
            actor=floor.actor(floor.ava),
            now=T0,
        )


def test_a_calendar_keeps_normalised_hours_and_its_holidays(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    calendar = create_calendar(
        floor.session,
        name="Paris office",
        time_zone="Europe/Paris",
        weekly_hours={"1": [["13:00", "17:00"], ["08:00", "12:00"]], "0": [["09:00", "24:00"]]},
        holidays=[(date(2026, 5, 1), "Labour Day")],
        actor=sue,
        now=T0,
    )

    update_calendar(
        floor.session,
        calendar_id=calendar.id,
        holidays=[(date(2026, 5, 1), "Fete du Travail"), (date(2026, 7, 14), "Bastille Day")],
        actor=sue,
        now=T0,
    )

    [shown] = list_calendars(floor.session, actor=sue)
    assert shown.weekly_hours == {
        "0": [["09:00", "24:00"]],
        "1": [["08:00", "12:00"], ["13:00", "17:00"]],
    }
    assert [(h.day, h.name) for h in shown.holidays] == [
        (date(2026, 5, 1), "Fete du Travail"),
        (date(2026, 7, 14), "Bastille Day"),
    ]


def test_bad_calendars_name_the_field(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    cases = [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"weekly_hours": {"0": [["17:00", "09:00"]]}}, "weekly_hours"),
        ({"weekly_hours": {"8": [["09:00", "17:00"]]}}, "weekly_hours"),
        ({"weekly_hours": {"0": "nine to five"}}, "weekly_hours"),
        ({"holidays": [(date(2026, 5, 1), ""), (date(2026, 5, 1), "")]}, "holidays"),
    ]

    for values, field in cases:
        arguments = {"name": "C", "time_zone": "UTC", "weekly_hours": WEEKDAYS, **values}
        with pytest.raises(RuleViolation) as refused:
            create_calendar(floor.session, actor=sue, now=T0, **arguments)
        assert refused.value.field == field, values

    assert count(floor.session, BusinessCalendar) == 0


def test_a_calendar_in_use_cannot_be_deleted(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    calendar = create_calendar(
        floor.session, name="Office", time_zone="UTC", weekly_hours=WEEKDAYS, actor=sue, now=T0
    )
    policy = create_sla_policy(
        floor.session,
        name="P",
        targets=[("normal", "first_reply", 60)],
        calendar_id=calendar.id,
        actor=sue,
        now=T0,
    )

    with pytest.raises(Conflict) as in_use:
        delete_calendar(floor.session, calendar_id=calendar.id, actor=sue, now=T0)
    delete_sla_policy(floor.session, policy_id=policy.id, actor=sue, now=T0)
    delete_calendar(floor.session, calendar_id=calendar.id, actor=sue, now=T0)

    assert in_use.value.field == "calendar_id"
    assert count(floor.session, BusinessCalendar) == count(floor.session, SlaTarget) == 0
    assert audit_actions(floor.session)[-2:] == ["sla_policy.delete", "business_calendar.delete"]


def test_escalation_rules_are_validated_by_the_rule_module(floor: Floor) -> None:
    sue = floor.actor(floor.sue)
    rule = create_escalation_rule(
        floor.session,
        name="Urgent waits",
        condition="urgent_unassigned_for",
        threshold=15,
        target_tier="supervisor",
        actor=sue,
        now=T0,
    )

    for values, field in [
        ({"condition": "moon_phase"}, "condition"),
        ({"threshold": -1}, "threshold"),
        ({"target_tier": "frontline"}, "target_tier"),
    ]:
        with pytest.raises(RuleViolation) as refused:
            update_escalation_rule(floor.session, rule_id=rule.id, actor=sue, now=T0, **values)
        assert refused.value.field == field
    changed = update_escalation_rule(
        floor.session, rule_id=rule.id, threshold=20, active=False, name=KEEP, actor=sue, now=T0
    )
    assert (changed.threshold, changed.active, changed.name) == (20, False, "Urgent waits")
    delete_escalation_rule(floor.session, rule_id=rule.id, actor=sue, now=T0)
    assert count(floor.session, EscalationRule) == 0
