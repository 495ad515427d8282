"""What every role gets from each attendance URL (checked by tests/test_access_matrix.py).

The cast: ``staff`` (department A, assigned to the site) owns the requests; ``supervisor``
supervises A; HR, the VP and the administrator see the whole company; the others are
strangers to A and get 404 for A's objects (their existence is not confirmed).
"""

import hashlib
from datetime import date, time, timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.access import expect
from tests.attendance.conftest import leave_type

COMPANY_WIDE = {"hr": 200, "vp": 200, "admin": 200}


def _url(name, *args):
    return lambda cast: reverse(name, args=[arg(cast) if callable(arg) else arg for arg in args])


def _overtime(cast, status="submitted", day=date(2026, 11, 14)):
    from attendance.choices import OvertimeKind
    from attendance.models import OvertimeRequest

    return OvertimeRequest.objects.create(
        user=cast.staff,
        site=cast.site,
        date=day,
        start_time=time(9),
        end_time=time(12),
        planned_minutes=180,
        kind=OvertimeKind.REST_DAY,
        reason="会议保障",
        status=status,
    ).pk


def _approved_overtime(cast):
    return _overtime(cast, "supervisor_approved")


def _worked_overtime(cast):
    """Approved overtime that is over: its hours can be confirmed."""
    return _overtime(cast, "supervisor_approved", timezone.localdate() - timedelta(days=7))


def _leave(cast):
    from attendance.models import LeaveRequest

    return LeaveRequest.objects.create(
        user=cast.staff,
        leave_type=leave_type("ANNUAL"),
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 1),
        days=1,
        reason="家事",
    ).pk


def _correction(cast, status="submitted"):
    from attendance.models import PunchCorrection

    return PunchCorrection.objects.create(
        user=cast.staff,
        date=date(2026, 11, 13),
        kind="check_out",
        time=time(18),
        reason="忘记签退",
        status=status,
    ).pk


def _delegation(cast):
    """The supervisor of A names the custodian (staff of A) deputy for a week."""
    from attendance.models import Delegation

    today = timezone.localdate()
    return Delegation.objects.create(
        supervisor=cast.supervisor,
        deputy=cast.custodian,
        start_date=today,
        end_date=today + timedelta(days=7),
        created_by=cast.supervisor,
    ).pk


def _calendar_day(cast):
    from attendance.models import HolidayCalendarDay

    return HolidayCalendarDay.objects.get_or_create(
        date=date(2026, 10, 1), defaults={"kind": "holiday", "name": "国庆节"}
    )[0].pk


def _day_off(cast):
    from attendance.models import SiteDayOff

    return SiteDayOff.objects.create(site=cast.site, date=date(2026, 12, 24), reason="活动").pk


def _leave_type(cast):

    return leave_type("ANNUAL").pk


