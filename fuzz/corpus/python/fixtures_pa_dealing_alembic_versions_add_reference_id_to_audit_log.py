"""add_reference_id_to_audit_log

Revision ID: add_reference_id_to_audit_log
Revises: spec_compliance_gaps
Create Date: 2025-12-29 09:02:45.118764

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'add_reference_id_to_audit_log'
down_revision = 'spec_compliance_gaps'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('audit_log', sa.Column('reference_id', sa.String(length=20), nullable=True),
                  schema='padealing')
    op.create_index(op.f('ix_padealing_audit_log_reference_id'), 'audit_log', ['reference_id'],
                    unique=False, schema='padealing')


def downgrade() -> None:
    op.drop_index(op.f('ix_padealing_audit_log_reference_id'), table_name='audit_log',
                  schema='padealing')
    op.drop_column('audit_log', 'reference_id', schema='padealing')
