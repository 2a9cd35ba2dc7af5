"""Imports every area's tables so the metadata (and migrations) see the whole schema."""

from floorlead.auth import tables as auth_tables
from floorlead.careers import tables as careers_tables
from floorlead.coaching import tables as coaching_tables
from floorlead.metrics import tables as metric_tables
from floorlead.notifications import tables as notification_tables
from floorlead.org import tables as org_tables
from floorlead.quality import tables as quality_tables
from floorlead.storage.base import Base
from floorlead.tickets import tables as ticket_tables
from floorlead.training import tables as training_tables
from floorlead.workforce import tables as workforce_tables

metadata = Base.metadata

__all__ = [
    "auth_tables",
    "careers_tables",
    "coaching_tables",
    "metadata",
    "metric_tables",
    "notification_tables",
    "org_tables",
    "quality_tables",
    "ticket_tables",
    "training_tables",
    "workforce_tables",
]
