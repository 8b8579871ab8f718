"""consolidate_to_dual_schema

Revision ID: fc3b6e7695d9
Revises: 1e2bea66afb6
Create Date: 2026-01-21 09:30:15.774926

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fc3b6e7695d9'
down_revision = '1e2bea66afb6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Creates padealing and bo_airflow schemas."""
    op.execute("CREATE SCHEMA IF NOT EXISTS padealing")
    op.execute("CREATE SCHEMA IF NOT EXISTS bo_airflow")


def downgrade() -> None:
    pass
