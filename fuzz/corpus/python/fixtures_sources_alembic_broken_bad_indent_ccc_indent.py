"""bad indentation"""
from alembic import op

revision = 'ccc'
down_revision = None


def upgrade():
        op.execute("SELECT 1")
    op.execute("SELECT 2")
