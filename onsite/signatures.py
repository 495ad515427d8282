"""A person's signature given in the portal: a drawn PNG or their re-entered password.

Used wherever the regulation wants a signature (a loan's hand-over and return, property
handed over, a confidentiality pledge). The form side is ``onsite.forms.SignatureFields``
with ``templates/includes/signature_pad.html``; the service side calls
``given.verify(signer)`` inside its transaction and stores what it returns with the time
and the IP.
"""

import base64
import binascii
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from onsite.choices import SignatureMethod
from onsite.workflow import WorkflowError

MAX_SIGNATURE_BYTES = 300 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DATA_URL_PREFIX = "data:image/png;base64,"


@dataclass
class SignatureInput:
    """What the signer gave: a drawn PNG (bytes) or their password."""

    method: str
    image: bytes = b""
    password: str = ""

    @classmethod
    def from_data_url(cls, data_url):
        if not data_url or not data_url.startswith(DATA_URL_PREFIX):
            raise WorkflowError(_("Draw the signature in the box."))
        try:
            png = base64.b64decode(data_url[len(DATA_URL_PREFIX) :], validate=True)
        except (binascii.Error, ValueError):
            raise WorkflowError(_("The drawn signature could not be read.")) from None
        return cls(method=SignatureMethod.DRAWN, image=png)

    def verify(self, signer):
        """Check the signature is ``signer``'s; returns the PNG to keep (None for a password).

        Raises ``WorkflowError`` saying what is wrong.
        """
        if self.method == SignatureMethod.DRAWN:
            check_drawn(self.image)
            return self.image
        if self.method == SignatureMethod.PASSWORD:
            if not self.password or not signer.check_password(self.password):
                raise WorkflowError(
                    _("The password of %(name)s is not correct.") % {"name": _name(signer)}
                )
            return None
        raise WorkflowError(_("Choose how to sign."))


def _name(user):
    from onsite.names import display_name

    return display_name(user)


def check_drawn(png):
    """A drawn signature is a real, small PNG with at least one stroke."""
    if len(png) > MAX_SIGNATURE_BYTES or not png.startswith(PNG_MAGIC):
        raise WorkflowError(_("The drawn signature could not be read."))
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(png)) as image:
            image.load()
            alpha = image.convert("RGBA").getchannel("A")
    except (UnidentifiedImageError, OSError, ValueError):
        raise WorkflowError(_("The drawn signature could not be read.")) from None
    if alpha.getbbox() is None:
        raise WorkflowError(_("The signature box is empty: please sign."))


def data_url(png):
    """A stored PNG as a data URL for an ``<img>`` (empty for a password signature)."""
    return DATA_URL_PREFIX + base64.b64encode(bytes(png)).decode() if png else ""
