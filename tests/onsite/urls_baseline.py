"""The project's URLs plus a plain signed-in page (tests/onsite/test_request_overhead.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from onsite.urls import urlpatterns as project_urlpatterns


@login_required
def plain_page(request):
    """A page rendering ``base.html`` and nothing else: the cost of being signed in."""
    return render(request, "base.html")


urlpatterns = [path("plain-page/", plain_page, name="plain_page"), *project_urlpatterns]