def _export(cast):
    """A finished export of HR's (the person who asked for it is the only one to see it)."""
    from attendance.models import AttendanceExport

    content = b"%PDF-1.4 attendance"
    export = AttendanceExport.objects.create(
        requested_by=cast.hr,
        kind="attendance.month",
        scope="company",
        year=2026,
        month=11,
        format="pdf",
        state="done",
        file_name="月度考勤表-2026-11-全公司.pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        finished_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    export.file.save("export.pdf", ContentFile(content), save=True)
    return export.token


# Departments for the export filter: department A of the cast.
def _dept_a(cast):
    return {"department": cast.dept_a.pk, "month": "2026-11"}


EXPECTATIONS = {
    # Everyone with a staff profile keeps their own attendance.
    "attendance:today": expect(_url("attendance:today"), 200),
    "attendance:check_in": expect(_url("attendance:check_in"), 302, method="post"),
    "attendance:check_out": expect(_url("attendance:check_out"), 302, method="post"),
    "attendance:my_month": expect(_url("attendance:my_month"), 200),
    "attendance:my_requests": expect(_url("attendance:my_requests"), 200),
    "attendance:overtime_new": expect(_url("attendance:overtime_new"), 200),
    "attendance:leave_new": expect(_url("attendance:leave_new"), 200),
    # A request is seen by its applicant, their supervisor and company-wide roles.
    "attendance:overtime_detail": expect(
        _url("attendance:overtime_detail", _overtime),
        404,
        staff=200,
        supervisor=200,
        **COMPANY_WIDE,
    ),
    # Only the supervisor of the applicant decides the first step; HR and VP see it: 403.
    **{
        f"attendance:overtime_action[{name}]": expect(
            _url("attendance:overtime_action", _overtime, name),
            404,
            supervisor=200,
            staff=403,
            hr=403,
            vp=403,
            admin=403,
        )
        for name in ("approve", "reject")
    },
    # HR approves and files (or rejects) what the supervisor approved.
    **{
        f"attendance:overtime_action[{name}]": expect(
            _url("attendance:overtime_action", _approved_overtime, name),
            404,
            hr=200,
            staff=403,
            supervisor=403,
            vp=403,
            admin=403,
        )
        for name in ("file", "hr_reject")
    },
    # Only the applicant withdraws.
    "attendance:overtime_action[cancel]": expect(
        _url("attendance:overtime_action", _overtime, "cancel"),
        404,
        staff=200,
        supervisor=403,
        hr=403,
        vp=403,
        admin=403,
    ),
    "attendance:overtime_hours": expect(
        _url("attendance:overtime_hours", _worked_overtime),
        404,
        staff=200,
        supervisor=200,
        hr=403,
        vp=403,
        admin=403,
    ),
    "attendance:leave_detail": expect(
        _url("attendance:leave_detail", _leave), 404, staff=200, supervisor=200, **COMPANY_WIDE
    ),
    **{
        f"attendance:leave_action[{name}]": expect(
            _url("attendance:leave_action", _leave, name),
            404,
            supervisor=200,
            staff=403,
            hr=403,
            vp=403,
            admin=403,
        )
        for name in ("approve", "reject")
    },
    "attendance:leave_action[cancel]": expect(
        _url("attendance:leave_action", _leave, "cancel"),
        404,
        staff=200,
        supervisor=403,
        hr=403,
        vp=403,
        admin=403,
    ),
    # Missed-punch corrections: asked by anyone with a profile, decided like leave.
    "attendance:correction_new": expect(_url("attendance:correction_new"), 200),
    "attendance:correction_detail": expect(
        _url("attendance:correction_detail", _correction),
        404,
        staff=200,
        supervisor=200,
        **COMPANY_WIDE,
    ),
    **{
        f"attendance:correction_action[{name}]": expect(
            _url("attendance:correction_action", _correction, name),
            404,
            supervisor=200,
            staff=403,
            hr=403,
            vp=403,
            admin=403,
        )
        for name in ("approve", "reject")
    },
    "attendance:correction_action[cancel]": expect(
        _url("attendance:correction_action", _correction, "cancel"),
        404,
        staff=200,
        supervisor=403,
        hr=403,
        vp=403,
        admin=403,
    ),
    # Deputies: a supervisor names their own, HR anyone's; withdrawn by them only.
    "attendance:deputies": expect(_url("attendance:deputies"), 403, supervisor=200, hr=200),
    "attendance:deputy_withdraw": expect(
        _url("attendance:deputy_withdraw", _delegation),
        403,
        method="post",
        supervisor=302,
        hr=302,
    ),
    "attendance:rules": expect(_url("attendance:rules"), 403, hr=200),
    "attendance:queue": expect(_url("attendance:queue"), 403, supervisor=200, hr=200),
    "attendance:queue_decide": expect(
        _url("attendance:queue_decide"),
        403,
        method="post",
        supervisor=302,
        hr=302,
        data={"what": "overtime", "action": "approve"},
    ),
    "attendance:request_list": expect(
        _url("attendance:request_list"), 403, supervisor=200, **COMPANY_WIDE
    ),
    "attendance:team": expect(_url("attendance:team"), 403, supervisor=200, **COMPANY_WIDE),
    "attendance:unapproved": expect(
        _url("attendance:unapproved"), 403, supervisor=200, **COMPANY_WIDE
    ),
    "attendance:summary": expect(_url("attendance:summary"), 403, supervisor=200, **COMPANY_WIDE),
    "attendance:calendar": expect(_url("attendance:calendar"), 200),
    "attendance:calendar_day_save": expect(
        _url("attendance:calendar_day_save"),
        403,
        method="post",
        hr=302,
        admin=302,
        data={"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
    ),
    "attendance:calendar_day_delete": expect(
        _url("attendance:calendar_day_delete", _calendar_day), 403, method="post", hr=302, admin=302
    ),
    "attendance:calendar_year": expect(
        _url("attendance:calendar_year", 2027, "confirm"), 403, method="post", hr=302, admin=302
    ),
    "attendance:site_list": expect(_url("attendance:site_list"), 403, hr=200, admin=200),
    "attendance:site_detail": expect(
        _url("attendance:site_detail", lambda c: c.site.pk), 403, hr=200, admin=200
    ),
    "attendance:site_day_off_delete": expect(
        _url("attendance:site_day_off_delete", _day_off), 403, method="post", hr=302, admin=302
    ),
    "attendance:leave_types": expect(_url("attendance:leave_types"), 403, hr=200, admin=200),
    "attendance:leave_allowances": expect(
        _url("attendance:leave_allowances"), 403, hr=200, admin=200
    ),
    "attendance:leave_type_new": expect(_url("attendance:leave_type_new"), 403, hr=200, admin=200),
    "attendance:leave_type_edit": expect(
        _url("attendance:leave_type_edit", _leave_type), 403, hr=200, admin=200
    ),
    # Exports are HR's; each export is seen by the person who asked for it only.
    "attendance:exports": expect(_url("attendance:exports"), 403, hr=200),
    "attendance:export_start": expect(
        _url("attendance:export_start"),
        403,
        method="post",
        hr=302,
        data={"month": "2026-11", "format": "xlsx", "department": ""},
    ),
    "attendance:export_pdf": expect(
        lambda c: reverse("attendance:export_pdf") + f"?department={c.dept_a.pk}&month=2026-11",
        403,
        hr=200,
    ),
    "attendance:export_xlsx": expect(
        lambda c: reverse("attendance:export_xlsx") + f"?department={c.dept_a.pk}&month=2026-11",
        403,
        hr=200,
    ),
    "attendance:export_status": expect(_url("attendance:export_status", _export), 403, hr=200),
    "attendance:export_retry": expect(
        _url("attendance:export_retry", _export), 403, method="post", hr=302
    ),
    "attendance:export_download": expect(_url("attendance:export_download", _export), 403, hr=200),
}
