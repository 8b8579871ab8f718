"""SQLAlchemy models of the padealing schema, and the bo_airflow tables read."""
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class PadRequest(Base):
    __tablename__ = "pad_request"
    __table_args__ = {"schema": "padealing"}
    id = sa.Column(sa.Integer, primary_key=True)
    employee_id = sa.Column(sa.Integer, nullable=False)
    inst_symbol = sa.Column(sa.String(30))
    quantity = sa.Column(sa.Numeric(18, 6), nullable=False)
    status = sa.Column(sa.String(32), nullable=False)
    reference_id = sa.Column(sa.String(20), unique=True)
    legacy_pad_id = sa.Column(sa.Integer, sa.ForeignKey("padealing.personal_account_dealing.id"))


class PadApproval(Base):
    __tablename__ = "pad_approval"
    __table_args__ = {"schema": "padealing"}
    id = sa.Column(sa.Integer, primary_key=True)
    request_id = sa.Column(sa.Integer, sa.ForeignKey("padealing.pad_request.id"), nullable=False)
    decision = sa.Column(sa.String(20), nullable=False)


class PadExecution(Base):
    __tablename__ = "pad_execution"
    __table_args__ = {"schema": "padealing"}
    id = sa.Column(sa.Integer, primary_key=True)
    request_id = sa.Column(sa.Integer, sa.ForeignKey("padealing.pad_request.id"), nullable=False)
    contract_note_ref = sa.Column(sa.String(64))


class PadBreach(Base):
    __tablename__ = "pad_breach"
    __table_args__ = {"schema": "padealing"}
    id = sa.Column(sa.Integer, primary_key=True)
    breach_type = sa.Column(sa.String(50), nullable=False)


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = {"schema": "padealing"}
    id = sa.Column(sa.BigInteger, primary_key=True)
    action = sa.Column(sa.String(100), nullable=False)


class RestrictedSecurity(Base):
    __tablename__ = "restricted_security"
    __table_args__ = {"schema": "padealing"}
    id = sa.Column(sa.Integer, primary_key=True)
    inst_symbol = sa.Column(sa.String(30), nullable=False)


class OraclePosition(Base):
    __tablename__ = "oracle_position"
    __table_args__ = {"schema": "bo_airflow"}
    position_id = sa.Column(sa.Integer, primary_key=True)
    inst_symbol = sa.Column(sa.String(30))
    last_trade_date = sa.Column(sa.Date)
