"""``floorlead ticket list|show|create`` on a real database (each backend)."""

import json

import pytest
from click.testing import Result
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from floorlead.cli.context import console as cli_console
from floorlead.cli.main import app
from floorlead.config import Settings
from floorlead.tickets.tables import Ticket

from factories import make_person, make_team, make_ticket

runner = CliRunner()


@pytest.fixture
def folder(session: Session, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> str:
    """The data folder (and database) the commands work on, with a small floor in it."""
    # A terminal wide enough for the ticket table (the console is built when the CLI loads).
    monkeypatch.setattr(cli_console, "width", 200)
    if settings.database_url:
        monkeypatch.setenv("FLOORLEAD_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("FLOORLEAD_DATABASE_URL", raising=False)
    billing = make_team(session, name="Billing")
    returns = make_team(session, name="Returns")
    make_person(session, role="admin", email="ada@example.com")
    ava = make_person(session, team_id=billing.id, email="ava@example.com")
    make_ticket(session, subject="Refund not received", team_id=billing.id, assignee_id=ava.id)
    make_ticket(session, subject="Label missing", team_id=returns.id, status="open")
    session.commit()
    return str(settings.data_dir)


def run(folder: str, *args: str) -> Result:
    return runner.invoke(app, ["ticket", *args, "--data-dir", folder])


def said(result: Result) -> str:
    return " ".join(result.output.split())


def test_the_list_shows_what_the_acting_person_may_see(folder: str) -> None:
    as_admin = run(folder, "list", "--format", "json")
    as_ava = run(folder, "list", "--as", "ava@example.com", "--format", "json")
    open_in_returns = run(folder, "list", "--status", "open", "--team", "Returns")
    by_assignee = run(folder, "list", "--assignee", "ava@example.com", "--limit", "1")

    assert as_admin.exit_code == 0, as_admin.output
    assert json.loads(as_admin.output)["total"] == 2
    assert [t["subject"] for t in json.loads(as_ava.output)["items"]] == ["Refund not received"]
    assert "Label missing" in said(open_in_returns) and "Refund" not in said(open_in_returns)
    assert "Refund not received" in said(by_assignee) and "1 of 1 tickets" in said(by_assignee)


def test_show_prints_the_ticket_and_its_timeline(folder: str) -> None:
    shown = run(folder, "show", "1")
    as_json = run(folder, "show", "1", "--format", "json")

    assert shown.exit_code == 0, shown.output
    assert "#1 Refund not received" in said(shown) and "created" in said(shown)
    assert json.loads(as_json.output)["events"][0]["kind"] == "created"


def test_create_opens_a_ticket_for_a_new_customer(folder: str, session: Session) -> None:
    opened = run(
        folder,
        "create",
        "--subject",
        "Where is my parcel?",
        "--requester-email",
        "dana@example.org",
        "--requester-name",
        "Dana",
        "--channel",
        "chat",
        "--priority",
        "high",
        "--tag",
        "parcel",
        "--team",
        "Billing",
        "--as",
        "ava@example.com",
    )

    assert opened.exit_code == 0, opened.output
    assert "opened ticket #3" in said(opened)
    ticket = session.get(Ticket, 3)
    assert ticket is not None
    assert (ticket.channel, ticket.priority, ticket.tags) == ("chat", "high", ["parcel"])


def test_bad_input_exits_with_2_and_a_clear_message(folder: str, session: Session) -> None:
    unknown_customer = run(
        folder, "create", "--subject", "Hi", "--requester-email", "new@example.org"
    )
    bad_channel = run(
        folder,
        "create",
        "--subject",
        "Hi",
        "--requester-email",
        "x@example.org",
        "--channel",
        "fax",
    )
    unknown_actor = run(folder, "list", "--as", "nobody@example.com")
    hidden = run(folder, "show", "2", "--as", "ava@example.com")

    assert unknown_customer.exit_code == 2 and "(--requester-name)" in said(unknown_customer)
    assert bad_channel.exit_code == 2 and "fax" in said(bad_channel)
    assert unknown_actor.exit_code == 2 and "(--as)" in said(unknown_actor)
    assert hidden.exit_code == 2 and "may not view ticket" in said(hidden)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Ticket)) == 2
