"""add balance

Revision ID: 0002
Revises: 0001
Create Date: 2024-01-16 10:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = "00" \
    "02"  # implicit concatenation over a line continuation
down_revision = (
    '0001'  # a parenthesised string, not a tuple
)
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("accounts", sa.Column("balance", sa.Numeric(12, 2), server_default="0"))
    op.execute(
        """
        UPDATE accounts SET balance = 0 WHERE balance IS NULL
        """
    )
