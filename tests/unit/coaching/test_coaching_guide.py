"""docs/coaching/guide.md states facts the code defines; these tests fail when the two drift."""

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from floorlead.api import coaching_goals as api_goals
from floorlead.api import coaching_kudos as api_kudos
from floorlead.api import coaching_reviews as api_reviews
from floorlead.api import coaching_sessions as api_sessions
from floorlead.api import coaching_team as api_team
from floorlead.coaching.effect import BOOTSTRAP_RESAMPLES, MIN_OBSERVATIONS
from floorlead.coaching.enps import MIN_RESPONSES, enps
from floorlead.coaching.evidence import DEFAULT_WINDOW_DAYS
from floorlead.coaching.goals import BASELINE_DAYS
from floorlead.web import coaching as web_coaching
from floorlead.web import coaching_conflicts, coaching_meetings, coaching_reviews

GUIDE = Path(__file__).parents[3] / "docs" / "coaching" / "guide.md"
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}

API_ROUTES = [
    route
    for module in (api_sessions, api_goals, api_kudos, api_reviews, api_team)
    for route in module.router.routes
    if isinstance(route, APIRoute)
]


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: r.name)
def test_every_coaching_endpoint_is_in_the_guide(route: APIRoute) -> None:
    path = "/api" + re.sub(r"\{\w+\}", "{id}", route.path)
    rows = [line for line in GUIDE.read_text().splitlines() if f"`{path}`" in line]

    assert rows, f"{path} is not documented in docs/coaching/guide.md"
    assert all(method in " ".join(rows) for method in route.methods), f"{route.methods} {path}"


def test_the_guide_states_the_numbers_the_code_uses() -> None:
    text = " ".join(GUIDE.read_text().split())

    assert f"{BOOTSTRAP_RESAMPLES:,} resamples" in text
    assert f"the {DEFAULT_WINDOW_DAYS} days before it" in text
    assert f"measured over the {BASELINE_DAYS} days" in text
    assert f"from **{NUMBERS[MIN_RESPONSES]} answers** on" in text
    assert f"fewer than {NUMBERS[MIN_OBSERVATIONS]} observations" in text


def test_the_guides_enps_example_is_what_the_code_computes() -> None:
    example = re.search(r"e\.g\. ([\d, ]+) → (\d+)% − (\d+)% = (-?\d+)", GUIDE.read_text())
    assert example is not None
    scores = [int(s) for s in example.group(1).split(",")]

    result = enps(scores)

    assert result is not None
    assert 100 * result.promoters / result.responses == int(example.group(2))
    assert 100 * result.detractors / result.responses == int(example.group(3))
    assert result.score == int(example.group(4))


PAGE_ROUTES = [
    route
    for module in (web_coaching, coaching_reviews, coaching_meetings, coaching_conflicts)
    for route in module.router.routes
    if isinstance(route, APIRoute) and "GET" in route.methods
]


@pytest.mark.parametrize("route", PAGE_ROUTES, ids=lambda r: r.path)
def test_every_coaching_page_is_in_the_guide(route: APIRoute) -> None:
    path = re.sub(r"\{\w+\}", "{id}", route.path)

    assert f"`{path}`" in GUIDE.read_text(), f"{path} is not in docs/coaching/guide.md"
