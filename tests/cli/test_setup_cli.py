"""``floorlead init``, ``serve``, ``user add`` and ``user password`` on a real data folder."""

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import typer
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.core import TyperGroup
from typer.testing import CliRunner, Result

from floorlead.auth.passwords import verify_password
from floorlead.auth.tables import AuditEntry
from floorlead.cli.main import app
from floorlead.config import Settings
from floorlead.org.tables import ApprovalLimit, Person
from floorlead.storage import make_engine, make_session_factory

from factories import make_team

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def said(result: Result) -> str:
    """The output on one line (the console wraps long lines)."""
    return " ".join(result.output.split())


@contextmanager
def stored(data_dir: Path) -> Iterator[Session]:
    engine = make_engine(Settings(data_dir=data_dir))
    try:
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def shown_password(result: Result) -> str:
    match = re.search(r"password \(shown once\): (\S+)", said(result))
    assert match, result.output
    return match.group(1)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("FLOORLEAD_ADMIN_EMAIL", "FLOORLEAD_ADMIN_PASSWORD", "FLOORLEAD_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "floor"


@pytest.fixture
def ready(data_dir: Path) -> Path:
    assert (
        run("init", "--data-dir", str(data_dir), "--admin-password", "admin secret 1").exit_code
        == 0
    )
    return data_dir


def test_init_creates_the_folder_the_admin_and_the_default_limits(data_dir: Path) -> None:
    result = run("init", "--data-dir", str(data_dir))

    assert result.exit_code == 0, result.output
    assert "created admin admin@floorlead.local" in said(result)
    assert "added 18 default approval limits" in said(result)
    with stored(data_dir) as session:
        admin = session.scalar(select(Person).where(Person.role == "admin"))
        assert admin is not None and admin.email == "admin@floorlead.local"
        assert verify_password(admin.password_hash, shown_password(result))
        assert session.scalar(select(func.count()).select_from(ApprovalLimit)) == 18


def test_init_a_second_time_changes_nothing_and_says_so(ready: Path) -> None:
    def counts() -> tuple[int | None, ...]:
        with stored(ready) as session:
            return tuple(
                session.scalar(select(func.count()).select_from(table))
                for table in (Person, ApprovalLimit, AuditEntry)
            )

    before = counts()
    again = run("init", "--data-dir", str(ready))

    assert again.exit_code == 0
    assert "nothing to do: floorlead is already set up" in said(again)
    assert "shown once" not in said(again)
    assert counts() == before


def test_init_takes_the_admin_from_the_settings_unless_options_say_otherwise(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLOORLEAD_ADMIN_EMAIL", "boss@example.com")
    monkeypatch.setenv("FLOORLEAD_ADMIN_PASSWORD", "from the environment")

    result = run("init", "--data-dir", str(data_dir), "--admin-password", "from the option")

    assert result.exit_code == 0, result.output
    assert "shown once" not in said(result)
    with stored(data_dir) as session:
        admin = session.scalar(select(Person).where(Person.role == "admin"))
        assert admin is not None and admin.email == "boss@example.com"
        assert verify_password(admin.password_hash, "from the option")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--admin-email", "not an email"], "is not a valid email address (--admin-email)"),
        (["--admin-password", "short"], "at least 10 characters (--admin-password)"),
    ],
)
def test_init_refuses_bad_admin_details_naming_the_option(
    data_dir: Path, options: list[str], message: str
) -> None:
    result = run("init", "--data-dir", str(data_dir), *options)

    assert result.exit_code == 2
    assert message in said(result)


