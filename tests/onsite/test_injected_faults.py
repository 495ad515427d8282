"""Checks of the fixes for the faults found by injection (issue 14) that had no test yet.

- A bulk decision under a broker that accepts and never answers: every item decided, the
  request answered after at most one broker timeout (one hand-off per request, a breaker).
- A transition locks only its workflow row (``FOR UPDATE OF``): the applicant's user row
  and the leave type stay free, so decisions on one leave type are not serialised.
- Behind the documented proxy, a signature records the client's address.
- Tasks are acknowledged late and redelivered when their worker dies.
"""

import socket
import threading
import time
from datetime import date
from datetime import time as clock

import pytest
from django.db import OperationalError, connection, transaction
from django.urls import reverse

from archive.choices import LoanStatus
from archive.models import Signature
from attendance.choices import OvertimeKind, OvertimeStatus
from attendance.models import LeaveRequest, OvertimeRequest
from onsite import queueing
from onsite.celery import app
from onsite.workflow import lock
from tests.archive.conftest import png_signature
from tests.archive.factories import ItemFactory, make_loan
from tests.attendance.conftest import leave_type
from tests.conftest import is_postgres


def _use_broker(url):
    app.conf.broker_url = url
    app.conf.broker_transport_options = {
        "socket_timeout": 1,
        "socket_connect_timeout": 1,
        "max_retries": 0,
    }
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def hanging_broker():
    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        _use_broker(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        queueing.reset_breaker()
        yield
    _use_broker(saved[0])
    app.conf.broker_transport_options = saved[1]
    queueing.reset_breaker()


@pytest.mark.django_db(transaction=True)
def test_a_bulk_decision_of_eight_under_a_hanging_broker_decides_all_within_one_timeout(
    cast, login, hanging_broker
):
    waiting = [
        OvertimeRequest.objects.create(
            user=cast.staff, site=cast.site, date=date(2026, 11, 14), start_time=clock(8 + n),
            end_time=clock(9 + n), planned_minutes=60, kind=OvertimeKind.REST_DAY,
            reason="会议保障", status=OvertimeStatus.SUBMITTED,
        )
        for n in range(8)
    ]  # fmt: skip
    client = login(cast.supervisor)
    started = time.monotonic()
    response = client.post(
        reverse("attendance:queue_decide"),
        {"what": "overtime", "action": "approve", "ids": [o.pk for o in waiting]},
    )
    took = time.monotonic() - started
    assert response.status_code == 302
    assert set(OvertimeRequest.objects.values_list("status", flat=True)) == {
        OvertimeStatus.SUPERVISOR_APPROVED
    }
    assert took < 5, took  # one 1-second broker timeout, not eight (nor sixteen)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_transition_locks_only_its_own_row_not_the_applicant_nor_the_leave_type(cast):
    if not is_postgres():
        pytest.skip("row locks are PostgreSQL's (set DATABASE_URL)")
    kind = leave_type("ANNUAL")
    leave = LeaveRequest.objects.create(
        user=cast.staff, leave_type=kind, start_date=date(2026, 12, 1), end_date=date(2026, 12, 1),
        days=1, reason="家中有事",
    )  # fmt: skip
    held, release, seen = threading.Event(), threading.Event(), []

    def decide():
        with transaction.atomic():
            lock(LeaveRequest.objects.select_related("user", "leave_type"), leave.pk)
            held.set()
            release.wait(10)
        connection.close()

    worker = threading.Thread(target=decide)
    worker.start()
    assert held.wait(10)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for table, pk in (("auth_user", cast.staff.pk), ("attendance_leavetype", kind.pk)):
                cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE NOWAIT", [pk])  # noqa: S608
                seen.append(table)
            with pytest.raises(OperationalError):
                cursor.execute(
                    "SELECT id FROM attendance_leaverequest WHERE id = %s FOR UPDATE NOWAIT",
                    [leave.pk],
                )
    finally:
        release.set()
        worker.join(10)
    assert seen == ["auth_user", "attendance_leavetype"]


def test_a_signature_behind_the_proxy_records_the_clients_address(cast, login, settings):
    settings.ONSITE_PROXY_COUNT = 1
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=0)
    loan = make_loan(item, cast.staff, LoanStatus.APPROVED)
    response = login(cast.custodian).post(
        reverse("archive:loan_hand_over", args=[loan.pk]),
        {
            "copy_code": loan.copy.code if loan.copy else "",
            "method": "drawn",
            "signature": png_signature(),
            "condition": "good",
        },
        REMOTE_ADDR="10.0.0.10",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.66",
    )
    assert response.status_code == 302
    assert Signature.objects.get(loan=loan).ip == "203.0.113.66"


def test_tasks_are_acknowledged_late_and_redelivered_when_their_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
