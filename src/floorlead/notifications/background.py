"""The web app's mail sender: while SMTP is set, send what waits every few seconds.

Started and stopped by the app's lifespan; off when ``FLOORLEAD_SMTP_HOST`` is unset or
``FLOORLEAD_SMTP_SEND_INTERVAL_SECONDS`` is 0. Each web worker runs one; their claims keep
them from sending the same e-mail twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from sqlalchemy.orm import Session, sessionmaker

from floorlead.clock import Clock
from floorlead.config import Settings
from floorlead.notifications.mailer import SmtpConfig, SmtpMailer
from floorlead.notifications.service import send_pending_mail

log = logging.getLogger(__name__)


def _send_once(
    sessions: sessionmaker[Session], mailer: SmtpMailer, base_url: str, clock: Clock
) -> None:
    with sessions() as session:
        report = send_pending_mail(
            session, deliver=mailer.deliver, base_url=base_url, now=clock.now()
        )
    if not report.all_sent:
        log.warning(
            "e-mail: %d sent, %d to retry, %d given up",
            report.sent,
            report.retrying,
            report.failed,
        )


async def _send_periodically(
    sessions: sessionmaker[Session],
    mailer: SmtpMailer,
    base_url: str,
    clock: Clock,
    every: int,
    stop: asyncio.Event,
) -> None:
    while not stop.is_set():
        try:
            await asyncio.to_thread(_send_once, sessions, mailer, base_url, clock)
        except Exception:  # a database hiccup must not stop the sender for good
            log.exception("sending e-mail failed; trying again in %d s", every)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)


@asynccontextmanager
async def mail_sending(
    sessions: sessionmaker[Session], settings: Settings, clock: Clock
) -> AsyncIterator[None]:
    """Send in the background while the body runs; on leaving, finish the batch under way."""
    config = SmtpConfig.from_settings(settings)
    every = settings.smtp_send_interval_seconds
    if config is None or every == 0:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(
        _send_periodically(sessions, SmtpMailer(config), settings.base_url, clock, every, stop)
    )
    try:
        yield
    finally:
        stop.set()
        await task
