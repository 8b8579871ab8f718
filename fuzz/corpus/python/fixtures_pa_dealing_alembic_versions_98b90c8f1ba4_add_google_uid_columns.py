"""add_google_uid_columns

Sign-in moved to Google identities.

Revision ID: 98b90c8f1ba4
Revises: 39539b3613cd
Create Date: 2026-01-19 17:42:57.260448

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '98b90c8f1ba4'
down_revision = '39539b3613cd'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employee_role', schema='padealing') as batch_op:
        batch_op.add_column(sa.Column('google_uid', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_employee_role_google_uid', ['google_uid'], unique=False)
    op.add_column('audit_log', sa.Column('actor_google_uid', sa.String(length=64), nullable=True),
                  schema='padealing')


def downgrade() -> None:
    op.drop_column('audit_log', 'actor_google_uid', schema='padealing')
    with op.batch_alter_table('employee_role', schema='padealing') as batch_op:
        batch_op.drop_index('ix_employee_role_google_uid')
        batch_op.drop_column('google_uid')
