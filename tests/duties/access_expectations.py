"""Every duties URL for anonymous and each role of the cast.

The cast: ``staff`` (department A, stationed at cast.site), ``supervisor`` (supervises A,
not stationed), ``hr``, ``vp``; ``manager`` and ``custodian`` are staff of department A
who are not stationed at the site; ``outsider`` is staff of department B. Objects out of a
person's scope answer 404 and never reveal they exist.
"""

from django.urls import reverse

from duties.choices import ReceiptStatus
from tests.access import expect


def _url(name, *args):
    return lambda cast: reverse(name, args=[arg(cast) if callable(arg) else arg for arg in args])


# --- Documents and receipts -----------------------------------------------------------------
def _document(cast, with_file=False):
    from tests.duties.factories import DocumentFactory, attach

    document = DocumentFactory(sender=cast.hr, classification=1)
    return attach(document) if with_file else document


def _document_pk(cast):
    from tests.duties.factories import make_receipt

    document = _document(cast)
    make_receipt(document, cast.staff)
    return document.pk


def _file_document_pk(cast):
    from tests.duties.factories import make_receipt

    document = _document(cast, with_file=True)
    make_receipt(document, cast.staff)
    return document.pk


def _receipt(status):
    def make(cast):
        from tests.duties.factories import make_receipt

        return make_receipt(_document(cast), cast.staff, status).pk

    return make


SEES_RECEIPT = {"staff": 200, "supervisor": 200, "hr": 200}

EXPECTATIONS = {
    "duties:overview": expect(_url("duties:overview"), 200),
    "duties:document_list": expect(_url("duties:document_list"), 200),
    "duties:document_sent": expect(_url("duties:document_sent"), 403, supervisor=200, hr=200),
    "duties:document_create": expect(_url("duties:document_create"), 403, supervisor=200, hr=200),
    "duties:document_detail": expect(
        _url("duties:document_detail", _document_pk), 404, **SEES_RECEIPT
    ),
    "duties:document_receipts": expect(
        _url("duties:document_receipts", _document_pk), 404, staff=403, supervisor=200, hr=200
    ),
    "duties:document_revise": expect(
        _url("duties:document_revise", _document_pk), 404, staff=403, supervisor=403, hr=200
    ),
    "duties:document_action[withdraw]": expect(
        _url("duties:document_action", _document_pk, "withdraw"),
        404,
        staff=403,
        supervisor=403,
        hr=200,
    ),
    "duties:receipt_detail": expect(
        _url("duties:receipt_detail", _receipt(ReceiptStatus.SENT)), 404, **SEES_RECEIPT
    ),
    "duties:receipt_action[sign]": expect(
        _url("duties:receipt_action", _receipt(ReceiptStatus.SENT), "sign"),
        404,
        staff=200,
        supervisor=403,
        hr=403,
    ),
    "duties:receipt_action[accept]": expect(
        _url("duties:receipt_action", _receipt(ReceiptStatus.SIGNED), "accept"),
        404,
        staff=200,
        supervisor=403,
        hr=403,
    ),
    "duties:receipt_action[object]": expect(
        _url("duties:receipt_action", _receipt(ReceiptStatus.SIGNED), "object"),
        404,
        staff=200,
        supervisor=403,
        hr=403,
    ),
    "duties:receipt_action[reply]": expect(
        _url("duties:receipt_action", _receipt(ReceiptStatus.OBJECTED), "reply"),
        404,
        staff=403,
        supervisor=403,
        hr=200,
    ),
    "duties:attachment[document]": expect(
        _url("duties:attachment", "document", _file_document_pk), 404, **SEES_RECEIPT
    ),
}


# --- Work reports -----------------------------------------------------------------------------
def _report_pk(cast):
    from duties.models import WorkReport
    from tests.duties.factories import ReportFactory

    found = WorkReport.objects.filter(author=cast.staff).first()
    return (found or ReportFactory(author=cast.staff)).pk


STAFF_ROLE = {"staff": 200, "supervisor": 200, "manager": 200, "custodian": 200, "outsider": 200}
AUTHOR_AND_SUPERVISOR = {"staff": 200, "supervisor": 200}

EXPECTATIONS.update(
    {
        "duties:report_list": expect(_url("duties:report_list"), 200),
        "duties:report_team": expect(_url("duties:report_team"), 403, supervisor=200),
        "duties:report_missing": expect(_url("duties:report_missing"), 403, supervisor=200),
        "duties:report_create": expect(_url("duties:report_create"), 403, **STAFF_ROLE),
        "duties:report_detail": expect(
            _url("duties:report_detail", _report_pk), 404, **AUTHOR_AND_SUPERVISOR
        ),
        "duties:report_action[comment]": expect(
            _url("duties:report_action", _report_pk, "comment"), 404, staff=403, supervisor=200
        ),
    }
)


