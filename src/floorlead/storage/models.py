"""Imports every area's tables so the metadata (and migrations) see the whole schema."""

from floorlead.auth import tables as auth_tables
from floorlead.org import tables as org_tables
from floorlead.storage.base import Base
from floorlead.tickets import tables as ticket_tables
from floorlead.workforce import tables as workforce_tables

metadata = Base.metadata

__all__ = ["auth_tables", "metadata", "org_tables", "ticket_tables", "workforce_tables"]
