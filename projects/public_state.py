"""Version counters that key the citizens' cached pages, kept in the cache itself.

- organizations: the home and province pages list organizations only; reading a counter
  from the cache instead of scanning the organizations keeps their cost flat for 7,850 of
  them. The admin calls organizations_changed when it saves or deletes one.
- one organization's public pages: the copies kept for notices.portal.cache.MAX_AGE and
  served without a query (sungmen_plan.middleware.PublicPagesFirst) are keyed by it;
  announcing, issuing the document and recording a posting call organization_changed.

A change made any other way shows when the cached page expires.
"""

import time

from django.core.cache import cache

ORGANIZATIONS = "public-state:organizations"


def organizations_version() -> int:
    return cache.get_or_set(ORGANIZATIONS, 0, timeout=None)


def organizations_changed() -> None:
    # A new value that no earlier one can equal, even after the counter was evicted.
    cache.set(ORGANIZATIONS, time.time_ns(), timeout=None)


def _organization_key(slug: str) -> str:
    return f"public-state:organization:{slug}"


def organization_version(slug: str) -> int:
    return cache.get(_organization_key(slug), 0)


def organization_changed(slug: str) -> None:
    cache.set(_organization_key(slug), time.time_ns(), timeout=None)
