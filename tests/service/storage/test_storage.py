from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from floorlead.config import Settings
from floorlead.org.tables import Team
from floorlead.storage import make_engine
from floorlead.storage.models import metadata

from factories import make_team


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)

    assert diff == []


def test_datetimes_come_back_as_aware_utc(session: Session) -> None:
    paris = timezone(timedelta(hours=1))
    make_team(session, name="Returns", created_at=datetime(2026, 3, 2, 10, 0, tzinfo=paris))
    session.commit()
    session.expunge_all()

    stored = session.scalar(select(Team.created_at).where(Team.name == "Returns"))

    assert stored == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert stored is not None and stored.tzinfo is not None


def test_naive_datetimes_are_refused(session: Session) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        make_team(session, name="Naive", created_at=datetime(2026, 3, 2, 10, 0))  # noqa: DTZ001


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_settings: Settings) -> None:
    engine = make_engine(sqlite_settings)

    with engine.connect() as conn:
        journal = conn.execute(text("PRAGMA journal_mode")).scalar()
        foreign_keys = conn.execute(text("PRAGMA foreign_keys")).scalar()
    engine.dispose()

    assert (journal, foreign_keys) == ("wal", 1)
