"""Pinning a daily page's SQL queries at two data sizes (tests/<app>/test_query_counts.py).

A daily page (a list or dashboard a person opens every day) must run the same number of
queries with ten times the rows, and at most ``MAX_QUERIES`` with the signed-in overhead
included (issue 13): a regression that adds a query per row fails CI.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

MAX_QUERIES = 15


def queries(client, url):
    """The queries of one GET of ``url`` (after a first GET: the session's renewal is not
    the page's cost)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries]


def pinned(client, url, add_rows, small=5, factor=10):
    """Add ``small`` rows, count; add up to ``small * factor``, count: the same, ≤ 15."""
    add_rows(small)
    few = queries(client, url)
    add_rows(small * factor - small)
    many = queries(client, url)
    assert len(few) == len(many), _diff(few, many)
    assert len(many) <= MAX_QUERIES, "\n".join(many)
    return len(many)


def _diff(few, many):
    return f"{len(few)} queries with few rows, {len(many)} with many:\n" + "\n".join(many)
