from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from onsite import audit, services
from onsite.models import Assignment, AuditEntry, Notification
from tests.factories import SiteFactory


def test_assign_writes_the_row_the_audit_entry_and_notifications(cast):
    site = SiteFactory()
    assignment = services.assign(
        cast.admin, cast.outsider, site, date(2027, 1, 1), date(2027, 6, 30), note="支援"
    )
    entry = AuditEntry.objects.get(action="onsite.assignment.create")
    assert entry.actor == cast.admin
    assert entry.object_id == str(assignment.pk)
    assert entry.to_state == "assigned" and entry.comment == "支援"
    assert Notification.objects.filter(recipient=cast.outsider, title__contains=site.name).exists()


def test_assign_notifies_the_departments_supervisors(cast):
    services.assign(cast.admin, cast.manager, SiteFactory(), date(2027, 1, 1))
    assert Notification.objects.filter(recipient=cast.supervisor).count() == 1


def test_only_an_administrator_may_assign(cast):
    with pytest.raises(PermissionDenied):
        services.assign(cast.supervisor, cast.staff, SiteFactory(), date(2027, 1, 1))
    assert not AuditEntry.objects.exists()


def test_overlapping_assignment_is_refused_and_nothing_is_saved(cast):
    before = Assignment.objects.count()
    with pytest.raises(ValidationError):
        services.assign(cast.admin, cast.staff, SiteFactory(), date(2026, 3, 1))
    assert Assignment.objects.count() == before


def test_inverted_dates_are_refused(cast):
    with pytest.raises(ValidationError):
        services.assign(
            cast.admin, cast.outsider, SiteFactory(), date(2027, 2, 1), date(2027, 1, 1)
        )


def test_audit_record_keeps_actor_states_comment_and_ip(cast):
    entry = audit.record(
        cast.supervisor,
        "demo.approve",
        cast.site,
        from_state="a",
        to_state="b",
        comment="ok",
        ip="10.1.2.3",
    )
    entry.refresh_from_db()
    assert (entry.actor, entry.from_state, entry.to_state, entry.comment, entry.ip) == (
        cast.supervisor,
        "a",
        "b",
        "ok",
        "10.1.2.3",
    )
    assert list(audit.history(cast.site)) == [entry]


def test_admin_add_with_overlap_shows_a_form_error(cast, login):
    client = login(cast.admin)
    response = client.post(
        reverse("admin:onsite_assignment_add"),
        {
            "user": cast.staff.pk,
            "site": cast.site.pk,
            "start_date": "2026-05-01",
            "end_date": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Assignment.objects.filter(user=cast.staff).count() == 1


def test_admin_add_goes_through_the_service(cast, login):
    client = login(cast.admin)
    response = client.post(
        reverse("admin:onsite_assignment_add"),
        {
            "user": cast.outsider.pk,
            "site": cast.site.pk,
            "start_date": "2027-01-01",
            "end_date": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="onsite.assignment.create", actor=cast.admin).exists()


def test_admin_changes_are_audited_with_the_ip(cast, login):
    client = login(cast.admin)
    response = client.post(
        reverse("admin:onsite_department_change", args=[cast.dept_b.pk]),
        {"name": "信息技术部", "code": "B", "supervisors": [cast.hr.pk]},
        REMOTE_ADDR="10.7.7.7",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="onsite.department.admin_change")
    assert entry.actor == cast.admin and entry.ip == "10.7.7.7"
    assert entry.object_repr == "信息技术部"


def test_audit_trail_is_read_only_in_the_admin(cast, login):
    entry = audit.record(cast.admin, "x", cast.site)
    client = login(cast.admin)
    assert client.get(reverse("admin:onsite_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:onsite_auditentry_add")).status_code == 403
    response = client.post(
        reverse("admin:onsite_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admin_grants_roles_by_their_names(cast, login):
    response = login(cast.admin).get(reverse("admin:auth_user_change", args=[cast.staff.pk]))
    html = response.content.decode()
    assert "部门主管" in html and "档案保管专人" in html
    assert ">venue_manager<" not in html


def test_the_user_page_shows_assignments_but_adds_none(cast, login):
    client = login(cast.admin)
    response = client.get(reverse("admin:auth_user_change", args=[cast.staff.pk]))
    assert response.status_code == 200
    assert cast.site.name in response.content.decode()
    formsets = response.context["inline_admin_formsets"]
    assignment_inline = next(f for f in formsets if f.opts.model is Assignment)
    assert not assignment_inline.has_add_permission
