"""Meetings: calendar, scheduling, the notice, serving staff, sub-venue admission, device
deposit, recordings hand-over, the admission sheet (PDF) and the iCal feed."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from archive.models import Item
from meetingroom import services
from meetingroom.calendar import venue_calendar
from meetingroom.choices import ADMISSION, DEPOSIT, MEETING
from meetingroom.forms import (
    AdmissionOpenForm,
    DepositForm,
    HandOverForm,
    MeetingForm,
    NoticeForm,
    RecordingFormSet,
    StaffForm,
    SubVenueForm,
    VerifyForm,
)
from meetingroom.models import (
    DeviceDeposit,
    Meeting,
    MeetingNotice,
    SubVenue,
    SubVenueAdmission,
    settings_for,
)
from meetingroom.views.common import fetch, forbid_unless, visible_venue
from onsite import audit
from onsite.access import signed_in
from onsite.names import display_name
from onsite.paging import posted
from onsite.pdf import render_pdf
from onsite.permissions import may, visible
from onsite.ratelimit import throttled
from onsite.transition_views import transition_page, transition_view
from onsite.workflow import WorkflowError


def _day(request):
    try:
        return datetime.strptime(request.GET.get("day", ""), "%Y-%m-%d").date()
    except ValueError:
        return timezone.localdate()


@signed_in
@require_GET
def calendar(request, pk):
    """Day or week calendar of a venue's meetings."""
    venue = visible_venue(request, pk)
    day = _day(request)
    span = "day" if request.GET.get("span") == "day" else "week"
    first = day if span == "day" else day - timedelta(days=day.weekday())
    days = [first + timedelta(days=n) for n in range(1 if span == "day" else 7)]
    start = timezone.make_aware(datetime.combine(days[0], time.min))
    end = timezone.make_aware(datetime.combine(days[-1] + timedelta(days=1), time.min))
    meetings = list(
        Meeting.objects.filter(venue=venue, starts_at__lt=end, ends_at__gt=start).order_by(
            "starts_at"
        )
    )
    columns = [
        (
            d,
            [
                m
                for m in meetings
                if timezone.localdate(m.starts_at) <= d <= timezone.localdate(m.ends_at)
            ],
        )
        for d in days
    ]
    step = timedelta(days=1 if span == "day" else 7)
    return render(
        request,
        "meetingroom/calendar.html",
        {
            "venue": venue,
            "span": span,
            "columns": columns,
            "previous": first - step,
            "next": first + step,
            "today": timezone.localdate(),
            "may_schedule": may(request.user, "meetingroom.schedule_meeting", venue),
        },
    )


@signed_in
@require_GET
def venue_ical(request, pk):
    """The venue's meetings as an iCalendar feed (for the signed-in person's calendar)."""
    venue = visible_venue(request, pk)
    content = venue_calendar(venue, request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, f"{venue.name}.ics")
    return response


def _staff_choices(venue):
    from meetingroom.views.access import venue_people

    return venue_people(venue, timezone.localdate())


