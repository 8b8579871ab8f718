"""add_last_trade_date

Holding-period checks need the last trade date of a position.

Revision ID: aa0f04f2fdaf
Revises: add_auto_approval_type
Create Date: 2025-12-29 16:31:52.640093

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'aa0f04f2fdaf'
down_revision = 'add_auto_approval_type'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        DO $$
        BEGIN
            IF NOT EXISTS (
                SELECT 1 FROM information_schema.columns
                WHERE table_schema = 'bo_airflow'
                  AND table_name = 'oracle_position'
                  AND column_name = 'last_trade_date'
            ) THEN
                ALTER TABLE bo_airflow.oracle_position ADD COLUMN last_trade_date DATE;
            END IF;
        END
        $$;
    """)


def downgrade() -> None:
    pass
