"""add_tiered_lookup_tables

Tiered approval thresholds, and the Bloomberg and position fields the
tiering reads.

Revision ID: a50909b3c7db
Revises: aa0f04f2fdaf
Create Date: 2026-01-19 10:08:33.291557

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a50909b3c7db'
down_revision = 'aa0f04f2fdaf'
branch_labels = None
depends_on = None


def upgrade() -> None:
    approval_tier = op.create_table(
        'approval_tier',
        sa.Column('tier', sa.SmallInteger(), nullable=False),
        sa.Column('min_notional', sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column('approvers_required', sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint('tier'),
        schema='padealing',
    )
    op.bulk_insert(approval_tier, [
        {'tier': 1, 'min_notional': 0, 'approvers_required': 1},
        {'tier': 2, 'min_notional': 100000, 'approvers_required': 2},
        {'tier': 3, 'min_notional': 1000000, 'approvers_required': 3},
    ])
    op.add_column('oracle_bloomberg', sa.Column('reuters', sa.String(length=20), nullable=True),
                  schema='bo_airflow')
    op.add_column('oracle_bloomberg', sa.Column('is_deleted_yn', sa.String(length=1),
                                                server_default='N', nullable=True),
                  schema='bo_airflow')
    op.alter_column('oracle_position', 'quantity', existing_type=sa.Numeric(precision=12, scale=2),
                    type_=sa.Numeric(precision=18, scale=6), existing_nullable=True,
                    schema='bo_airflow')
    op.alter_column('oracle_position', 'inst_symbol', existing_type=sa.String(length=20),
                    type_=sa.String(length=30), existing_nullable=True, schema='bo_airflow')


def downgrade() -> None:
    op.alter_column('oracle_position', 'inst_symbol', existing_type=sa.String(length=30),
                    type_=sa.String(length=20), existing_nullable=True, schema='bo_airflow')
    op.alter_column('oracle_position', 'quantity', existing_type=sa.Numeric(precision=18, scale=6),
                    type_=sa.Numeric(precision=12, scale=2), existing_nullable=True,
                    schema='bo_airflow')
    op.drop_column('oracle_bloomberg', 'is_deleted_yn', schema='bo_airflow')
    op.drop_column('oracle_bloomberg', 'reuters', schema='bo_airflow')
    op.drop_table('approval_tier', schema='padealing')
