"""Background exports of the archive: registers too long to make in a request.

Made by the core's export framework (``onsite.exports``): queued, claimed once, built in
the requester's language with the rows they may see when it runs, stored privately with
its SHA-256, downloadable by the requester only until it expires.
"""

from django.utils.translation import gettext_lazy as _

from archive.choices import RegisterKind
from archive.models import RegisterExport
from archive.permissions import access_levels
from archive.registers import build_register
from onsite import exports

SEARCH_KEYS = ("q", "collection", "medium")


def _builder(kind):
    def build(export, progress):
        # What the requester may see as it is built: the download checks it still holds.
        levels = {str(k): v for k, v in access_levels(export.requested_by).items()}
        export.params = {**export.params, "access": levels}
        type(export).objects.filter(pk=export.pk).update(params=export.params)
        content, count, name = build_register(export.requested_by, kind, export.params, "pdf")
        return content, name, count

    return build


def _still_allowed(user, export):
    """A register is read only while the owner sees at least what it was built from: a grant
    lowered or withdrawn (or a custodian or leader relieved) refuses it until made again."""
    now = access_levels(user)
    built = export.params.get("access")
    if built is None:
        return True  # made before access was recorded: it expires within the week as it is
    return all(now.get(int(pk), -1) >= level for pk, level in built.items())


exports.builder(
    "archive.items", RegisterExport, label=_("Collection register"), recheck=_still_allowed
)(_builder(RegisterKind.ITEMS))
exports.builder("archive.loans", RegisterExport, label=_("Loan register"), recheck=_still_allowed)(
    _builder(RegisterKind.LOANS)
)


def queue_register(user, kind, params):
    """Have a PDF register made in the background for ``user`` (the search it was made with)."""
    kept = {key: params.get(key, "") for key in SEARCH_KEYS if params.get(key)}
    return exports.queue(user, f"archive.{kind}", fmt="pdf", params=kept)
