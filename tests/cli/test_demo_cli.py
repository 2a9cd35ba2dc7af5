"""``floorlead demo --no-serve``: builds the demo, prints the logins, guards existing data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from click.testing import Result
from sqlalchemy import func, select
from typer.testing import CliRunner

from floorlead.auth.passwords import verify_password
from floorlead.cli.main import app
from floorlead.config import Settings
from floorlead.org.tables import Person
from floorlead.storage import make_engine, make_session_factory
from floorlead.tickets.tables import Ticket

SMALL = ("--weeks", "1", "--agents", "3", "--end", "2026-03-04T15:00:00Z", "--no-serve")


@pytest.fixture(autouse=True)
def no_admin_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FLOORLEAD_ADMIN_EMAIL", "FLOORLEAD_ADMIN_PASSWORD", "FLOORLEAD_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)


def demo(data_dir: Path, *extra: str) -> Result:
    return CliRunner().invoke(app, ["demo", "--data-dir", str(data_dir), *SMALL, *extra])


def said(result: Result) -> str:
    return " ".join(result.output.split())


def stored_people(data_dir: Path) -> dict[str, Person]:
    engine = make_engine(Settings(data_dir=data_dir))
    with make_session_factory(engine)() as session:
        people = {p.email: p for p in session.scalars(select(Person))}
    engine.dispose()
    return people


def ticket_count(data_dir: Path) -> int:
    engine = make_engine(Settings(data_dir=data_dir))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(Ticket)).scalar_one()
    engine.dispose()
    return total


def test_demo_prints_the_logins_that_work(tmp_path: Path) -> None:
    result = demo(tmp_path)

    assert result.exit_code == 0, result.output
    text = said(result)
    admin = re.search(r"Admin login: (\S+) password: (\S+)", text)
    staff = re.search(
        r"All demo staff sign in with the password: (\S+) \(e\.g\. supervisor (\S+),", text
    )
    assert admin and staff
    people = stored_people(tmp_path)
    assert admin.group(1) == "admin@floorlead.local"
    assert verify_password(people[admin.group(1)].password_hash, admin.group(2))
    assert verify_password(people[staff.group(2)].password_hash, staff.group(1))
    assert re.search(r"\d+ people, [\d,]+ tickets, [\d,]+ events", text)


def test_admin_login_comes_from_the_settings_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOORLEAD_ADMIN_EMAIL", "boss@example.com")
    monkeypatch.setenv("FLOORLEAD_ADMIN_PASSWORD", "configured password")

    result = demo(tmp_path)

    assert result.exit_code == 0, result.output
    assert "Admin login: boss@example.com password: configured password" in said(result)
    assert verify_password(
        stored_people(tmp_path)["boss@example.com"].password_hash, "configured password"
    )


def printed_tickets(result: Result) -> int:
    found = re.search(r"people, ([\d,]+) tickets", said(result))
    assert found, result.output
    return int(found.group(1).replace(",", ""))


def test_an_existing_database_is_refused_then_kept_or_rebuilt(tmp_path: Path) -> None:
    first = demo(tmp_path)

    refused = demo(tmp_path)
    untouched = ticket_count(tmp_path)
    kept = demo(tmp_path, "--keep")
    after_keep = ticket_count(tmp_path)
    rebuilt = demo(tmp_path, "--reset", "--weeks", "2")

    assert refused.exit_code == 2
    assert "--reset" in said(refused) and "--keep" in said(refused)
    assert untouched == printed_tickets(first)
    assert kept.exit_code == 0 and "unchanged" in said(kept)
    assert after_keep == untouched
    assert rebuilt.exit_code == 0, rebuilt.output
    assert ticket_count(tmp_path) == printed_tickets(rebuilt) > untouched


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--end", "2026-03-04T15:00"), "UTC offset"),
        (("--end", "yesterday"), "ISO 8601"),
        (("--agents", "1"), "agents must be between"),
        (("--reset", "--keep"), "cannot be used together"),
    ],
)
def test_bad_options_are_refused_with_the_reason(
    tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    result = demo(tmp_path, *extra)

    assert result.exit_code == 2
    assert message in said(result)


def test_every_demo_option_is_documented() -> None:
    command = typer.main.get_command(app).get_command(None, "demo")  # type: ignore[attr-defined]
    documented = (Path(__file__).resolve().parents[2] / "docs" / "demo.md").read_text()

    options = [name for param in command.params for name in param.opts if name.startswith("--")]

    assert options
    assert [name for name in options if f"`{name}`" not in documented] == []
