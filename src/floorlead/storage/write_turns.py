"""One writer at a time on a SQLite file, queued promptly across threads and processes.

SQLite lets one connection write at a time; the others retry with its busy handler, which
sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries, so under steady writes from several server
processes a write can wait tens of milliseconds for a lock that was free after one. Here a
connection about to write first waits for its turn: a lock shared by the threads of this
process, then an exclusive lock on a file beside the database shared with other processes,
both of which wake the next writer as soon as the last one is done. The turn is given back
when the connection's transaction ends (the connection goes back to the pool). A thread
that already has the turn keeps it for any other connection it opens.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_HELD = "floorlead_write_turn"


class WriteTurns:
    def __init__(self, database: Path, *, timeout: float) -> None:
        self.lock_path = database.with_name(database.name + ".write-lock")
        self.timeout = timeout
        self._threads = threading.Lock()
        self._owner: int | None = None
        self._depth = 0
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        me = threading.get_ident()
        if self._owner == me:
            self._depth += 1
            return
        if not self._threads.acquire(timeout=self.timeout):
            raise OperationalError("waiting to write", None, Exception("database is locked"))
        try:
            if fcntl is not None:
                if self._file is None:
                    self._file = self.lock_path.open("a")
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        self._owner = me
        self._depth = 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        self._owner = None
        if fcntl is not None and self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        self._threads.release()

    def install(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine.pool, "reset", self._give_back)
        event.listen(engine.pool, "close", self._give_back_closed)
        event.listen(engine.pool, "invalidate", self._give_back_closed)
        event.listen(engine, "engine_disposed", self._close_file)

    def _close_file(self, _engine: Any) -> None:
        with self._threads:
            if self._file is not None:
                self._file.close()
                self._file = None

    def _before_execute(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if conn.info.get(_HELD) or not statement.lstrip()[:7].upper().startswith(WRITES):
            return
        self.acquire()
        conn.info[_HELD] = True

    def _give_back(self, dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
        record = connection_record
        if record.info.pop(_HELD, False):
            self.release()

    def _give_back_closed(self, _dbapi: Any, record: Any, *_args: Any) -> None:
        if record is not None and record.info.pop(_HELD, False):
            self.release()
