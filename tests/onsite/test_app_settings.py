"""Each app's options are validated in one place (its conf.py) and reported at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from onsite.conf import check_app_settings


def test_a_bad_option_is_refused_when_read_and_reported_by_the_checks(settings):
    from archive.conf import conf

    settings.ARCHIVE_MAX_LOAN_DAYS = 0
    with pytest.raises(ImproperlyConfigured, match="ARCHIVE_MAX_LOAN_DAYS"):
        conf.MAX_LOAN_DAYS
    errors = check_app_settings()
    assert any("ARCHIVE_MAX_LOAN_DAYS" in error.msg for error in errors)


def test_options_follow_the_settings_and_default_otherwise(settings):
    from archive.conf import conf

    assert conf.MAX_LOAN_DAYS == 30
    settings.ARCHIVE_MAX_LOAN_DAYS = 14
    assert conf.MAX_LOAN_DAYS == 14
    settings.ARCHIVE_LOAN_OVERDUE_DAYS = [8, 4]
    with pytest.raises(ImproperlyConfigured):
        conf.LOAN_OVERDUE_DAYS


def test_the_checks_pass_with_the_defaults():
    assert check_app_settings() == []
