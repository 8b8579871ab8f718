"""add_auto_approval_type

Revision ID: add_auto_approval_type
Revises: add_reference_id_to_audit_log
Create Date: 2025-12-29 13:44:19.006352

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'add_auto_approval_type'
down_revision = 'add_reference_id_to_audit_log'
branch_labels = None
depends_on = None

auto_approval_type = postgresql.ENUM('none', 'low_risk', 'pre_cleared', name='auto_approval_type',
                                     schema='padealing')


def upgrade() -> None:
    auto_approval_type.create(op.get_bind(), checkfirst=True)
    op.add_column('pad_approval', sa.Column('auto_approval_type', auto_approval_type,
                                            server_default='none', nullable=False),
                  schema='padealing')


def downgrade() -> None:
    op.drop_column('pad_approval', 'auto_approval_type', schema='padealing')
    auto_approval_type.drop(op.get_bind(), checkfirst=True)
