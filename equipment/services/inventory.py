"""Inventory: register and change equipment, retire it, keep its files privately."""

from django.db import transaction
from django.utils.translation import gettext as _

from equipment.choices import EQUIPMENT
from equipment.conf import conf
from equipment.models import Attachment, Equipment
from onsite import audit, uploads
from onsite.models import Site
from onsite.permissions import require
from onsite.storage import sha256_of
from onsite.workflow import WorkflowError, lock

EDITABLE = (
    "venue",
    "room",
    "name",
    "kind",
    "brand",
    "model_name",
    "serial",
    "installed_on",
    "warranty_until",
    "responsible",
    "configuration",
)


def _check_place(site, venue, serial, exclude_pk=None):
    if venue is not None and venue.site_id != site.pk:
        raise WorkflowError(
            _("The venue %(venue)s is not at %(site)s.") % {"venue": venue, "site": site}
        )
    if serial:
        taken = Equipment.objects.filter(site=site, serial=serial).exclude(pk=exclude_pk)
        if taken.exists():
            raise WorkflowError(
                _("Serial number %(serial)s is already recorded at this site.") % {"serial": serial}
            )


def register_equipment(actor, *, site, comment="", **fields):
    """Record a device at a site (and venue) the actor works at.

    Enforces R1-equipment-records, R2.1-client-equipment-care.
    """
    draft = Equipment(site=site, registered_by=actor, **fields)

    def build():
        _check_place(site, draft.venue, draft.serial)
        return draft

    return EQUIPMENT.create(
        actor,
        "register",
        context=draft,
        lock_first=[(Site, site.pk)],
        build=build,
        comment=comment,
    )


@transaction.atomic
def update_equipment(actor, equipment, changes):
    """Change a device's record; the audit entry lists old → new of each changed field.

    Enforces R1-equipment-records, R2.1-installation-records.
    """
    lock(Site, equipment.site_id)
    equipment = lock(Equipment, equipment.pk)
    require(actor, "equipment.edit_equipment", equipment)
    diffs = []
    for name, value in changes.items():
        if name not in EDITABLE:
            raise ValueError(name)
        old = getattr(equipment, name)
        if old != value:
            setattr(equipment, name, value)
            diffs.append(f"{name}: {old if old not in (None, '') else '—'} → {value}")
    _check_place(equipment.site, equipment.venue, equipment.serial, exclude_pk=equipment.pk)
    require(actor, "equipment.register_equipment", equipment)  # a venue the actor works at
    if diffs:
        equipment.save(update_fields=list(changes))
        audit.record(actor, "equipment.equipment.edit", equipment, comment="; ".join(diffs))
    return equipment


@EQUIPMENT.implements("retire")
def retire_equipment(actor, equipment, comment=""):
    """Enforces R1-equipment-records."""
    return EQUIPMENT.run(actor, equipment, "retire", comment=comment)


@EQUIPMENT.implements("reinstate")
def reinstate_equipment(actor, equipment, comment=""):
    """Enforces R1-equipment-records."""

    def clear(equipment):
        equipment.retired_by = None
        equipment.retired_at = None
        return ["retired_by", "retired_at"]

    return EQUIPMENT.run(actor, equipment, "reinstate", comment=comment, change=clear)


@transaction.atomic
def add_attachment(actor, equipment, uploaded, *, kind, note=""):
    """Store an installation record or configuration backup privately with its SHA-256; the
    stored copy is read back and must give the same digest.

    Enforces R2.1-installation-records, R2.1-backups.
    """
    equipment = lock(Equipment, equipment.pk)
    require(actor, "equipment.edit_equipment", equipment)
    uploads.check(uploaded, kinds=uploads.BACKUPS, max_bytes=conf.MAX_UPLOAD_BYTES)
    digest = sha256_of(uploaded)
    record = Attachment(
        equipment=equipment,
        kind=kind,
        original_name=uploaded.name[:200],
        size=uploaded.size,
        sha256=digest,
        note=note,
        uploaded_by=actor,
    )
    record.file.save(uploaded.name, uploaded, save=False)
    with record.file.storage.open(record.file.name, "rb") as stored:
        if sha256_of(stored) != digest:
            record.file.storage.delete(record.file.name)
            raise WorkflowError(_("The file was not stored intact; please upload it again."))
    record.save()
    audit.record(
        actor, "equipment.attachment.upload", equipment, comment=f"{record.original_name} {digest}"
    )
    return record


def open_attachment(actor, attachment):
    """The stored file, after its SHA-256 matched; both outcomes audited.

    The caller fetched ``attachment`` through ``visible()``.

    Enforces R2.1-backups.
    """
    equipment = attachment.equipment
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except FileNotFoundError:
        audit.record(actor, "equipment.attachment.checksum_mismatch", equipment, comment="missing")
        raise WorkflowError(_("The stored file is missing; the download was refused.")) from None
    if sha256_of(handle) != attachment.sha256:
        handle.close()
        audit.record(
            actor,
            "equipment.attachment.checksum_mismatch",
            equipment,
            comment=attachment.original_name,
        )
        raise WorkflowError(
            _("The file does not match its recorded checksum; the download was refused.")
        )
    audit.record(
        actor, "equipment.attachment.download", equipment, comment=attachment.original_name
    )
    return handle
