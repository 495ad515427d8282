"""Bad input never gives a 500: every URL, as someone allowed to use it, fed junk.

GET pages get nonsense filters and page numbers; every URL also gets a POST of
nonsense fields. The answer may be a form error (200), a redirect or a 4xx page.
"""

import pytest

from tests.access import LOGIN, ROLES
from tests.test_access_matrix import EXPECTATIONS

JUNK_QUERY = {
    "page": "-7",
    "q": "'\"<script>%00",
    "month": "2026-13",
    "year": "两千",
    "status": "nope",
    "department": "abc",
    "site": "99999999",
    "collection": "x",
    "medium": "9",
    "fmt": "exe",
    "date": "2026-02-30",
    "id": "1e9",
    "next": "https://evil.example/",
}
JUNK_POST = {
    **JUNK_QUERY,
    "comment": "x" * 20000,
    "reason": "",
    "start_time": "25:61",
    "end_time": "-1",
    "needed_from": "yesterday",
    "return_by": "0000-00-00",
    "ids": ["abc", "-1", "99999999"],
    "action": "explode",
    "language": "xx",
    "password": "",
    "signature": "data:image/png;base64,@@",
    "latitude": "north",
    "longitude": "1e400",
    "format": "doc",
    "kind": "?",
    "days": "NaN",
}


def _allowed_role(spec):
    """A role that may use the URL (the health URL's 503 tells of the processes, not input)."""
    for role in ROLES:
        if role != "anon" and spec.answer_for(role) not in (LOGIN, 403, 404, 405, 503):
            return role
    return None


CASES = [
    (name, role)
    for name, spec in sorted(EXPECTATIONS.items())
    if (role := _allowed_role(spec)) is not None and not name.startswith("admin:")
]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_junk_never_gives_a_server_error(name, role, cast, client):
    spec = EXPECTATIONS[name]
    client.raise_request_exception = False
    client.force_login(
        getattr(cast, role), backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend"
    )
    url = spec.url(cast)
    got = client.get(url, JUNK_QUERY)
    assert got.status_code < 500, ("GET", name, role, got.status_code)
    posted = client.post(url, JUNK_POST)
    assert posted.status_code < 500, ("POST", name, role, posted.status_code)
