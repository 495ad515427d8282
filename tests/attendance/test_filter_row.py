"""The month lists' filter row is really on the page (crispy renders nothing, silently, when
a field template fails): its fields, the chosen values, and an invalid value's message."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["team", "summary", "unapproved"])
def test_the_filter_row_shows_its_fields_and_the_chosen_department(cast, login, name):
    client = login(cast.hr)
    page = client.get(
        reverse(f"attendance:{name}"), {"month": "2026-11", "department": cast.dept_a.pk}
    ).content.decode()
    assert 'name="month" value="2026-11"' in page
    assert f'<option value="{cast.dept_a.pk}" selected>' in page
    assert '<select name="site"' in page
    assert 'type="submit"' in page


def test_an_invalid_department_is_shown_as_a_message_on_the_filter(cast, login):
    client = login(cast.hr)
    response = client.get(reverse("attendance:team"), {"department": "999999"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "is-invalid" in page and 'class="invalid-feedback"' in page
