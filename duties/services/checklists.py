"""The working environment (§2.2): each site's daily pre-shift checklist, ticked by the staff
before the shift, and service visits closed by confirming the client environment restored."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duties.choices import VISIT, VisitStatus
from duties.expected import days_on
from duties.models import ChecklistTemplate, DailyChecklist, ServiceVisit
from onsite import audit
from onsite.permissions import require
from onsite.workflow import WorkflowError, lock


@transaction.atomic
def save_checklist_template(actor, site, items):
    """HR or a supervisor of the staff stationed there sets the site's checklist items.

    Enforces R2.2-pre-shift-preparation.
    """
    require(actor, "duties.edit_checklist", site)
    lines = [line.strip() for line in items.splitlines() if line.strip()]
    if not lines:
        raise WorkflowError(_("Write at least one item."))
    template, _created = ChecklistTemplate.objects.update_or_create(
        site=site, defaults={"items": "\n".join(lines), "updated_by": actor}
    )
    audit.record(actor, "duties.checklist_template.edit", template, comment="; ".join(lines))
    return template


def submit_checklist(actor, site, *, ticked, note="", day=None):
    """A staff member ticks the site's checklist before the shift (once a day per site).
    An item left unticked needs a note saying why.

    Enforces R2.2-pre-shift-preparation, R2.2-clean-before-work.
    """
    require(actor, "duties.keep_checklist", site)
    day = day or timezone.localdate()
    template = ChecklistTemplate.objects.filter(site=site).first()
    if template is None:
        raise WorkflowError(_("This site has no checklist yet."))
    items = template.item_list()
    chosen = {int(index) for index in ticked if str(index).isdigit()}
    rows = [[text, index in chosen] for index, text in enumerate(items)]
    if not all(done for _text, done in rows) and not note.strip():
        raise WorkflowError(_("Say why the items left unticked could not be done."))
    try:
        with transaction.atomic():
            lock(get_user_model(), actor.pk)
            if DailyChecklist.objects.filter(user=actor, site=site, date=day).exists():
                raise WorkflowError(_("Today's checklist of this site is already done."))
            checklist = DailyChecklist.objects.create(
                user=actor, site=site, date=day, items=rows, note=note
            )
            undone = [text for text, done in rows if not done]
            audit.record(
                actor, "duties.checklist.submit", checklist, comment="; ".join(undone) or note
            )
    except IntegrityError:
        raise WorkflowError(_("Today's checklist of this site is already done.")) from None
    return checklist


def start_visit(actor, site, *, location, purpose, comment=""):
    """A staff member starts a service visit at a client location.

    Enforces R2.2-restore-client-environment.
    """

    def build():
        return ServiceVisit(user=actor, site=site, location=location, purpose=purpose)

    return VISIT.create(actor, "start", context=site, build=build, comment=comment or purpose)


@VISIT.implements("restore")
def restore_visit(actor, visit, comment=""):
    """After the visit the person confirms the client's environment is restored.

    Enforces R2.2-restore-client-environment.
    """
    return VISIT.run(actor, visit, "restore", comment=comment)


@dataclass
class Completion:
    """One person's day: the derived attendance day, the checklist due and done, visits."""

    person: object
    day: object
    expected: bool = False
    checklist: object = None
    visits: list = field(default_factory=list)

    @property
    def missing(self):
        return self.expected and self.checklist is None

    @property
    def open_visits(self):
        return [visit for visit in self.visits if visit.status == VisitStatus.OPEN]


def completion(people, day, today=None):
    """[Completion] of each person on ``day``: a checklist is due when they are expected at
    work at a site that has one. A fixed number of queries whatever the number of people.

    Enforces R2.2-pre-shift-preparation, R2.2-restore-client-environment.
    """
    people = list(people)
    ids = [person.pk for person in people]
    days = days_on(people, day, today=today)
    with_template = set(ChecklistTemplate.objects.values_list("site_id", flat=True))
    done = {
        (row.user_id, row.site_id): row
        for row in DailyChecklist.objects.filter(user_id__in=ids, date=day)
    }
    visits = defaultdict(list)
    for visit in ServiceVisit.objects.filter(user_id__in=ids, started_at__date=day):
        visits[visit.user_id].append(visit)
    rows = []
    for person in people:
        derived = days[person.pk]
        expected = derived.expected and derived.site_id in with_template
        rows.append(
            Completion(
                person=person,
                day=derived,
                expected=expected,
                checklist=done.get((person.pk, derived.site_id)),
                visits=visits.get(person.pk, []),
            )
        )
    return rows
