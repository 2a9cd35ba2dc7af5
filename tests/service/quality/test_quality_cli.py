"""``floorlead quality sample`` and ``floorlead quality report`` on a real SQLite database."""

import json

from quality_world import NOW, Floor, build_floor, handled_ticket, review_input
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from floorlead.cli.main import app
from floorlead.config import Settings
from floorlead.quality.reviews import record_review

runner = CliRunner()


def test_the_cli_draws_a_sample_for_a_team_and_week(
    sqlite_settings: Settings, sqlite_session: Session
) -> None:
    floor = build_floor(sqlite_session)
    for day in range(4):
        handled_ticket(sqlite_session, floor.ana, day=day)
    sqlite_session.commit()
    base = ["quality", "sample", "--data-dir", str(sqlite_settings.data_dir)]

    drawn = runner.invoke(
        app, [*base, "--team", "billing", "--week", "2026-03-05", "--per-agent", "2"]
    )
    unknown = runner.invoke(app, [*base, "--team", "Nowhere", "--week", "2026-03-05"])

    assert drawn.exit_code == 0, drawn.output
    assert "week of 2026-03-02" in drawn.output
    assert drawn.output.count("Ana Agent") == 2
    assert "Sam Supervisor" in drawn.output  # the team's supervisor reviews by default
    assert "2 interactions to review" in drawn.output
    assert unknown.exit_code == 2
    assert "no team named 'Nowhere' (--team)" in unknown.output


def test_the_cli_report_prints_scores_per_agent_and_failing_criteria_as_json(
    sqlite_settings: Settings, sqlite_session: Session
) -> None:
    floor: Floor = build_floor(sqlite_session)
    sam = floor.actor(sqlite_session, floor.lead)
    ticket = handled_ticket(sqlite_session, floor.ana)
    record_review(sqlite_session, actor=sam, data=review_input(floor, ticket), now=NOW)

    shown = runner.invoke(
        app,
        [
            "quality",
            "report",
            "--data-dir",
            str(sqlite_settings.data_dir),
            "--until",
            "2026-03-08",
            "--weeks",
            "2",
            "--format",
            "json",
        ],
    )

    assert shown.exit_code == 0, shown.output
    report = json.loads(shown.output)
    assert (report["first_week"], report["reviews"], report["average"]) == ("2026-02-23", 1, 77.5)
    assert report["trend"][0]["label"] == "Ana Agent"
    assert report["failing"][0]["key"] == "next_steps"
