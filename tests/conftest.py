"""Shared fixtures: a fake clock and real databases (SQLite always, PostgreSQL when reachable).

Database-backed tests take the ``engine`` fixture and run once per backend. PostgreSQL is at
``FLOORLEAD_TEST_DATABASE_URL`` (default: the local server's ``test`` database); when it is not
reachable those runs skip with the reason, except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.storage import make_engine, make_session_factory, upgrade_database
from floorlead.storage.models import metadata

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
IN_CI = os.environ.get("CI", "").lower() == "true"


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> datetime:
        self.current += timedelta(**kwargs)
        return self.current

    def set(self, value: datetime) -> None:
        self.current = value


@pytest.fixture
def clock() -> FakeClock:
    # Monday 2 March 2026, 09:00 UTC.
    return FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-template")
    engine = make_engine(Settings(data_dir=folder))
    upgrade_database(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return folder / "floorlead.db"


def _postgres_admin_url() -> str:
    return os.environ.get("FLOORLEAD_TEST_DATABASE_URL", DEFAULT_PG_URL)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    admin_url = make_url(_postgres_admin_url())
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            name = f"floorlead_test_{_worker()}_{os.getpid()}"
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # the server is absent or refuses us
        admin.dispose()
        reason = f"PostgreSQL not reachable at {admin_url.render_as_string()}: {exc}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url)
    upgrade_database(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(url: str) -> None:
    """Delete every row and restart the id sequences (much faster than TRUNCATE here)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())
        sequences = conn.execute(
            text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
        ).scalars()
        for sequence in list(sequences):
            conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
    engine.dispose()


def _fresh_sqlite(template: Path, folder: Path) -> Settings:
    shutil.copy(template, folder / "floorlead.db")
    return Settings(data_dir=folder)


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh, migrated, empty database of each backend."""
    if request.param == "sqlite":
        return _fresh_sqlite(request.getfixturevalue("sqlite_template"), tmp_path)
    url: str = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return Settings(data_dir=tmp_path, database_url=url)


@pytest.fixture
def sqlite_settings(sqlite_template: Path, tmp_path: Path) -> Settings:
    """A fresh SQLite database only (for end-to-end and browser tests that run once)."""
    return _fresh_sqlite(sqlite_template, tmp_path)


@pytest.fixture
def sqlite_session(sqlite_settings: Settings) -> Iterator[Session]:
    engine = make_engine(sqlite_settings)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = make_engine(settings)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with make_session_factory(engine)() as session:
        yield session
