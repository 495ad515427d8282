"""The confidentiality pledge (保密承诺) signed in the portal; a pledge keeps text and version."""

from django.utils.translation import gettext_lazy as _

PLEDGE_VERSION = "2026-1"

PLEDGE_TEXT = _(
    "1. I know and strictly obey the state's secrecy laws and regulations and every "
    "secrecy rule of the client's secrecy committee.\n"
    "2. I do not disclose, copy, record or pass on anything of a classified or non-public "
    "meeting I serve, during my service or after it.\n"
    "3. I hand in my phone and wireless devices when a classified meeting asks it, and I "
    "hand every recording to the archive's custodian after the meeting.\n"
    "4. I report at once any loss, leak or attempt at unauthorised access.\n"
    "5. I know that a breach is handled under the company regulation and the law."
)
