"""SQLite connections kept open for plain reads, one per thread.

Taking a connection from the pool and giving it back (with its reset) costs about as much
as the ticket list's query itself. A connection in autocommit mode that only reads holds no
transaction between statements: it can stay open, each statement sees the latest commit,
and an idle reader holds up neither writers nor checkpoints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine

T = TypeVar("T")


class Readers:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()
        self._opened: list[Connection] = []
        self._lock = threading.Lock()

    def read(self, work: Callable[[Connection], T]) -> T:
        """``work`` (plain reads, each statement consumed in full) on this thread's reader."""
        connection = self._connection()
        try:
            return work(connection)
        finally:
            connection.rollback()  # ends the logical transaction; nothing is held in SQLite

    def _connection(self) -> Connection:
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None or connection.closed or connection.invalidated:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
