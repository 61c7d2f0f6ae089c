"""production_state remembers the latest claim folded, so a newer claim needs no refold

Revision ID: 0011_ingest_state_latest
Revises: 0010_alerts_lease
Create Date: 2026-12-05 00:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011_ingest_state_latest'
down_revision: str | None = '0010_alerts_lease'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows from before stay NULL: the store refolds such a facet the next time it is touched.
    with op.batch_alter_table('production_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latest_as_of', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('latest_certainty', sa.String(length=16), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+): a batch copy of the table would lose its lower(show) index.
    op.drop_column('production_state', 'latest_certainty')
    op.drop_column('production_state', 'latest_as_of')
