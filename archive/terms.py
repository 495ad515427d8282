"""The terms the borrower signs (at hand-over, at return, for a digital loan); the receipt
fixes text and version."""

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

# What the borrower confirms by signing at the return (the hand-over's terms are not
# repeated there).
RETURN_TEXT = _(
    "The borrower's signature below confirms that the item was given back to the custodian "
    "in the condition recorded, and that no copy of it was kept."
)

DIGITAL_TERMS_VERSION = "2026-D1"

DIGITAL_TERMS_TEXT = _(
    "1. The borrower opens the files in person, only for the purpose stated and only "
    "during the access window granted.\n"
    "2. The borrower makes no copy beyond the download itself, and does not pass the "
    "files or their contents on to anyone, by any means.\n"
    "3. At the end of the window (or when access is revoked) the borrower deletes every "
    "downloaded file and every copy made of it.\n"
    "4. Every download is recorded with its time, address and checksum; the file name "
    "carries the loan number.\n"
    "5. The borrower's signature below confirms acceptance of these terms."
)
