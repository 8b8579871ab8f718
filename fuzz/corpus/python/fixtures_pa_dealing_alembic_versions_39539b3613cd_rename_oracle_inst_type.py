"""rename_oracle_inst_type

Revision ID: 39539b3613cd
Revises: a50909b3c7db
Create Date: 2026-01-19 14:26:10.833104

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '39539b3613cd'
down_revision = 'a50909b3c7db'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column('restricted_security', 'oracle_inst_type', new_column_name='inst_type',
                    existing_type=sa.String(length=20), schema='padealing')


def downgrade() -> None:
    op.alter_column('restricted_security', 'inst_type', new_column_name='oracle_inst_type',
                    existing_type=sa.String(length=20), schema='padealing')
