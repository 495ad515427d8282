"""Every equipment URL for anonymous and each role of the cast.

The objects are at cast.site, in cast.venue. ``staff`` is assigned to the site,
``supervisor`` supervises staff's department (so the site), ``manager`` manages the venue,
``admin`` sees everything: they see the objects. ``custodian`` and ``outsider`` are on-site
staff with no assignment there: the lists answer (empty), the objects 404. HR, the VP and
the leader have no equipment work: lists 403, objects 404. Plans, imports, compliance,
retiring, marking missed and closing are for the supervisor, the manager and the admin.
"""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.access import expect

SEE = {"custodian": 404, "outsider": 404, "hr": 404, "vp": 404, "leader": 404}
USE = {"hr": 403, "vp": 403, "leader": 403}
LEAD = {"staff": 403, "custodian": 403, "outsider": 403, "hr": 403, "vp": 403, "leader": 403}
LEAD_OBJECT = {**SEE, "staff": 403}


def _url(name, *args):
    return lambda cast: reverse(
        f"equipment:{name}", args=[arg(cast) if callable(arg) else arg for arg in args]
    )


def _device(cast, **fields):
    from tests.equipment.factories import EquipmentFactory

    return EquipmentFactory(site=cast.site, venue=cast.venue, **fields)


def _device_pk(cast):
    return _device(cast).pk


def _retired_pk(cast):
    return _device(cast, status="retired").pk


def _plan(cast):
    from tests.equipment.factories import make_plan

    return make_plan(cast.admin, [_device(cast)], venue=cast.venue, starts_on=timezone.localdate())


def _plan_pk(cast):
    return _plan(cast).pk


def _inspection_pk(cast):
    return _plan(cast).inspections.get().pk


def _attachment_pk(cast):
    from equipment.models import Attachment

    content = b"hostname core-switch"
    attachment = Attachment(
        equipment=_device(cast),
        kind="backup",
        original_name="switch.cfg",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save("switch.cfg", ContentFile(content), save=True)
    return attachment.pk


def _photo_pk(cast):
    from equipment.models import InspectionResult

    content = b"\xff\xd8\xff photo"
    result = InspectionResult(
        inspection=_plan(cast).inspections.get(),
        equipment=_device(cast),
        check_name="外观完好",
        outcome="pass",
        photo_sha256=hashlib.sha256(content).hexdigest(),
    )
    result.photo.save("p.jpg", ContentFile(content), save=True)
    return result.pk


def _fault(status):
    def make(cast):
        from equipment.models import Fault

        now = timezone.now()
        fields = {}
        if status in ("responded", "fixed"):
            fields.update(responded_by=cast.staff, responded_at=now)
        if status == "fixed":
            fields.update(fixed_by=cast.staff, fixed_at=now, work_done="换线")
        return Fault.objects.create(
            equipment=_device(cast),
            title="无声音",
            client_reported_at=now - timedelta(minutes=30),
            reported_by=cast.staff,
            status=status,
            **fields,
        ).pk

    return make


def _feed_token(cast):
    from equipment.models import CalendarFeed

    return CalendarFeed.objects.create(user=cast.staff).token


def _export(state):
    def make(cast):
        from equipment.models import EquipmentExport

        export = EquipmentExport.objects.create(
            requested_by=cast.supervisor,
            kind="equipment.compliance",
            format="xlsx",
            year=2026,
            month=12,
            state=state,
        )
        if state == "done":
            content = b"xlsx"
            export.file.save("c.xlsx", ContentFile(content), save=False)
            export.sha256 = hashlib.sha256(content).hexdigest()
            export.file_name = "c.xlsx"
            export.expires_at = timezone.now() + timedelta(days=1)
            export.save()
        return export.token

    return make


EXPECTATIONS = {
    "equipment:equipment_list": expect(_url("equipment_list"), 200, **USE),
    "equipment:equipment_create": expect(
        _url("equipment_create"), 200, custodian=403, outsider=403, **USE
    ),
    "equipment:equipment_detail": expect(_url("equipment_detail", _device_pk), 200, **SEE),
    "equipment:equipment_edit": expect(_url("equipment_edit", _device_pk), 200, **SEE),
    "equipment:attachment_upload": expect(_url("attachment_upload", _device_pk), 200, **SEE),
    "equipment:fault_report": expect(_url("fault_report", _device_pk), 200, **SEE),
    "equipment:equipment_action[retire]": expect(
        _url("equipment_action", _device_pk, "retire"), 200, **LEAD_OBJECT
    ),
    "equipment:equipment_action[reinstate]": expect(
        _url("equipment_action", _retired_pk, "reinstate"), 200, **LEAD_OBJECT
    ),
    "equipment:attachment_download": expect(
        _url("attachment_download", _attachment_pk), 200, **SEE
    ),
    "equipment:import": expect(_url("import"), 200, **LEAD),
    "equipment:import_confirm": expect(
        _url("import_confirm"), 302, method="post", data={"token": "none"}, **LEAD
    ),
    "equipment:inventory_export": expect(_url("inventory_export", "xlsx"), 200, **USE),
    "equipment:feed_settings": expect(_url("feed_settings"), 200, **USE),
    "equipment:feed": expect(_url("feed", _feed_token), 200, anon=200),
    "equipment:labels": expect(_url("labels"), 200, **USE),
    "equipment:compliance": expect(_url("compliance"), 200, **LEAD),
    "equipment:compliance_export": expect(
        _url("compliance_export", "pdf"), 302, method="post", data={"month": "2026-12"}, **LEAD
    ),
    "equipment:export_list": expect(_url("export_list"), 200),
    "equipment:export_download": expect(
        _url("export_download", _export("done")), 404, supervisor=200
    ),
    "equipment:export_retry": expect(
        _url("export_retry", _export("failed")), 404, method="post", supervisor=302
    ),
    "equipment:plan_list": expect(_url("plan_list"), 200, **USE),
    "equipment:plan_create": expect(_url("plan_create"), 200, **LEAD),
    "equipment:plan_detail": expect(_url("plan_detail", _plan_pk), 200, **SEE),
    "equipment:plan_edit": expect(_url("plan_edit", _plan_pk), 200, **LEAD_OBJECT),
    "equipment:due_list": expect(_url("due_list"), 200, **USE),
    "equipment:due_calendar": expect(_url("due_calendar"), 200, **USE),
    "equipment:inspection_detail": expect(_url("inspection_detail", _inspection_pk), 200, **SEE),
    "equipment:inspection_record": expect(_url("inspection_record", _inspection_pk), 200, **SEE),
    "equipment:inspection_action[miss]": expect(
        _url("inspection_action", _inspection_pk, "miss"), 200, **LEAD_OBJECT
    ),
    "equipment:result_photo": expect(_url("result_photo", _photo_pk), 200, **SEE),
    "equipment:fault_list": expect(_url("fault_list"), 200, **USE),
    "equipment:fault_detail": expect(_url("fault_detail", _fault("reported")), 200, **SEE),
    "equipment:fault_action[respond]": expect(
        _url("fault_action", _fault("reported"), "respond"), 200, **SEE
    ),
    "equipment:fault_action[fix]": expect(
        _url("fault_action", _fault("responded"), "fix"), 200, **SEE
    ),
    "equipment:fault_action[close]": expect(
        _url("fault_action", _fault("fixed"), "close"), 200, **LEAD_OBJECT
    ),
}
