"""Every KPI against the hand-worked week of conftest.py (the arithmetic is in the comments)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from kpi_week import AS_OF, WEEK, Cast

from floorlead.metrics.definitions import Definitions
from floorlead.metrics.engine import KpiEngine
from floorlead.metrics.kpis import CATALOGUE
from floorlead.metrics.model import Period
from floorlead.metrics.queries import drill_down

Open = Callable[..., KpiEngine]

# Whole fortnight, no slices. Tickets: T1 T2 T3 T5 T7 T8 solved; T4 (abandoned call) and T6 open.
EXPECTED = {
    "tickets_created": 8,
    "tickets_solved": 6,
    # FCR over solved contacts: T1, T3, T5 (one call), T7 hit; T2 reopened; T8 has no reply.
    "first_contact_resolution": 4 / 6 * 100,
    "zero_reply_rate": 1 / 6 * 100,
    "reopen_rate": 1 / 6 * 100,
    "escalation_rate": 1 / 8 * 100,
    "transfer_rate": 1 / 8 * 100,
    # Latest CSAT per ticket: T1 5 (good), T5 2 (bad). NPS: one promoter.
    "csat": 50.0,
    "csat_responses": 2,
    "nps": 100.0,
    "nps_responses": 1,
    "survey_response_rate": 2 / 6 * 100,
    # First replies: T3 60 s, T1 1800, T7 7200 (agent-created: to the next public comment),
    # T6 12000, T2 237600 (Friday 16:00 to Monday 10:00).
    "first_reply_time_median": 7200,
    "first_reply_time_mean": (60 + 1800 + 7200 + 12000 + 237600) / 5,
    "first_reply_time_p90": 12000 + 0.6 * (237600 - 12000),
    # Business hours: T2 is 1 h on Friday + 1 h on Monday.
    "first_reply_time_business_median": 7200,
    "first_reply_time_business_mean": (60 + 1800 + 7200 + 7200 + 12000) / 5,
    # Next reply: only T2's follow-up (12:00 -> 13:00).
    "next_reply_time_median": 3600,
    "next_reply_time_business_mean": 3600,
    # Full resolution (to the last solve): T8 300, T3 600, T5 690, T1 1860, T7 9000, T2 250200.
    "full_resolution_time_median": (690 + 1860) / 2,
    "full_resolution_time_mean": (300 + 600 + 690 + 1860 + 9000 + 250200) / 6,
    "full_resolution_time_business_mean": (300 + 600 + 690 + 1860 + 9000 + 19800) / 6,
    # Requester wait leaves out T2's hour in solved: 246600 calendar, 16200 business.
    "requester_wait_time_mean": (300 + 600 + 690 + 1860 + 9000 + 246600) / 6,
    "requester_wait_time_business_median": (690 + 1860) / 2,
    "requester_wait_time_business_mean": (300 + 600 + 690 + 1860 + 9000 + 16200) / 6,
    # SLA: 12 completed targets, one breached (T2's first reply took 2 business hours).
    "sla_achievement": 11 / 12 * 100,
    "sla_achieved": 11,
    "sla_breached": 1,
    "sla_active": 3,  # T4 first reply and resolution, T6 resolution
    "sla_active_breached": 3,
    "sla_first_reply_achievement": 4 / 5 * 100,
    "sla_next_reply_achievement": 100.0,
    "sla_resolution_achievement": 100.0,
    # Queue: T3 chat 15 s, T4 abandoned after 40 s, T5 call 30 s.
    "contacts_offered": 3,
    "average_speed_of_answer": 22.5,
    "abandonment_rate": 1 / 3 * 100,
    "service_level": 1 / 3 * 100,
    # Backlog at the end (16 March 00:00): T4 (12 d 13 h old) and T6 (11 d 12 h).
    "backlog": 2,
    "backlog_age_mean": (1083600 + 993600) / 2,
    "backlog_age_median": (1083600 + 993600) / 2,
    # Handle time: T1 600, T3 600, T5 300 + 60 + 120 + 180.
    "average_handle_time": (600 + 600 + 660) / 3,
    # Working spans: Ada Mon 600 s + Tue 600 s + Thu 0 s; Bo Wed 09:00:30-15:20 and Mon 10-13.
    "contacts_handled": 6,
    "productive_hours": (600 + 600 + 0 + 22770 + 10800) / 3600,
    "occupancy": (1200 + 660) / (600 + 600 + 22770 + 10800) * 100,
    "contacts_per_agent_hour": 6 / ((600 + 600 + 22770 + 10800) / 3600),
    "cost_per_contact": 25 * (600 + 600 + 22770 + 10800) / 3600 / 6,
    # People: Ada, Bo, Cy at the end; Dee left on 10 March (4 at the start).
    "headcount": 3,
    "turnover_annualised": 1 * 365 / 14 / 3.5 * 100,
    "tenure_mean": 433 / 365.25,
}


def test_every_kpi_matches_the_hand_worked_week(week: Cast, analytics: Open) -> None:
    frame = analytics().compute(period=WEEK, as_of=AS_OF)
    totals = frame.iloc[0].to_dict()

    assert {name: totals[name] for name in EXPECTED} == pytest.approx(EXPECTED, rel=1e-9)
    # The week has no schedules: its attendance rates are empty (see test_attendance_kpis.py).
    missing = [k.name for k in CATALOGUE if totals[k.name] != totals[k.name]]
    assert missing == ["attendance_rate", "absenteeism_rate", "late_start_rate"]


def test_first_reply_from_the_first_customer_message_shortens_agent_created_tickets(
    week: Cast, analytics: Open
) -> None:
    definitions = Definitions(first_reply_start="first_customer_message")

    frame = analytics(definitions=definitions).compute(
        ["first_reply_time_mean"], period=WEEK, as_of=AS_OF
    )

    # T7 counts from the customer's message at 10:00 to the reply at 11:00.
    assert frame.first_reply_time_mean[0] == pytest.approx((60 + 1800 + 3600 + 12000 + 237600) / 5)
    assert frame.attrs["definitions"].startswith("v2+")


def test_zero_reply_tickets_count_as_resolved_on_first_contact_when_allowed(
    week: Cast, analytics: Open
) -> None:
    definitions = Definitions(fcr_zero_replies="include")

    frame = analytics(definitions=definitions).compute(
        ["first_contact_resolution", "zero_reply_rate"], period=WEEK, as_of=AS_OF
    )

    assert frame.first_contact_resolution[0] == pytest.approx(5 / 6 * 100)
    assert frame.zero_reply_rate[0] == pytest.approx(1 / 6 * 100)


def test_service_level_over_answered_contacts_leaves_abandoned_calls_out(
    week: Cast, analytics: Open
) -> None:
    definitions = Definitions(service_level_denominator="answered", csat_good_min=2)

    frame = analytics(definitions=definitions).compute(
        ["service_level", "csat"], period=WEEK, as_of=AS_OF
    )

    assert frame.service_level[0] == pytest.approx(50.0)
    assert frame.csat[0] == pytest.approx(100.0)


def test_agent_slices_credit_the_right_agents_and_list_the_idle_one(
    week: Cast, analytics: Open
) -> None:
    frame = analytics().compute(
        ["csat", "average_handle_time", "contacts_handled", "occupancy", "first_reply_time_median"],
        period=WEEK,
        by=["agent"],
        as_of=AS_OF,
    )
    rows = frame.set_index("agent_id")

    assert rows.loc[week.ada, "csat"] == 100.0  # T1, assigned to Ada when rated
    assert rows.loc[week.bo, "csat"] == 0.0  # T5
    assert rows.loc[week.bo, "average_handle_time"] == 660.0
    assert rows.loc[week.ada, "occupancy"] == pytest.approx(100.0)
    assert rows.loc[week.bo, "first_reply_time_median"] == pytest.approx((12000 + 237600) / 2)
    assert rows.loc[week.cy, "contacts_handled"] == 0.0
    assert rows.loc[week.cy, "average_handle_time"] != rows.loc[week.cy, "average_handle_time"]
    assert rows.loc[week.cy, "agent_name"] == "Cy"


def test_backlog_by_day_counts_tickets_open_at_the_end_of_each_day(
    week: Cast, analytics: Open
) -> None:
    frame = analytics().compute(
        ["backlog"], period=Period(date(2026, 3, 2), date(2026, 3, 6)), by=["day"], as_of=AS_OF
    )

    # Mon: none; Tue: T4; Wed: T4, T6; Thu: same (T7, T8 solved the same day); Fri: + T2.
    assert frame.backlog.tolist() == [0, 1, 2, 2, 3]


def test_no_survey_responses_leave_csat_empty_but_counts_at_zero(
    week: Cast, analytics: Open
) -> None:
    frame = analytics().compute(
        ["csat", "csat_responses", "nps"],
        period=Period(date(2026, 3, 5), date(2026, 3, 6)),
        as_of=AS_OF,
    )

    assert frame.csat[0] != frame.csat[0]
    assert frame.nps[0] != frame.nps[0]
    assert frame.csat_responses[0] == 0


def test_staff_kpis_are_empty_when_sliced_by_ticket_attributes(week: Cast, analytics: Open) -> None:
    frame = analytics().compute(
        ["occupancy", "headcount", "tickets_created"], period=WEEK, by=["channel"], as_of=AS_OF
    )

    assert frame.occupancy.isna().all()
    assert frame.headcount.isna().all()
    assert dict(zip(frame.channel, frame.tickets_created, strict=True)) == {
        "chat": 1,
        "email": 4,
        "phone": 2,
        "web_form": 1,
    }


def test_drill_down_lists_the_tickets_behind_a_number(week: Cast, analytics: Open) -> None:
    kpis = analytics()
    t = week.tickets

    solved = kpis.drill_down("first_contact_resolution", period=WEEK, as_of=AS_OF)
    resolved_first = kpis.drill_down(
        "first_contact_resolution", period=WEEK, numerator=True, as_of=AS_OF
    )
    backlog = kpis.drill_down("backlog", period=WEEK, as_of=AS_OF)
    ada_replies = kpis.drill_down(
        "first_reply_time_median", period=WEEK, slice_values={"agent": week.ada}, as_of=AS_OF
    )

    assert solved == sorted(t[n] for n in ("T1", "T2", "T3", "T5", "T7", "T8"))
    assert resolved_first == sorted(t[n] for n in ("T1", "T3", "T5", "T7"))
    assert backlog == sorted(t[n] for n in ("T4", "T6"))
    assert ada_replies == sorted(t[n] for n in ("T1", "T3", "T7"))


def test_the_previous_period_is_compared_slice_by_slice(week: Cast, analytics: Open) -> None:
    second_week = Period(date(2026, 3, 9), date(2026, 3, 15))

    frame = analytics().compare_previous(
        ["tickets_solved", "reopen_rate"], period=second_week, by=["team"], as_of=AS_OF
    )

    row = frame.iloc[0]
    assert (row.tickets_solved, row.tickets_solved_previous, row.tickets_solved_change) == (
        1,
        5,
        -4,
    )
    assert row.reopen_rate == 100.0 and row.reopen_rate_previous == 0.0
    assert row.reopen_rate_change == 100.0


def test_the_previous_period_is_compared_without_slices(week: Cast, analytics: Open) -> None:
    second_week = Period(date(2026, 3, 9), date(2026, 3, 15))

    frame = analytics().compare_previous(
        ["tickets_solved", "backlog"], period=second_week, as_of=AS_OF
    )

    # Solved: T2 in the second week, T1 T3 T5 T7 T8 in the first. Backlog at the end of each
    # week: T4 and T6 (the first week's end also has T2, solved on Monday 9 March).
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row.tickets_solved, row.tickets_solved_previous, row.tickets_solved_change) == (
        1,
        5,
        -4,
    )
    assert (row.backlog, row.backlog_previous, row.backlog_change) == (2, 3, -1)


def test_a_drill_down_through_the_queries_keeps_its_filters(week: Cast, analytics: Open) -> None:
    kpis = analytics()

    phone = drill_down(
        kpis, "first_contact_resolution", period=WEEK, filters={"channel": ["phone"]}, as_of=AS_OF
    )
    everything = drill_down(kpis, "first_contact_resolution", period=WEEK, as_of=AS_OF)

    assert phone == [week.tickets["T5"]]
    assert len(everything) == 6
