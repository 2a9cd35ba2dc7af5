"""``floorlead coaching overdue`` on a real database (each backend)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import Result
from coaching_floor import Floor
from typer.testing import CliRunner

from floorlead.cli.main import app
from floorlead.coaching import add_action_item, plan_session
from floorlead.config import Settings

runner = CliRunner()


@pytest.fixture
def folder(floor: Floor, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> str:
    """Two 1:1s with an action item each that fell due three days ago (in real time)."""
    monkeypatch.setenv("COLUMNS", "160")
    if settings.database_url:
        monkeypatch.setenv("FLOORLEAD_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("FLOORLEAD_DATABASE_URL", raising=False)
    now = datetime.now(UTC)
    for coach, agent, task in (("lee", "ana", "Shadow Ben"), ("sue", "bo", "Read the returns FAQ")):
        row = plan_session(
            floor.session,
            actor=floor.actor(coach),
            agent_id=floor.ids[agent],
            scheduled_at=now - timedelta(days=10),
            now=now - timedelta(days=11),
        )
        add_action_item(
            floor.session,
            actor=floor.actor(coach),
            session_id=row.id,
            description=task,
            owner_id=floor.ids[agent],
            due_on=now.date() - timedelta(days=3),
            now=now - timedelta(days=10),
        )
    return str(settings.data_dir)


def run(folder: str, *args: str) -> Result:
    return runner.invoke(app, ["coaching", "overdue", *args, "--data-dir", folder])


def test_overdue_lists_what_the_acting_person_may_see_optionally_for_one_team(
    folder: str,
) -> None:
    everyone = run(folder, "--format", "json")
    billing = run(folder, "--team", "billing", "--format", "json")
    as_lee = run(folder, "--as", "lee@example.com")
    as_ana_elsewhere = run(
        folder, "--as", "ana@example.com", "--team", "Returns", "--format", "json"
    )
    unknown = run(folder, "--team", "Sales")

    assert everyone.exit_code == 0, everyone.output
    assert [i["description"] for i in json.loads(everyone.output)] == [
        "Shadow Ben",
        "Read the returns FAQ",
    ]
    assert [i["agent_name"] for i in json.loads(billing.output)] == ["Ana Agent"]
    assert "Shadow Ben" in as_lee.output and "returns FAQ" not in as_lee.output
    assert json.loads(as_ana_elsewhere.output) == []
    assert unknown.exit_code == 2 and "no team named 'Sales'" in unknown.output
