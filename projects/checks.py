"""System checks of the database the search relies on."""

from django.core.checks import Error, register
from django.db import connections

# Thai with vowel signs and a tone mark: a ctype that does not know them as letters cuts it.
SAMPLE = "คอนกรีตเสริมเหล็ก"


def trigram_problem(cursor) -> str | None:
    """Why pg_trgm cannot index Thai in this database, or None when it can.

    Under LC_CTYPE=C, show_trgm finds no letters in Thai and returns nothing: the index of
    migration 0004_search_words would hold nothing and every search would scan the table.
    """
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if cursor.fetchone() is None:
        return None  # not migrated yet: the migration creates it, and the check runs again
    cursor.execute("SELECT coalesce(array_length(show_trgm(%s), 1), 0)", [SAMPLE])
    (count,) = cursor.fetchone()
    # A word of n letters gives up to n + 1 trigrams with pg_trgm's padding.
    if count >= len(SAMPLE):
        return None
    cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
    (ctype,) = cursor.fetchone()
    return f"LC_CTYPE {ctype} gives the Thai word {SAMPLE} {count} trigrams"


@register("database")
def thai_trigrams(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            problem = trigram_problem(cursor)
        if problem:
            errors.append(
                Error(
                    f"Database {alias!r}: {problem}; the Thai search index cannot work.",
                    hint="Create the database with a UTF-8 ctype, e.g. CREATE DATABASE plan "
                    "LC_CTYPE 'C.UTF-8' TEMPLATE template0.",
                    id="projects.E001",
                )
            )
    return errors
