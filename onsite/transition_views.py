"""The page of a transition: GET asks for confirmation, POST runs the transition's service.

Every app builds its transition pages from these two helpers, so every action page
refuses, confirms and reports the same way:

- a person the transition's rule refuses gets 403 (the object itself was fetched
  through ``visible()``, so an object out of scope is already a 404);
- a move the state or a guard refuses now is not offered: a GET goes back to the
  object's page saying why; a POST shows the form again with the reason (400);
- a valid POST calls the registered service (``Workflow.implements``) with the form's
  data and goes back to the object's page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onsite.access import signed_in
from onsite.forms import CommentForm
from onsite.paging import posted
from onsite.workflow import WorkflowError


def transition_page(
    request,
    workflow,
    obj,
    name,
    *,
    form=None,
    template="confirm.html",
    back=None,
    context=None,
    on_refused=None,
):
    """Show or run transition ``name`` of ``workflow`` on ``obj`` (see the module docstring).

    ``form`` is a bound form whose ``cleaned_data`` (or ``service_kwargs()``) are the
    service's keyword arguments; by default a comment form. ``on_refused(error, form)`` is
    called when the service refuses a POST (e.g. to audit a refused signature).
    """
    move = workflow.transition(name)
    back = back or obj.get_absolute_url()
    reason = workflow.refusal(request.user, obj, name)
    if isinstance(reason, PermissionDenied):
        raise PermissionDenied
    if reason and request.method != "POST":
        messages.error(request, reason)
        return redirect(back)
    if form is None:
        form = CommentForm(posted(request), required=move.comment_required)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs() if hasattr(form, "service_kwargs") else form.cleaned_data
        try:
            workflow.service(name)(request.user, obj, **kwargs)
        except WorkflowError as error:
            if on_refused:
                on_refused(error, form)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Done."))
            return redirect(back)
    page = {
        "title": move.title or move.label,
        "question": move.question,
        "object": obj,
        "form": form,
        "cancel_url": back,
        "danger": move.danger,
        "submit_label": move.label,
        **(context or {}),
    }
    return render(request, template, page, status=400 if form.errors else 200)


def transition_view(workflow, fetch, *, forms=None):
    """A view ``(request, pk, action)`` for the generic transition pages of ``workflow``.

    ``fetch(request, pk)`` returns the object through ``visible()`` (404 out of scope);
    ``forms`` maps a transition name to ``form_class(data, obj=obj, user=user)`` for the
    moves that ask more than a comment.
    """
    forms = forms or {}

    @signed_in
    @require_http_methods(["GET", "POST"])
    def view(request, pk, action):
        move = workflow.table.get(action)
        if move is None or move.creates or move.url_name:
            raise Http404
        obj = fetch(request, pk)
        form = None
        if action in forms:
            form = forms[action](posted(request), obj=obj, user=request.user)
        return transition_page(request, workflow, obj, action, form=form)

    view.workflow = workflow
    return view
