"""The access log: entries, exits, refusals (always recorded) and visits.

Lock order: the ``Venue`` row first, then its visits and log rows (``onsite.workflow``).
A person (or a visit) cannot be inside twice: checked under the venue's lock and held by
partial unique constraints whatever the venue.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetingroom.choices import (
    ENTRY,
    VISIT,
    DenialReason,
    EntryStatus,
    MeetingStatus,
    VisitStatus,
)
from meetingroom.conf import conf
from meetingroom.models import AccessEntry, DeniedAttempt, Meeting, Visit, settings_for
from meetingroom.permissions import leads, manages
from meetingroom.services.pledges import has_valid_pledge
from onsite import audit
from onsite.models import Venue
from onsite.names import display_name
from onsite.notifications import notify
from onsite.permissions import serves_venue
from onsite.workflow import WorkflowError


class EntryRefused(WorkflowError):
    """An entry the rules refuse; the attempt is recorded (``DeniedAttempt``)."""

    def __init__(self, reason, message, meeting=None):
        super().__init__(message)
        self.reason, self.message, self.meeting = reason, message, meeting


# --- Lockdown -------------------------------------------------------------------------
def lockdown_meeting(venue, at):
    """The classified or important meeting locking ``venue`` down at ``at``, or None.

    The window runs from the venue's set time before the start to its set time after the
    end (both ends included).

    Enforces R2.4-classified-meeting-lockdown.
    """
    figures = settings_for(venue)
    return (
        Meeting.objects.filter(
            venue=venue,
            status=MeetingStatus.SCHEDULED,
            starts_at__lte=at + figures.before,
            ends_at__gte=at - figures.after,
        )
        .filter(Q(classification__gte=conf.CLASSIFIED_LEVEL) | Q(important=True))
        .order_by("starts_at")
        .first()
    )


def has_role_at(person, venue, day):
    """Listed at the venue: its managers, its leaders, the staff assigned to its site that day."""
    return manages(person, venue) or leads(person, venue) or serves_venue(person, venue, day)


def _person_refusal(venue, person, at, meeting):
    day = timezone.localdate(at)
    name = display_name(person)
    if meeting:
        if not (manages(person, venue) or serves_venue(person, venue, day)):
            return EntryRefused(
                DenialReason.LOCKDOWN,
                _(
                    "Lockdown for “%(meeting)s”: only the room's managers and the on-site staff "
                    "may enter; %(name)s may not."
                )
                % {"meeting": meeting.title, "name": name},
                meeting,
            )
        if not has_valid_pledge(person, day):
            return EntryRefused(
                DenialReason.NO_PLEDGE,
                _(
                    "Lockdown for “%(meeting)s”: %(name)s holds no valid confidentiality pledge "
                    "and may not enter."
                )
                % {"meeting": meeting.title, "name": name},
                meeting,
            )
        return None
    if not has_role_at(person, venue, day):
        return EntryRefused(
            DenialReason.UNAPPROVED,
            _("%(name)s is not listed for this venue: file a visit for the leader's approval.")
            % {"name": name},
        )
    return None


def _visit_refusal(venue, visit, at, meeting):
    name = visit.visitor_name
    if meeting:
        return EntryRefused(
            DenialReason.LOCKDOWN,
            _("Lockdown for “%(meeting)s”: visitors may not enter (%(name)s).")
            % {"meeting": meeting.title, "name": name},
            meeting,
        )
    if visit.status != VisitStatus.APPROVED:
        return EntryRefused(
            DenialReason.UNAPPROVED,
            _("The visit of %(name)s is not approved by the leader (%(state)s).")
            % {"name": name, "state": visit.get_status_display()},
        )
    if not visit.expected_from <= at <= visit.expected_until:
        window = "{} – {}".format(
            timezone.localtime(visit.expected_from).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(visit.expected_until).strftime("%Y-%m-%d %H:%M"),
        )
        return EntryRefused(
            DenialReason.OUTSIDE_WINDOW,
            _("The visit of %(name)s is approved for %(window)s only.")
            % {"name": name, "window": window},
        )
    return None


def entry_refusal(venue, *, at, person=None, visit=None, name=""):
    """Why this entry is refused now (an ``EntryRefused``), or None if it may be logged.

    Enforces R2.4-control-room-no-unlisted-entry, R2.4-visitor-leader-approval,
    R2.4-classified-meeting-lockdown, R2.4-confidentiality-pledge.
    """
    meeting = lockdown_meeting(venue, at)
    if person is not None:
        return _person_refusal(venue, person, at, meeting)
    if visit is not None:
        return _visit_refusal(venue, visit, at, meeting)
    if meeting:
        return EntryRefused(
            DenialReason.LOCKDOWN,
            _("Lockdown for “%(meeting)s”: %(name)s may not enter.")
            % {"meeting": meeting.title, "name": name},
            meeting,
        )
    return EntryRefused(
        DenialReason.UNAPPROVED,
        _("%(name)s has no approved visit: file one for the leader's approval.") % {"name": name},
    )


def record_denial(actor, venue, refused, *, person=None, visit=None, name="", organisation="", at):
    """Keep a refused attempt (its own transaction, after the refused one rolled back).

    Enforces R2.4-classified-meeting-lockdown.
    """
    with transaction.atomic():
        attempt = DeniedAttempt.objects.create(
            venue=venue,
            person=person,
            visit=visit,
            meeting=refused.meeting,
            name=name[:100],
            organisation=organisation[:150],
            reason=refused.reason,
            message=str(refused.message)[:300],
            attempted_at=at,
            logged_by=actor,
        )
        audit.record(
            actor,
            "meetingroom.entry.deny",
            attempt,
            to_state=refused.reason,
            comment=attempt.message,
        )
    return attempt


# --- Entries and exits ----------------------------------------------------------------
def _who(person, visit, name, organisation):
    if person is not None:
        return display_name(person), organisation or settings.COMPANY_NAME
    if visit is not None:
        return visit.visitor_name, visit.organisation
    return name.strip(), organisation.strip()


def _check_supervisor(venue, visit, supervisor):
    if visit is None:
        return supervisor
    supervisor = supervisor or visit.supervisor
    if not manages(supervisor, venue):
        raise WorkflowError(_("A visitor is supervised by a manager of this venue."))
    return supervisor


def _already_inside(person, visit):
    rows = AccessEntry.objects.filter(exited_at__isnull=True)
    if person is not None:
        return rows.filter(person=person).exists()
    return rows.filter(visit=visit).exists()


def _new_entry(actor, venue, person, visit, who, organisation, purpose, supervisor, now):
    """The entry to save, checked under the venue's lock (or ``EntryRefused``)."""
    refused = entry_refusal(venue, at=now, person=person, visit=visit, name=who)
    if refused:
        raise refused
    if _already_inside(person, visit):
        raise WorkflowError(_("%(name)s is already inside.") % {"name": who})
    return AccessEntry(
        venue=venue,
        person=person,
        visit=visit,
        name=who[:100],
        organisation=organisation[:150],
        purpose=(purpose or (visit.purpose if visit else ""))[:300],
        supervisor=_check_supervisor(venue, visit, supervisor),
        entered_at=now,
        logged_by=actor,
    )


