"""A list's filter row (a GET form laid out by crispy) made once per what it shows.

The row of a month list is the same HTML for everyone who asks with the same query, in the
same language, with the same choices offered: rendering it through crispy's layout and
Django's widget templates cost more than the rest of the base page (3.5 ms), on every
request. ``row_html`` renders it with crispy as before and keeps the HTML under a key made
of everything it shows — the form's class, the language, the query, the choices offered
(value and label, read as the form validates) and the errors — so a renamed department or
a new site is a new key, never a stale row. At most ``KEPT`` rows are kept per process.
"""

from crispy_forms.utils import render_crispy_form
from django.template.loader import render_to_string
from django.utils.translation import get_language

KEPT = 512
_MADE = {}


def _choices(form):
    found = []
    for name, field in form.fields.items():
        choices = getattr(field, "choices", None)
        if choices is not None:
            found.append((name, tuple((str(v), str(label)) for v, label in choices)))
    return tuple(found)


def _key(form, template):
    form.is_valid()  # the errors are shown, and the choices read once
    return (
        template,
        type(form).__module__,
        type(form).__qualname__,
        tuple(name for name in form.fields),
        get_language(),
        tuple(sorted((k, tuple(v)) for k, v in form.data.lists())),
        _choices(form),
        tuple(sorted((k, tuple(map(str, v))) for k, v in form.errors.items())),
    )


def row_html(form, template=None):
    """The crispy HTML of ``form`` (a bound GET filter form with a helper), or ``template``
    rendered with it as ``form`` (a row laid out field by field)."""
    key = _key(form, template)
    html = _MADE.get(key)
    if html is None:
        if template is None:
            html = render_crispy_form(form)
        else:
            html = render_to_string(template, {"form": form})
        if len(_MADE) >= KEPT:
            _MADE.pop(next(iter(_MADE)))
        _MADE[key] = html
    return html