# --- Assigned tasks ---------------------------------------------------------------------------
def _task(status):
    def make(cast):
        from tests.duties.factories import TaskFactory

        return TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, status=status).pk

    return make


EXPECTATIONS.update(
    {
        "duties:task_list": expect(_url("duties:task_list"), 200),
        "duties:task_create": expect(_url("duties:task_create"), 403, supervisor=200),
        "duties:task_detail": expect(
            _url("duties:task_detail", _task("assigned")), 404, **AUTHOR_AND_SUPERVISOR
        ),
        "duties:task_action[accept]": expect(
            _url("duties:task_action", _task("assigned"), "accept"), 404, staff=200, supervisor=403
        ),
        "duties:task_action[progress]": expect(
            _url("duties:task_action", _task("accepted"), "progress"),
            404,
            staff=200,
            supervisor=403,
        ),
        "duties:task_action[complete]": expect(
            _url("duties:task_action", _task("in_progress"), "complete"),
            404,
            staff=200,
            supervisor=403,
        ),
        "duties:task_action[cancel]": expect(
            _url("duties:task_action", _task("assigned"), "cancel"), 404, staff=403, supervisor=200
        ),
    }
)


# --- Client requests and written authorisations ---------------------------------------------
def _request(status):
    def make(cast):
        from tests.duties.factories import AuthorisationFactory, ClientRequestFactory

        AuthorisationFactory(holder=cast.staff, issued_by=cast.hr, site=cast.site)
        return ClientRequestFactory(logged_by=cast.staff, site=cast.site, status=status).pk

    return make


def _authorisation_pk(cast, with_file=False):
    from tests.duties.factories import AuthorisationFactory, attach

    record = AuthorisationFactory(holder=cast.staff, issued_by=cast.supervisor)
    return (attach(record) if with_file else record).pk


HOLDER_SUPERVISOR_HR = {"staff": 200, "supervisor": 200, "hr": 200}

EXPECTATIONS.update(
    {
        "duties:request_list": expect(_url("duties:request_list"), 200),
        "duties:request_create": expect(_url("duties:request_create"), 403, staff=200),
        "duties:request_detail": expect(
            _url("duties:request_detail", _request("logged")), 404, **AUTHOR_AND_SUPERVISOR
        ),
        "duties:request_action[complete]": expect(
            _url("duties:request_action", _request("logged"), "complete"),
            404,
            staff=200,
            supervisor=403,
        ),
        "duties:request_action[escalate]": expect(
            _url("duties:request_action", _request("logged"), "escalate"),
            404,
            staff=200,
            supervisor=403,
        ),
        "duties:request_action[approve]": expect(
            _url("duties:request_action", _request("escalated"), "approve"),
            404,
            staff=403,
            supervisor=200,
        ),
        "duties:request_action[decline]": expect(
            _url("duties:request_action", _request("escalated"), "decline"),
            404,
            staff=403,
            supervisor=200,
        ),
        "duties:authorisation_list": expect(_url("duties:authorisation_list"), 200),
        "duties:authorisation_create": expect(
            _url("duties:authorisation_create"), 403, supervisor=200, hr=200
        ),
        "duties:authorisation_detail": expect(
            _url("duties:authorisation_detail", _authorisation_pk), 404, **HOLDER_SUPERVISOR_HR
        ),
        "duties:authorisation_action[revoke]": expect(
            _url("duties:authorisation_action", _authorisation_pk, "revoke"),
            404,
            staff=403,
            supervisor=200,
            hr=200,
        ),
        "duties:attachment[authorisation]": expect(
            _url("duties:attachment", "authorisation", lambda c: _authorisation_pk(c, True)),
            404,
            **HOLDER_SUPERVISOR_HR,
        ),
    }
)


# --- Checklists and service visits -------------------------------------------------------------
def _site_with_checklist(cast):
    from duties.models import ChecklistTemplate

    ChecklistTemplate.objects.create(site=cast.site, items="清扫\n开机检查", updated_by=cast.hr)
    return cast.site.pk


def _visit(status):
    def make(cast):
        from tests.duties.factories import VisitFactory

        return VisitFactory(user=cast.staff, site=cast.site, status=status).pk

    return make


SUPERVISOR_AND_HR = {"supervisor": 200, "hr": 200}
STAFF_ROLE_NOT_STATIONED = {"supervisor": 404, "manager": 404, "custodian": 404, "outsider": 404}

