"""A view that notifies in three transactions (for tests/onsite/test_broker_hand_off.py)."""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from onsite.notifications import notify


def three_transactions(request):
    for title in ("一", "二", "三"):
        with transaction.atomic():
            notify(request.user, title)
    return HttpResponse("ok")


urlpatterns = [path("three-transactions/", three_transactions)]
