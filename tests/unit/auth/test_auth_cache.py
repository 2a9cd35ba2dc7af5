from pathlib import Path

from sqlalchemy import create_engine, delete
from sqlalchemy.orm import sessionmaker

from floorlead.auth.cache import AuthCache, watch_sessions
from floorlead.auth.tables import WebSession
from floorlead.storage.models import metadata
from floorlead.tickets.tables import Ticket

from factories import make_person, make_team


class Ticking:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_entry_lives_for_the_lifetime_and_no_longer() -> None:
    ticking = Ticking()
    cache = AuthCache(5.0, monotonic=ticking)
    cache.put(("actor", 1), "ava", generation=cache.generation())
    ticking.now = 5.0
    assert cache.get(("actor", 1)) == "ava"
    ticking.now = 5.1
    assert cache.get(("actor", 1)) is None


def test_a_value_read_before_a_committed_change_is_not_kept(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'people.db'}")
    metadata.create_all(engine)
    sessions = sessionmaker(engine)
    watch_sessions(sessions)
    cache = AuthCache(60.0)
    read_at = cache.generation()
    with sessions() as session:
        make_team(session, name="Billing")
        session.commit()
    cache.put(("actor", 1), "stale", generation=read_at)
    assert cache.get(("actor", 1)) is None


def test_committing_a_change_to_people_empties_the_cache_and_a_rollback_does_not(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'people.db'}")
    metadata.create_all(engine)
    sessions = sessionmaker(engine)
    watch_sessions(sessions)
    watch_sessions(sessions)  # watching twice adds nothing
    cache = AuthCache(60.0)
    cache.put(("actor", 1), "ava", generation=cache.generation())
    with sessions() as session:
        make_team(session, name="Billing")
        session.rollback()
    assert cache.get(("actor", 1)) == "ava"
    with sessions() as session:
        make_person(session, team_id=make_team(session, name="Returns").id)
        session.commit()
    assert cache.get(("actor", 1)) is None


def test_a_zero_lifetime_keeps_nothing() -> None:
    cache = AuthCache(0.0)
    cache.put(("actor", 1), "ava", generation=cache.generation())
    assert cache.get(("actor", 1)) is None


def test_a_bulk_delete_of_web_sessions_empties_the_cache(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'people.db'}")
    metadata.create_all(engine)
    sessions = sessionmaker(engine)
    watch_sessions(sessions)
    cache = AuthCache(60.0)
    cache.put(("cookie", "c"), "login", generation=cache.generation())
    with sessions() as session:
        session.execute(delete(Ticket))  # not an auth table: kept
        session.commit()
    assert cache.get(("cookie", "c")) == "login"
    with sessions() as session:
        session.execute(delete(WebSession))  # what signing out does
        session.commit()
    assert cache.get(("cookie", "c")) is None


def test_remember_reads_once_and_keeps_the_value() -> None:
    cache = AuthCache(60.0)
    reads: list[int] = []
    assert cache.remember(("actor", 1), lambda: reads.append(1) or "ava") == "ava"
    assert cache.get(("actor", 1)) == "ava"
    assert reads == [1]
