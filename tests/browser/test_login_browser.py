from typing import Any

import pytest
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings

from factories import PASSWORD, make_person
from livesite import serve

pytestmark = pytest.mark.browser


def test_a_supervisor_signs_in_and_lands_on_the_home_page(
    sqlite_settings: Settings, sqlite_session: Session, page: Any
) -> None:
    make_person(sqlite_session, email="sam@example.com", name="Sam Supervisor", role="supervisor")
    sqlite_session.commit()

    with serve(create_app(sqlite_settings)) as base:
        page.goto(f"{base}/login")
        page.fill("input[name=email]", "sam@example.com")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")

        assert "Sam Supervisor" in page.inner_text("header")
