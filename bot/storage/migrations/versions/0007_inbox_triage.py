"""Inbox triage (#17): teams, snooze, first reply, dismissals, unread, surveys, saved replies.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Saved replies move from ``content/saved_replies.yml`` to a table admins
manage in the inbox; the file's replies are copied in once, here.
"""

from pathlib import Path

import sqlalchemy as sa
import yaml
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SAVED_REPLIES = Path(__file__).resolve().parents[4] / "content" / "saved_replies.yml"


def _seed(table: sa.Table) -> None:
    if not SAVED_REPLIES.exists():
        return
    rows = []
    for entry in yaml.safe_load(SAVED_REPLIES.read_text(encoding="utf-8")) or []:
        for language, text in (entry.get("text") or {}).items():
            title = (entry.get("title") or {}).get(language) or entry.get("id", "")
            rows.append({"key": entry["id"], "language": language, "title": title, "text": text})
    if rows:
        op.bulk_insert(table, rows)


def upgrade() -> None:
    """Add the hand-off columns and the three tables."""
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("team", sa.String(16)))
        batch.add_column(sa.Column("snoozed_until", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("first_response_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("ended_by", sa.String(16)))
        batch.add_column(
            sa.Column("staff_seen_id", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("survey_sent_at", sa.DateTime(timezone=True)))
    table = op.create_table(
        "saved_replies",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, index=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("title", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.UniqueConstraint("key", "language"),
    )
    op.create_table(
        "dismissals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("handoff_id", sa.Integer(), sa.ForeignKey("handoffs.id", ondelete="SET NULL")),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("handoff_reason", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(64)),
        sa.Column("language", sa.String(8)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("handoff_id", sa.Integer(), sa.ForeignKey("handoffs.id", ondelete="SET NULL")),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    _seed(table)


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("survey_answers")
    op.drop_table("dismissals")
    op.drop_table("saved_replies")
    with op.batch_alter_table("handoffs") as batch:
        for column in (
            "survey_sent_at",
            "staff_seen_id",
            "ended_by",
            "first_response_at",
            "snoozed_until",
            "team",
        ):
            batch.drop_column(column)
