"""Objects in a given state of each workflow of the duties app (tests/test_workflows.py).

The people are the shared cast: ``staff`` (department A, stationed at cast.site),
``supervisor`` of department A, ``hr``, ``vp``.
"""

from datetime import timedelta

from django.utils import timezone

from tests.factories import PASSWORD


def document(cast, state):
    """A document HR sent to cast.staff (deadline in two days)."""
    from tests.duties.factories import DocumentFactory, make_receipt

    sent = DocumentFactory(sender=cast.hr, status=state)
    make_receipt(sent, cast.staff)
    return sent


def receipt(cast, state):
    """cast.staff's receipt of a document HR sent (deadline in two days)."""
    from tests.duties.factories import DocumentFactory, make_receipt

    return make_receipt(DocumentFactory(sender=cast.hr), cast.staff, state)


def report(cast, state):
    """A daily report of cast.staff."""
    from tests.duties.factories import ReportFactory

    return ReportFactory(author=cast.staff, status=state)


def task(cast, state):
    """A task the supervisor assigned to cast.staff."""
    from tests.duties.factories import TaskFactory

    return TaskFactory(assignee=cast.staff, assigned_by=cast.supervisor, status=state)


def client_request(cast, state):
    """A request cast.staff logged at cast.site, covered by an authorisation in force."""
    from tests.duties.factories import AuthorisationFactory, ClientRequestFactory

    AuthorisationFactory(holder=cast.staff, issued_by=cast.hr, site=cast.site)
    return ClientRequestFactory(logged_by=cast.staff, site=cast.site, status=state)


def authorisation(cast, state):
    """An authorisation the supervisor issued to cast.staff."""
    from tests.duties.factories import AuthorisationFactory

    return AuthorisationFactory(holder=cast.staff, issued_by=cast.supervisor, status=state)


def visit(cast, state):
    """A service visit of cast.staff at cast.site."""
    from tests.duties.factories import VisitFactory

    return VisitFactory(user=cast.staff, site=cast.site, status=state)


def custody(cast, state):
    """A laptop HR handed to cast.staff."""
    from tests.duties.factories import CustodyFactory

    return CustodyFactory(holder=cast.staff, handed_over_by=cast.hr, status=state)


def vp_request(cast, state):
    """cast.staff asks for a higher communication allowance."""
    from tests.duties.factories import VPRequestFactory

    return VPRequestFactory(applicant=cast.staff, status=state)


def training(cast, state):
    """A training HR organised for cast.staff, begun an hour ago."""
    from tests.duties.factories import TrainingFactory

    return TrainingFactory(
        organiser=cast.hr,
        attendees=[cast.staff],
        starts_at=timezone.now() - timedelta(hours=1),
        status=state,
    )


def _password_signature():
    from onsite.signatures import SignatureInput

    return SignatureInput(method="password", password=PASSWORD)


SAMPLES = {
    "duties.document": document,
    "duties.receipt": receipt,
    "duties.report": report,
    "duties.task": task,
    "duties.client_request": client_request,
    "duties.authorisation": authorisation,
    "duties.visit": visit,
    "duties.custody": custody,
    "duties.vp_request": vp_request,
    "duties.training": training,
}

# What a transition's service needs besides ``comment``.
ARGUMENTS = {
    ("duties.document", "revise"): lambda cast, obj: {
        "body": "修订后的要求。",
        "deadline": timezone.now() + timedelta(days=3),
    },
    ("duties.task", "progress"): lambda cast, obj: {"progress": 50},
    ("duties.training", "hold"): lambda cast, obj: {"present": [cast.staff]},
    ("duties.custody", "return"): lambda cast, obj: {
        "condition": "good",
        "signature": _password_signature(),
        "own_password": PASSWORD,
    },
    ("duties.custody", "transfer"): lambda cast, obj: {
        "to": cast.manager,
        "condition": "good",
        "signature": _password_signature(),
        "holder_password": PASSWORD,
    },
}
