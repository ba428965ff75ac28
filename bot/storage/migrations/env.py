"""Alembic environment: runs on the connection given by bot.storage.database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bot.storage.models import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # `alembic` on the command line: DATABASE_URL or the default
    from bot.config import Settings

    engine = create_engine(Settings.from_env().database_url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
