"""index the latest change of each show: (show, id) on change_events, read backwards

Revision ID: 0009_show_events_index
Revises: 0008_source_health
Create Date: 2026-11-21 21:10:36.086472
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009_show_events_index'
down_revision: str | None = '0008_source_health'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.create_index('ix_change_events_show_id', ['show', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.drop_index('ix_change_events_show_id')

