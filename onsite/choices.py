"""Constants of the core: roles, venue kinds, e-mail relay states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """The role groups (created by a data migration). A person may hold several."""

    STAFF = "staff", _("On-site staff")
    SUPERVISOR = "supervisor", _("Department supervisor")
    HR = "hr", _("HR admin")
    VP = "vp", _("Vice president")
    VENUE_MANAGER = "venue_manager", _("Control-room manager")
    CUSTODIAN = "custodian", _("Archive custodian")
    LEADER = "leader", _("Leader in charge")
    ADMIN = "admin", _("Administrator")


# Roles whose scope is the whole company.
COMPANY_WIDE_ROLES = frozenset({Role.HR, Role.VP, Role.ADMIN})


class VenueKind(models.TextChoices):
    MEETING_ROOM = "meeting_room", _("Meeting venue")
    CONTROL_ROOM = "control_room", _("A/V control room")


class EmailState(models.TextChoices):
    """Where a notification's e-mail is in the outbox."""

    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("No e-mail address")
    FAILED = "failed", _("Failed")


EMAIL_MAX_ATTEMPTS = 5


class ExportState(models.TextChoices):
    """Where a file made in the background (an attendance export, an archive register) is."""

    QUEUED = "queued", pgettext_lazy("export state", "Waiting")
    RUNNING = "running", pgettext_lazy("export state", "Being made")
    DONE = "done", pgettext_lazy("export state", "Ready")
    FAILED = "failed", pgettext_lazy("export state", "Failed")
    EXPIRED = "expired", pgettext_lazy("export state", "Expired")


class SignatureMethod(models.TextChoices):
    """How a person signs in the portal (``onsite.signatures``)."""

    DRAWN = "drawn", _("Drawn signature")
    PASSWORD = "password", _("Password re-entered")
