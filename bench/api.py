"""API throughput and latency over loopback: ticket creates, event appends, filtered lists.

Starts the app under uvicorn (as `floorlead serve` does) on a fresh data directory (SQLite by
default, or FLOORLEAD_DATABASE_URL), seeds tickets, then drives each workload from several
client processes, each holding keep-alive connections, bounded by a request count and a time
limit. Prints throughput, p50/p99 latency and the server's CPU time per request.

    python bench/api.py [--workers 1 2] [--clients 2] [--connections 4] [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))

from loadclient import ClientResult, http_request, run_connections

ADMIN_EMAIL = "bench@floorlead.local"
ADMIN_PASSWORD = "bench-password-123"
MAX_REQUESTS_PER_CLIENT = 200_000
SEED_TICKETS = 2_000
CHANNELS = ("email", "chat", "phone")
PRIORITIES = ("low", "normal", "high", "urgent")
LIST_PATHS = (
    "/api/tickets?per_page=25&sort=-created_at&status=new",
    "/api/tickets?per_page=25&sort=-created_at&status=open",
    "/api/tickets?per_page=25&sort=-created_at",
)
NAMES = {"create": "ticket create", "event": "event append", "list": "filtered list (25)"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, FLOORLEAD_DATA_DIR=str(data_dir))
    env["FLOORLEAD_ADMIN_EMAIL"] = ADMIN_EMAIL
    env["FLOORLEAD_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [bin_dir / "floorlead", "init", "--data-dir", str(data_dir)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    command = [str(bin_dir / "floorlead"), "serve", "--data-dir", str(data_dir)]
    command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    command += ["--no-access-log"]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                time.sleep(0.5 * workers)  # let every worker finish starting
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU of the server process and its children (Linux /proc), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def token(base: str) -> str:
    response = httpx.post(
        f"{base}/api/auth/token", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    )
    response.raise_for_status()
    return response.json()["access_token"]


def ticket_body(i: int) -> bytes:
    return json.dumps(
        {
            "subject": f"Refund not received #{i}",
            "description": "Returned the parcel two weeks ago.",
            "channel": CHANNELS[i % 3],
            "priority": PRIORITIES[i % 4],
            "requester_email": f"customer{i % 500}@example.org",
            "requester_name": f"Customer {i % 500}",
        }
    ).encode()


def seed(base: str, tok: str, tickets: int) -> list[int]:
    headers = {"Authorization": f"Bearer {tok}", "Content-Type": "application/json"}
    with httpx.Client(base_url=base, headers=headers) as client:
        return [
            client.post("/api/tickets", content=ticket_body(i)).raise_for_status().json()["id"]
            for i in range(tickets)
        ]


@dataclass(frozen=True)
class Workload:
    kind: str
    host: str
    token: str
    ticket_ids: tuple[int, ...]

    def __call__(self, n: int) -> bytes:
        if self.kind == "create":
            return http_request("POST", "/api/tickets", self.host, self.token, ticket_body(n))
        if self.kind == "event":
            ticket_id = self.ticket_ids[(n * 7919) % len(self.ticket_ids)]
            body = json.dumps({"kind": "internal_note", "body": f"note {n}"}).encode()
            path = f"/api/tickets/{ticket_id}/events"
            return http_request("POST", path, self.host, self.token, body)
        return http_request("GET", LIST_PATHS[n % 3], self.host, self.token)


def run_client(args: tuple[Workload, int, int, float, int]) -> ClientResult:
    workload, port, connections, seconds, client_no = args
    return run_connections(
        "127.0.0.1",
        port,
        workload,
        connections=connections,
        seconds=seconds,
        max_requests=MAX_REQUESTS_PER_CLIENT,
        first_number=(client_no + 1) * 10_000_000,
    )


def measure(
    workload: Workload, port: int, server_pid: int, clients: int, connections: int, seconds: float
) -> dict[str, float]:
    jobs = [(workload, port, connections, seconds, n) for n in range(clients)]
    with mp.get_context("spawn").Pool(clients) as pool:
        cpu_before = server_cpu_seconds(server_pid)
        started = time.perf_counter()
        results = pool.map(run_client, jobs)
        elapsed = time.perf_counter() - started
        cpu_used = server_cpu_seconds(server_pid) - cpu_before
    latencies = sorted(x for r in results for x in r.latencies)
    errors = [e for r in results for e in r.errors]
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]}")
    count = len(latencies)
    # Client start-up (process spawn) is inside `elapsed`; the requests ran for `seconds`.
    return {
        "requests": count,
        "per_second": count / min(elapsed, seconds),
        "p50_ms": latencies[count // 2] * 1000,
        "p99_ms": latencies[int(0.99 * (count - 1))] * 1000,
        "cpu_ms": cpu_used / count * 1000,
    }


def run_setup(workers: int, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(Path(folder), port, workers)
        try:
            tok = token(base)
            ids = tuple(seed(base, tok, SEED_TICKETS))
            rows = {}
            for kind in args.kinds:
                workload = Workload(kind, f"127.0.0.1:{port}", tok, ids)
                rows[kind] = measure(
                    workload, port, server.pid, args.clients, args.connections, args.seconds
                )
            return rows
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="server worker processes"
    )
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--connections", type=int, default=4, help="connections per client")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per workload")
    parser.add_argument("--kinds", nargs="+", default=["create", "event", "list"])
    args = parser.parse_args()
    results = {workers: run_setup(workers, args) for workers in args.workers}
    database = "PostgreSQL" if os.environ.get("FLOORLEAD_DATABASE_URL") else "SQLite"
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(
        f"\nfloorlead API bench — {database}, {args.clients} client processes × "
        f"{args.connections} connections, {args.seconds:.0f} s per workload, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load {load}"
    )
    print(
        f"{'workers':>8}  {'workload':<22}{'requests':>10}{'req/s':>10}{'p50 ms':>10}"
        f"{'p99 ms':>10}{'server CPU ms/req':>19}"
    )
    for workers, rows in results.items():
        for kind, row in rows.items():
            print(
                f"{workers:>8}  {NAMES[kind]:<22}{row['requests']:>10.0f}"
                f"{row['per_second']:>10.0f}{row['p50_ms']:>10.1f}{row['p99_ms']:>10.1f}"
                f"{row['cpu_ms']:>19.2f}"
            )


if __name__ == "__main__":
    main()
