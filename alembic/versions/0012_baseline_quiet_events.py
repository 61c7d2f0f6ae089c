"""A source's baseline poll and old news stay quiet: sources.baselined_at, change_events.quiet

Revision ID: 0012_baseline_quiet_events
Revises: 0011_ingest_state_latest
Create Date: 2026-12-05 01:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012_baseline_quiet_events'
down_revision: str | None = '0011_ingest_state_latest'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of change_events would lose its lower(show) index.
    op.add_column('sources', sa.Column('baselined_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('change_events', sa.Column('quiet', sa.String(length=16), nullable=True))
    # A source polled before this revision has been alerting already: its baseline is done.
    op.execute(
        "UPDATE sources SET baselined_at = ("
        "SELECT min(source_polls.finished_at) FROM source_polls "
        "WHERE source_polls.source_id = sources.id"
        ") WHERE baselined_at IS NULL"
    )


def downgrade() -> None:
    op.drop_column('change_events', 'quiet')
    op.drop_column('sources', 'baselined_at')
