from django.urls import path

from onsite import export_views
from tests.throwaway import views
from tests.throwaway.models import ThrowawayExport

app_name = "throwaway"
urlpatterns = [
    path("", views.page, name="page"),
    path(
        "exports/<uuid:token>/",
        export_views.download_view(ThrowawayExport, back="throwaway:page"),
        name="export_download",
    ),
    path(
        "exports/<uuid:token>/retry/",
        export_views.retry_view(ThrowawayExport, back="throwaway:page"),
        name="export_retry",
    ),
]