EXPECTATIONS.update(
    {
        "duties:checklist_today": expect(_url("duties:checklist_today"), 200),
        "duties:checklist_submit": expect(
            _url("duties:checklist_submit", _site_with_checklist),
            403,
            method="post",
            staff=302,
            **STAFF_ROLE_NOT_STATIONED,
        ),
        "duties:checklist_overview": expect(_url("duties:checklist_overview"), 403, supervisor=200),
        "duties:checklist_templates": expect(
            _url("duties:checklist_templates"), 403, **SUPERVISOR_AND_HR
        ),
        "duties:checklist_template_edit": expect(
            _url("duties:checklist_template_edit", lambda c: c.site.pk), 403, **SUPERVISOR_AND_HR
        ),
        "duties:visit_create": expect(_url("duties:visit_create"), 403, **STAFF_ROLE),
        "duties:visit_detail": expect(
            _url("duties:visit_detail", _visit("open")), 404, **AUTHOR_AND_SUPERVISOR
        ),
        "duties:visit_action[restore]": expect(
            _url("duties:visit_action", _visit("open"), "restore"), 404, staff=200, supervisor=403
        ),
    }
)


# --- Company property --------------------------------------------------------------------------
def _item_pk(cast):
    from tests.duties.factories import PropertyFactory

    return PropertyFactory(registered_by=cast.hr).pk


def _custody_pk(cast):
    from tests.duties.factories import CustodyFactory

    return CustodyFactory(holder=cast.staff, handed_over_by=cast.hr).pk


EXPECTATIONS.update(
    {
        "duties:custody_list": expect(_url("duties:custody_list"), 200),
        "duties:property_list": expect(_url("duties:property_list"), 403, hr=200),
        "duties:property_create": expect(_url("duties:property_create"), 403, hr=200),
        "duties:property_detail": expect(_url("duties:property_detail", _item_pk), 404, hr=200),
        "duties:custody_hand_over": expect(_url("duties:custody_hand_over", _item_pk), 404, hr=200),
        "duties:custody_detail": expect(
            _url("duties:custody_detail", _custody_pk), 404, **HOLDER_SUPERVISOR_HR
        ),
        "duties:custody_return": expect(
            _url("duties:custody_return", _custody_pk), 404, staff=403, supervisor=403, hr=200
        ),
        "duties:custody_transfer": expect(
            _url("duties:custody_transfer", _custody_pk), 404, staff=200, supervisor=403, hr=200
        ),
    }
)


# --- Requests to a vice president ----------------------------------------------------------------
def _vp_request(status):
    def make(cast):
        from tests.duties.factories import VPRequestFactory

        return VPRequestFactory(applicant=cast.staff, status=status).pk

    return make


EXPECTATIONS.update(
    {
        "duties:vp_request_list": expect(_url("duties:vp_request_list"), 200),
        "duties:vp_request_create": expect(_url("duties:vp_request_create"), 403, **STAFF_ROLE),
        "duties:vp_request_detail": expect(
            _url("duties:vp_request_detail", _vp_request("submitted")),
            404,
            staff=200,
            supervisor=200,
            vp=200,
        ),
        "duties:vp_request_action[state]": expect(
            _url("duties:vp_request_action", _vp_request("submitted"), "state"),
            404,
            staff=403,
            supervisor=200,
            vp=403,
        ),
        "duties:vp_request_action[approve]": expect(
            _url("duties:vp_request_action", _vp_request("stated"), "approve"),
            404,
            staff=403,
            supervisor=403,
            vp=200,
        ),
        "duties:vp_request_action[reject]": expect(
            _url("duties:vp_request_action", _vp_request("stated"), "reject"),
            404,
            staff=403,
            supervisor=403,
            vp=200,
        ),
        "duties:vp_request_action[withdraw]": expect(
            _url("duties:vp_request_action", _vp_request("submitted"), "withdraw"),
            404,
            staff=200,
            supervisor=403,
            vp=403,
        ),
    }
)


# --- Sites, post duties, agreements, manuals; training ------------------------------------------
def _agreement_pk(cast, with_file=False):
    from datetime import date

    from duties.models import AgreementVersion
    from tests.duties.factories import attach

    version, _created = AgreementVersion.objects.get_or_create(
        site=cast.site,
        number=1,
        defaults={
            "valid_from": date(2026, 1, 1),
            "work_plan": "每日巡检",
            "service_terms": "工作日驻场",
            "response_times": "5 分钟内到场",
            "created_by": cast.hr,
        },
    )
    return (attach(version) if with_file else version).pk


def _site_document(cast):
    from duties.models import SiteDocument, SiteDocumentVersion
    from tests.duties.factories import attach

    document, created = SiteDocument.objects.get_or_create(
        site=cast.site, kind="manual", title="使用手册", defaults={"created_by": cast.staff}
    )
    if created:
        attach(SiteDocumentVersion(document=document, number=1, uploaded_by=cast.staff))
    return document


