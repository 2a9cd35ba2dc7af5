"""docs/org/guide.md states facts the code defines; these tests fail when the two drift."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute

from floorlead.api import approvals, audit, people, teams
from floorlead.org.reference import default_limits_markdown, refresh_blocks, role_actions_markdown

GUIDE = Path(__file__).parents[3] / "docs" / "org" / "guide.md"


def block(name: str) -> str:
    found = re.search(
        rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", GUIDE.read_text(), re.DOTALL
    )
    assert found, f"the guide has no {name} block"
    return found.group(1)


@pytest.mark.parametrize(
    ("name", "render"),
    [("role-actions", role_actions_markdown), ("default-limits", default_limits_markdown)],
)
def test_the_guides_tables_match_the_code(name: str, render: Callable[[], str]) -> None:
    expected = render()

    assert block(name) == expected, (
        f"docs/org/guide.md is out of date; replace the {name} block with:\n\n{expected}"
    )


def test_the_role_table_names_every_role_and_action_once() -> None:
    rows = block("role-actions").splitlines()

    assert rows[0].count("|") == 8
    assert len(rows) == len({row.split("|")[1] for row in rows})


@pytest.mark.parametrize("router", [people.router, teams.router, approvals.router, audit.router])
def test_every_org_endpoint_is_in_the_guide(router: APIRouter) -> None:
    text = GUIDE.read_text()
    routes = [r for r in router.routes if isinstance(r, APIRoute)]

    for route in routes:
        path = "/api" + re.sub(r"\{\w+\}", "{id}", route.path)
        assert path in text, f"{path} is not documented in docs/org/guide.md"


def test_refreshing_rewrites_only_the_marked_blocks() -> None:
    stale = "intro\n<!-- default-limits:start -->\nold table\n<!-- default-limits:end -->\noutro"

    fresh = refresh_blocks(stale)

    assert fresh.startswith("intro\n<!-- default-limits:start -->\n| role |")
    assert fresh.endswith("\n<!-- default-limits:end -->\noutro")
    assert "old table" not in fresh
