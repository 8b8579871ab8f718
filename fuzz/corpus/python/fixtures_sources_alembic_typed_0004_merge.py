'''merge balance and ledger

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2024-01-18 12:00:00

'''
from alembic import op

revision = '0004'; down_revision = ['0002', '0003',]
branch_labels = None
depends_on = None

def upgrade():
    pass
