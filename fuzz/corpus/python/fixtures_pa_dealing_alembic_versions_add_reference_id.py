"""add_reference_id

Revision ID: add_reference_id
Revises: consolidate_tables
Create Date: 2025-12-22 09:15:44.300871

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'add_reference_id'
down_revision = 'consolidate_tables'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('pad_request', sa.Column('reference_id', sa.String(length=20), nullable=True),
                  schema='padealing')
    op.create_index('ix_pad_request_reference_id', 'pad_request', ['reference_id'], unique=True,
                    schema='padealing')


def downgrade() -> None:
    op.drop_index('ix_pad_request_reference_id', table_name='pad_request', schema='padealing')
    op.drop_column('pad_request', 'reference_id', schema='padealing')
