"""spec_compliance_gaps

Close the gaps found against the compliance specification: recorded decision
outcomes, chatbot sessions, and holding periods.

Revision ID: spec_compliance_gaps
Revises: f89971675f4c
Create Date: 2025-12-24 15:20:02.419633

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'spec_compliance_gaps'
down_revision = 'f89971675f4c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'compliance_decision_outcome',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('rule_id', sa.String(length=50), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['padealing.pad_request.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_table(
        'chatbot_session',
        sa.Column('id', postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('transcript', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.add_column('pad_request', sa.Column('holding_period_days', sa.Integer(), server_default='30',
                                           nullable=False), schema='padealing')


def downgrade() -> None:
    op.drop_column('pad_request', 'holding_period_days', schema='padealing')
    op.drop_table('chatbot_session', schema='padealing')
    op.drop_table('compliance_decision_outcome', schema='padealing')
