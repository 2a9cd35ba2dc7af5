"""``floorlead roles`` and ``floorlead training remind`` on a real data folder (SQLite)."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.core import TyperGroup
from typer.testing import CliRunner, Result

from floorlead.cli.main import app
from floorlead.config import Settings
from floorlead.training import assign_program, record_certification
from floorlead.training.tables import Certification, TrainingProgram

from factories import make_person, make_team

runner = CliRunner()
LONG_AGO = datetime(2020, 1, 6, 9, tzinfo=UTC)


def run(settings: Settings, *args: str) -> Result:
    return runner.invoke(app, [*args, "--data-dir", str(settings.data_dir)])


def test_roles_are_seeded_listed_and_exported(sqlite_settings: Settings, tmp_path: Path) -> None:
    seeded = run(sqlite_settings, "roles", "seed")
    again = run(sqlite_settings, "roles", "seed")
    listed = run(sqlite_settings, "roles", "list")
    markdown = run(sqlite_settings, "roles", "export", "trainer")
    pdf_file = tmp_path / "trainer.pdf"
    pdf = run(
        sqlite_settings, "roles", "export", "trainer", "--format", "pdf", "--output", str(pdf_file)
    )
    no_file = run(sqlite_settings, "roles", "export", "trainer", "--format", "pdf")
    unknown = run(sqlite_settings, "roles", "export", "astronaut")

    assert seeded.output.strip() == "added 8 role definitions"
    assert again.output.strip() == "added 0 role definitions"
    assert "workforce-analyst" in listed.output
    assert markdown.output.startswith("# Trainer\n")
    assert pdf.exit_code == 0 and pdf_file.read_bytes().startswith(b"%PDF")
    assert no_file.exit_code == 2
    assert unknown.exit_code == 2 and "no role definition 'astronaut'" in unknown.output


def test_remind_lists_overdue_training_and_renewals(
    sqlite_settings: Settings, sqlite_session: Session
) -> None:
    run(sqlite_settings, "roles", "seed")
    session = sqlite_session
    team = make_team(session, name="Billing")
    ana = make_person(session, name="Ana", team_id=team.id)
    session.commit()
    welcome = session.scalar(
        select(TrainingProgram.id).where(TrainingProgram.slug == "welcome-to-the-floor")
    )
    assign_program(
        session,
        actor=None,
        person_id=ana.id,
        program_id=welcome,
        due_on=date(2020, 1, 20),
        now=LONG_AGO,
    )
    today = datetime.now(UTC).date()
    cert = session.scalar(select(Certification.id).where(Certification.slug == "qa-evaluator"))
    record_certification(
        session,
        actor=None,
        person_id=ana.id,
        certification_id=cert,
        earned_on=date(today.year - 2, today.month, 1),
        now=datetime.now(UTC),
    )

    table = run(sqlite_settings, "training", "remind", "--days", "40")
    as_json = run(sqlite_settings, "training", "remind", "--days", "40", "--format", "json")

    assert table.exit_code == 0
    assert "Welcome to the floor" in table.output
    assert "1 overdue, 1 to renew; not mailed" in " ".join(table.output.split())
    found = json.loads(as_json.output)
    assert [a["person_name"] for a in found["overdue"]] == ["Ana"]
    assert found["overdue"][0]["days_overdue"] == (today - date(2020, 1, 20)).days
    assert [c["name"] for c in found["expiring"]] == ["Certified quality evaluator"]


def test_every_command_and_option_is_in_a_guide() -> None:
    docs = Path(__file__).parents[3] / "docs"
    guides = (docs / "careers" / "guide.md").read_text() + (
        docs / "training" / "guide.md"
    ).read_text()
    cli = typer.main.get_command(app)
    assert isinstance(cli, TyperGroup)

    for group_name in ("roles", "training"):
        group = cli.commands[group_name]
        assert isinstance(group, TyperGroup)
        for name, command in group.commands.items():
            assert f"floorlead {group_name} {name}" in guides
            for param in command.params:
                for option in param.opts:
                    if option.startswith("--") and option != "--data-dir":
                        assert option in guides, f"{group_name} {name} {option}"
