"""The home page's duties panel (post duties at today's site, what is waiting), the overview,
the menu entry, and the demo data (idempotent)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from duties.models import PostDuty
from tests.duties.factories import DocumentFactory, TaskFactory, make_receipt
from tests.factories import SiteFactory


@pytest.mark.rule("R2.1-post-duties")
def test_the_home_page_shows_the_duties_of_my_post_at_todays_site(cast, login):
    cast.staff.profile.post = "音视频工程师"
    cast.staff.profile.save()
    PostDuty.objects.create(
        post="音视频工程师", site=cast.site, duties="会前调试", updated_by=cast.hr
    )
    PostDuty.objects.create(
        post="音视频工程师", site=SiteFactory(), duties="别处值守", updated_by=cast.hr
    )
    PostDuty.objects.create(post="网络工程师", duties="维护网络", updated_by=cast.hr)
    page = login(cast.staff).get(reverse("onsite:home")).content.decode()
    assert 'data-testid="duties-panel"' in page
    assert "会前调试" in page and "别处值守" not in page and "维护网络" not in page


def test_the_panel_says_what_is_waiting(cast, login):
    make_receipt(DocumentFactory(sender=cast.hr), cast.staff)
    TaskFactory(
        assignee=cast.staff,
        assigned_by=cast.supervisor,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    page = login(cast.staff).get(reverse("onsite:home"))
    [found] = [panel for template, panel in page.context["panels"] if "duties" in template]
    assert found["to_sign"] == 1 and found["open_tasks"] == 1 and found["overdue_tasks"] == 1
    assert found["waiting"]


def test_people_with_nothing_to_do_here_see_no_panel(cast, login):
    page = login(cast.leader).get(reverse("onsite:home"))
    assert 'data-testid="duties-panel"' not in page.content.decode()


def test_the_overview_and_the_menu_entry(cast, login):
    client = login(cast.supervisor)
    assert client.get(reverse("duties:overview")).status_code == 200
    home = client.get(reverse("onsite:home")).content.decode()
    assert reverse("duties:overview") in home and reverse("duties:document_list") in home


def _duty_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_app_config("duties").get_models()}


def test_the_demo_data_loads_twice_without_changing_anything(db):
    call_command("seed_demo", "--quiet")
    first = _duty_counts()
    assert first["duties.PostDuty"] == 3 and first["duties.Receipt"] == 2
    call_command("seed_demo", "--quiet")
    assert _duty_counts() == first


def test_the_demo_staff_member_sees_his_duties_and_his_document(db, client):
    from django.contrib.auth import get_user_model

    call_command("seed_demo", "--quiet")
    zhangwei = get_user_model().objects.get(username="zhangwei")
    client.force_login(zhangwei, backend="onsite.auth_backends.UsernameOrEmployeeNumberBackend")
    page = client.get(reverse("onsite:home")).content.decode()
    assert "会前一小时完成扩声" in page
    documents = client.get(reverse("duties:document_list"))
    assert len(documents.context["page"].object_list) == 1
