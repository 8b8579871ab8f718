"""add_contact_tables

Compliance contacts per employee, for escalations.

Revision ID: 06750fdfd3a9
Revises: 98b90c8f1ba4
Create Date: 2026-01-20 11:13:40.592731

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '06750fdfd3a9'
down_revision = '98b90c8f1ba4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'employee_contact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('contact_employee_id', sa.Integer(), nullable=False),
        sa.Column('contact_type', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('employee_id', 'contact_type', name='uq_employee_contact_type'),
        schema='padealing',
    )


def downgrade() -> None:
    op.drop_table('employee_contact', schema='padealing')
