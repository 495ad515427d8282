"""Background exports of the archive: registers too long to make in a request.

Made by the core's export framework (``onsite.exports``): queued, claimed once, built in
the requester's language with the rows they may see when it runs, stored privately with
its SHA-256, downloadable by the requester only until it expires.
"""

from django.utils.translation import gettext_lazy as _

from archive.choices import RegisterKind
from archive.models import RegisterExport
from archive.registers import build_register
from onsite import exports

SEARCH_KEYS = ("q", "collection", "medium")


def _builder(kind):
    def build(export, progress):
        content, count, name = build_register(export.requested_by, kind, export.params, "pdf")
        return content, name, count

    return build


exports.builder("archive.items", RegisterExport, label=_("Collection register"))(
    _builder(RegisterKind.ITEMS)
)
exports.builder("archive.loans", RegisterExport, label=_("Loan register"))(
    _builder(RegisterKind.LOANS)
)


def queue_register(user, kind, params):
    """Have a PDF register made in the background for ``user`` (the search it was made with)."""
    kept = {key: params.get(key, "") for key in SEARCH_KEYS if params.get(key)}
    return exports.queue(user, f"archive.{kind}", fmt="pdf", params=kept)
