from datetime import date

import pytest

from floorlead.careers.model import Direction, KpiTarget, RoleSpec, SkillRequirement
from floorlead.careers.readiness import (
    Gap,
    GapArea,
    KpiShortfall,
    PersonRecord,
    assess_readiness,
    months_in_words,
    tenure_months,
)

TODAY = date(2026, 3, 2)
TEAM_LEAD = RoleSpec(
    slug="team-lead",
    title="Team lead",
    purpose="Runs a team.",
    experience_years=2,
    certifications=("Data protection essentials", "Coaching practitioner"),
    skills=(SkillRequirement("Coaching", 3), SkillRequirement("Product knowledge", 4)),
    kpis=(
        KpiTarget("csat", 85, Direction.AT_LEAST, "Customer satisfaction", "%"),
        KpiTarget("average_handle_time", 600, Direction.AT_MOST, "Average handle time", " s"),
    ),
)


ANA_SKILLS = {"Coaching": 2, "Product knowledge": 4}
ANA_CERTIFICATIONS: dict[str, date | None] = {
    "Data protection essentials": date(2026, 3, 2),  # lapses today
    "Coaching practitioner": None,
}


def _ana(
    *,
    hire_date: date = date(2024, 6, 10),  # 20 whole months before TODAY
    skills: dict[str, int] | None = None,
    certifications: dict[str, date | None] | None = None,
) -> PersonRecord:
    return PersonRecord(
        hire_date=hire_date,
        skills=ANA_SKILLS if skills is None else skills,
        certifications=ANA_CERTIFICATIONS if certifications is None else certifications,
    )


def test_every_requirement_is_compared_and_the_gaps_listed_in_order() -> None:
    result = assess_readiness(
        TEAM_LEAD, _ana(), today=TODAY, kpi_values={"csat": 81.5, "average_handle_time": 540}
    )

    assert result.gaps == (
        Gap(GapArea.SKILL, "Coaching", "level 3", "level 2"),
        Gap(GapArea.TENURE, "Tenure", "2 years", "1 year 8 months"),
        Gap(
            GapArea.CERTIFICATION,
            "Data protection essentials",
            "a valid certificate",
            "one that expired on 2026-03-02",
        ),
        Gap(
            GapArea.KPI,
            "Customer satisfaction",
            "at least 85%",
            "81.5%",
            KpiShortfall(81.5, 85, Direction.AT_LEAST),
        ),
    )
    assert result.met == (
        "Product knowledge level 4",
        "Coaching practitioner",
        "Average handle time at most 600 s (540 s)",
    )
    # 3 of 7 checked requirements met.
    assert (result.ready, result.percent_met) == (False, 42)


def test_someone_meeting_everything_is_ready() -> None:
    person = _ana(
        hire_date=date(2024, 3, 2),
        skills={"Coaching": 3, "Product knowledge": 5},
        certifications={
            "Data protection essentials": date(2026, 3, 3),
            "Coaching practitioner": None,
        },
    )

    result = assess_readiness(
        TEAM_LEAD, person, today=TODAY, kpi_values={"csat": 85, "average_handle_time": 600}
    )

    assert result.gaps == ()
    assert (result.ready, result.percent_met) == (True, 100)


def test_without_kpi_data_the_targets_are_unchecked_and_the_person_not_yet_ready() -> None:
    person = _ana(
        hire_date=date(2024, 3, 2),
        skills={"Coaching": 3, "Product knowledge": 4},
        certifications={"Data protection essentials": None, "Coaching practitioner": None},
    )

    result = assess_readiness(TEAM_LEAD, person, today=TODAY)

    assert result.gaps == ()
    assert result.unchecked == (
        "Customer satisfaction at least 85%",
        "Average handle time at most 600 s",
    )
    assert result.ready is False


def test_a_certification_not_held_is_a_gap() -> None:
    result = assess_readiness(TEAM_LEAD, _ana(certifications={}), today=TODAY, kpi_values={})

    assert [g.describe() for g in result.gaps if g.area is GapArea.CERTIFICATION] == [
        "Data protection essentials: needs a valid certificate, has none",
        "Coaching practitioner: needs a valid certificate, has none",
    ]


@pytest.mark.parametrize(
    ("hired", "today", "months"),
    [
        (date(2024, 6, 10), date(2026, 3, 2), 20),
        (date(2025, 3, 2), date(2026, 3, 2), 12),
        (date(2025, 3, 3), date(2026, 3, 2), 11),
        (date(2026, 1, 31), date(2026, 2, 28), 0),
        (date(2026, 4, 1), date(2026, 3, 2), 0),
    ],
)
def test_tenure_counts_whole_months(hired: date, today: date, months: int) -> None:
    assert tenure_months(hired, today) == months


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (0, "0 months"),
        (1, "1 month"),
        (12, "1 year"),
        (18, "1 year 6 months"),
        (25, "2 years 1 month"),
    ],
)
def test_months_in_words(months: int, words: str) -> None:
    assert months_in_words(months) == words


@pytest.mark.parametrize(
    ("values", "item", "shown", "shortfall"),
    [
        # Higher is better: 84.96 shows as 85% but is still short of 85.
        (
            {"csat": 84.96, "average_handle_time": 600},
            "Customer satisfaction",
            "85%",
            KpiShortfall(84.96, 85, Direction.AT_LEAST),
        ),
        # Lower is better: 600.4 s is over the 600 s allowed.
        (
            {"csat": 90, "average_handle_time": 600.4},
            "Average handle time",
            "600.4 s",
            KpiShortfall(600.4, 600, Direction.AT_MOST),
        ),
    ],
)
def test_a_kpi_gap_gives_the_value_the_target_and_which_way_is_better(
    values: dict[str, float], item: str, shown: str, shortfall: KpiShortfall
) -> None:
    result = assess_readiness(TEAM_LEAD, _ana(), today=TODAY, kpi_values=values)

    [gap] = [g for g in result.gaps if g.area is GapArea.KPI]
    assert (gap.item, gap.actual, gap.kpi) == (item, shown, shortfall)
