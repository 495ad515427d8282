from django.urls import reverse


def _nav_names(client):
    response = client.get(reverse("onsite:home"))
    return {item["name"] for item in response.context["nav_items"]}


def test_staff_navigation_has_no_staff_directory_or_admin(cast, login):
    names = _nav_names(login(cast.staff))
    assert "onsite:home" in names
    assert "onsite:staff_list" not in names
    assert "admin:index" not in names


def test_supervisor_navigation_has_the_staff_directory(cast, login):
    names = _nav_names(login(cast.supervisor))
    assert "onsite:staff_list" in names and "admin:index" not in names


def test_admin_navigation_has_administration(cast, login):
    assert "admin:index" in _nav_names(login(cast.admin))


def test_home_lists_the_departments_a_supervisor_supervises(cast, login):
    response = login(cast.supervisor).get(reverse("onsite:home"))
    assert b'data-testid="supervised-departments"' in response.content
    assert cast.dept_a.name.encode() in response.content


def test_chinese_is_the_default_language(cast, login):
    response = login(cast.staff).get(reverse("onsite:home"))
    assert response.context["LANGUAGE_CODE"] == "zh-hans"
    assert "通知".encode() in response.content
    # The switch names the other language in that language.
    assert b"English" in response.content


def test_language_switch_to_english_and_back(cast, login):
    client = login(cast.staff)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("onsite:home"))
    assert page.context["LANGUAGE_CODE"] == "en"
    assert b"Notifications" in page.content
    cast.staff.profile.refresh_from_db()
    assert cast.staff.profile.language == "en"
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert client.get(reverse("onsite:home")).context["LANGUAGE_CODE"] == "zh-hans"


def test_language_switch_ignores_unknown_languages(cast, login):
    client = login(cast.staff)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    cast.staff.profile.refresh_from_db()
    assert cast.staff.profile.language == "zh-hans"


def test_login_page_is_translated_for_anonymous_visitors(client, db):
    response = client.get(reverse("login"))
    assert "登录".encode() in response.content


def test_an_english_browser_still_gets_chinese_until_the_person_switches(cast, login):
    client = login(cast.staff)
    page = client.get(reverse("onsite:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.context["LANGUAGE_CODE"] == "zh-hans"


def test_the_profile_language_applies_on_a_new_device(cast, client):
    cast.staff.profile.language = "en"
    cast.staff.profile.save()
    client.force_login(cast.staff)
    assert client.get(reverse("onsite:home")).context["LANGUAGE_CODE"] == "en"
