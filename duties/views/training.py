"""Training: planned with attendees, attendance recorded when held, each person's records
with their certificates."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from duties.choices import TRAINING
from duties.forms.common import comment_form
from duties.forms.site import AttendanceForm, CertificateForm, TrainingForm, TrainingRecordForm
from duties.models import Training, TrainingRecord
from duties.services import papers as service
from duties.views.common import fetch, forbid_unless, form_page
from onsite import audit
from onsite.access import allowed, signed_in
from onsite.paging import paginate, posted
from onsite.permissions import may, visible
from onsite.transition_views import transition_page, transition_view
from onsite.workflow import WorkflowError


@signed_in
@require_GET
def training_list(request):
    trainings = visible(request.user, Training).select_related("site", "organiser")
    context = {
        "page": paginate(request, trainings.order_by("-starts_at", "-pk")),
        "plans": may(request.user, "duties.plan_training"),
    }
    return render(request, "duties/training_list.html", context)


@allowed("duties.plan_training")
@require_http_methods(["GET", "POST"])
def training_create(request):
    form = TrainingForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            training = service.plan_training(request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The attendees are told and reminded before it starts."))
            return redirect(training)
    return form_page(
        request, form, title=_("Plan a training"), back=reverse("duties:training_list")
    )


def visible_training(request, pk):
    return fetch(request, Training.objects.select_related("site", "organiser", "recorded_by"), pk)


@signed_in
@require_GET
def training_detail(request, pk):
    training = visible_training(request, pk)
    records = {record.user_id: record for record in training.records.all()}
    attendees = [
        (person, records.get(person.pk))
        for person in training.attendees.select_related("profile").order_by("profile__employee_no")
    ]
    context = {
        "training": training,
        "attendees": attendees,
        "history": list(audit.history(training)),
    }
    return render(request, "duties/training_detail.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def training_hold(request, pk):
    training = visible_training(request, pk)
    return transition_page(
        request,
        TRAINING,
        training,
        "hold",
        form=AttendanceForm(posted(request), obj=training, user=request.user),
        template="duties/transition_form.html",
        context={
            "title": _("Record attendance"),
            "question": _("Each attendee present gets a training record."),
        },
    )


training_action = transition_view(
    TRAINING,
    visible_training,
    forms={"cancel": comment_form(gettext_lazy("Why it is cancelled"))},
)


@signed_in
@require_GET
def training_records(request):
    """A person's training records (my own unless HR or a supervisor names someone)."""
    person = request.user
    wanted = request.GET.get("person", "")
    if wanted.isdigit() and int(wanted) != request.user.pk:
        person = get_object_or_404(visible(request.user, get_user_model()), pk=int(wanted))
    records = visible(request.user, TrainingRecord).filter(user=person)
    context = {
        "person": person,
        "page": paginate(request, records.select_related("training").order_by("-date", "-pk")),
        "adds": may(request.user, "duties.add_training_record", person) and person == request.user,
    }
    return render(request, "duties/training_records.html", context)


@allowed("duties.add_training_record")
@require_http_methods(["GET", "POST"])
def training_record_create(request):
    form = TrainingRecordForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.add_training_record(request.user, request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The training is recorded."))
            return redirect("duties:training_records")
    return form_page(
        request,
        form,
        title=_("Record a training I attended"),
        back=reverse("duties:training_records"),
    )


@signed_in
@require_http_methods(["GET", "POST"])
def training_record_certificate(request, pk):
    record = fetch(request, TrainingRecord.objects.select_related("user__profile"), pk)
    forbid_unless(request.user, "duties.add_training_record", record.user)
    form = CertificateForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.attach_certificate(request.user, record, form.cleaned_data["attachment"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The certificate is kept with the record."))
            return redirect(record)
    return form_page(
        request,
        form,
        title=_("Certificate of %(topic)s") % {"topic": record.topic},
        back=record.get_absolute_url(),
    )
