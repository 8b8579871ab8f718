"""security_tables

Restricted securities, keyed by the Oracle instrument symbol.

Revision ID: security_tables
Revises: v2_schema
Create Date: 2025-12-19 10:22:07.610385

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'security_tables'
down_revision = 'v2_schema'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'restricted_security',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('inst_symbol', sa.String(length=30), nullable=False),
        sa.Column('oracle_inst_type', sa.String(length=20), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('restricted_from', sa.Date(), nullable=False),
        sa.Column('restricted_until', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('inst_symbol', 'restricted_from', name='uq_restricted_security_symbol_from'),
        schema='padealing',
    )
    op.create_index('ix_restricted_security_inst_symbol', 'restricted_security', ['inst_symbol'],
                    schema='padealing')


def downgrade() -> None:
    op.drop_index('ix_restricted_security_inst_symbol', table_name='restricted_security',
                  schema='padealing')
    op.drop_table('restricted_security', schema='padealing')
