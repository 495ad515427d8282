"""Forms of company documents: sending one, revising it."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duties.choices import DocumentKind
from duties.forms.common import (
    CrispyForm,
    DateTimeInput,
    TransitionForm,
    classification_field,
    people_field,
    text_area,
)
from duties.permissions import is_hr, supervised, supervised_site_ids
from onsite.models import Department, Site
from onsite.permissions import visible


def _future(value):
    if value and value <= timezone.now():
        raise forms.ValidationError(_("The deadline must be in the future."))
    return value


class DocumentForm(CrispyForm):
    """Send a document or an item to people, departments or sites, with a deadline."""

    submit_label = _("Send")
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    body = forms.CharField(label=_("Text"), required=False, widget=text_area(6))
    attachment = forms.FileField(label=_("Attachment"), required=False)
    deadline = forms.DateTimeField(label=_("Answer by"), widget=DateTimeInput())
    people = people_field(_("People"), required=False, many=True)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=Department.objects.none(), required=False
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Client sites"),
        queryset=Site.objects.none(),
        required=False,
        help_text=_("Everyone stationed there today."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"] = classification_field()
        self.order_fields(["title", "kind", "body", "attachment", "classification", "deadline"])
        staff = visible(user, get_user_model()).filter(is_active=True, profile__isnull=False)
        self.fields["people"].queryset = staff.exclude(pk=user.pk).order_by("profile__employee_no")
        if is_hr(user):
            self.fields["departments"].queryset = Department.objects.all()
            self.fields["sites"].queryset = Site.objects.filter(is_active=True)
        else:
            self.fields["departments"].queryset = Department.objects.filter(pk__in=supervised(user))
            self.fields["sites"].queryset = Site.objects.filter(pk__in=supervised_site_ids(user))

    def clean_deadline(self):
        return _future(self.cleaned_data.get("deadline"))

    def clean(self):
        data = super().clean()
        if not (data.get("people") or data.get("departments") or data.get("sites")):
            raise forms.ValidationError(_("Choose the people, departments or sites to send to."))
        if not (data.get("body") or "").strip() and not data.get("attachment"):
            raise forms.ValidationError(_("Write the text or attach the document."))
        return data


class ReviseForm(TransitionForm):
    """A revision: new text, deadline and attachment; everyone is asked again."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), required=False, widget=text_area(6))
    attachment = forms.FileField(
        label=_("New attachment"), required=False, help_text=_("Leave empty to keep the old one.")
    )
    deadline = forms.DateTimeField(label=_("Answer by"), widget=DateTimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = _("What changed")
        self.fields["comment"].required = True
        self.order_fields(["title", "body", "attachment", "deadline", "comment"])
        document = self.obj
        if document is not None and not self.is_bound:
            self.initial.update(
                {
                    "title": document.title,
                    "body": document.body,
                    "deadline": timezone.localtime(document.deadline).strftime("%Y-%m-%dT%H:%M"),
                }
            )

    def clean_deadline(self):
        return _future(self.cleaned_data.get("deadline"))
