"""Django's SQLite backend with the parameter limit of the SQLite it runs on.

Django 5.2 assumes the 999 parameters of SQLite before 3.32, so a ``bulk_create`` of a few
hundred rows (a reminder scan's notifications) is cut into one INSERT per ~90 rows. SQLite
3.32 and later allow 32,766 by default (Debian builds more): statements are cut at that.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features

MODERN_LIMIT = 32766  # SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32


class DatabaseFeatures(features.DatabaseFeatures):
    max_query_params = MODERN_LIMIT if sqlite3.sqlite_version_info >= (3, 32) else 999


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
