"""Project URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from onsite import health, twofactor, views
from onsite.forms import PasswordForm
from onsite.plugins import portal_apps

admin.site.site_header = _("OnSite administration")
admin.site.site_title = _("OnSite")
admin.site.index_title = _("Organisation, people and roles")

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/two-factor/", twofactor.two_factor, name="two_factor"),
    path("accounts/two-factor/setup/", twofactor.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/recovery-codes/", twofactor.recovery_codes, name="recovery_codes"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", health.health, name="health"),
    path("admin/", admin.site.urls),
]
# Each app's pages at its own prefix (``PortalApp.url_prefix``); the core's last, at the root.
urlpatterns += [
    path(app.url_prefix, include(f"{app.name}.urls"))
    for app in portal_apps()
    if app.url_prefix and app.name != "onsite"
]
urlpatterns += [path("", include("onsite.urls_core"))]
