"""Service visits (§2.2), training and the sites' documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onsite.workflow import INITIAL, Transition, Workflow


# --- Daily checklists and service visits (§2.2) -------------------------------------------
class VisitStatus(models.TextChoices):
    OPEN = "open", _("Under way")
    RESTORED = "restored", _("Environment restored")


VISIT = Workflow(
    "duties.visit",
    "duties.ServiceVisit",
    url_name="duties:visit_action",
    labels=dict(VisitStatus.choices),
    tones={"open": "waiting", "restored": "done"},
    transitions=[
        Transition("start", source=[INITIAL], target=VisitStatus.OPEN, rule="duties.log_visit"),
        Transition(
            "restore",
            source=[VisitStatus.OPEN],
            target=VisitStatus.RESTORED,
            rule="duties.close_visit",
            label=_("Environment restored"),
            title=_("Confirm the client environment is restored"),
            question=_(
                "Furniture, cables, settings and the room are as the client left them; "
                "note anything that could not be restored."
            ),
            comment_field="restored_note",
            stamp=("restored_by", "restored_at"),
        ),
    ],
)


# --- Training and the sites' papers -------------------------------------------------------
class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", pgettext_lazy("training", "Cancelled")


TRAINING = Workflow(
    "duties.training",
    "duties.Training",
    url_name="duties:training_action",
    labels=dict(TrainingStatus.choices),
    tones={"planned": "waiting", "held": "done", "cancelled": "cancelled"},
    transitions=[
        Transition(
            "plan", source=[INITIAL], target=TrainingStatus.PLANNED, rule="duties.plan_training"
        ),
        Transition(
            "hold",
            source=[TrainingStatus.PLANNED],
            target=TrainingStatus.HELD,
            rule="duties.run_training",
            label=_("Record attendance"),
            url_name="duties:training_hold",
            stamp=("recorded_by", "recorded_at"),
        ),
        Transition(
            "cancel",
            source=[TrainingStatus.PLANNED],
            target=TrainingStatus.CANCELLED,
            rule="duties.run_training",
            label=_("Cancel"),
            title=_("Cancel the training"),
            question=_("The attendees are told."),
            comment_required=True,
            danger=True,
        ),
    ],
)


class SiteDocumentKind(models.TextChoices):
    MANUAL = "manual", _("Client training manual")
    TECHNICAL = "technical", _("Client technical document")
