"""The server copies SQLite's log back into the database file in the background."""

import asyncio
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from floorlead.config import Settings
from floorlead.storage import make_engine
from floorlead.storage.checkpoints import (
    AUTO_CHECKPOINT_PAGES,
    background_checkpoints,
    checkpoint,
)
from floorlead.tickets.tables import Customer

from factories import T0


@pytest.fixture
def sqlite_engine(sqlite_settings: Settings) -> Iterator[Engine]:
    engine = make_engine(sqlite_settings)
    yield engine
    engine.dispose()


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run ``coroutine`` on a loop of its own thread (the test's thread may hold a loop)."""
    failures: list[BaseException] = []

    def main() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # re-raised below, in the test
            failures.append(exc)

    thread = threading.Thread(target=main)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def _database_file(engine: Engine) -> Path:
    return Path(str(engine.url.database))


def _add_customers(engine: Engine, count: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            Customer.__table__.insert(),
            [
                {"name": f"C{n}", "email": f"c{n}@example.org", "created_at": T0}
                for n in range(count)
            ],
        )


def test_commits_append_to_the_log_until_the_background_copies_it(
    sqlite_engine: Engine,
) -> None:
    checkpoint(sqlite_engine)  # start from a database file holding everything
    size = _database_file(sqlite_engine).stat().st_size
    _add_customers(sqlite_engine, 2_000)
    assert _database_file(sqlite_engine).stat().st_size == size  # only the log grew

    async def run_a_while() -> None:
        async with background_checkpoints(sqlite_engine, interval=0.02):
            deadline = time.monotonic() + 5
            while _database_file(sqlite_engine).stat().st_size == size:
                assert time.monotonic() < deadline, "no checkpoint within 5 s"
                await asyncio.sleep(0.02)

    _run(run_a_while())
    busy, pages, copied = checkpoint(sqlite_engine)

    assert _database_file(sqlite_engine).stat().st_size > size
    assert (busy, copied) == (0, pages)


def test_connections_checkpoint_on_their_own_only_past_a_long_log(
    sqlite_engine: Engine,
) -> None:
    with sqlite_engine.connect() as connection:
        pages = connection.execute(text("PRAGMA wal_autocheckpoint")).scalar()

    assert pages == AUTO_CHECKPOINT_PAGES


def _checkpointing() -> bool:
    return any(t.name == "floorlead-wal-checkpoints" for t in threading.enumerate())


def test_the_thread_runs_only_for_a_database_file_and_only_while_the_app_runs(
    sqlite_engine: Engine,
) -> None:
    seen = {}

    async def run(engine: Engine, name: str) -> None:
        async with background_checkpoints(engine, interval=0.01):
            seen[name] = _checkpointing()

    _run(run(sqlite_engine, "file"))
    _run(run(create_engine("sqlite://"), "memory"))

    assert seen == {"file": True, "memory": False}
    assert not _checkpointing()
