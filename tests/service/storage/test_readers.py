"""The kept-open SQLite readers see every commit and hold nothing up between reads."""

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select, text

from floorlead.config import Settings
from floorlead.storage import make_engine
from floorlead.storage.readers import Readers
from floorlead.tickets.tables import Customer

from factories import T0


@pytest.fixture
def sqlite_engine(sqlite_settings: Settings) -> Iterator[Engine]:
    engine = make_engine(sqlite_settings)
    yield engine
    engine.dispose()


def _customers(engine: Engine, readers: Readers) -> int:
    return readers.read(lambda c: c.scalar(select(func.count()).select_from(Customer)))


def _add_customer(engine: Engine, n: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            Customer.__table__.insert(),
            {"name": f"C{n}", "email": f"c{n}@example.org", "created_at": T0},
        )


def test_a_reader_sees_each_commit_and_keeps_its_connection(sqlite_engine: Engine) -> None:
    readers = Readers(sqlite_engine)
    counts = [_customers(sqlite_engine, readers)]
    first = readers._connection()
    for n in range(3):
        _add_customer(sqlite_engine, n)
        counts.append(_customers(sqlite_engine, readers))

    assert counts == [0, 1, 2, 3]
    assert readers._connection() is first
    readers.close()
    assert first.closed


def test_an_idle_reader_lets_a_full_checkpoint_through(sqlite_engine: Engine) -> None:
    readers = Readers(sqlite_engine)
    _customers(sqlite_engine, readers)
    _add_customer(sqlite_engine, 1)
    _customers(sqlite_engine, readers)

    with sqlite_engine.connect() as connection:
        busy, _, _ = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()

    assert busy == 0  # no reader holds a snapshot between reads
    readers.close()


def test_each_thread_reads_on_its_own_connection(sqlite_engine: Engine) -> None:
    readers = Readers(sqlite_engine)
    seen = []

    def read() -> None:
        seen.append(readers.read(lambda c: c))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({id(c) for c in seen}) == 2
    readers.close()
    assert all(c.closed for c in seen)
