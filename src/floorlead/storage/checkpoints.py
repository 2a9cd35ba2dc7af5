"""SQLite write-ahead-log checkpoints in the background, off the request path.

In WAL mode a commit appends the pages it changed to the log; by default the commit that
takes the log past 1,000 pages then copies them back into the database file, holding up that
request and every writer queued behind it. The server checkpoints from a background thread
instead, every quarter second (PASSIVE: it never waits for readers or writers), so requests
only append. Connections keep an automatic checkpoint at a much longer log
(:data:`AUTO_CHECKPOINT_PAGES`) for when no server runs, such as an import from the command
line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import Engine

AUTO_CHECKPOINT_PAGES = 10_000  # about 40 MB of log
INTERVAL_SECONDS = 0.25

log = logging.getLogger(__name__)


def checkpoint(engine: Engine) -> tuple[int, int, int]:
    """One passive checkpoint: (1 if it could not run, pages in the log, pages copied)."""
    with engine.connect() as connection:
        busy, pages, copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    return busy, pages, copied


def _file_backed_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")


@asynccontextmanager
async def background_checkpoints(
    engine: Engine, *, interval: float = INTERVAL_SECONDS
) -> AsyncIterator[None]:
    """While the app runs: checkpoint the SQLite log every ``interval`` seconds."""
    if not _file_backed_sqlite(engine):
        yield
        return
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(interval):
            try:
                checkpoint(engine)
            except Exception:  # the next round tries again; requests still append
                log.warning("WAL checkpoint failed", exc_info=True)

    thread = threading.Thread(target=run, name="floorlead-wal-checkpoints", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)
