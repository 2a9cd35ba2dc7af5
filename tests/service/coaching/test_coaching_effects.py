"""Did the 1:1 work? Before/after windows around a real session, from ticket events."""

from datetime import timedelta

import pytest
from coaching_floor import NOW, Floor
from event_kpis import EventKpis, answer_csat, handle

from floorlead.coaching import LinkKind, Reason, coaching_effects, plan_session
from floorlead.errors import PermissionDenied

SPREAD = [-30, -15, 0, 15, 30]


def _coached_floor(floor: Floor):
    """AHT 300 s in the four weeks before the 1:1, 240 s after; CSAT 50% then 90%."""
    ana = floor.ids["ana"]
    for i in range(20):
        noise = SPREAD[(i * 7) % 5]
        handle(floor.session, agent_id=ana, at=NOW - timedelta(days=i + 1), seconds=300 + noise)
        handle(floor.session, agent_id=ana, at=NOW + timedelta(days=i + 1), seconds=240 + noise)
        answer_csat(
            floor.session,
            agent_id=ana,
            at=NOW - timedelta(days=i, hours=1),
            rating=5 if i % 2 else 2,
        )
        answer_csat(
            floor.session,
            agent_id=ana,
            at=NOW + timedelta(days=i, hours=1),
            rating=2 if i == 3 or i == 11 else 5,
        )
    floor.session.commit()
    return plan_session(
        floor.session,
        actor=floor.actor("lee"),
        agent_id=ana,
        scheduled_at=NOW,
        reasons=[
            Reason("kpi", "average_handle_time"),
            Reason("kpi", "csat"),
            Reason("qa_criterion", "greeting"),
        ],
        now=NOW - timedelta(days=30),
    )


def test_the_fall_in_handle_time_and_rise_in_csat_are_found_and_told_plainly(floor: Floor) -> None:
    row = _coached_floor(floor)
    kpis = EventKpis(floor.session)

    effects = coaching_effects(
        floor.session,
        actor=floor.actor("ana"),
        session_id=row.id,
        samples={LinkKind.KPI: kpis.sample},
        now=NOW + timedelta(days=28),
    )

    aht, csat = effects  # the QA criterion has no source here, so it is left out
    assert (aht.n_before, aht.n_after, aht.method) == (20, 20, "welch")
    assert aht.difference == pytest.approx(-60.0)
    assert aht.low is not None and aht.high is not None and aht.low < -60 < aht.high < 0
    assert aht.verdict == "improved"
    assert aht.sentence.startswith("Average handle time fell by 60 s (95% interval ")
    assert aht.sentence.endswith("s): likely a real improvement")
    assert (csat.method, csat.unit, csat.verdict) == ("bootstrap", "points", "improved")
    assert csat.difference == pytest.approx(40.0)


def test_a_recent_1_1_has_too_few_observations_after_it(floor: Floor) -> None:
    row = _coached_floor(floor)

    [aht, _csat] = coaching_effects(
        floor.session,
        actor=floor.actor("lee"),
        session_id=row.id,
        samples={LinkKind.KPI: EventKpis(floor.session).sample},
        now=NOW + timedelta(days=1, hours=12),
    )

    assert (aht.n_after, aht.verdict) == (1, "too_few")


def test_a_teammate_may_not_see_the_effect_panel(floor: Floor) -> None:
    row = _coached_floor(floor)

    with pytest.raises(PermissionDenied):
        coaching_effects(
            floor.session,
            actor=floor.actor("ben"),
            session_id=row.id,
            samples={LinkKind.KPI: EventKpis(floor.session).sample},
            now=NOW,
        )
