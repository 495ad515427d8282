"""Work reports: written daily or weekly, read and commented by the supervisors, and the
list of the people expected at work who have not reported."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duties.choices import REPORT, ReportKind
from duties.expected import days_on
from duties.models import WorkReport
from duties.services.common import local_today, name
from onsite.notifications import notify
from onsite.workflow import WorkflowError


def week_start(day):
    return day - timedelta(days=day.weekday())


def submit_report(
    actor,
    *,
    kind,
    period_start,
    work_done,
    problems="",
    task_progress="",
    next_steps="",
    site=None,
    comment="",
):
    """A staff member reports work done, problems, progress on tasks and next steps for a
    day or a week (one of each per period); the supervisors can read it at once.

    Enforces R2.3-work-reports.
    """
    if kind == ReportKind.WEEKLY:
        period_start = week_start(period_start)
    if period_start > local_today():
        raise WorkflowError(_("A report is written for a day or week that has begun."))
    if not work_done.strip():
        raise WorkflowError(_("Describe the work done."))

    def build():
        if WorkReport.objects.filter(author=actor, kind=kind, period_start=period_start).exists():
            raise WorkflowError(_("You have already reported for this period."))
        return WorkReport(
            author=actor,
            kind=kind,
            period_start=period_start,
            site=site,
            work_done=work_done,
            problems=problems,
            task_progress=task_progress,
            next_steps=next_steps,
        )

    try:
        return REPORT.create(
            actor,
            "submit",
            context=actor,
            lock_first=[(get_user_model(), actor.pk)],
            build=build,
            comment=comment,
        )
    except IntegrityError:
        raise WorkflowError(_("You have already reported for this period.")) from None


@REPORT.implements("comment")
def comment_report(actor, report, comment=""):
    """The author's supervisor reads the report and comments; the author is told.

    Enforces R2.3-work-reports.
    """

    def tell(report):
        notify(
            [report.author],
            gettext_lazy("%(name)s commented on your report of %(day)s"),
            report.supervisor_comment,
            report.get_absolute_url(),
            {"name": name(actor), "day": report.period_start.isoformat()},
        )

    return REPORT.run(actor, report, "comment", comment=comment, notify=tell)


def reported_ids(user_ids, day):
    """Ids of the people with a daily report of ``day`` or a weekly report of its week."""
    return set(
        WorkReport.objects.filter(
            Q(kind=ReportKind.DAILY, period_start=day)
            | Q(kind=ReportKind.WEEKLY, period_start=week_start(day)),
            author_id__in=list(user_ids),
        ).values_list("author_id", flat=True)
    )


def missing_reports(people, day, today=None):
    """[(person, derived day)] of the people expected at work on ``day`` with no report for
    it — read from the attendance derivation, in a fixed number of queries.

    Enforces R2.3-work-reports.
    """
    people = list(people)
    ids = [person.pk for person in people]
    days = days_on(people, day, today=today)
    reported = reported_ids(ids, day)
    return [
        (person, days[person.pk])
        for person in people
        if person.pk not in reported and days[person.pk].expected
    ]
