"""A second factor (TOTP, django-otp) for the people who hold the keys.

With ``ONSITE_REQUIRE_OTP`` on (the production settings' default) administrators, HR,
archive custodians, leaders in charge and control-room managers must pass a one-time code
after their password before any page opens: a person without a confirmed authenticator is
sent to enrol it (a page, not an admin task), one with it to enter a code. Each code works
once (django-otp keeps the last time step used; a recovery code is deleted when used). Ten
recovery codes are shown once at enrolment and can be made anew (the old ones then lapse).
"""

from base64 import b32encode

import segno
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from onsite import audit
from onsite.access import signed_in
from onsite.choices import Role
from onsite.permissions import has_role

GUARDED_ROLES = (Role.ADMIN, Role.HR, Role.CUSTODIAN, Role.LEADER, Role.VENUE_MANAGER)
RECOVERY_CODES = 10
# Pages a person on the way to their second factor may open.
_OPEN_NAMES = {"two_factor", "two_factor_setup", "logout", "login", "set_language", "health"}


def needs_second_factor(user):
    return bool(
        getattr(settings, "ONSITE_REQUIRE_OTP", False)
        and user.is_authenticated
        and (user.is_superuser or has_role(user, *GUARDED_ROLES))
    )


def _totp(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, button, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", button, css_class="w-100"))

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class RequireSecondFactorMiddleware:
    """After ``OTPMiddleware``: guarded people go to enrol or to enter a code first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if needs_second_factor(user) and not user.is_verified() and not _open(request):
            target = "two_factor" if _totp(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _open(request):
    """Static files, the health URL and the pages on the way to the second factor."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # a 404 shows nothing
    return match.url_name in _OPEN_NAMES or request.path_info.startswith(
        "/" + settings.STATIC_URL.strip("/") + "/"
    )


def _next(request):
    wanted = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("onsite:home")


def _verify(user, code):
    """The device whose code this is (used up), or None."""
    device = _totp(user)
    if device and code.isdigit() and device.verify_is_allowed()[0] and device.verify_token(code):
        return device
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if static and static.verify_token(code):
        return static
    return None


@signed_in
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Enter a code from the authenticator (or a recovery code) after the password."""
    if not _totp(request.user):
        return redirect(f"{reverse('two_factor_setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None, button=_("Continue"))
    if request.method == "POST" and form.is_valid():
        device = _verify(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                audit.record(request.user, "onsite.user.recovery_code_used", request.user)
            return redirect(_next(request))
        form.add_error("code", _("This code is not valid (each code works only once)."))
    return render(request, "registration/two_factor.html", {"form": form, "next": _next(request)})


def _new_recovery_codes(user):
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def _qr_data_url(url):
    """The QR code as an SVG image (a data: URL the page's policy allows). An SVG shown as an
    image needs its XML namespace, which ``svg_inline`` leaves out (the code showed blank)."""
    return segno.make(url, error="m").svg_data_uri(scale=4)


@signed_in
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrol an authenticator app: scan the code, confirm with one code, keep the recovery
    codes. A person with one already must pass it before replacing it."""
    user = request.user
    if _totp(user) and not user.is_verified():
        return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
    device = _totp(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None, button=_("Confirm"))
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if code.isdigit() and device.verify_token(code):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=True).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
                audit.record(user, "onsite.user.second_factor_enrolled", user)
            otp_login(request, device)
            context = {"codes": codes, "next": _next(request)}
            return render(request, "registration/recovery_codes.html", context)
        form.add_error("code", _("This code is not valid. Check the time on the phone."))
    context = {
        "form": form,
        "qr": _qr_data_url(device.config_url),
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "next": _next(request),
        "enrolled": _totp(user) is not None,
    }
    return render(request, "registration/two_factor_setup.html", context)


@signed_in
@require_POST
def recovery_codes(request):
    """New recovery codes for a person who passed their second factor (the old ones lapse)."""
    if not (_totp(request.user) and request.user.is_verified()):
        messages.error(request, _("Enter a code from your authenticator first."))
        return redirect("two_factor")
    codes = _new_recovery_codes(request.user)
    audit.record(request.user, "onsite.user.recovery_codes_renewed", request.user)
    return render(request, "registration/recovery_codes.html", {"codes": codes, "next": "/"})
