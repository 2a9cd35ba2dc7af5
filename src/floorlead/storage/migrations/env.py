"""Alembic environment: uses the engine handed in by floorlead (or FLOORLEAD_* settings)."""

from __future__ import annotations

from alembic import context

from floorlead.config import Settings
from floorlead.storage.engine import make_engine
from floorlead.storage.models import metadata

config = context.config
engine = config.attributes.get("engine") or make_engine(Settings())

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
