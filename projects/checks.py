"""System checks: the deployment settings Django does not know about (``check --deploy``), and
the database the search relies on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.checks import Error, register
from django.db import connections

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1", ""}


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """SITE_URL is printed as the QR code on every notice and written into every e-mail: left
    at its development default, citizens would scan an address that leads nowhere."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL!r}, a local address: the QR code on the "
                "notices and the links in e-mail would lead nowhere.",
                hint="Set SITE_URL to the public address, e.g. https://plan.example.go.th.",
                id="projects.W001",
            )
        ]
    return []


# Thai with vowel signs and a tone mark: a ctype that does not know them as letters cuts it.
SAMPLE = "คอนกรีตเสริมเหล็ก"


def trigram_problem(cursor) -> str | None:
    """Why pg_trgm cannot index Thai in this database, or None when it can.

    Under LC_CTYPE=C, show_trgm finds no letters in Thai and returns nothing: the index of
    migration 0008_search_words would hold nothing and every search would scan the table.
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