@signed_in
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    venue = visible_venue(request, pk)
    forbid_unless(request.user, "meetingroom.schedule_meeting", venue)
    form = MeetingForm(posted(request), staff=_staff_choices(venue))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(request.user, venue, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting was scheduled."))
            return redirect(meeting.get_absolute_url())
    return _form(
        request,
        form,
        _("Schedule a meeting"),
        reverse("meetingroom:calendar", args=[venue.pk]),
        venue,
    )


def _form(request, form, title, back, venue=None, **extra):
    return render(
        request,
        "meetingroom/form.html",
        {"form": form, "title": title, "back": back, "venue": venue, **extra},
        status=400 if getattr(form, "errors", None) else 200,
    )


visible_meeting = fetch(Meeting, "venue__site", "created_by")


@signed_in
@require_GET
def meeting_detail(request, pk):
    meeting = visible_meeting(request, pk)
    user = request.user
    notice = MeetingNotice.objects.filter(meeting=meeting).prefetch_related("authorised").first()
    recordings = list(meeting.recordings.select_related("handed_over_by"))
    shown = set(
        visible(user, Item)
        .filter(pk__in=[r.item_id for r in recordings])
        .values_list("pk", flat=True)
    )
    context = {
        "meeting": meeting,
        "notice": notice,
        "authorised": list(notice.authorised.all()) if notice else [],
        "staff": list(meeting.staff.order_by("last_name", "first_name")),
        "admissions": list(meeting.admissions.select_related("subvenue", "verified_by")),
        "deposits": list(meeting.deposits.all()),
        "recordings": [(r, r.item if r.item_id in shown else None) for r in recordings],
        "may_manage": may(user, "meetingroom.schedule_meeting", meeting),
        "may_serve": may(user, "meetingroom.admit_subvenue", meeting),
        "may_hand_over": may(user, "meetingroom.hand_over", meeting),
        "history": list(audit.history(meeting)),
        "open_form": AdmissionOpenForm(
            subvenues=SubVenue.objects.filter(venue=meeting.venue_id, is_active=True)
        ),
    }
    return render(request, "meetingroom/meeting_detail.html", context)


meeting_action = transition_view(MEETING, visible_meeting)


@signed_in
@require_http_methods(["GET", "POST"])
def meeting_staff(request, pk):
    meeting = visible_meeting(request, pk)
    forbid_unless(request.user, "meetingroom.schedule_meeting", meeting)
    form = StaffForm(
        posted(request),
        staff=_staff_choices(meeting.venue),
        initial={"staff": list(meeting.staff.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_meeting_staff(request.user, meeting, form.cleaned_data["staff"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Done."))
            return redirect(meeting.get_absolute_url())
    return _form(request, form, _("Serving staff"), meeting.get_absolute_url(), meeting.venue)


@signed_in
@require_http_methods(["GET", "POST"])
def notice_edit(request, pk):
    meeting = visible_meeting(request, pk)
    forbid_unless(request.user, "meetingroom.schedule_meeting", meeting)
    notice = MeetingNotice.objects.filter(meeting=meeting).first()
    initial = {}
    if notice:
        initial = {
            "number": notice.number,
            "issuer": notice.issuer,
            "issued_on": notice.issued_on,
            "authorised": list(notice.authorised.all()),
        }
    data = posted(request)
    form = NoticeForm(
        data,
        request.FILES if data is not None else None,
        initial=initial,
        subvenues=SubVenue.objects.filter(venue=meeting.venue_id, is_active=True),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_notice(request.user, meeting, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting notice was recorded."))
            return redirect(meeting.get_absolute_url())
    return _form(
        request, form, _("Meeting notice"), meeting.get_absolute_url(), meeting.venue, upload=True
    )


@signed_in
@require_GET
def notice_attachment(request, pk):
    meeting = visible_meeting(request, pk)
    notice = MeetingNotice.objects.filter(meeting=meeting).first()
    if notice is None or not notice.attachment:
        raise Http404
    try:
        handle = services.open_notice_attachment(request.user, notice)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(meeting.get_absolute_url())
    return FileResponse(handle, as_attachment=True, filename=notice.attachment_name)


# --- Sub-venues and their admission ----------------------------------------------------
@signed_in
@require_http_methods(["GET", "POST"])
def subvenue_list(request, pk):
    """The venue's registry of sub-venues; managers add to it."""
    venue = visible_venue(request, pk)
    may_manage = may(request.user, "meetingroom.manage_subvenues", venue)
    if request.method == "POST" and not may_manage:
        forbid_unless(request.user, "meetingroom.manage_subvenues", venue)
    form = SubVenueForm(posted(request)) if may_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.register_subvenue(request.user, venue, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The sub-venue was registered."))
            return redirect("meetingroom:subvenue_list", venue.pk)
    return render(
        request,
        "meetingroom/subvenue_list.html",
        {"venue": venue, "subvenues": SubVenue.objects.filter(venue=venue), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@signed_in
@require_http_methods(["POST"])
def admission_create(request, pk):
    meeting = visible_meeting(request, pk)
    forbid_unless(request.user, "meetingroom.admit_subvenue", meeting)
    form = AdmissionOpenForm(
        request.POST, subvenues=SubVenue.objects.filter(venue=meeting.venue_id, is_active=True)
    )
    if not form.is_valid():
        messages.error(request, _("Choose a sub-venue of the registry."))
        return redirect(meeting.get_absolute_url())
    try:
        admission = services.open_admission(request.user, meeting, form.cleaned_data["subvenue"])
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(meeting.get_absolute_url())
    return redirect(admission.get_absolute_url())


visible_admission = fetch(
    SubVenueAdmission, "meeting__venue__site", "subvenue", "verified_by", "admitted_by"
)


@signed_in
@require_GET
def admission_detail(request, pk):
    admission = visible_admission(request, pk)
    sub = admission.subvenue
    rows = [
        (_("Sub-venue"), sub.name),
        (pgettext("meetingroom", "Organisation"), sub.organisation),
        (_("Contact"), sub.contact),
        (_("Endpoint identifier"), sub.endpoint),
        (_("Meeting"), str(admission.meeting)),
        (
            _("Authorised by the meeting notice"),
            _("yes") if services.meetings.is_authorised(admission.meeting, sub) else _("no"),
        ),
        (_("Status"), admission.get_status_display()),
    ]
    if admission.verified_by:
        rows.append(
            (
                _("Verification"),
                f"{admission.get_method_display()} · {display_name(admission.verified_by)} · "
                f"{timezone.localtime(admission.verified_at):%Y-%m-%d %H:%M}",
            )
        )
    if admission.refusal_reason:
        rows.append((_("Reason for refusal"), admission.refusal_reason))
    return _detail(request, admission, str(admission), rows, admission.meeting)


def _detail(request, obj, title, rows, meeting):
    return render(
        request,
        "meetingroom/detail.html",
        {
            "object": obj,
            "title": title,
            "rows": rows,
            "back": meeting.get_absolute_url(),
            "back_label": meeting.title,
            "history": list(audit.history(obj)),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def admission_verify(request, pk):
    admission = visible_admission(request, pk)
    return transition_page(
        request,
        ADMISSION,
        admission,
        "verify",
        form=VerifyForm(posted(request)),
        template="meetingroom/confirm.html",
    )


admission_action = transition_view(ADMISSION, visible_admission)


@signed_in
@require_GET
@throttled("export")
def admission_sheet(request, pk):
    """The sub-venue admission sheet of a meeting, as PDF."""
    meeting = visible_meeting(request, pk)
    notice = MeetingNotice.objects.filter(meeting=meeting).prefetch_related("authorised").first()
    admissions = {
        a.subvenue_id: a for a in meeting.admissions.select_related("verified_by", "admitted_by")
    }
    authorised = list(notice.authorised.all()) if notice else []
    listed = {s.pk for s in authorised}
    rows = [(s, admissions.get(s.pk)) for s in authorised]
    others = [a for a in admissions.values() if a.subvenue_id not in listed]
    content = render_pdf(
        "meetingroom/pdf/admission_sheet.html",
        {"meeting": meeting, "notice": notice, "rows": rows, "others": others},
        exported_by=request.user,
    )
    audit.record(request.user, "meetingroom.meeting.sheet", meeting)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, _("Admission sheet") + f"-{meeting.pk}.pdf"
    )
    return response


# --- Device deposit -------------------------------------------------------------------
@signed_in
@require_http_methods(["GET", "POST"])
def deposit_create(request, pk):
    meeting = visible_meeting(request, pk)
    forbid_unless(request.user, "meetingroom.keep_devices", meeting)
    form = DepositForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.deposit_devices(request.user, meeting, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The devices were handed in."))
            return redirect(meeting.get_absolute_url())
    return _form(request, form, _("Hand in devices"), meeting.get_absolute_url(), meeting.venue)


visible_deposit = fetch(DeviceDeposit, "meeting__venue__site", "received_by", "returned_by")


@signed_in
@require_GET
def deposit_detail(request, pk):
    deposit = visible_deposit(request, pk)
    rows = [
        (_("Owner"), deposit.owner_name),
        (_("Devices"), f"{deposit.devices} ×{deposit.count}"),
        (_("Tag or box number"), deposit.tag or "—"),
        (_("Received by"), display_name(deposit.received_by)),
        (_("Status"), deposit.get_status_display()),
    ]
    return _detail(request, deposit, str(deposit), rows, deposit.meeting)


deposit_action = transition_view(DEPOSIT, visible_deposit)


# --- Recordings -----------------------------------------------------------------------
@signed_in
@require_http_methods(["GET", "POST"])
def recordings_hand_over(request, pk):
    meeting = visible_meeting(request, pk)
    forbid_unless(request.user, "meetingroom.hand_over", meeting)
    collection = settings_for(meeting.venue).collection
    custodians = (
        collection.custodians.filter(is_active=True)
        if collection
        else get_user_model().objects.none()
    )
    data = posted(request)
    form = HandOverForm(data, custodians=custodians)
    lines = RecordingFormSet(data, prefix="rec")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        recordings = [line.cleaned_data for line in lines if line.cleaned_data]
        try:
            services.hand_over_recordings(
                request.user, meeting, recordings=recordings, **form.cleaned_data
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The recordings were handed to the archive."))
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetingroom/hand_over.html",
        {"meeting": meeting, "form": form, "lines": lines, "collection": collection},
        status=400 if form.errors or lines.total_error_count() else 200,
    )
