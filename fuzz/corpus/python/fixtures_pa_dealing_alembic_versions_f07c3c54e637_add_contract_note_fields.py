"""add_contract_note_fields

Revision ID: f07c3c54e637
Revises: add_reference_id
Create Date: 2025-12-22 11:37:09.551902

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f07c3c54e637'
down_revision = 'add_reference_id'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('pad_execution', sa.Column('contract_note_ref', sa.String(length=64), nullable=True),
                  schema='padealing')
    op.add_column('pad_execution', sa.Column('contract_note_received_at', sa.DateTime(timezone=True),
                                             nullable=True), schema='padealing')
    op.add_column('pad_execution', sa.Column('contract_note_path', sa.Text(), nullable=True),
                  schema='padealing')


def downgrade() -> None:
    op.drop_column('pad_execution', 'contract_note_path', schema='padealing')
    op.drop_column('pad_execution', 'contract_note_received_at', schema='padealing')
    op.drop_column('pad_execution', 'contract_note_ref', schema='padealing')
