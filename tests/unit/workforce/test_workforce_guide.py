"""docs/workforce/guide.md states facts the code defines; these tests fail when the two drift."""

import re
from pathlib import Path

import pytest
import typer
from fastapi.routing import APIRoute
from typer.main import get_command

from floorlead.api import workforce_forecasts, workforce_outlook, workforce_rostering
from floorlead.cli.wfm_db import wfm_app
from floorlead.web.workforce_common import PERCENT_FIELDS
from floorlead.workforce.requirements import StaffingInputs
from floorlead.workforce.rostering import ScheduleSettings

GUIDE = Path(__file__).parents[3] / "docs" / "workforce" / "guide.md"
SHARED_OPTIONS = {"--team", "--week", "--model", "--interval-minutes", "--as", "--data-dir"}


def _commands() -> dict[str, list[str]]:
    group = get_command(wfm_app)
    assert isinstance(group, typer.core.TyperGroup)
    return {
        name: [opt for param in command.params for opt in param.opts if opt.startswith("--")]
        for name, command in group.commands.items()
    }


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_wfm_option_is_in_the_guide(command: str) -> None:
    text = GUIDE.read_text()
    row = next(line for line in text.splitlines() if line.startswith(f"| `wfm {command}`"))

    for option in _commands()[command]:
        assert (
            option in SHARED_OPTIONS
            or f"`{option}`" in row
            or (command == "schedule" and option in _commands()["staff"])
        ), f"{option} of wfm {command} is not in the guide's table"


def test_the_staffing_defaults_in_the_guide_are_the_codes() -> None:
    defaults = StaffingInputs()
    text = GUIDE.read_text()

    for label, value in [
        ("Service level %", defaults.service_level * 100),
        ("Answer within s", defaults.answer_seconds),
        ("Shrinkage %", defaults.shrinkage * 100),
        ("Max occupancy %", defaults.max_occupancy * 100),
        ("Chats at once", defaults.chat_concurrency),
        ("Email within h", defaults.deferred_deadline_hours),
    ]:
        assert f"| {label} | {value:g} |" in text
    assert {"service_level", "shrinkage", "max_occupancy"} == set(PERCENT_FIELDS)
    settings = ScheduleSettings()
    assert f"({settings.min_hours:g} to {settings.max_hours:g} by default)" in text
    assert f"({settings.time_limit_seconds:g} s by default" in text


PLANNING_ROUTES = [
    route
    for module in (workforce_forecasts, workforce_rostering, workforce_outlook)
    for route in module.router.routes
    if isinstance(route, APIRoute) and route.path.startswith("/workforce/")
]


@pytest.mark.parametrize("route", PLANNING_ROUTES, ids=lambda r: r.name)
def test_every_planning_endpoint_is_in_the_guide(route: APIRoute) -> None:
    rows = [line for line in GUIDE.read_text().splitlines() if f"/api{route.path}" in line]

    assert rows, f"/api{route.path} is not documented in docs/workforce/guide.md"
    assert all(re.search(rf"`{method} /api", " ".join(rows)) for method in route.methods)
