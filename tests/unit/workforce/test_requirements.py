import numpy as np
import pandas as pd
import pytest

from floorlead.workforce.erlang import required_agents
from floorlead.workforce.erlang_a import required_agents_erlang_a, required_chat_agents
from floorlead.workforce.forecast import InsufficientHistory
from floorlead.workforce.requirements import QueueDemand, StaffingInputs, required_staff
from floorlead.workforce.staffing import InvalidStaffingInput, StaffingTargets

STARTS = pd.date_range("2026-03-02 08:00", periods=4, freq="60min", tz="UTC")
TARGETS = StaffingTargets(service_level=0.8, max_occupancy=0.85)


def demand(channel: str, volume: list[float], aht: list[float]) -> QueueDemand:
    return QueueDemand(channel, f"Billing/{channel}", np.array(volume), np.array(aht))


def test_phone_is_staffed_with_erlang_c_and_scheduled_after_shrinkage() -> None:
    phone = demand("phone", [0, 100, 250, 40], [0, 180, 200, 240])

    result = required_staff(STARTS, [phone], inputs=StaffingInputs(), interval_minutes=60)

    expected = required_agents(
        calls=[100, 250, 40],
        aht_seconds=[180, 200, 240],
        interval_seconds=3600,
        answer_seconds=20,
        targets=TARGETS,
    ).agents
    assert result.by_channel["phone"].tolist() == [0, *expected.tolist()]
    assert result.scheduled.tolist() == [0, *np.ceil(expected / 0.7 - 1e-9).astype(int).tolist()]


def test_patience_switches_phone_to_erlang_a_and_chat_runs_concurrent_chats() -> None:
    inputs = StaffingInputs(patience_seconds=120, chat_concurrency=3)
    phone = demand("phone", [100, 100, 100, 100], [180] * 4)
    chat = demand("chat", [60, 60, 60, 60], [400] * 4)

    result = required_staff(STARTS, [phone, chat], inputs=inputs, interval_minutes=60)

    erlang_a = required_agents_erlang_a(
        calls=100,
        aht_seconds=180,
        interval_seconds=3600,
        patience_seconds=120,
        answer_seconds=20,
        targets=TARGETS,
    )
    chats = required_chat_agents(
        chats=60,
        aht_seconds=400,
        interval_seconds=3600,
        concurrency=3,
        answer_seconds=20,
        targets=TARGETS,
        patience_seconds=120,
    )
    assert result.by_channel["phone"][0] == erlang_a.agents
    assert result.by_channel["chat"][0] == chats.agents
    assert result.required[0] == erlang_a.agents + chats.agents


def test_email_waits_while_closed_and_is_worked_within_the_deadline_once_open() -> None:
    inputs = StaffingInputs(deferred_deadline_hours=2, max_occupancy=1.0, shrinkage=0)
    email = demand("email", [6, 6, 0, 0], [600] * 4)
    phone = demand("phone", [0, 0, 5, 5], [1] * 4)  # the team opens at 10:00

    result = required_staff(STARTS, [email, phone], inputs=inputs, interval_minutes=60)

    # 12 waiting at 10:00 and a 2-hour deadline: 6 an hour (1 agent at 600 s); 6 left at 11:00.
    assert result.is_open.tolist() == [False, False, True, True]
    assert result.by_channel["email"].tolist() == pytest.approx([0, 0, 1.0, 0.5])


def test_a_team_without_live_queues_works_deferred_work_as_it_arrives() -> None:
    inputs = StaffingInputs(deferred_deadline_hours=8, max_occupancy=0.5)
    email = demand("email", [3, 0, 3, 0], [600, 0, 600, 0])

    result = required_staff(STARTS, [email], inputs=inputs, interval_minutes=60)

    assert result.is_open.all()
    assert result.by_channel["email"].tolist() == pytest.approx([1.0, 0, 1.0, 0])


def test_contacts_without_any_handle_time_are_refused_by_name() -> None:
    phone = demand("phone", [10, 0, 0, 0], [np.nan] * 4)

    with pytest.raises(InsufficientHistory, match="Billing/phone") as refused:
        required_staff(STARTS, [phone], inputs=StaffingInputs(), interval_minutes=60)

    assert refused.value.field == "aht_seconds"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"shrinkage": 1.0}, "shrinkage"),
        ({"service_level": 0}, "service_level"),
        ({"max_occupancy": 1.2}, "max_occupancy"),
        ({"chat_concurrency": 0}, "chat_concurrency"),
        ({"patience_seconds": 0}, "patience_seconds"),
        ({"deferred_deadline_hours": -1}, "deferred_deadline_hours"),
    ],
)
def test_bad_staffing_inputs_name_the_field(values: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidStaffingInput) as refused:
        StaffingInputs(**values)

    assert refused.value.field == field
