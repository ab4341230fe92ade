"""Version counters that key the citizens' cached pages, kept in the cache itself.

The home and province pages list organizations only; reading a counter from the cache
instead of scanning the organizations keeps their cost flat for 7,850 of them. Whoever
changes an organization (the admin) calls organizations_changed; a change made any other
way shows when the cached page expires (notices.portal.cache.PAGE_TIMEOUT).
"""

import time

from django.core.cache import cache

ORGANIZATIONS = "public-state:organizations"


def organizations_version() -> int:
    return cache.get_or_set(ORGANIZATIONS, 0, timeout=None)


def organizations_changed() -> None:
    # A new value that no earlier one can equal, even after the counter was evicted.
    cache.set(ORGANIZATIONS, time.time_ns(), timeout=None)
