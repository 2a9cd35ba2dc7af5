"""E-mail notifications: an outbox written with each change, sent over SMTP after it commits.

This is the area's public surface. Other areas call :func:`queue_email` inside their own
transaction, with a :class:`MailKind` and a :func:`dedupe_key`; ``floorlead notify send`` or
the web app's background sender delivers what waits. Names load on first use, so importing
``floorlead.notifications.tables`` (as the schema does) pulls in nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from floorlead.notifications.mailer import SmtpConfig, SmtpMailer
    from floorlead.notifications.model import MailKind, MailStatus, dedupe_key
    from floorlead.notifications.queries import outbox_counts, outbox_entries
    from floorlead.notifications.service import SendReport, queue_email, send_pending_mail

_MODULES = {
    "mailer": ("SmtpConfig", "SmtpMailer"),
    "model": ("MailKind", "MailStatus", "dedupe_key"),
    "queries": ("outbox_counts", "outbox_entries"),
    "service": ("SendReport", "queue_email", "send_pending_mail"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "MailKind",
    "MailStatus",
    "SendReport",
    "SmtpConfig",
    "SmtpMailer",
    "dedupe_key",
    "outbox_counts",
    "outbox_entries",
    "queue_email",
    "send_pending_mail",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'floorlead.notifications' has no attribute {name!r}")
    return getattr(importlib.import_module(f"floorlead.notifications.{module}"), name)
