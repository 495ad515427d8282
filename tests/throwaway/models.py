from django.urls import reverse

from onsite.models import BackgroundExport


class ThrowawayExport(BackgroundExport):
    """A background export of the throw-away app (the framework's own tests use it)."""

    def get_absolute_url(self):
        return reverse("throwaway:page")
