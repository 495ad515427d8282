"""Form widgets made in Python where Django's templates cost too much per request."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _attrs(attrs):
    """`` name="value"`` of each attribute as Django's ``attrs.html`` writes them (True: the
    name alone, False: left out), escaped."""
    return mark_safe(  # noqa: S308 - every name and value escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """A ``<select>`` with the markup of Django's own, written without a template per option
    (a list's filter row shows several on every request)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"],
                    _attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


def quick_select(field):
    """Give ``field`` a ``QuickSelect`` in place of a plain ``Select`` (same attributes and
    choices)."""
    if type(field.widget) is forms.Select:
        quick = QuickSelect(attrs=field.widget.attrs)
        quick.choices = field.widget.choices
        quick.is_required = field.widget.is_required
        field.widget = quick
