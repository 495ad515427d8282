"""A person may mute the e-mail of a reminder kind; the notification still shows in the app."""

from django.urls import reverse

from onsite.choices import EmailState
from onsite.models import AuditEntry, Notification
from onsite.notifications import notify


def test_a_muted_kind_is_not_emailed_but_shown(cast, login):
    client = login(cast.staff)
    response = client.post(reverse("onsite:notification_settings"), {"email": []})
    assert response.status_code == 302
    notify(cast.staff, "提醒", kind="assignment_ending")
    notify(cast.staff, "其他", kind="archive_loan_due")
    muted = Notification.objects.get(title="提醒")
    assert muted.email_state == EmailState.SKIPPED
    assert Notification.objects.get(title="其他").email_state == EmailState.SKIPPED
    assert AuditEntry.objects.filter(action="onsite.notification.mute", actor=cast.staff).exists()
    page = client.get(reverse("onsite:notification_list"))
    assert "提醒" in page.content.decode()


def test_unmuting_sends_e_mail_again_and_others_are_unaffected(cast, login):
    client = login(cast.staff)
    client.post(reverse("onsite:notification_settings"), {"email": []})
    client.post(reverse("onsite:notification_settings"), {"email": ["assignment_ending"]})
    notify([cast.staff, cast.supervisor], "提醒", kind="assignment_ending")
    notify(cast.staff, "其他", kind="archive_loan_due")
    assert Notification.objects.get(title="提醒", recipient=cast.staff).email_state == "pending"
    assert (
        Notification.objects.get(title="提醒", recipient=cast.supervisor).email_state == "pending"
    )
    assert Notification.objects.get(title="其他").email_state == EmailState.SKIPPED


def test_the_settings_page_lists_every_reminder_kind(cast, login):
    page = login(cast.staff).get(reverse("onsite:notification_settings"))
    assert page.content.decode().count('name="email"') >= 3
