"""Post duties, the sites' service agreements, client manuals and technical documents (each
kept in versions), and training: planned with attendees, recorded when held, certificates."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import TRAINING
from duties.models import (
    AgreementVersion,
    PostDuty,
    SiteDocument,
    SiteDocumentVersion,
    Training,
    TrainingRecord,
)
from duties.permissions import is_hr, supervised
from duties.services import files
from duties.services.common import local_today, name
from onsite import audit
from onsite.models import Assignment, Site
from onsite.notifications import notify
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock


# --- Post duties ---------------------------------------------------------------------------
def save_post_duty(actor, *, post, duties, site=None, instance=None):
    """HR writes the duty list of a post (for one site or every site); audited.

    Enforces R2.1-post-duties.
    """
    require(actor, "duties.edit_post_duties")
    lines = [line.strip() for line in duties.splitlines() if line.strip()]
    if not post.strip() or not lines:
        raise WorkflowError(_("Name the post and write at least one duty."))
    record = instance or PostDuty()
    record.post, record.site, record.duties = post.strip(), site, "\n".join(lines)
    record.updated_by = actor
    try:
        with transaction.atomic():
            record.save()
            audit.record(actor, "duties.post_duty.edit", record, comment=record.duties)
    except IntegrityError:
        raise WorkflowError(_("This post already has duties for this site.")) from None
    return record


# --- Service agreements and site documents (versioned) ---------------------------------------
def _staff_at(site):
    today = local_today()
    return [
        row.user
        for row in Assignment.objects.filter(site=site, start_date__lte=today)
        .exclude(end_date__lt=today)
        .select_related("user")
    ]


@transaction.atomic
def add_agreement_version(actor, site, *, attachment=None, **fields):
    """A new version of the site's service agreement (work plan, service terms, response
    times); earlier versions are kept. The staff stationed there are told.

    Enforces R2.1-work-plan, R2.1-service-contract-terms.
    """
    require(actor, "duties.write_agreement", site)
    site = lock(Site, site.pk)  # a site before its agreements: numbers never collide
    valid_from, valid_to = fields.get("valid_from"), fields.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise WorkflowError(_("The end of validity must not be before its start."))
    number = (site.agreements.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AgreementVersion(site=site, number=number, created_by=actor, **fields)
    if attachment is not None:
        files.store(version, attachment)
    version.save()
    audit.record(actor, "duties.agreement.version", version, comment=version.note)
    notify(
        _staff_at(site),
        gettext_lazy("The service agreement of %(site)s has a new version (%(n)s)"),
        version.note,
        version.get_absolute_url(),
        {"site": site.name, "n": number},
    )
    return version


@transaction.atomic
def create_site_document(actor, site, *, kind, title, attachment, classification=1, note=""):
    """A client training manual or technical document of a site, with its first version.

    Enforces R2.1-client-training-manuals, R2.1-client-technical-documents.
    """
    require(actor, "duties.upload_site_document", site)
    lock(Site, site.pk)
    if SiteDocument.objects.filter(site=site, kind=kind, title=title).exists():
        raise WorkflowError(_("This site already has a document of that title: add a version."))
    document = SiteDocument.objects.create(
        site=site, kind=kind, title=title, classification=classification, created_by=actor
    )
    _store_version(actor, document, 1, attachment, note)
    return document


@transaction.atomic
def add_site_document_version(actor, document, *, attachment, note=""):
    """A new version of a manual or technical document; earlier versions are kept.

    Enforces R2.1-client-training-manuals, R2.1-client-technical-documents.
    """
    require(actor, "duties.upload_site_document", document.site)
    document = lock(SiteDocument, document.pk)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return _store_version(actor, document, number, attachment, note)


def _store_version(actor, document, number, attachment, note):
    version = SiteDocumentVersion(document=document, number=number, note=note, uploaded_by=actor)
    files.store(version, attachment)
    version.save()
    audit.record(
        actor, "duties.site_document.version", document, comment=f"v{number} {note}".strip()
    )
    return version


# --- Training ------------------------------------------------------------------------------
def plan_training(
    actor, *, title, starts_at, hours, attendees, topic="", site=None, place="", trainer=""
):
    """HR (anyone) or a supervisor (their departments' people) plans a training; the
    attendees are told and reminded before it starts.

    Enforces R2.1-training.
    """
    attendees = list(attendees)
    if not attendees:
        raise WorkflowError(_("Choose the attendees."))
    if not is_hr(actor):
        departments = supervised(actor)
        outside = [
            person
            for person in attendees
            if getattr(getattr(person, "profile", None), "department_id", None) not in departments
        ]
        if outside:
            raise WorkflowError(
                _("%(name)s is not in a department you supervise.") % {"name": name(outside[0])}
            )

    def build():
        return Training(
            title=title,
            topic=topic,
            site=site,
            starts_at=starts_at,
            hours=hours,
            place=place,
            trainer=trainer,
            organiser=actor,
        )

    def tell(training):
        notify(
            attendees,
            gettext_lazy("Training %(title)s on %(when)s"),
            training.place,
            training.get_absolute_url(),
            {"title": title, "when": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")},
        )

    return TRAINING.create(
        actor,
        "plan",
        build=build,
        then=lambda training: training.attendees.set(attendees),
        notify=tell,
    )


@TRAINING.guard("hold")
def _has_started(training, user, now):
    if training.starts_at > now:
        return _("The training has not started yet.")
    return None


@TRAINING.implements("hold")
def hold_training(actor, training, *, present, comment=""):
    """The organiser records who attended; each attendee present gets a training record.

    Enforces R2.1-training.
    """
    present_ids = {person.pk for person in present}

    def record(training):
        attendees = list(training.attendees.all())
        if not present_ids <= {person.pk for person in attendees}:
            raise WorkflowError(_("Only the planned attendees can be recorded."))
        TrainingRecord.objects.bulk_create(
            [
                TrainingRecord(
                    user=person,
                    training=training,
                    date=timezone.localdate(training.starts_at),
                    topic=training.title,
                    hours=training.hours,
                    provider=training.trainer,
                    added_by=actor,
                )
                for person in attendees
                if person.pk in present_ids
            ]
        )

    return TRAINING.run(actor, training, "hold", comment=comment, then=record)


@TRAINING.implements("cancel")
def cancel_training(actor, training, comment=""):
    """Enforces R2.1-training."""

    def tell(training):
        notify(
            list(training.attendees.all()),
            gettext_lazy("Training cancelled: %(title)s"),
            comment,
            training.get_absolute_url(),
            {"title": training.title},
        )

    return TRAINING.run(actor, training, "cancel", comment=comment, notify=tell)


@transaction.atomic
def add_training_record(actor, person, *, date, topic, hours, provider="", attachment=None):
    """A training a person attended (elsewhere, say), with its certificate.

    Enforces R2.1-training.
    """
    require(actor, "duties.add_training_record", person)
    if date > local_today():
        raise WorkflowError(_("A training record is for a training already attended."))
    record = TrainingRecord(
        user=person, date=date, topic=topic, hours=hours, provider=provider, added_by=actor
    )
    if attachment is not None:
        files.store(record, attachment)
    record.save()
    audit.record(actor, "duties.training_record.add", record, comment=topic)
    return record


@transaction.atomic
def attach_certificate(actor, record, attachment):
    """The certificate of a recorded training, uploaded afterwards.

    Enforces R2.1-training.
    """
    require(actor, "duties.add_training_record", record.user)
    record = lock(TrainingRecord, record.pk)
    files.store(record, attachment)
    record.save(update_fields=["file", "original_name", "size", "sha256"])
    audit.record(actor, "duties.training_record.add", record, comment=record.original_name)
    return record
