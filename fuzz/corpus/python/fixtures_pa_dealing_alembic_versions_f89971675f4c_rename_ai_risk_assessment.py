"""rename_ai_risk_assessment

Compliance asked that the stored assessment not be labelled as AI output.

Revision ID: f89971675f4c
Revises: fda9d658ebc6
Create Date: 2025-12-23 10:51:38.770215

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f89971675f4c'
down_revision = 'fda9d658ebc6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column('pad_request', 'ai_risk_assessment', new_column_name='risk_assessment',
                    existing_type=sa.Text(), schema='padealing')


def downgrade() -> None:
    op.alter_column('pad_request', 'risk_assessment', new_column_name='ai_risk_assessment',
                    existing_type=sa.Text(), schema='padealing')
