"""broken header

Revision ID: bbb
Revises: aaa
Create Date: 2024-05-02 10:00:00.000000

"""
from alembic import op

revision = 'bbb'
down_revision = 'aaa
branch_labels = None
depends_on = None


def upgrade():
    pass
