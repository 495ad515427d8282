"""The filter rows' ``QuickSelect`` writes the markup of Django's own ``Select``: chosen,
invalid, grouped, required and hostile labels alike."""

import re

import pytest
from django import forms

from onsite.models import Department
from onsite.widgets import QuickSelect, quick_select


def _same(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


class _Form(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("a", 'A & "B"'), ("b", "<b>bold</b>")])
    grouped = forms.ChoiceField(
        required=False, choices=[("", "---"), ("Near", [("n1", "One"), ("n2", "Two")])]
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"kind": "b", "grouped": "n2"}, {"department": "999999", "kind": "x"}],
    ids=["unbound-choice", "chosen", "invalid"],
)
def test_a_quick_select_writes_what_django_writes(cast, data):
    data = {**data, "department": data.get("department", cast.dept_a.pk)}
    plain, quick = _Form(data), _Form(data)
    for field in quick.fields.values():
        quick_select(field)
    plain.is_valid(), quick.is_valid()
    for name in plain.fields:
        assert isinstance(quick.fields[name].widget, QuickSelect)
        assert _same(quick[name]) == _same(plain[name])


def test_a_quick_select_escapes_labels(cast):
    form = _Form({"kind": "b"})
    quick_select(form.fields["kind"])
    html = str(form["kind"])
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html
    assert "A &amp; &quot;B&quot;" in html
