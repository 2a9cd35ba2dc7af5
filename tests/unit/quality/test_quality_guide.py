"""docs/quality/guide.md states facts the code defines; these tests fail when the two drift."""

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute

from floorlead.api import quality
from floorlead.quality.calibration_choices import CANDIDATES
from floorlead.quality.default_scorecard import default_scorecard_input, scorecard_markdown
from floorlead.web.quality.calibration_setup import RECENT_DAYS

GUIDE = Path(__file__).parents[3] / "docs" / "quality" / "guide.md"


def test_the_default_scorecard_table_matches_the_code() -> None:
    found = re.search(
        r"<!-- default-scorecard:start -->\n(.*?)\n<!-- default-scorecard:end -->",
        GUIDE.read_text(),
        re.DOTALL,
    )
    expected = scorecard_markdown(default_scorecard_input())

    assert found is not None
    assert found.group(1) == expected, f"replace the default-scorecard block with:\n\n{expected}"


@pytest.mark.parametrize(
    "route", [r for r in quality.router.routes if isinstance(r, APIRoute)], ids=lambda r: r.name
)
def test_every_quality_endpoint_is_in_the_guide(route: APIRoute) -> None:
    path = "/api" + re.sub(r"\{\w+\}", "{id}", route.path)
    rows = [line for line in GUIDE.read_text().splitlines() if f"{path}`" in line]

    assert rows, f"{path} is not documented in docs/quality/guide.md"
    assert all(method in " ".join(rows) for method in route.methods), f"{route.methods} {path}"


def test_the_calibration_form_is_described_with_the_numbers_it_uses() -> None:
    text = " ".join(GUIDE.read_text().split())

    assert "`/quality/calibrations/new`" in text
    assert f"created in the last {RECENT_DAYS} days (newest first, {CANDIDATES} at most)" in text