def log_entry(
    actor,
    venue,
    *,
    person=None,
    visit=None,
    name="",
    organisation="",
    purpose="",
    supervisor=None,
    now=None,
):
    """Log one entry into ``venue``: a listed person, an approved visit's visitor, or a
    walk-in (always refused and recorded). A refusal raises ``EntryRefused`` after the
    attempt was recorded.

    Enforces R2.4-control-room-no-unlisted-entry, R2.4-visitor-leader-approval,
    R2.4-visitor-supervised, R2.4-classified-meeting-lockdown, R2.4-confidentiality-pledge.
    """
    now = now or timezone.now()
    who, organisation = _who(person, visit, name, organisation)
    if not who:
        raise WorkflowError(_("Say who enters."))

    def build():
        return _new_entry(actor, venue, person, visit, who, organisation, purpose, supervisor, now)

    try:
        return ENTRY.create(
            actor,
            "enter",
            context=venue,
            lock_first=[(Venue, venue.pk)],
            build=build,
            comment=purpose,
        )
    except EntryRefused as refused:
        record_denial(
            actor,
            venue,
            refused,
            person=person,
            visit=visit,
            name=who,
            organisation=organisation,
            at=now,
        )
        raise
    except IntegrityError:
        raise WorkflowError(_("%(name)s is already inside.") % {"name": who}) from None


@ENTRY.implements("exit")
def log_exit(actor, entry, comment="", now=None):
    """The time out of an entry (never before the time in).

    Enforces R2.4-control-room-no-unlisted-entry.
    """
    return ENTRY.run(actor, entry, "exit", comment=comment, now=now)


@ENTRY.guard("exit")
def _exit_after_entry(entry, user, now):
    if now < entry.entered_at:
        return _("The exit cannot be before the entry.")
    return None


def inside(venue):
    """Who is inside ``venue`` now: its open entries, oldest first (one query)."""
    return (
        AccessEntry.objects.filter(venue=venue, exited_at__isnull=True)
        .select_related("person", "visit", "supervisor")
        .order_by("entered_at", "pk")
    )


# --- Visits ---------------------------------------------------------------------------
def _visit_url(visit):
    return reverse("meetingroom:visit_detail", args=[visit.pk])


def _tell_leaders(visit, title, body=""):
    notify(
        list(visit.venue.leaders.all()),
        title,
        body,
        _visit_url(visit),
        {"name": visit.visitor_name, "venue": visit.venue.name},
    )


