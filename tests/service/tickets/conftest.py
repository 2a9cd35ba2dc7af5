"""Fixtures of the tickets service tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from ticket_world import Floor, build_floor


@pytest.fixture
def floor(session: Session) -> Floor:
    return build_floor(session)
