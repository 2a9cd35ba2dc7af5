"""docs/metrics.md describes every KPI and every definition setting (and nothing else)."""

from __future__ import annotations

import re
from pathlib import Path

from floorlead.metrics.definitions import Definitions
from floorlead.metrics.kpis import CATALOGUE
from floorlead.metrics.views import FLOW_VIEWS, SNAPSHOT_VIEWS
from floorlead.metrics.warehouse import FACT_TABLES, RAW_TABLES, WORKFORCE_TABLES

DOC = (Path(__file__).parents[3] / "docs" / "metrics.md").read_text()
DURATIONS = ("first_reply_time", "next_reply_time", "full_resolution_time", "requester_wait_time")


def _documented(name: str) -> bool:
    if f"`{name}`" in DOC:
        return True
    base = re.sub(r"(_business)?_(median|mean|p90)$", "", name)
    return base in DURATIONS and f"`{base}`" in DOC


def test_every_kpi_is_documented() -> None:
    assert [k.name for k in CATALOGUE if not _documented(k.name)] == []


def test_every_definition_setting_is_documented_with_its_default() -> None:
    for name, field in Definitions.model_fields.items():
        default = getattr(field.default, "value", field.default)
        assert f"| `{name}` | `{default}` |" in DOC, name


def test_every_fact_table_and_view_is_documented() -> None:
    tables = {*FACT_TABLES, *RAW_TABLES, *WORKFORCE_TABLES, *FLOW_VIEWS, *SNAPSHOT_VIEWS}

    assert [name for name in sorted(tables) if f"`{name}`" not in DOC] == []


def test_every_documented_kpi_exists() -> None:
    rows = re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)*", DOC, flags=re.MULTILINE)
    names = {k.name for k in CATALOGUE} | set(DURATIONS) | set(Definitions.model_fields)
    names |= set(FLOW_VIEWS) | set(SNAPSHOT_VIEWS) | set(FACT_TABLES) | set(RAW_TABLES)
    names |= set(WORKFORCE_TABLES)
    documented = {name for row in rows for name in row if name}

    assert documented - names == set()
