"""The SMTP sender: delivers e-mails over one connection and reports on each (stdlib smtplib).

Connection, TLS and login failures leave every e-mail of the batch to be tried again; a
refusal of one e-mail is reported for that e-mail, permanent when the code is 5xx.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from floorlead.config import Settings
from floorlead.notifications.model import DeliveryOutcome, OutgoingMail

TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    ssl: bool = False
    timeout: float = TIMEOUT_SECONDS

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig | None:
        """The SMTP set-up, or ``None`` when mail is off (no ``FLOORLEAD_SMTP_HOST``)."""
        if not settings.smtp_host or not settings.smtp_from:
            return None
        default_port = 465 if settings.smtp_ssl else 587 if settings.smtp_starttls else 25
        password = settings.smtp_password
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port or default_port,
            sender=settings.smtp_from,
            username=settings.smtp_username or None,
            password=password.get_secret_value() if password else None,
            starttls=settings.smtp_starttls,
            ssl=settings.smtp_ssl,
        )


def compose(mail: OutgoingMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((mail.to_name, mail.to_email))
    message["Subject"] = mail.subject
    message["Date"] = formatdate(usegmt=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "floorlead.invalid"
    message["Message-ID"] = make_msgid(idstring=f"floorlead.{mail.id}", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message.set_content(mail.text)
    return message


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode(errors="replace") if exc.smtp_error else ""
        return f"{exc.smtp_code} {text}".strip()
    return f"{type(exc).__name__}: {exc}"


def _refusal(mail_id: int, exc: smtplib.SMTPException) -> DeliveryOutcome:
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, text = next(iter(exc.recipients.values()))
        error = f"{code} {text.decode(errors='replace')}"
        return DeliveryOutcome(mail_id, error, permanent=code >= 500)
    code = exc.smtp_code if isinstance(exc, smtplib.SMTPResponseException) else 0
    return DeliveryOutcome(mail_id, _describe(exc), permanent=code >= 500)


class SmtpMailer:
    """Sends e-mail with the given set-up; ``deliver`` is what the outbox sender calls."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        context = ssl.create_default_context()
        if config.ssl:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            if config.starttls:
                smtp.starttls(context=context)
            if config.username:
                smtp.login(config.username, config.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def deliver(self, mails: Sequence[OutgoingMail]) -> list[DeliveryOutcome]:
        if not mails:
            return []
        try:
            smtp = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            return [DeliveryOutcome(mail.id, _describe(exc)) for mail in mails]
        outcomes: list[DeliveryOutcome] = []
        try:
            for mail in mails:
                try:
                    smtp.send_message(compose(mail, self.config.sender))
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:
                    outcomes.append(_refusal(mail.id, exc))
                else:
                    outcomes.append(DeliveryOutcome(mail.id))
        except (OSError, smtplib.SMTPException) as exc:
            # The connection broke: what was not reported yet is tried again later.
            outcomes += [DeliveryOutcome(m.id, _describe(exc)) for m in mails[len(outcomes) :]]
        finally:
            with suppress(OSError, smtplib.SMTPException):
                smtp.quit()
            smtp.close()
        return outcomes
