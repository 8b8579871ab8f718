"""create ledger

Revision ID: 0003
Revises: 0001
Create Date: 2024-01-17 11:00:00

"""
from alembic import op

revision = '0003'
down_revision = '0001'
branch_labels = ['ledger']
depends_on = 'core'


def upgrade():
    op.execute(r"CREATE TABLE ledger (id serial PRIMARY KEY, memo text DEFAULT '\n')")
