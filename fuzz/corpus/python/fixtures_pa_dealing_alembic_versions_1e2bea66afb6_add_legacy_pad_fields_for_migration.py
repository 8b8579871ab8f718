"""add_legacy_pad_fields_for_migration

Keep the identifiers of requests migrated from the legacy PAD system.

Revision ID: 1e2bea66afb6
Revises: 06750fdfd3a9
Create Date: 2026-01-20 16:58:04.317290

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1e2bea66afb6'
down_revision = '06750fdfd3a9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('pad_request', sa.Column('legacy_pad_id', sa.Integer(), nullable=True),
                  schema='padealing')
    op.add_column('pad_request', sa.Column('legacy_source', sa.String(length=20), nullable=True),
                  schema='padealing')
    op.create_foreign_key('fk_pad_request_legacy_pad_id', 'pad_request', 'personal_account_dealing',
                          ['legacy_pad_id'], ['id'], source_schema='padealing',
                          referent_schema='padealing', ondelete='SET NULL')


def downgrade() -> None:
    op.drop_constraint('fk_pad_request_legacy_pad_id', 'pad_request', schema='padealing',
                       type_='foreignkey')
    op.drop_column('pad_request', 'legacy_source', schema='padealing')
    op.drop_column('pad_request', 'legacy_pad_id', schema='padealing')
