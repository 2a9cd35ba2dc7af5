"""The relationships the KPI engine should find in the demo data (generous margins)."""

from __future__ import annotations

import numpy as np
from demo_samples import END, Generated, medium

from floorlead.demo import DemoConfig, simulate
from floorlead.tickets.model import EventKind


def first_answer_seconds(generated: Generated) -> dict[int, float]:
    """Queue wait for calls and chats; time to the first public reply for written tickets."""
    answers: dict[int, float] = {}
    created = {t.id: t for t in generated.tickets}
    for event in generated.events:
        ticket = created[event.ticket_id]
        if event.kind == EventKind.CREATED and "wait_seconds" in event.data:
            answers[ticket.id] = event.data["wait_seconds"] / 60  # in "written minutes"
        elif event.kind == EventKind.PUBLIC_REPLY and ticket.id not in answers:
            answers[ticket.id] = (event.occurred_at - ticket.created_at).total_seconds() / 3600
    return answers


def test_customers_who_waited_longest_are_least_satisfied() -> None:
    generated = medium()
    channel = {t.id: t.channel for t in generated.tickets}
    waits = first_answer_seconds(generated)
    rated = [
        (waits[e.ticket_id], e.rating)
        for e in generated.events
        if e.survey == "csat" and channel[e.ticket_id] in ("email", "web_form", "social")
    ]

    wait, rating = np.array(rated).T
    slow, quick = rating[wait >= np.quantile(wait, 0.75)], rating[wait <= np.quantile(wait, 0.25)]

    assert len(rated) > 300
    assert slow.mean() < quick.mean() - 0.1


def test_reopened_tickets_score_lower() -> None:
    generated = medium()
    reopened = {t.id for t in generated.tickets if t.reopen_count}
    ratings = [(e.ticket_id in reopened, e.rating) for e in generated.events if e.survey == "csat"]

    again = [r for was, r in ratings if was]
    once = [r for was, r in ratings if not was]

    assert again and np.mean(again) < np.mean(once) - 0.3


def test_reopens_and_survey_answers_have_realistic_rates() -> None:
    generated = medium()
    answered = {e.ticket_id for e in generated.events if e.survey == "csat"}
    solved_by_staff = {
        e.ticket_id
        for e in generated.events
        if e.kind == EventKind.STATUS_CHANGE and e.to_value == "solved" and e.via == "agent"
    }

    reopen_rate = sum(t.reopen_count > 0 for t in generated.tickets) / len(generated.tickets)
    answer_rate = len(answered) / len(solved_by_staff)

    assert 0.03 <= reopen_rate <= 0.09
    assert 0.15 <= answer_rate <= 0.35


def test_skilled_agents_handle_calls_faster() -> None:
    generated = medium()
    org = generated.simulation.organisation
    team_skill = {t.id: t.skill for t in org.support_teams}
    talk: dict[int, list[float]] = {}
    for e in generated.events:
        if e.segment_kind == "talk":
            talk.setdefault(e.actor_id, []).append(
                (e.segment_end - e.segment_start).total_seconds()
            )
    level = {p.id: p.skill_level(team_skill.get(p.team_id) or "") for p in org.people}

    high = [s for person, spans in talk.items() if level[person] >= 4 for s in spans]
    low = [s for person, spans in talk.items() if level[person] <= 2 for s in spans]

    assert np.median(high) < np.median(low)


def test_on_a_full_size_floor_few_callers_abandon_and_those_who_do_waited_longer() -> None:
    simulation = simulate(DemoConfig(end=END, weeks=2, agents=30, seed=2))
    live = np.isin(simulation.arrivals.channel, ["phone", "chat"])
    waits, abandoned = simulation.waits[live], simulation.abandoned[live]

    assert 0.01 < abandoned.mean() < 0.10
    assert np.median(waits[abandoned]) > np.median(waits[~abandoned])


def test_fewer_agents_on_the_floor_means_more_abandoned_calls() -> None:
    rates = []
    for agents in (9, 30):
        simulation = simulate(DemoConfig(end=END, weeks=2, agents=agents, seed=2))
        rates.append(
            simulation.abandoned[np.isin(simulation.arrivals.channel, ["phone", "chat"])].mean()
        )

    assert rates[0] > rates[1]
