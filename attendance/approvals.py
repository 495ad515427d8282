"""The approval queue: what waits for a person's decision, read from the workflows.

A section (``choices.QUEUE_SECTIONS``) is shown to whoever decides such requests at all
(its transitions' rules asked without a request); its rows are the requests the person
may see (``visible()``) in the section's state on which they may take one of its
transitions now (``Workflow.allows``: the same checks as the page and the service).
"""

import functools
from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from attendance.choices import QUEUE_SECTIONS, REQUEST_FLOWS
from onsite.models import StaffProfile
from onsite.paging import paginate
from onsite.permissions import may, visible
from onsite.reading import Statement, maker

# What a row shows and what deciding it reads, nothing more: the request's columns, its
# applicant's names and profile (their department), and the names of the rest.
_APPLICANT = ("user__first_name", "user__last_name", "user__username")
_PROFILE = ("user__profile__id", "user__profile__department_id")
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


class _Waiting:
    """A section's waiting requests the person sees, for the paginator: counted, and a page
    of them read as instances of the request, its applicant and their profile (with only
    what a row shows and its decision reads; the rest loads if asked, as ``only()``'s)."""

    def __init__(self, user, what, state):
        self.counting, self.reading = _statements(what, state)
        # visible() gives a person who sees every request the statements' own querysets
        # (compiled once); anyone else's are narrowed to their scope and compiled now.
        self.counted = visible(user, self.counting.queryset)
        self.rows = visible(user, self.reading.queryset)
        self.model = REQUEST_FLOWS[what].model

    def count(self):
        return self.counting.count(self.counted)

    def __getitem__(self, index):
        rows = self.reading.rows(index.start or 0, index.stop, self.rows)
        return _requests(self.model, self.reading.names, rows, self.rows.db)


@functools.cache
def _statements(what, state):
    """(the section's requests, the same with what a row shows) as statements compiled
    once: copies of them narrowed to a person's scope are compiled for each request."""
    flow = REQUEST_FLOWS[what]
    counted = flow.model._default_manager.filter(**{flow.field: state}).order_by()
    rows = (
        counted.annotate(department_name=F("user__profile__department__name"), **_NAMES[what])
        .order_by(*_ORDER[what])
        .values_list(
            "id",
            "user_id",
            flow.field,
            "created_at",
            *_FIELDS[what],
            "department_name",
            *_NAMES[what],
            *_APPLICANT,
            *_PROFILE,
        )
    )
    return Statement(counted.values_list("id")), Statement(rows)


def _requests(model, names, rows, alias):
    """The requests of ``rows`` (columns ``names``: the request's, then the applicant's,
    then their profile's), each with its applicant and their profile (or none) attached as
    ``select_related()`` attaches them."""
    User, Profile = get_user_model(), StaffProfile
    made, make_user, make_profile = maker(model, alias), maker(User, alias), maker(Profile, alias)
    to_user = model._meta.get_field("user")
    to_profile = Profile._meta.get_field("user")
    own = len(names) - len(_APPLICANT) - len(_PROFILE)
    mine = names[:own]
    found = []
    for row in rows:
        request = made(dict(zip(mine, row[:own], strict=True)))
        first, last, username, profile_id, department_id = row[own:]
        user = make_user(
            {"id": request.user_id, "first_name": first, "last_name": last, "username": username}
        )
        profile = None
        if profile_id is not None:
            profile = make_profile(
                {"id": profile_id, "user_id": user.pk, "department_id": department_id}
            )
            to_profile.set_cached_value(profile, user)
        to_profile.remote_field.set_cached_value(user, profile)
        to_user.set_cached_value(request, user)
        found.append(request)
    return found


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
        page = _page(query, param, _Waiting(user, spec.what, spec.state))
        rows = [row for row in page.object_list if _decidable(flow, user, row, names, now)]
        found.append(Section(spec.what, spec.title, spec.actions, rows, page, param, query))
    return found
