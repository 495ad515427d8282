"""Forms of daily work: reports, tasks, client requests, written authorisations."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duties.choices import ReportKind, RequestCategory, TaskPriority
from duties.forms.common import (
    CrispyForm,
    DateInput,
    DateTimeInput,
    TransitionForm,
    people_field,
    text_area,
)
from duties.permissions import is_hr, supervised
from onsite.models import Site
from onsite.permissions import assigned_site_ids


def _my_sites(user):
    return Site.objects.filter(pk__in=assigned_site_ids(user))


class ReportForm(CrispyForm):
    """A daily or weekly work report, quick to write on a phone."""

    submit_label = _("Submit the report")
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ReportKind.choices,
        initial=ReportKind.DAILY,
        widget=forms.RadioSelect,
    )
    period_start = forms.DateField(
        label=_("Day (a weekly report covers its week)"), widget=DateInput()
    )
    site = forms.ModelChoiceField(
        label=_("Client site"), queryset=Site.objects.none(), required=False
    )
    work_done = forms.CharField(label=_("Work done"), widget=text_area(4))
    problems = forms.CharField(label=_("Problems"), required=False, widget=text_area(2))
    task_progress = forms.CharField(
        label=_("Progress on tasks"), required=False, widget=text_area(2)
    )
    next_steps = forms.CharField(label=_("Next steps"), required=False, widget=text_area(2))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites = _my_sites(user)
        self.fields["site"].queryset = sites
        self.initial.setdefault("period_start", timezone.localdate())
        if len(sites) == 1:
            self.initial.setdefault("site", sites[0].pk)

    def clean_period_start(self):
        day = self.cleaned_data["period_start"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A report is written for a day or week that has begun."))
        return day


class TaskForm(CrispyForm):
    """A supervisor assigns a task to a person of their departments."""

    submit_label = _("Assign")
    assignee = people_field(_("Assignee"))
    title = forms.CharField(label=_("Title"), max_length=200)
    detail = forms.CharField(label=_("Detail"), required=False, widget=text_area(4))
    site = forms.ModelChoiceField(
        label=_("Client site"), queryset=Site.objects.filter(is_active=True), required=False
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    priority = forms.ChoiceField(
        label=_("Priority"), choices=TaskPriority.choices, initial=TaskPriority.NORMAL
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, profile__department_id__in=supervised(user))
            .exclude(pk=user.pk)
            .select_related("profile")
            .order_by("profile__employee_no")
        )

    def clean_due_date(self):
        day = self.cleaned_data["due_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return day


class ProgressForm(TransitionForm):
    """Progress on a task: what was done and how far along."""

    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=True, **kwargs)
        self.fields["comment"].label = _("What was done")
        if self.obj is not None and not self.is_bound:
            self.initial["progress"] = self.obj.progress
        self.order_fields(["progress", "comment"])


class ClientRequestForm(CrispyForm):
    """What a client asked for, who asked and when."""

    submit_label = _("Log the request")
    site = forms.ModelChoiceField(label=_("Client site"), queryset=Site.objects.none())
    asked_by = forms.CharField(label=_("Who asked"), max_length=100)
    asked_at = forms.DateTimeField(label=_("When"), widget=DateTimeInput())
    category = forms.ChoiceField(label=_("Kind of work"), choices=RequestCategory.choices)
    description = forms.CharField(label=_("What was asked"), widget=text_area(3))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sites = _my_sites(user)
        self.fields["site"].queryset = sites
        self.initial.setdefault("asked_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
        if len(sites) == 1:
            self.initial.setdefault("site", sites[0].pk)

    def clean_asked_at(self):
        when = self.cleaned_data["asked_at"]
        if when > timezone.now():
            raise forms.ValidationError(_("The request cannot be in the future."))
        return when


class AuthorisationForm(CrispyForm):
    """A written authorisation: holder, kinds of work, site, validity, the signed document."""

    submit_label = _("Record the authorisation")
    holder = people_field(_("Holder"))
    reference = forms.CharField(label=_("Document number"), max_length=60, required=False)
    scope = forms.CharField(label=_("Scope"), widget=text_area(3))
    categories = forms.MultipleChoiceField(
        label=_("Kinds of work"),
        choices=RequestCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    site = forms.ModelChoiceField(
        label=_("Client site"),
        queryset=Site.objects.filter(is_active=True),
        required=False,
        empty_label=_("Every site"),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), widget=DateInput())
    attachment = forms.FileField(label=_("Signed document"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True, profile__isnull=False)
        if not is_hr(user):
            people = people.filter(profile__department_id__in=supervised(user))
        self.fields["holder"].queryset = (
            people.exclude(pk=user.pk).select_related("profile").order_by("profile__employee_no")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity must not be before its start."))
        return data
