from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from floorlead.app import create_app
from floorlead.config import Settings

from factories import PASSWORD, make_person


def test_pages_redirect_to_login_then_sign_in_sets_a_session(
    settings: Settings, session: Session
) -> None:
    make_person(session, email="sam@example.com", role="supervisor")
    session.commit()
    client = TestClient(create_app(settings))

    page = client.get("/login")
    bad = client.post("/login", data={"email": "sam@example.com", "password": "nope"})
    good = client.post(
        "/login",
        data={"email": "sam@example.com", "password": PASSWORD, "next": "/tickets"},
        follow_redirects=False,
    )

    assert page.status_code == 200 and "Sign in" in page.text
    assert bad.status_code == 401 and "email or password is wrong" in bad.text
    assert good.status_code == 303 and good.headers["location"] == "/tickets"
    assert "floorlead_session" in good.cookies


def test_login_refuses_an_off_site_redirect(settings: Settings, session: Session) -> None:
    make_person(session, email="sam@example.com")
    session.commit()
    client = TestClient(create_app(settings))

    response = client.post(
        "/login",
        data={"email": "sam@example.com", "password": PASSWORD, "next": "//evil.example"},
        follow_redirects=False,
    )

    assert response.headers["location"] == "/"


def test_logout_without_csrf_token_is_refused(settings: Settings, session: Session) -> None:
    make_person(session, email="sam@example.com")
    session.commit()
    client = TestClient(create_app(settings))
    client.post("/login", data={"email": "sam@example.com", "password": PASSWORD})

    refused = client.post("/logout", data={}, follow_redirects=False)

    assert refused.status_code == 403
