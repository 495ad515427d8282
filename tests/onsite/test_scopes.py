from django.contrib.auth import get_user_model
from django.urls import reverse

from onsite.permissions import may, supervises, visible
from tests.factories import UserFactory


def test_supervisor_of_a_gets_404_on_staff_of_b(cast, login):
    client = login(cast.supervisor)
    response = client.get(reverse("onsite:staff_detail", args=[cast.outsider.pk]))
    assert response.status_code == 404
    assert cast.outsider.get_full_name().encode() not in response.content


def test_supervisor_list_shows_only_own_department(cast, login):
    client = login(cast.supervisor)
    response = client.get(reverse("onsite:staff_list"))
    shown = {p.username for p in response.context["page"]}
    assert "staff" in shown
    assert "outsider" not in shown and "hr" not in shown


def test_supervisor_search_does_not_reach_other_departments(cast, login):
    client = login(cast.supervisor)
    response = client.get(reverse("onsite:staff_list"), {"q": cast.outsider.profile.employee_no})
    assert list(response.context["page"]) == []


def test_hr_sees_the_whole_company(cast, login):
    client = login(cast.hr)
    response = client.get(reverse("onsite:staff_list"))
    assert {"staff", "outsider"} <= {p.username for p in response.context["page"]}


def test_staff_see_only_themselves(cast):
    User = get_user_model()
    assert list(visible(cast.staff, User)) == [cast.staff]
    assert not may(cast.staff, "onsite.list_staff")


def test_supervision_follows_the_department_not_the_role_alone(cast):
    assert supervises(cast.supervisor, cast.staff)
    assert not supervises(cast.supervisor, cast.outsider)
    lone = UserFactory(roles=["supervisor"])  # holds the role but supervises nothing
    assert not supervises(lone, cast.staff)


def test_anonymous_sees_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not visible(AnonymousUser(), get_user_model()).exists()
    assert not may(AnonymousUser(), "onsite.list_staff")


def test_inactive_user_may_do_nothing(cast):
    cast.hr.is_active = False
    assert not may(cast.hr, "onsite.list_staff")


def test_staff_list_query_count_does_not_grow_with_rows(cast, login, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.hr)
    url = reverse("onsite:staff_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(5):
        UserFactory(department=cast.dept_a)
    few = count()
    for _ in range(45):
        UserFactory(department=cast.dept_a)
    assert count() == few
