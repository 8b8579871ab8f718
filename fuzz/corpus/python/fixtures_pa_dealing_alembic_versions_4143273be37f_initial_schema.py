"""initial_schema

Revision ID: 4143273be37f
Revises:
Create Date: 2025-12-17 09:41:12.418230

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '4143273be37f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'employee_role',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=50), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('employee_id', 'role'),
        schema='padealing',
    )
    op.create_table(
        'pad_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('security_id', sa.Integer(), nullable=True),
        sa.Column('inst_symbol', sa.String(length=30), nullable=True),
        sa.Column('direction', sa.String(length=4), nullable=False),
        sa.Column('quantity', sa.Numeric(precision=18, scale=6), nullable=False),
        sa.Column('status', sa.String(length=20), server_default='pending', nullable=False),
        sa.Column('ai_risk_assessment', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_index('ix_pad_request_employee_id', 'pad_request', ['employee_id'], schema='padealing')
    op.create_table(
        'pad_approval',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('approver_id', sa.Integer(), nullable=False),
        sa.Column('decision', sa.String(length=20), nullable=False),
        sa.Column('comment', sa.Text(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['request_id'], ['padealing.pad_request.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_table(
        'pad_execution',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('executed_quantity', sa.Numeric(precision=18, scale=6), nullable=False),
        sa.Column('price', sa.Numeric(precision=18, scale=6), nullable=True),
        sa.Column('executed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['padealing.pad_request.id']),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_table(
        'audit_log',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=100), nullable=False),
        sa.Column('details', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_table(
        'personal_account_dealing',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('account_number', sa.String(length=40), nullable=True),
        sa.Column('broker', sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_table(
        'active_stocks',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=True),
        sa.Column('exchange_id', sa.Integer(), nullable=True),
        sa.Column('inst_symbol', sa.String(length=30), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_index('ix_active_stocks_inst_symbol', 'active_stocks', ['inst_symbol'], schema='padealing')


def downgrade() -> None:
    op.drop_index('ix_active_stocks_inst_symbol', table_name='active_stocks', schema='padealing')
    op.drop_table('active_stocks', schema='padealing')
    op.drop_table('personal_account_dealing', schema='padealing')
    op.drop_table('audit_log', schema='padealing')
    op.drop_table('pad_execution', schema='padealing')
    op.drop_table('pad_approval', schema='padealing')
    op.drop_index('ix_pad_request_employee_id', table_name='pad_request', schema='padealing')
    op.drop_table('pad_request', schema='padealing')
    op.drop_table('employee_role', schema='padealing')
