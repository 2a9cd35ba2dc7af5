"""Fixtures of the coaching service tests: the floor of coaching_floor.py on each backend."""

from __future__ import annotations

import pytest
from coaching_floor import Floor, build_floor
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from floorlead.metrics.tables import KpiTarget


@pytest.fixture(scope="session")
def postgres_url(postgres_url: str) -> str:
    """The shared PostgreSQL test database, plus the KPI targets table until it is migrated
    (coaching reads the metrics catalogue, which brings that table into the metadata)."""
    engine = create_engine(postgres_url)
    KpiTarget.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    engine.dispose()
    return postgres_url


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)
