"""Access matrix helpers: each app lists what every role gets from each URL pattern.

An app's expectations live in ``tests/<app>/access_expectations.py`` as a dict
``EXPECTATIONS = {"namespace:url_name": Expect(...)}``. ``tests/test_access_matrix.py``
checks them for anonymous and every role of the cast, and fails when a URL pattern
of the project has no expectation.
"""

from dataclasses import dataclass, field

LOGIN = "login"  # redirect to the log-in page
ROLES = [
    "anon",
    "staff",
    "supervisor",
    "hr",
    "vp",
    "manager",
    "custodian",
    "leader",
    "outsider",
    "admin",
]


@dataclass
class Expect:
    """``url(cast) -> str``; ``answers`` maps a role (or "default") to a status or LOGIN."""

    url: object
    answers: dict = field(default_factory=dict)
    method: str = "get"
    data: object = None  # dict or callable(cast) -> dict, for POST

    def answer_for(self, role):
        if role in self.answers:
            return self.answers[role]
        if role == "anon":
            return LOGIN
        return self.answers["default"]


def expect(url, default, method="get", data=None, **answers):
    """Shorthand: ``expect(lambda c: reverse(...), 200, outsider=404)``."""
    return Expect(url=url, answers={"default": default, **answers}, method=method, data=data)
