"""Read queries used by the approval workflow."""

# Restricted securities joined with the Bloomberg reference data.
RESTRICTED_WITH_BLOOMBERG = """
    SELECT r.inst_symbol, b.isin, b.reuters
    FROM padealing.restricted_security r
    JOIN bo_airflow.oracle_bloomberg b ON b.inst_symbol = r.inst_symbol
"""

EMPLOYEE_ROLES = "SELECT role FROM padealing.employee_role WHERE google_uid = :uid"
CONTACTS = "SELECT contact_employee_id FROM padealing.employee_contact WHERE employee_id = :id"
CONFIG = "SELECT value FROM padealing.compliance_config WHERE key = :key"
OUTCOMES = "SELECT outcome FROM padealing.compliance_decision_outcome WHERE request_id = :id"
SESSIONS = "SELECT transcript FROM padealing.chatbot_session WHERE employee_id = :id"
TIERS = "SELECT tier, approvers_required FROM padealing.approval_tier ORDER BY min_notional"
# Note: the old stock list (active stocks) was replaced by restricted_security.
