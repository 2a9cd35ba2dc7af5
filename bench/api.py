"""API throughput and latency over loopback: ticket creates, event appends, filtered lists.

Starts `floorlead serve`-equivalent uvicorn workers on a fresh data directory (SQLite by
default, or FLOORLEAD_DATABASE_URL), then drives it from several client processes, each
bounded by a request count and a time limit. Prints throughput and p50/p99 latency.

    python bench/api.py [--workers 1] [--clients 2] [--seconds 10]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ADMIN_EMAIL = "bench@floorlead.local"
ADMIN_PASSWORD = "bench-password-123"
MAX_REQUESTS_PER_CLIENT = 50_000


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
        [bin_dir / "floorlead", "init", "--data-dir", str(data_dir)], env=env, check=True
    )
    command = [sys.executable, "-m", "uvicorn", "floorlead.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def token(base: str) -> str:
    response = httpx.post(
        f"{base}/api/auth/token", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    )
    response.raise_for_status()
    return response.json()["access_token"]


def seed(base: str, headers: dict[str, str], tickets: int) -> list[int]:
    ids = []
    with httpx.Client(base_url=base, headers=headers) as client:
        for i in range(tickets):
            ids.append(create_ticket(client, i))
    return ids


def create_ticket(client: httpx.Client, i: int) -> int:
    response = client.post(
        "/api/tickets",
        json={
            "subject": f"Refund not received #{i}",
            "description": "Returned the parcel two weeks ago.",
            "channel": ["email", "chat", "phone"][i % 3],
            "priority": ["low", "normal", "high", "urgent"][i % 4],
            "requester_email": f"customer{i % 500}@example.org",
            "requester_name": f"Customer {i % 500}",
        },
    )
    response.raise_for_status()
    return response.json()["id"]


def run_client(args: tuple[str, str, str, float, list[int], int]) -> list[float]:
    base, kind, tok, seconds, ticket_ids, client_no = args
    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {tok}"}
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        i = 0
        while time.monotonic() < deadline and i < MAX_REQUESTS_PER_CLIENT:
            start = time.perf_counter()
            if kind == "create":
                create_ticket(client, client_no * 1_000_000 + i)
            elif kind == "event":
                ticket_id = ticket_ids[(client_no * 7919 + i) % len(ticket_ids)]
                client.post(
                    f"/api/tickets/{ticket_id}/events",
                    json={"kind": "internal_note", "body": f"note {i}"},
                ).raise_for_status()
            else:
                status = ["new", "open", None][i % 3]
                params = {"per_page": 25, "sort": "-created_at"}
                if status:
                    params["status"] = status
                client.get("/api/tickets", params=params).raise_for_status()
            latencies.append(time.perf_counter() - start)
            i += 1
    return latencies


def measure(
    base: str, kind: str, tok: str, seconds: float, clients: int, ids: list[int]
) -> dict[str, float]:
    jobs = [(base, kind, tok, seconds, ids, n) for n in range(clients)]
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(clients) as pool:
        results = pool.map(run_client, jobs)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r)
    count = len(latencies)
    return {
        "requests": count,
        "per_second": count / min(elapsed, seconds + 1) if count else 0.0,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(0.99 * (count - 1))] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(Path(folder), port, args.workers)
        try:
            tok = token(base)
            ids = seed(base, {"Authorization": f"Bearer {tok}"}, 2_000)
            rows = {
                kind: measure(base, kind, tok, args.seconds, args.clients, ids)
                for kind in ("create", "event", "list")
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    database = "PostgreSQL" if os.environ.get("FLOORLEAD_DATABASE_URL") else "SQLite"
    print(
        f"\nfloorlead API bench — {database}, {args.workers} server workers, "
        f"{args.clients} client processes, {args.seconds:.0f} s per kind, "
        f"{os.cpu_count()} CPUs, {platform.python_version()}"
    )
    print(f"{'workload':<22}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    names = {"create": "ticket create", "event": "event append", "list": "filtered list"}
    for kind, row in rows.items():
        print(
            f"{names[kind]:<22}{row['requests']:>10.0f}{row['per_second']:>10.0f}"
            f"{row['p50_ms']:>10.1f}{row['p99_ms']:>10.1f}"
        )


if __name__ == "__main__":
    main()
