from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"onsite", "attendance", "meetingroom", "archive", "auth"}
    }


def test_demo_data_loads_twice_without_changing_anything(db):
    call_command("seed_demo", "--quiet")
    first = _counts()
    user = get_user_model().objects.get(username="zhangwei")
    user.set_password("changed-by-the-user-1")
    user.save()
    call_command("seed_demo", "--quiet")
    assert _counts() == first
    user.refresh_from_db()
    assert user.check_password("changed-by-the-user-1")


def test_demo_data_has_one_log_in_per_role(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in [
        "zhangwei",
        "lina",
        "wangfang",
        "liuyang",
        "chenjing",
        "zhaolei",
        "sunli",
        "admin",
    ]:
        assert username in out
    User = get_user_model()
    roles = set(User.objects.values_list("groups__name", flat=True))
    assert roles >= {
        "staff",
        "supervisor",
        "hr",
        "vp",
        "venue_manager",
        "custodian",
        "leader",
        "admin",
    }
