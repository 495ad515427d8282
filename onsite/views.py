"""Views of the core: home, notifications, staff directory, venues, language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from onsite import dates, notifications, ratelimit, reminding, waiting
from onsite.access import allowed, signed_in
from onsite.filters import StaffFilter, VenueFilter
from onsite.forms import LoginForm
from onsite.home import panels_for
from onsite.middleware import client_ip
from onsite.models import Assignment, Notification, StaffProfile, Venue
from onsite.paging import paginate
from onsite.permissions import has_role, visible


class LoginView(auth_views.LoginView):
    """Django's log-in page, refused with 429 for an address that failed too often
    (``onsite.ratelimit``; axes still locks each user name per address)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if ratelimit.login_ip_blocked(client_ip(request)):
            raise ratelimit.RateLimited(
                _("Too many failed log-ins from this address. Try again later.")
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.login_failed(client_ip(self.request))
        return super().form_invalid(form)


@signed_in
@require_GET
def home(request):
    user = request.user
    today = dates.today()
    current = (
        Assignment.objects.filter(user=user, start_date__lte=today)
        .exclude(end_date__lt=today)
        .select_related("site")
    )
    context = {
        "assignments": current,
        "recent_notifications": Notification.objects.filter(recipient=user)[:5],
        "departments": user.supervised_departments.all() if has_role(user, "supervisor") else [],
        "managed_venues": user.managed_venues.select_related("site"),
        "panels": panels_for(request),
        "waiting": waiting.waiting_for(user),
    }
    return render(request, "onsite/home.html", context)


@signed_in
@require_GET
def notification_list(request):
    rows = Notification.objects.filter(recipient=request.user)
    page = paginate(request, rows)
    return render(request, "onsite/notification_list.html", {"page": page})


@signed_in
@require_POST
def notification_read(request, pk):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notifications.mark_read(request.user, note.pk)
    if note.url and request.POST.get("follow"):
        return redirect(note.url)
    if request.htmx:
        note.refresh_from_db()
        return render(
            request,
            "onsite/includes/notification_row.html",
            {"note": note, "unread_count": notifications.unread_count(request.user), "oob": True},
        )
    return redirect("onsite:notification_list")


@signed_in
@require_POST
def notification_read_all(request):
    notifications.mark_read(request.user)
    return redirect("onsite:notification_list")


@signed_in
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Which reminder kinds e-mail the person (in the app they always show)."""
    kinds = sorted(reminding.all_kinds(), key=lambda kind: str(kind.label or kind.name))
    if request.method == "POST":
        wanted = set(request.POST.getlist("email"))
        for kind in kinds:
            notifications.set_muted(request.user, kind.name, kind.name not in wanted)
        messages.success(request, _("Your choices were saved."))
        return redirect("onsite:notification_settings")
    muted = set(request.user.notification_mutes.values_list("kind", flat=True))
    rows = [(kind, kind.name not in muted) for kind in kinds]
    return render(request, "onsite/notification_settings.html", {"rows": rows})


@signed_in
@require_GET
def notification_badge(request):
    return render(
        request,
        "onsite/includes/unread_badge.html",
        {"unread_count": notifications.unread_count(request.user)},
    )


@allowed("onsite.list_staff")
@require_GET
def staff_list(request):
    User = get_user_model()
    people = (
        visible(request.user, User)
        .filter(is_active=True, profile__isnull=False)
        .select_related("profile__department")
        .order_by("profile__employee_no")
    )
    filters = StaffFilter(request.GET, queryset=people)
    context = {
        "page": paginate(request, filters.qs),
        "filters": filters,
        "query": request.GET.get("q", "").strip(),
    }
    return render(request, "onsite/staff_list.html", context)


@signed_in
@require_GET
def staff_detail(request, pk):
    User = get_user_model()
    person = get_object_or_404(
        visible(request.user, User).select_related("profile__department"), pk=pk
    )
    context = {
        "person": person,
        "assignments": person.assignments.select_related("site"),
        "profile": getattr(person, "profile", None),
    }
    return render(request, "onsite/staff_detail.html", context)


@allowed("onsite.list_venues")
@require_GET
def venue_list(request):
    venues = visible(request.user, Venue).select_related("site").order_by("site__code", "name")
    filters = VenueFilter(request.GET, queryset=venues)
    return render(
        request,
        "onsite/venue_list.html",
        {"page": paginate(request, filters.qs), "filters": filters},
    )


@signed_in
@require_GET
def venue_detail(request, pk):
    venue = get_object_or_404(visible(request.user, Venue).select_related("site"), pk=pk)
    today = dates.today()
    on_site = (
        get_user_model()
        .objects.filter(assignments__site=venue.site, assignments__start_date__lte=today)
        .filter(Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=today))
        .filter(groups__name="staff", is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    context = {
        "venue": venue,
        "managers": venue.managers.order_by("last_name", "first_name"),
        "leaders": venue.leaders.order_by("last_name", "first_name"),
        "on_site": on_site,
        "today": today,
    }
    return render(request, "onsite/venue_detail.html", context)


@require_GET
def favicon(request):
    """``/favicon.ico`` (asked for by browsers and feed readers on any page, and by pages
    that are not HTML): the shipped icon, never a 404."""
    return redirect(static("onsite/favicon.ico"), permanent=True)


@require_POST
def set_language(request):
    """Switch the interface language; remember it on the profile for notifications."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        StaffProfile.objects.filter(user=request.user).update(language=language)
    return response
