"""Take turns on a file across processes: the DuckDB analytics file admits one process at a time.

Every server worker, and the command line, opens the analytics file only for the request
or command that needs it. While any thread of a process has it open, the process holds an
exclusive lock on a companion ``.lock`` file; another process that wants the file waits for
its turn instead of failing to open it. Threads of one process share the turn.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: one process per file, as before
    fcntl = None  # type: ignore[assignment]


@dataclass
class _Turn:
    guard: threading.Lock = field(default_factory=threading.Lock)
    users: int = 0
    handle: IO[str] | None = None


_turns: dict[Path, _Turn] = {}
_registry = threading.Lock()


def _turn_for(path: Path) -> _Turn:
    with _registry:
        return _turns.setdefault(path, _Turn())


def acquire(path: Path) -> None:
    """Wait for this process's turn on ``path`` (at once if another thread here has it)."""
    turn = _turn_for(path.resolve())
    with turn.guard:
        if turn.users == 0 and fcntl is not None:
            handle = path.with_name(path.name + ".lock").open("a")
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            except BaseException:
                handle.close()
                raise
            turn.handle = handle
        turn.users += 1


def release(path: Path) -> None:
    turn = _turn_for(path.resolve())
    with turn.guard:
        turn.users -= 1
        if turn.users == 0 and turn.handle is not None:
            fcntl.flock(turn.handle.fileno(), fcntl.LOCK_UN)
            turn.handle.close()
            turn.handle = None


@contextmanager
def turn(path: Path) -> Iterator[None]:
    acquire(path)
    try:
        yield
    finally:
        release(path)