def _post_duty_pk(cast):
    from duties.models import PostDuty

    return PostDuty.objects.create(post="音视频工程师", duties="会前调试", updated_by=cast.hr).pk


def _training(cast, started=False):
    from datetime import timedelta

    from django.utils import timezone

    from tests.duties.factories import TrainingFactory

    starts = timezone.now() + timedelta(days=-1 if started else 1)
    return TrainingFactory(organiser=cast.hr, attendees=[cast.staff], starts_at=starts).pk


def _record_pk(cast, with_file=False):
    from datetime import date

    from duties.models import TrainingRecord
    from tests.duties.factories import attach

    record = TrainingRecord.objects.create(
        user=cast.staff, date=date(2026, 2, 1), topic="网络安全", hours=2, added_by=cast.staff
    )
    return (attach(record) if with_file else record).pk


STATIONED_SUPERVISOR_HR = {"staff": 200, "supervisor": 200, "hr": 200}

EXPECTATIONS.update(
    {
        "duties:site_list": expect(_url("duties:site_list"), 200),
        "duties:site_papers": expect(
            _url("duties:site_papers", lambda c: c.site.pk), 404, **STATIONED_SUPERVISOR_HR
        ),
        "duties:agreement_create": expect(
            _url("duties:agreement_create", lambda c: c.site.pk),
            404,
            staff=403,
            supervisor=200,
            hr=200,
        ),
        "duties:site_document_create": expect(
            _url("duties:site_document_create", lambda c: c.site.pk),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
        "duties:agreement_detail": expect(
            _url("duties:agreement_detail", _agreement_pk), 404, **STATIONED_SUPERVISOR_HR
        ),
        "duties:site_document_detail": expect(
            _url("duties:site_document_detail", lambda c: _site_document(c).pk),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
        "duties:site_document_version_create": expect(
            _url("duties:site_document_version_create", lambda c: _site_document(c).pk),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
        "duties:post_duty_create": expect(_url("duties:post_duty_create"), 403, hr=200),
        "duties:post_duty_edit": expect(_url("duties:post_duty_edit", _post_duty_pk), 403, hr=200),
        "duties:training_list": expect(_url("duties:training_list"), 200),
        "duties:training_create": expect(
            _url("duties:training_create"), 403, supervisor=200, hr=200
        ),
        "duties:training_records": expect(_url("duties:training_records"), 200),
        "duties:training_record_create": expect(
            _url("duties:training_record_create"), 403, hr=200, **STAFF_ROLE
        ),
        "duties:training_record_certificate": expect(
            _url("duties:training_record_certificate", _record_pk),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
        "duties:training_detail": expect(
            _url("duties:training_detail", _training), 404, **STATIONED_SUPERVISOR_HR
        ),
        "duties:training_hold": expect(
            _url("duties:training_hold", lambda c: _training(c, started=True)),
            404,
            staff=403,
            supervisor=403,
            hr=200,
        ),
        "duties:training_action[cancel]": expect(
            _url("duties:training_action", _training, "cancel"),
            404,
            staff=403,
            supervisor=403,
            hr=200,
        ),
        "duties:attachment[agreement]": expect(
            _url("duties:attachment", "agreement", lambda c: _agreement_pk(c, True)),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
        "duties:attachment[site-document]": expect(
            _url(
                "duties:attachment",
                "site-document",
                lambda c: _site_document(c).versions.get().pk,
            ),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
        "duties:attachment[certificate]": expect(
            _url("duties:attachment", "certificate", lambda c: _record_pk(c, True)),
            404,
            **STATIONED_SUPERVISOR_HR,
        ),
    }
)


# --- Exports -----------------------------------------------------------------------------------
def _export_token(cast):
    import hashlib
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from duties.models import DutiesExport

    content = b"PK receipts"
    export = DutiesExport.objects.create(
        requested_by=cast.hr,
        kind="duties.receipts",
        format="xlsx",
        state="done",
        sha256=hashlib.sha256(content).hexdigest(),
        file_name="receipts.xlsx",
        finished_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    export.file.save("receipts.xlsx", ContentFile(content), save=True)
    return export.token


EXPECTATIONS.update(
    {
        "duties:receipts_export": expect(
            _url("duties:receipts_export", _document_pk),
            404,
            method="post",
            staff=403,
            supervisor=302,
            hr=302,
        ),
        "duties:export_list": expect(_url("duties:export_list"), 200),
        "duties:export_download": expect(
            _url("duties:export_download", _export_token), 404, hr=200
        ),
    }
)
