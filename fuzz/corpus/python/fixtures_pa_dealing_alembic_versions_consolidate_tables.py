"""consolidate_tables

Consolidate request bookkeeping: approvals carry their level, executions
their broker reference.

Revision ID: consolidate_tables
Revises: security_tables
Create Date: 2025-12-19 16:48:30.902144

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'consolidate_tables'
down_revision = 'security_tables'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('pad_approval', sa.Column('approval_level', sa.SmallInteger(), server_default='1',
                                            nullable=False), schema='padealing')
    op.add_column('pad_execution', sa.Column('broker_reference', sa.String(length=64), nullable=True),
                  schema='padealing')
    op.create_index('ix_pad_approval_request_id', 'pad_approval', ['request_id'], schema='padealing')
    op.create_index('ix_pad_execution_request_id', 'pad_execution', ['request_id'], schema='padealing')


def downgrade() -> None:
    op.drop_index('ix_pad_execution_request_id', table_name='pad_execution', schema='padealing')
    op.drop_index('ix_pad_approval_request_id', table_name='pad_approval', schema='padealing')
    op.drop_column('pad_execution', 'broker_reference', schema='padealing')
    op.drop_column('pad_approval', 'approval_level', schema='padealing')
