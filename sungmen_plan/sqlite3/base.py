"""Django's SQLite backend, told the real number of parameters a statement may carry.

Django 5.2 assumes SQLite's compile-time default of before 3.32 (999) and splits every
bulk_create and bulk_update into statements of at most 999 parameters: 71 history entries a
statement, so an import's query count grew with its rows on SQLite though not on
PostgreSQL. The connection's own limit (SQLITE_LIMIT_VARIABLE_NUMBER: 32,766 in a default
build since 3.32, 250,000 in Debian's) keeps a bulk write of a whole file one statement, as
on PostgreSQL.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self) -> int:
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
