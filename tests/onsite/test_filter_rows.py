"""A filter row is rendered by crispy once per what it shows, and never shown stale: a
renamed department, another language, another query or an invalid value is a new row."""

import pytest
from django.http import QueryDict
from django.utils import translation

from attendance.filters import StaffMonthFilter
from onsite import filter_rows


class _Request:
    def __init__(self, user):
        self.user = user


@pytest.fixture
def rendered(monkeypatch):
    calls = []
    real = filter_rows.render_crispy_form
    monkeypatch.setattr(filter_rows, "render_crispy_form", lambda f: calls.append(1) or real(f))
    monkeypatch.setattr(filter_rows, "_MADE", {})
    return calls


def _row(cast, query):
    from django.contrib.auth import get_user_model

    form = StaffMonthFilter(
        QueryDict(query), queryset=get_user_model().objects.all(), request=_Request(cast.hr)
    ).form
    return str(filter_rows.row_html(form))


def test_the_same_row_is_rendered_once_and_shown_alike(cast, rendered):
    first = _row(cast, f"month=2026-11&department={cast.dept_a.pk}")
    again = _row(cast, f"month=2026-11&department={cast.dept_a.pk}")
    assert first == again and len(rendered) == 1
    assert f'<option value="{cast.dept_a.pk}" selected>{cast.dept_a.name}</option>' in first


def test_a_renamed_department_another_query_or_language_is_a_new_row(cast, rendered):
    query = f"month=2026-11&department={cast.dept_a.pk}"
    _row(cast, query)
    cast.dept_a.name = "新名字部"
    cast.dept_a.save()
    assert "新名字部" in _row(cast, query)
    assert 'value="2026-10"' in _row(cast, "month=2026-10")
    with translation.override("en"):
        assert "Department" in _row(cast, query)
    assert "is-invalid" in _row(cast, "month=2026-11&department=999999")
    assert len(rendered) == 5


def test_at_most_so_many_rows_are_kept(cast, rendered, monkeypatch):
    monkeypatch.setattr(filter_rows, "KEPT", 2)
    for month in ("2026-09", "2026-10", "2026-11"):
        _row(cast, f"month={month}")
    assert len(filter_rows._MADE) == 2
    _row(cast, "month=2026-09")  # the oldest was let go: made again
    assert len(rendered) == 4
