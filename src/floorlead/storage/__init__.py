"""Engine, sessions, the declarative base and migrations."""

from floorlead.storage.base import Base, UTCDateTime
from floorlead.storage.engine import make_engine, make_session_factory, upgrade_database

__all__ = ["Base", "UTCDateTime", "make_engine", "make_session_factory", "upgrade_database"]
