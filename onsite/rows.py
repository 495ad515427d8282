"""Pieces for list rows made in Python (a busy list's ``<td>`` built once per row instead of
a dozen template lookups each): an object's address with its id filled in, and the texts of
one page worked out once."""

import unicodedata

from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator

from onsite.templatetags.onsite_tags import ago

_PK = 918273645  # a number no page link holds otherwise, replaced by each row's pk


def link_to(url_name):
    """``url_name``'s address with ``{pk}`` in place of the request's id (reversed once)."""
    return reverse(url_name, args=[_PK]).replace(str(_PK), "{pk}")


def short(text, length):
    """``text|truncatechars:length``, escaped (a text that fits is only normalised, as the
    filter does)."""
    text = unicodedata.normalize("NFC", text)
    return escape(text if len(text) <= length else Truncator(text).chars(length))


class Once(dict):
    """The texts of one page, each worked out (and escaped) once: a choice's label, how long
    a request has waited (``|ago`` says the same for every moment in the same minute ago)."""

    def __init__(self, now):
        super().__init__()
        self.now = now

    def label(self, row, field):
        key = (type(row), field, getattr(row, field))
        if key not in self:
            self[key] = escape(getattr(row, f"get_{field}_display")())
        return self[key]

    def ago(self, moment):
        seconds = int((self.now - moment).total_seconds())  # as ``ago`` counts them
        key = ("ago", seconds < 0, abs(seconds) // 60)
        if key not in self:
            self[key] = escape(ago(moment, self.now))
        return self[key]
