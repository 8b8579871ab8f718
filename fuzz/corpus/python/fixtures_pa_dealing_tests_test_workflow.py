"""Workflow tests (run against the application's test database)."""
from pa_dealing.models import PadApproval, PadRequest
from pa_dealing.queries import RESTRICTED_WITH_BLOOMBERG


def test_request_defaults():
    request = PadRequest(employee_id=1, quantity=10, status="pending")
    assert request.status == "pending"


def test_restricted_query_reads_padealing():
    assert "padealing.restricted_security" in RESTRICTED_WITH_BLOOMBERG


def test_approval_links_request():
    approval = PadApproval(request_id=1, decision="approved")
    assert approval.request_id == 1
