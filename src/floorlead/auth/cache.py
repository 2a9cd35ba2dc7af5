"""Recently resolved callers, so most requests learn who is calling without a database query.

An entry lives ``ttl`` seconds. Any change to people, teams, API tokens or web sessions
committed through this process empties every cache at once (see :func:`watch_sessions`);
a change committed by another server process is seen within ``ttl`` seconds. A token's
own expiry is checked on every request, cached or not.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from floorlead.auth.tables import ApiToken, WebSession
from floorlead.org.tables import Person, Team

WATCHED = (Person, Team, ApiToken, WebSession)
MAX_ENTRIES = 10_000
T = TypeVar("T")

_generation = 0
_generation_lock = threading.Lock()


def _bump() -> None:
    global _generation
    with _generation_lock:
        _generation += 1


class AuthCache:
    def __init__(self, ttl: float, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._monotonic = monotonic
        self._entries: dict[tuple[str, Any], tuple[float, Any]] = {}
        self._generation = _generation

    def get(self, key: tuple[str, Any]) -> Any | None:
        if self.ttl <= 0:
            return None
        if self._generation != _generation:
            self._entries.clear()
            self._generation = _generation
            return None
        found = self._entries.get(key)
        if found is None:
            return None
        stored_at, value = found
        if self._monotonic() - stored_at > self.ttl:
            self._entries.pop(key, None)
            return None
        return value

    def put(self, key: tuple[str, Any], value: Any, *, generation: int) -> None:
        """Store ``value`` read while the change generation was ``generation`` (so a value
        read before a concurrent change is not kept after it)."""
        if self.ttl <= 0 or generation != _generation:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[key] = (self._monotonic(), value)

    def remember(self, key: tuple[str, Any], read: Callable[[], T]) -> T:
        """``read()``, stored under ``key`` unless a change was committed while reading."""
        generation = _generation
        value = read()
        self.put(key, value, generation=generation)
        return value

    @staticmethod
    def generation() -> int:
        return _generation


def _note_changes(session: Session, _context: Any, _instances: Any = None) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, WATCHED) for obj in changed):
        session.info["auth_changed"] = True


def _note_bulk_changes(state: Any) -> None:
    """An ``update(...)``/``delete(...)`` statement run through the session, e.g. logout."""
    if state.is_update or state.is_delete:
        target = getattr(state.statement, "table", None)
        if getattr(target, "name", None) in {m.__tablename__ for m in WATCHED}:
            state.session.info["auth_changed"] = True


def _after_commit(session: Session) -> None:
    if session.info.pop("auth_changed", False):
        _bump()


def _after_rollback(session: Session) -> None:
    session.info.pop("auth_changed", None)


def watch_sessions(factory: sessionmaker[Session]) -> None:
    """Empty the auth caches whenever a session from ``factory`` commits a change to
    people, teams, tokens or web sessions."""
    if event.contains(factory, "before_flush", _note_changes):
        return
    event.listen(factory, "before_flush", _note_changes)
    event.listen(factory, "do_orm_execute", _note_bulk_changes)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_rollback", _after_rollback)