def file_visit(
    actor,
    venue,
    *,
    visitor_name,
    organisation,
    id_tail,
    purpose,
    expected_from,
    expected_until,
    supervisor,
):
    """Staff or a manager file a visit for the leader's approval; a manager supervises it.

    Enforces R2.4-visitor-leader-approval, R2.4-visitor-supervised.
    """
    if expected_until <= expected_from:
        raise WorkflowError(_("The visit must end after it starts."))
    if not manages(supervisor, venue):
        raise WorkflowError(_("A visitor is supervised by a manager of this venue."))

    def build():
        return Visit(
            venue=venue,
            visitor_name=visitor_name,
            organisation=organisation,
            id_tail=id_tail,
            purpose=purpose,
            expected_from=expected_from,
            expected_until=expected_until,
            supervisor=supervisor,
            filed_by=actor,
        )

    return VISIT.create(
        actor,
        "file",
        context=venue,
        lock_first=[(Venue, venue.pk)],
        build=build,
        comment=purpose,
        notify=lambda visit: _tell_leaders(
            visit,
            gettext_lazy("Visit of %(name)s to %(venue)s: please approve or reject"),
        ),
    )


@VISIT.guard("approve")
def _window_not_over(visit, user, now):
    if visit.expected_until < now:
        return _("The expected window of this visit is over.")
    return None


def _tell_filer(visit):
    notify(
        [visit.filed_by, visit.supervisor],
        gettext_lazy("Visit of %(name)s: %(decision)s"),
        visit.decision_comment,
        _visit_url(visit),
        {"name": visit.visitor_name, "decision": visit.get_status_display()},
    )


@VISIT.implements("approve")
def approve_visit(actor, visit, comment=""):
    """Enforces R2.4-visitor-leader-approval."""
    return VISIT.run(actor, visit, "approve", comment=comment, notify=_tell_filer)


@VISIT.implements("reject")
def reject_visit(actor, visit, comment=""):
    """Enforces R2.4-visitor-leader-approval."""
    return VISIT.run(actor, visit, "reject", comment=comment, notify=_tell_filer)


@VISIT.implements("cancel")
def cancel_visit(actor, visit, comment=""):
    return VISIT.run(actor, visit, "cancel", comment=comment)


@VISIT.implements("confirm")
def confirm_admission(actor, visit, comment=""):
    """The leader confirms afterwards an admission made without prior approval.

    Enforces R2.4-visitor-leader-approval.
    """
    return VISIT.run(actor, visit, "confirm", comment=comment, notify=_tell_filer)


def _log_in_admitted(actor, visit, now):
    """The visitor admitted exceptionally enters at once, under the admitting manager."""
    entry = AccessEntry.objects.create(
        venue=visit.venue,
        visit=visit,
        name=visit.visitor_name[:100],
        organisation=visit.organisation[:150],
        purpose=visit.purpose[:300],
        supervisor=actor,
        status=EntryStatus.INSIDE,
        entered_at=now,
        logged_by=actor,
    )
    audit.record(
        actor,
        ENTRY.audit_action("enter"),
        entry,
        to_state=entry.status,
        comment=visit.exception_reason,
    )


def admit_visitor(
    actor, venue, *, visitor_name, organisation, id_tail, purpose, expected_until, reason, now=None
):
    """In special circumstances a manager admits a visitor without prior approval: the visit
    is flagged, the visitor logged in under the manager's supervision, and the leader must
    confirm it afterwards (reminded until they do). Never during a lockdown.

    Enforces R2.4-visitor-leader-approval, R2.4-visitor-supervised,
    R2.4-classified-meeting-lockdown.
    """
    now = now or timezone.now()
    if expected_until <= now:
        raise WorkflowError(_("The visit must end after it starts."))

    def build():
        meeting = lockdown_meeting(venue, now)
        if meeting:
            raise entry_refusal(venue, at=now, name=visitor_name)
        return Visit(
            venue=venue,
            visitor_name=visitor_name,
            organisation=organisation,
            id_tail=id_tail,
            purpose=purpose,
            expected_from=now,
            expected_until=expected_until,
            supervisor=actor,
            filed_by=actor,
            exception_reason=reason,
        )

    try:
        return VISIT.create(
            actor,
            "admit",
            context=venue,
            lock_first=[(Venue, venue.pk)],
            build=build,
            comment=reason,
            then=lambda visit: _log_in_admitted(actor, visit, now),
            notify=lambda visit: _tell_leaders(
                visit,
                gettext_lazy("%(name)s was admitted to %(venue)s without prior approval"),
                gettext_lazy("Please confirm the exceptional admission."),
            ),
        )
    except EntryRefused as refused:
        record_denial(actor, venue, refused, name=visitor_name, organisation=organisation, at=now)
        raise
