"""create audit log

Revision ID: 5e6f708192a3
Revises: 
Create Date: 2026-11-24 12:53:38.923616

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e6f708192a3'
down_revision = None
branch_labels = ('audit',)
depends_on = '2b3c4d5e6f70'


def upgrade() -> None:
    op.execute("""
        CREATE TABLE audit_log (
            id bigserial PRIMARY KEY,
            user_id integer REFERENCES users (id),
            note text
        )
    """)


def downgrade() -> None:
    op.drop_table("audit_log")
