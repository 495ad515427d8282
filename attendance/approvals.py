"""The approval queue: what waits for a person's decision, read from the workflows.

A section (``choices.QUEUE_SECTIONS``) is shown to whoever decides such requests at all
(its transitions' rules asked without a request); its rows are the requests the person
may see (``visible()``) in the section's state on which they may take one of its
transitions now (``Workflow.allows``: the same checks as the page and the service).
"""

import functools
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from attendance.choices import QUEUE_SECTIONS, REQUEST_FLOWS
from onsite.paging import paginate
from onsite.permissions import may, visible

# What a row shows and what deciding it reads (the applicant and their department), nothing
# more: the applicant (and their profile) as objects, the names of the rest as columns.
_APPLICANT = (
    "user__first_name",
    "user__last_name",
    "user__username",
    "user__profile__department",
)
_FIELDS = {
    "overtime": (
        "date",
        "start_time",
        "end_time",
        "kind",
        "reason",
        "submitted_late",
        "late_reason",
    ),
    "leave": ("start_date", "start_half", "end_date", "end_half", "days", "reason"),
    "correction": ("date", "kind", "time", "reason"),
}
_NAMES = {
    "overtime": {"site_name": F("site__name")},
    "leave": {"leave_type_name": F("leave_type__name")},
    "correction": {},
}
_ORDER = {"overtime": ("date", "id"), "leave": ("start_date", "id"), "correction": ("date", "id")}


@dataclass
class Section:
    what: str
    title: str
    actions: tuple  # (transition name, button label)
    rows: list
    page: object = None  # the page of the section's waiting requests
    param: str = "page"  # the section's own ``?<param>=`` page number
    query: object = None  # the request's query, to page one section and keep the others

    def query_for(self, number):
        query = self.query.copy()
        query[self.param] = number
        return query.urlencode()

    @property
    def previous_query(self):
        return self.query_for(self.page.previous_page_number())

    @property
    def next_query(self):
        return self.query_for(self.page.next_page_number())


def _page(query, param, rows):
    """The core's paging asked for the section's own page number (``?<param>=``), so each
    section pages on its own."""
    return paginate(SimpleNamespace(GET={"page": query.get(param)}), rows)


@dataclass
class _Waiting:
    """A section's waiting requests for the paginator: ``rows`` (sliced for the page) with
    what a row shows, counted on ``counted`` (the same requests without the joins)."""

    rows: object
    counted: object

    def count(self):
        return self.counted.count()

    def __getitem__(self, index):
        return self.rows[index]


@functools.cache
def _queries(what, state):
    """(the section's requests, the same with what a row shows), put together once (most
    of their cost) and copied for each request: a copy runs afresh, nothing read is kept."""
    flow = REQUEST_FLOWS[what]
    counted = flow.model._default_manager.filter(**{flow.field: state})
    rows = (
        counted.select_related("user__profile")
        .only("user", flow.field, "created_at", *_APPLICANT, *_FIELDS[what])
        .annotate(department_name=F("user__profile__department__name"), **_NAMES[what])
        .order_by(*_ORDER[what])
    )
    return counted, rows


def _waiting(user, spec):
    """The section's waiting requests the person sees, with only the columns the row shows
    and its decision reads."""
    counted, rows = _queries(spec.what, spec.state)
    return _Waiting(visible(user, rows.all()), visible(user, counted.all()))


def _decidable(flow, user, row, names, now):
    """``flow.allows(user, row, name, now)`` for any of ``names``; a rule that refused the
    person this row is not asked again for the next transition it governs."""
    refused = set()
    for name in names:
        rule = flow.transition(name).rule
        if rule in refused:
            continue
        reason = flow.refusal(user, row, name, now)
        if reason is None:
            return True
        if isinstance(reason, PermissionDenied):
            refused.add(rule)
    return False


def sections_for(user, query, now=None):
    """The queue's sections for ``user``, each with the page (``query``: the request's
    GET) of the rows they may decide ``now``."""
    now = now or timezone.now()
    found = []
    for spec in QUEUE_SECTIONS:
        flow = spec.workflow
        names = [name for name, _label in spec.actions]
        if not any(may(user, flow.transition(name).rule) for name in names):
            continue
        param = f"{spec.what}-{spec.state}"
        page = _page(query, param, _waiting(user, spec))
        rows = [row for row in page.object_list if _decidable(flow, user, row, names, now)]
        found.append(Section(spec.what, spec.title, spec.actions, rows, page, param, query))
    return found
