"""A supervisor writes a performance review in a real browser: the form explains a missing
rating, then the saved review shows the figures the service worked out."""

from typing import Any

import pytest
from sqlalchemy.orm import Session

from floorlead.config import Settings
from web.coaching_pages_floor import (
    ana_csat_goal,
    ana_week_of_shifts,
    build_floor,
    make_app,
)

from factories import PASSWORD
from livesite import serve

pytestmark = pytest.mark.browser


def test_a_supervisor_fills_in_a_performance_review(
    sqlite_settings: Settings, sqlite_session: Session, page: Any
) -> None:
    floor = build_floor(sqlite_session)
    ana_week_of_shifts(sqlite_session, floor)
    ana_csat_goal(sqlite_session, floor)

    with serve(make_app(sqlite_settings)) as base:
        page.goto(f"{base}/login?next=/coaching")
        page.fill("input[name=email]", "sam@example.com")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/coaching")
        page.click("text=Performance reviews")
        page.click("text=Write a review")
        page.select_option("select[name=agent_id]", label="Ana Agent")
        page.fill("input[name=period_start]", "2026-03-02")
        page.fill("input[name=period_end]", "2026-03-08")
        page.select_option("select[name=kpi_1]", value="csat")
        page.fill("input[name=target_1]", "80")
        page.fill("textarea[name=comments]", "Steady week; mind the Tuesday absence.")
        page.click("button:has-text('Save review')")
        refusal = page.inner_text("[data-testid=form-error]")
        kept = page.input_value("textarea[name=comments]")
        page.check("input[name=rating][value='4']")
        page.click("button:has-text('Save review')")
        page.wait_for_selector("text=Review saved")
        figures = page.inner_text("[data-testid=review-figures]")
        kpis = page.locator("main table tbody tr").all_inner_texts()

    assert refusal == "Rating: choose a rating from 1 to 5"
    assert kept == "Steady week; mind the Tuesday absence."
    assert " ".join(figures.split()).casefold() == (  # the labels are shown in capitals
        "rating 4/5 goals met 1/1 qa score — "
        "attendance 67% 3 shifts · 1 absent · 1 late · 0 left early"
    )
    # CSAT 3 of 4 good answers: 75%, short of the 80% asked here (the goal's 75% is met).
    assert [" ".join(row.split()) for row in kpis] == [
        "Customer satisfaction (CSAT) 75.0% ≥ 80.0% Missed"
    ]
