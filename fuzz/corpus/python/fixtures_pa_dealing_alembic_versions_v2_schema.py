"""v2_schema

Schema v2: breaches and compliance configuration, request justification.

Revision ID: v2_schema
Revises: 4143273be37f
Create Date: 2025-12-18 14:03:51.027114

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'v2_schema'
down_revision = '4143273be37f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'pad_breach',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=True),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('breach_type', sa.String(length=50), nullable=False),
        sa.Column('severity', sa.String(length=10), server_default='medium', nullable=False),
        sa.Column('detected_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('resolved', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['padealing.pad_request.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        schema='padealing',
    )
    op.create_table(
        'compliance_config',
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('value', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('key'),
        schema='padealing',
    )
    op.add_column('pad_request', sa.Column('justification', sa.Text(), nullable=True), schema='padealing')
    op.alter_column('pad_request', 'status', existing_type=sa.String(length=20),
                    type_=sa.String(length=32), existing_nullable=False, schema='padealing')


def downgrade() -> None:
    op.alter_column('pad_request', 'status', existing_type=sa.String(length=32),
                    type_=sa.String(length=20), existing_nullable=False, schema='padealing')
    op.drop_column('pad_request', 'justification', schema='padealing')
    op.drop_table('compliance_config', schema='padealing')
    op.drop_table('pad_breach', schema='padealing')
