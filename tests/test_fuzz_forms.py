"""Hostile values posted to every form of every app (Hypothesis): never a 500, and never a
changed row the person may not change.

For every URL of the access matrix, as someone allowed to use it: the page's POST form is
read (its field names; the expectation's data for action URLs), then each example posts every
field a hostile value — very long text, unicode, NUL, negative and huge numbers, malformed
dates, SQL, and the ids of objects the person may not see. The answer is below 500, and no
row the person may not see (``visible``) was changed or deleted. Someone not allowed to use
the URL posts the same and changes nothing at all.
"""

import hashlib
from html.parser import HTMLParser

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onsite.permissions import _SCOPES, visible
from tests.access import LOGIN, ROLES
from tests.test_access_matrix import EXPECTATIONS
from tests.test_bad_input import JUNK_POST, _allowed_role

NASTY_TEXT = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(["x" * 100_000, "\u202e\u0000" + "名" * 300, "'; DROP TABLE auth_user; --"]),
    st.sampled_from(["-1", "0", "-99999999999", "9" * 40, "1e400", "NaN", "Infinity", "0x1F"]),
    st.sampled_from(["2026-02-30", "0000-00-00", "9999-99-99", "31/12/2026", "2026-13-01"]),
    st.sampled_from(["25:61", "-1:00", "T", "2026-05-01T99:99", "", " ", "[]", "{}", "null"]),
)


VOLATILE = {"last_login"}  # signing in (force_login) stamps it


class Fields(HTMLParser):
    """The field names of a page's POST forms."""

    def __init__(self):
        super().__init__()
        self.names, self._in_post = set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_post = (attrs.get("method") or "").lower() == "post"
        elif (
            self._in_post
            and tag in ("input", "select", "textarea")
            and attrs.get("name") not in (None, "csrfmiddlewaretoken")
            and attrs.get("type") != "file"
        ):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post = False


def _unseen(user):
    """``{model label: {pk: digest}}`` of every scoped row ``user`` may not see."""
    found = {}
    for label in _SCOPES:
        model = apps.get_model(label)
        hidden = model._base_manager.exclude(pk__in=visible(user, model).values("pk"))
        found[label] = {
            row["pk"]: hashlib.sha256(repr(sorted(row.items())).encode()).hexdigest()
            for row in hidden.values(
                "pk", *[f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE]
            )
        }
    return found


def _unchanged(before, after):
    """The rows of ``before`` changed or gone in ``after`` (new rows may appear)."""
    return {
        label: pk
        for label, rows in before.items()
        for pk, digest in rows.items()
        if after[label].get(pk) != digest
    }


def _outsider_for(spec):
    for role in reversed(ROLES):
        if role != "anon" and spec.answer_for(role) in (403, 404):
            return role
    return None


CASES = [
    (name, role)
    for name, spec in sorted(EXPECTATIONS.items())
    if (role := _allowed_role(spec)) is not None and not name.startswith("admin:")
]


@pytest.mark.parametrize(("name", "role"), CASES)
@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_values_never_give_a_500_nor_change_what_the_person_may_not(
    name, role, cast, client, data
):
    spec = EXPECTATIONS[name]
    client.raise_request_exception = False
    state = _prepare(name, spec, role, cast, client)
    hidden_ids = [pk for rows in state["before"].values() for pk in rows] or [99999]
    values = {
        field: data.draw(st.one_of(NASTY_TEXT, st.sampled_from(hidden_ids).map(str)), label=field)
        for field in sorted(state["fields"])
    }
    user = getattr(cast, role)
    client.force_login(user, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
    response = client.post(state["url"], values)
    assert response.status_code < 500, (name, role, response.status_code, values)
    changed = _unchanged(state["before"], _unseen(user))
    assert not changed, (name, role, "changed rows it may not see", changed)
    if state.pop("outsider", None):  # once per URL: someone not allowed changes nothing
        stranger = getattr(cast, _outsider_for(spec))
        everything = _unseen(_nobody(cast))
        client.force_login(stranger, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
        refused = client.post(state["url"], values)
        assert refused.status_code < 500
        assert not _unchanged(everything, _unseen(_nobody(cast))), (name, state["outsider"])


def _nobody(cast):
    """A person who sees nothing: every scoped row is 'unseen' (a snapshot of all rows)."""
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


_PREPARED = {}


def _prepare(name, spec, role, cast, client):
    """Once per test: the URL (its objects made), the form's fields, the unseen rows."""
    key = (name, id(cast))
    if key not in _PREPARED:
        _PREPARED.clear()
        user = getattr(cast, role)
        client.force_login(user, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
        url = spec.url(cast)
        fields = set(JUNK_POST) if spec.method == "post" else set()
        data = spec.data(cast) if callable(spec.data) else spec.data
        fields |= set(data or {})
        if spec.method == "get":
            page = client.get(url)
            if "html" in page.get("Content-Type", "") and not page.streaming:
                parser = Fields()
                parser.feed(page.content.decode("utf-8", "replace"))
                fields |= parser.names
        outsider = _outsider_for(spec)
        _PREPARED[key] = {
            "url": url,
            "fields": fields or {"comment"},
            "before": _unseen(user),
            "outsider": outsider if outsider and outsider != role else None,
        }
    return _PREPARED[key]


def test_the_fuzz_covers_every_app():
    covered = {name.split(":")[0] for name, _role in CASES}
    assert {"onsite", "attendance", "archive", "meetingroom", "equipment", "duties"} <= covered
    assert LOGIN not in {role for _name, role in CASES}


def test_an_id_past_the_databases_range_in_a_choice_is_a_bad_request(cast, login):
    """Found by the fuzz: 2⁶³ in a multiple choice overflowed SQLite (a 500)."""
    from django.urls import reverse

    client = login(cast.supervisor)
    client.raise_request_exception = False
    response = client.post(reverse("duties:document_create"), {"sites": str(2**63), "title": "x"})
    assert response.status_code == 400