def test_user_add_places_the_person_in_a_team_under_a_manager(ready: Path) -> None:
    with stored(ready) as session:
        make_team(session, name="Billing")
        session.commit()

    lead = run(
        "user",
        "add",
        "--email",
        "Lee@Example.com",
        "--name",
        "Lee Lead",
        "--role",
        "team_lead",
        "--team",
        "billing",
        "--password",
        "lead secret 1",
        "--data-dir",
        str(ready),
    )
    agent = run(
        "user",
        "add",
        "--email",
        "ava@example.com",
        "--name",
        "Ava Agent",
        "--role",
        "agent",
        "--team",
        "Billing",
        "--manager",
        "lee@example.com",
        "--data-dir",
        str(ready),
    )

    assert lead.exit_code == 0, lead.output
    assert "added Lee Lead <lee@example.com> as team_lead" in said(lead)
    assert "shown once" not in said(lead)
    with stored(ready) as session:
        ava = session.scalar(select(Person).where(Person.email == "ava@example.com"))
        assert ava is not None and ava.team is not None and ava.team.name == "Billing"
        assert ava.manager_id == session.scalar(select(Person.id).where(Person.name == "Lee Lead"))
        assert verify_password(ava.password_hash, shown_password(agent))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--team", "Nope"], "no team named 'Nope' (--team)"),
        (
            ["--manager", "nobody@example.com"],
            "no person with email nobody@example.com (--manager)",
        ),
        (
            ["--time-zone", "Mars/Olympus"],
            "is not an IANA time zone name (e.g. Europe/Paris) (--time-zone)",
        ),
        (["--password", "short"], "(--password)"),
        (["--email", "admin@floorlead.local"], "admin@floorlead.local is already in use (--email)"),
        (["--email", "nobody"], "'nobody' is not a valid email address (--email)"),
        (["--role", "boss"], "Invalid value for '--role'"),
    ],
)
def test_user_add_refuses_bad_input_naming_the_option(
    ready: Path, options: list[str], message: str
) -> None:
    base = {"--email": "nia@example.com", "--name": "Nia New", "--role": "agent"}
    base.update(dict(zip(options[::2], options[1::2], strict=True)))
    args = [part for pair in base.items() for part in pair]

    result = run("user", "add", *args, "--data-dir", str(ready))

    assert result.exit_code == 2
    assert message in said(result)


def test_user_password_asks_twice_and_changes_it(ready: Path) -> None:
    result = run(
        "user",
        "password",
        "--email",
        "admin@floorlead.local",
        "--data-dir",
        str(ready),
        input="a brand new secret\na brand new secret\n",
    )

    assert result.exit_code == 0, result.output
    assert "password changed for admin@floorlead.local" in said(result)
    assert "a brand new secret" not in result.output
    with stored(ready) as session:
        admin = session.scalar(select(Person).where(Person.role == "admin"))
        assert admin is not None and verify_password(admin.password_hash, "a brand new secret")


def test_user_password_for_an_unknown_email_is_refused(ready: Path) -> None:
    result = run(
        "user",
        "password",
        "--email",
        "ghost@example.com",
        "--data-dir",
        str(ready),
        input="a brand new secret\na brand new secret\n",
    )

    assert result.exit_code == 2
    assert "no person with email ghost@example.com (--email)" in said(result)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_runs_the_app_on_the_given_port(ready: Path) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "from floorlead.cli.main import app; app()",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(ready),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        health = None
        deadline = time.monotonic() + 30
        while health is None and time.monotonic() < deadline and server.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
            except httpx.TransportError:
                time.sleep(0.2)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)

    assert health is not None, errors.decode()
    assert health.status_code == 200
    assert health.json()["database"] == "sqlite"


@pytest.mark.parametrize("path", [["init"], ["serve"], ["user", "add"], ["user", "password"]])
def test_every_option_of_the_setup_commands_is_in_the_guide(path: list[str]) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "org" / "guide.md").read_text()
    command = typer.main.get_command(app)
    for name in path:
        assert isinstance(command, TyperGroup)
        command = command.commands[name]

    options = [opt for param in command.params for opt in param.opts if opt.startswith("--")]

    assert f"floorlead {' '.join(path)}" in guide
    assert [opt for opt in options if opt not in guide] == []
