"""SQLAlchemy tables of e-mail notifications: the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from floorlead.storage.base import Base, UTCDateTime

BigId = BigInteger().with_variant(Integer, "sqlite")


class OutboxMessage(Base):
    """An e-mail written with the change that caused it and sent after that change commits.

    Waiting: ``next_attempt_at`` is set (a sender claims it by moving that time on by a lease).
    Sent: ``sent_at`` is set. Given up: neither is set (``last_error`` says why).
    """

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (CheckConstraint("attempts >= 0", name="attempts_not_negative"),)
