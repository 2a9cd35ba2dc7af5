"""Drawing review samples: random, stratified, targeted, reproducible, never twice."""

import pytest

from floorlead.errors import RuleViolation
from floorlead.quality.model import SampleMethod, Target
from floorlead.quality.sampling import (
    Interaction,
    SampleRules,
    draw_sample,
    matched_targets,
    percentile_90,
    stratified_allocation,
)


def week_of(agent_id: int, count: int, first_id: int, channel: str = "email") -> list[Interaction]:
    return [Interaction(first_id + i, agent_id, channel) for i in range(count)]


def test_n_random_interactions_are_drawn_per_agent() -> None:
    interactions = week_of(1, 20, 100) + week_of(2, 2, 200)

    picks = draw_sample(interactions, SampleRules(per_agent=3, seed=7))

    assert [p.agent_id for p in picks] == [1, 1, 1, 2, 2]  # agent 2 has only two
    assert {p.reasons for p in picks} == {("random",)}
    assert len({p.ticket_id for p in picks}) == 5


def test_the_same_seed_draws_the_same_sample_and_another_seed_another() -> None:
    interactions = week_of(1, 50, 100)

    first = draw_sample(interactions, SampleRules(per_agent=5, seed=7))
    again = draw_sample(list(reversed(interactions)), SampleRules(per_agent=5, seed=7))
    other = draw_sample(interactions, SampleRules(per_agent=5, seed=8))

    assert first == again
    assert {p.ticket_id for p in first} != {p.ticket_id for p in other}


def test_excluded_interactions_are_never_drawn() -> None:
    interactions = week_of(1, 6, 100)

    picks = draw_sample(interactions, SampleRules(per_agent=6), excluded={100, 101, 102})

    assert sorted(p.ticket_id for p in picks) == [103, 104, 105]


@pytest.mark.parametrize(
    ("sizes", "seats", "expected"),
    [
        # Quotas 2.0, 1.2, 0.8: floors 2, 1, 0; the last seat to the largest remainder (chat).
        ({"email": 5, "phone": 3, "chat": 2}, 4, {"email": 2, "phone": 1, "chat": 1}),
        # Quotas 1.5 and 1.5: one seat left, tie on remainder and seats: by name.
        ({"email": 3, "phone": 3}, 3, {"email": 2, "phone": 1}),
        ({"email": 1, "phone": 1}, 5, {"email": 1, "phone": 1}),
        ({"email": 9, "phone": 1}, 0, {"email": 0, "phone": 0}),
    ],
)
def test_stratified_allocation_is_proportional_with_largest_remainders(
    sizes, seats, expected
) -> None:
    assert stratified_allocation(sizes, seats) == expected


def test_a_stratified_sample_follows_the_channel_mix() -> None:
    interactions = (
        week_of(1, 5, 100, "email") + week_of(1, 3, 200, "phone") + week_of(1, 2, 300, "chat")
    )
    channel = {i.ticket_id: i.channel for i in interactions}

    picks = draw_sample(interactions, SampleRules(per_agent=4, method=SampleMethod.STRATIFIED))

    drawn = sorted(channel[p.ticket_id] for p in picks)
    assert drawn == ["chat", "email", "email", "phone"]
    assert {p.reasons for p in picks} == {("stratified",)}


def test_targeted_interactions_come_first_most_targets_first_then_random_ones() -> None:
    interactions = [
        Interaction(1, 9, "email", csat=1),
        Interaction(2, 9, "email", csat=2, escalated=True),
        Interaction(3, 9, "email", csat=3, reopened=True),
        *week_of(9, 10, 10),
    ]
    rules = SampleRules(
        per_agent=2,
        targets=frozenset({Target.LOW_CSAT, Target.ESCALATED}),
        targeted_per_agent=1,
    )

    picks = draw_sample(interactions, rules)

    assert picks[0].ticket_id == 2
    assert picks[0].reasons == ("low_csat", "escalated")
    assert [p.reasons for p in picks[1:]] == [("random",), ("random",)]
    assert 2 not in {p.ticket_id for p in picks[1:]}


def test_long_handle_means_above_the_agents_own_90th_percentile_or_a_threshold() -> None:
    # Handle times 100, 200, …, 1000 s: p90 = 900 + 0.1 × 100 = 910 s.
    interactions = [Interaction(i, 1, "phone", handle_seconds=100.0 * i) for i in range(1, 11)]
    by_p90 = SampleRules(per_agent=0, targets=frozenset({Target.LONG_HANDLE}), targeted_per_agent=5)
    by_threshold = SampleRules(
        per_agent=0,
        targets=frozenset({Target.LONG_HANDLE}),
        targeted_per_agent=5,
        long_handle_seconds=750,
    )

    assert percentile_90([i.handle_seconds for i in interactions]) == pytest.approx(910)
    assert [p.ticket_id for p in draw_sample(interactions, by_p90)] == [10]
    assert sorted(p.ticket_id for p in draw_sample(interactions, by_threshold)) == [8, 9, 10]


@pytest.mark.parametrize(
    ("interaction", "expected"),
    [
        (Interaction(1, 1, "chat", csat=2), (Target.LOW_CSAT,)),
        (Interaction(1, 1, "chat", csat=3), ()),
        (
            Interaction(1, 1, "chat", reopened=True, sentiment=-0.6),
            (Target.REOPENED, Target.NEGATIVE_SENTIMENT),
        ),
        (Interaction(1, 1, "chat", sentiment=-0.25), ()),
    ],
)
def test_each_target_has_its_own_test(interaction: Interaction, expected) -> None:
    rules = SampleRules(targets=frozenset(Target))

    assert matched_targets(interaction, rules, long_handle_above=None) == expected


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"per_agent": -1}, "per_agent"),
        ({"per_agent": 51}, "per_agent"),
        ({"per_agent": 0}, "per_agent"),
        ({"targeted_per_agent": 99}, "targeted_per_agent"),
        ({"long_handle_seconds": 0}, "long_handle_seconds"),
    ],
)
def test_bad_sample_rules_name_the_field(overrides, field) -> None:
    with pytest.raises(RuleViolation) as refused:
        SampleRules(**overrides)

    assert refused.value.field == field
