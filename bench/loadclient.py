"""A small HTTP/1.1 load client: keep-alive connections over loopback, closed loop.

Each connection sends one request, waits for the whole response, records the latency and
sends the next, until a time limit or a request count is reached. Requests are built as
bytes and responses parsed only as far as the status line and Content-Length, so the client
spends little CPU of the machine it shares with the server.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import uvloop

RequestMaker = Callable[[int], bytes]


def http_request(method: str, path: str, host: str, token: str, body: bytes = b"") -> bytes:
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Length: {len(body)}\r\n"
    )
    if body:
        head += "Content-Type: application/json\r\n"
    return head.encode() + b"\r\n" + body


@dataclass
class ClientResult:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _Connection(asyncio.Protocol):
    """One keep-alive connection; `send` returns a future resolved with the status code."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's own transport class

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("server closed the connection"))
        if not self.closed.done():
            self.closed.set_result(None)

    def send(self, request: bytes) -> asyncio.Future[tuple[int, bytes]]:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return self.waiter

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self.buffer[:end]).decode("latin-1")
        length = 0
        for line in head.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        total = end + 4 + length
        if len(self.buffer) < total:
            return
        status = int(head[9:12])
        body = bytes(self.buffer[end + 4 : total])
        del self.buffer[:total]
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result((status, body))


async def _drive(
    host: str,
    port: int,
    make_request: RequestMaker,
    numbers: range,
    deadline: float,
    result: ClientResult,
) -> None:
    loop = asyncio.get_running_loop()
    _, connection = await loop.create_connection(_Connection, host, port)
    try:
        for n in numbers:
            if time.monotonic() >= deadline:
                break
            request = make_request(n)
            started = time.perf_counter()
            status, body = await connection.send(request)
            result.latencies.append(time.perf_counter() - started)
            if status >= 400:
                result.errors.append(f"{status}: {body[:200].decode(errors='replace')}")
    finally:
        if connection.transport is not None:
            connection.transport.close()


def run_connections(
    host: str,
    port: int,
    make_request: RequestMaker,
    *,
    connections: int,
    seconds: float,
    max_requests: int,
    first_number: int = 0,
) -> ClientResult:
    """Drive ``connections`` keep-alive connections for ``seconds`` (or ``max_requests``)."""
    result = ClientResult()
    per_connection = max(1, max_requests // connections)

    async def main() -> None:
        deadline = time.monotonic() + seconds
        jobs = []
        for c in range(connections):
            start = first_number + c * per_connection
            numbers = range(start, start + per_connection)
            jobs.append(_drive(host, port, make_request, numbers, deadline, result))
        await asyncio.gather(*jobs)

    uvloop.run(main())  # the client shares the machine's cores with the server: keep it lean
    return result
