"""Writers to one SQLite file take turns (floorlead.storage.write_turns)."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from floorlead.config import Settings
from floorlead.storage import make_engine

WRITER = """
import sys
from pathlib import Path
from sqlalchemy import text
from floorlead.config import Settings
from floorlead.storage import make_engine
engine = make_engine(Settings(data_dir=Path(sys.argv[1])))
for n in range(int(sys.argv[2])):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO marks (who, n) VALUES (:who, :n)"), {"who": sys.argv[3], "n": n})
        conn.execute(text("UPDATE tally SET total = total + 1"))
engine.dispose()
"""


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(Settings(data_dir=tmp_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE marks (who TEXT, n INTEGER)"))
        conn.execute(text("CREATE TABLE tally (total INTEGER)"))
        conn.execute(text("INSERT INTO tally VALUES (0)"))
    yield engine
    engine.dispose()


def _total(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT total FROM tally")).scalar_one()


def test_processes_writing_at_once_all_succeed(engine: Engine, tmp_path: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "150", who])
        for who in ("a", "b", "c")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    assert _total(engine) == 450
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM marks")).scalar_one() == 450


def test_threads_writing_at_once_all_succeed(engine: Engine) -> None:
    errors: list[BaseException] = []

    def write(count: int) -> None:
        try:
            for _ in range(count):
                with engine.begin() as conn:
                    conn.execute(text("UPDATE tally SET total = total + 1"))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(100,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert _total(engine) == 400


def test_a_rolled_back_write_gives_the_turn_back(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("UPDATE tally SET total = 99"))
        conn.rollback()
    done = threading.Event()

    def write_elsewhere() -> None:
        with engine.begin() as conn:
            conn.execute(text("UPDATE tally SET total = total + 1"))
        done.set()

    thread = threading.Thread(target=write_elsewhere)
    thread.start()
    thread.join(timeout=30)
    assert done.is_set()
    assert _total(engine) == 1


def test_a_writer_reading_through_a_second_connection_does_not_wait_for_itself(
    engine: Engine,
) -> None:
    with engine.begin() as first:
        first.execute(text("INSERT INTO marks VALUES ('first', 1)"))
        with engine.connect() as second:
            second.execute(text("SELECT count(*) FROM marks")).scalar_one()
    assert _total(engine) == 0
