"""The duties lists' filter row, made once per what it shows (``onsite.filter_rows``), is the
row its template lays out: its fields with the chosen values, a bad date's message, and a
new query or language is a new row, never the last one shown."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_report_filter_row_shows_the_chosen_values_of_each_request(cast, login):
    client = login(cast.supervisor)
    url = reverse("duties:report_team")
    page = client.get(url, {"kind": "weekly", "q": "张<b>"}).content.decode()
    assert '<option value="weekly" selected>' in page
    assert 'name="q" value="张&lt;b&gt;"' in page
    again = client.get(url, {"kind": "daily"}).content.decode()
    assert '<option value="daily" selected>' in again and 'value="张&lt;b&gt;"' not in again
    bad = client.get(url, {"start": "2026-13-45"})
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url, {"kind": "daily"}).content.decode()
    assert "Filter</button>" in english and "Filter</button>" not in again
