"""The borrowing terms the borrower signs at hand-over; the receipt fixes text and version."""

from django.utils.translation import gettext_lazy as _

TERMS_VERSION = "2026-1"

TERMS_TEXT = _(
    "1. The borrower keeps the item in person, uses it only for the purpose stated and "
    "does not copy, publish, lend on or take it off the client's premises.\n"
    "2. The item is returned to the custodian by the return date in the condition received; "
    "loss or damage is reported at once.\n"
    "3. Contents are kept secret according to their classification and the company's "
    "confidentiality rules; breaches are handled under the company regulation and the law.\n"
    "4. The borrower's signature below confirms receipt of the item and acceptance of "
    "these terms."
)
