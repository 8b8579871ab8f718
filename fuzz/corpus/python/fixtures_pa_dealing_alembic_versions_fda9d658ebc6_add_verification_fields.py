"""add_verification_fields

Verification of executions against the contract note, and the Bloomberg,
employee and position fields the verification screens read.

Revision ID: fda9d658ebc6
Revises: f07c3c54e637
Create Date: 2025-12-22 17:05:26.184477

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fda9d658ebc6'
down_revision = 'f07c3c54e637'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('pad_execution', sa.Column('verified_by', sa.Integer(), nullable=True),
                  schema='padealing')
    op.add_column('pad_execution', sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
                  schema='padealing')

    # The verification screens join the Oracle tables. The columns may already
    # come from the sync, so only add what is missing.
    conn = op.get_bind()
    inspector = sa.inspect(conn)
    bloomberg_columns = [c['name'] for c in inspector.get_columns('oracle_bloomberg', schema='bo_airflow')]
    for name, type_ in [
        ('isin', sa.String(length=12)),
        ('sedol', sa.String(length=7)),
        ('cusip', sa.String(length=9)),
        ('figi', sa.String(length=12)),
        ('ticker', sa.String(length=32)),
    ]:
        if name not in bloomberg_columns:
            op.add_column('oracle_bloomberg', sa.Column(name, type_, nullable=True), schema='bo_airflow')
    op.execute("ALTER TABLE bo_airflow.oracle_bloomberg ADD COLUMN IF NOT EXISTS exchange_code VARCHAR(10)")
    op.execute("ALTER TABLE bo_airflow.oracle_bloomberg ADD COLUMN IF NOT EXISTS security_type VARCHAR(50)")
    op.execute("ALTER TABLE bo_airflow.oracle_bloomberg ADD COLUMN IF NOT EXISTS market_sector VARCHAR(30)")
    op.execute("ALTER TABLE bo_airflow.oracle_bloomberg ADD COLUMN IF NOT EXISTS currency CHAR(3)")

    employee_columns = [c['name'] for c in inspector.get_columns('oracle_employee', schema='bo_airflow')]
    if 'is_covered_person' not in employee_columns:
        op.add_column('oracle_employee', sa.Column('is_covered_person', sa.Boolean(), nullable=True),
                      schema='bo_airflow')
    op.execute(
        "ALTER TABLE bo_airflow.oracle_employee "
        "ADD COLUMN IF NOT EXISTS compliance_verified_at TIMESTAMP WITH TIME ZONE"
    )
    op.execute("ALTER TABLE bo_airflow.oracle_position ADD COLUMN IF NOT EXISTS verified_quantity NUMERIC(18, 6)")


def downgrade() -> None:
    op.drop_column('pad_execution', 'verified_at', schema='padealing')
    op.drop_column('pad_execution', 'verified_by', schema='padealing')
