"""Widgets and fields shared by the duties forms."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from duties.choices import classification_levels
from onsite.names import display_name


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def text_area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


def person_label(user):
    profile = getattr(user, "profile", None)
    number = f" ({profile.employee_no})" if profile else ""
    return f"{display_name(user)}{number}"


def people_field(label, queryset=None, required=True, many=False):
    field_class = forms.ModelMultipleChoiceField if many else forms.ModelChoiceField
    field = field_class(
        label=label,
        queryset=queryset if queryset is not None else get_user_model().objects.none(),
        required=required,
    )
    field.label_from_instance = person_label
    return field


def classification_field(initial=0):
    return forms.TypedChoiceField(
        label=_("Classification"), coerce=int, choices=classification_levels(), initial=initial
    )


class CrispyForm(forms.Form):
    """A form rendered by crispy inside a page's own ``<form>`` tag."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class TransitionForm(CrispyForm):
    """The comment of a transition plus its own fields (``service_kwargs`` for the service);
    built as ``form_class(data, obj=obj, user=user)`` by the generic transition pages."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=text_area())

    def __init__(self, *args, obj=None, user=None, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj, self.user = obj, user
        if required:
            self.fields["comment"].required = True

    def service_kwargs(self):
        return dict(self.cleaned_data)


def comment_form(label, required=True):
    """A transition form whose comment is named ``label`` (a written explanation, a reply…)."""

    class LabelledComment(TransitionForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, required=required, **kwargs)
            self.fields["comment"].label = label

    return LabelledComment
