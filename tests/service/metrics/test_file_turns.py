"""Processes take turns on the DuckDB analytics file instead of failing to open it."""

import subprocess
import sys
import threading
import time
from pathlib import Path

from floorlead.metrics.warehouse import DuckDBWarehouse

HOLDER = """
import sys, time
from pathlib import Path
from floorlead.metrics.warehouse import DuckDBWarehouse
folder = Path(sys.argv[1])
warehouse = DuckDBWarehouse(folder / "analytics.duckdb")
(folder / "opened").write_text("yes")
while not (folder / "go").exists():
    time.sleep(0.02)
(folder / "closing").write_text("yes")
warehouse.close()
"""


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def test_a_second_process_waits_for_the_first_to_close_the_file(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)])
    try:
        _wait_for(tmp_path / "opened")
        opened: list[bool] = []

        def open_here() -> None:
            warehouse = DuckDBWarehouse(tmp_path / "analytics.duckdb")
            opened.append((tmp_path / "closing").exists())
            warehouse.close()

        thread = threading.Thread(target=open_here)
        thread.start()
        thread.join(timeout=0.5)
        assert thread.is_alive(), "opened the file while another process had it"
        (tmp_path / "go").write_text("yes")
        thread.join(timeout=60)
        assert opened == [True]
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0


def test_threads_of_one_process_share_the_turn(tmp_path: Path) -> None:
    first = DuckDBWarehouse(tmp_path / "analytics.duckdb")
    second = DuckDBWarehouse(tmp_path / "analytics.duckdb")  # does not wait for the first
    second.close()
    first.close()
    third = DuckDBWarehouse(tmp_path / "analytics.duckdb")
    third.close()
