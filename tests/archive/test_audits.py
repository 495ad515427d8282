"""Periodic audits: the copies expected at a location are checked; missing, damaged or
misplaced ones open discrepancies that stay open until resolved."""

import pytest
from django.urls import reverse

from archive import services
from archive.choices import AuditResult, AuditStatus, Condition, DiscrepancyStatus, LoanStatus
from archive.models import AuditLine, Copy, Discrepancy, ShelfAudit
from onsite.models import AuditEntry, Notification
from onsite.workflow import WorkflowError
from tests.archive.factories import ItemFactory, make_loan

pytestmark = pytest.mark.django_db


@pytest.mark.rule(
    "R2.4-periodic-archive-audit", "R2.4-recording-location", "R2.4-discrepancies-resolved"
)
def test_audit_discrepancy_lifecycle(cast, arc, login):
    elsewhere = ItemFactory(collection=cast.collection, custodian=cast.custodian, location="B-9")
    make_loan(arc.internal, cast.staff, LoanStatus.HANDED_OVER)
    client = login(cast.custodian)
    response = client.post(
        reverse("archive:audit_start"), {"collection": cast.collection.pk, "location": "A-01"}
    )
    audit = ShelfAudit.objects.get()
    assert response.url == reverse("archive:audit_detail", args=[audit.pk])
    lines = {line.copy.item_id: line for line in audit.lines.select_related("copy")}
    assert elsewhere.pk not in lines  # another location is not expected here
    assert lines[arc.internal.pk].result == AuditResult.ON_LOAN

    marks = {
        arc.public.pk: ("found", ""),
        arc.secret.pk: ("missing", ""),
        arc.confidential.pk: ("damaged", "磁带受潮"),
    }
    for item_pk, (result, note) in marks.items():
        client.post(
            reverse("archive:audit_line_mark", args=[lines[item_pk].pk]),
            {"result": result, "note": note},
        )
    response = client.post(
        reverse("archive:audit_action", args=[audit.pk, "complete"]), {"comment": ""}
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == AuditStatus.COMPLETED and audit.completed_at
    found = {d.copy.item_id: d for d in Discrepancy.objects.all()}
    assert set(found) == {arc.secret.pk, arc.confidential.pk}
    assert all(d.status == DiscrepancyStatus.OPEN for d in found.values())
    assert Copy.objects.get(item=arc.confidential).condition == Condition.DAMAGED
    assert Notification.objects.filter(recipient=cast.leader).exists()

    # Still open on the list until resolved.
    response = client.get(reverse("archive:discrepancy_list"))
    assert len(response.context["page"]) == 2
    missing = found[arc.secret.pk]
    client.post(
        reverse("archive:discrepancy_action", args=[missing.pk, "resolve"]),
        {"resolution": "在保密柜-2找到,已归位"},
    )
    missing.refresh_from_db()
    assert missing.status == DiscrepancyStatus.RESOLVED and missing.resolved_by == cast.custodian
    response = client.get(reverse("archive:discrepancy_list"))
    assert [d.pk for d in response.context["page"]] == [found[arc.confidential.pk].pk]
    assert AuditEntry.objects.filter(action="archive.discrepancy.resolve").count() == 1


@pytest.mark.rule("R2.4-periodic-archive-audit")
def test_audit_cannot_complete_with_unchecked_copies(cast, arc, english):
    audit = services.start_audit(cast.custodian, cast.collection)
    with pytest.raises(WorkflowError, match="not checked"):
        services.complete_audit(cast.custodian, audit)


def test_completed_audit_cannot_be_changed(cast, arc):
    audit = services.start_audit(cast.custodian, cast.collection)
    for line in audit.lines.all():
        services.mark_audit_line(cast.custodian, line, "found")
    services.complete_audit(cast.custodian, audit)
    with pytest.raises(WorkflowError):
        services.mark_audit_line(cast.custodian, audit.lines.first(), "missing")
    with pytest.raises(WorkflowError):
        services.complete_audit(cast.custodian, audit)


def test_misplaced_needs_where_it_was_found(cast, arc):
    audit = services.start_audit(cast.custodian, cast.collection)
    with pytest.raises(WorkflowError):
        services.mark_audit_line(cast.custodian, audit.lines.first(), "misplaced")


@pytest.mark.rule("R2.4-discrepancies-resolved")
def test_resolution_needs_a_text(cast, arc):
    audit = services.start_audit(cast.custodian, cast.collection)
    for line in audit.lines.all():
        services.mark_audit_line(cast.custodian, line, "missing")
    services.complete_audit(cast.custodian, audit)
    with pytest.raises(WorkflowError):
        services.resolve_discrepancy(cast.custodian, Discrepancy.objects.first(), " ")


@pytest.mark.rule("R2.4-discrepancies-resolved")
def test_a_missing_copy_is_not_lent_while_the_discrepancy_is_open(cast, arc, english):
    from datetime import timedelta

    from django.utils import timezone

    audit = services.start_audit(cast.custodian, cast.collection)
    for line in audit.lines.all():
        services.mark_audit_line(cast.custodian, line, "missing")
    services.complete_audit(cast.custodian, audit)
    today = timezone.localdate()
    loan = services.request_loan(
        cast.staff, arc.secret, purpose="x", needed_from=today, return_by=today + timedelta(1)
    )
    with pytest.raises(WorkflowError, match="free"):
        services.approve_loan(cast.leader, loan)


def test_only_one_open_audit_per_location(cast, arc):
    services.start_audit(cast.custodian, cast.collection, "A-01")
    with pytest.raises(WorkflowError):
        services.start_audit(cast.custodian, cast.collection, "A-01")
    assert AuditLine.objects.exists()


def test_a_line_is_marked_in_place_with_htmx(cast, arc, login):
    audit = services.start_audit(cast.custodian, cast.collection)
    line = audit.lines.get(copy__item=arc.public)
    client = login(cast.custodian)
    url = reverse("archive:audit_line_mark", args=[line.pk])
    response = client.post(url, {"result": "missing"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="line-{line.pk}">')
    line.refresh_from_db()
    assert line.result == AuditResult.MISSING and line.checked_by == cast.custodian
    response = client.post(url, {"result": "misplaced", "note": ""}, HTTP_HX_REQUEST="true")
    assert "text-danger" in response.content.decode()  # the reason is shown in the row
    line.refresh_from_db()
    assert line.result == AuditResult.MISSING
