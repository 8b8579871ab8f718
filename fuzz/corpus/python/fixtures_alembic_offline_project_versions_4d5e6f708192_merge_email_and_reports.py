"""merge email and reports

Revision ID: 4d5e6f708192
Revises: 2b3c4d5e6f70, 3c4d5e6f7081
Create Date: 2026-11-24 12:53:35.192256

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d5e6f708192'
down_revision = ('2b3c4d5e6f70', '3c4d5e6f7081')
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_reports_owner", "reports", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_reports_owner")
