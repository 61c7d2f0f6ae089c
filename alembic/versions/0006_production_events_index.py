"""index the latest change of each production: (show, season, id) on change_events

Revision ID: 0006_production_events_index
Revises: 0005_http_validators
Create Date: 2026-11-21 20:42:23.169414
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006_production_events_index'
down_revision: str | None = '0005_http_validators'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.create_index('ix_change_events_production', ['show', 'season', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.drop_index('ix_change_events_production')

