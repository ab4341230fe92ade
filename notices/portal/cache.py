"""Caching of the citizens' pages and downloads, invalidated when a plan is announced.

A cached page is keyed by a *generation*: one cheap aggregate over the announced plans (how
many, the latest announcement, the latest change to any of them). Announcing a plan changes
the count and the latest announcement, so every key changes at once and no page shows the
old set of plans; nothing has to be deleted, the old entries simply expire.

What is still checked on every request, cached or not: the plan itself, loaded through
``OperationsPlan.objects.announced()``, so a plan that is not announced answers 404 before
any cache is consulted. A filtered or searched page (the caller says so with ``fresh``) is
not cached: there are too many of them to be worth keeping, and they are rendered in a
constant number of queries anyway. Any other query string (a tracker's ``utm_source``, a
cache-buster) changes nothing on the page, so it is served from, and kept under, the key of
the address without it: otherwise ``?x=1`` would make every request a full render. Entries
expire after PAGE_TIMEOUT, which bounds how long a correction made through the admin after
the announcement takes to show.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse

from projects.models import OperationsPlan

PAGE_TIMEOUT = 15 * 60
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def generation() -> tuple:
    """Changes whenever a plan is announced, or an announced plan changes."""
    state = OperationsPlan.objects.announced().aggregate(
        plans=Count("id"), announced=Max("announcement__at"), changed=Max("updated_at")
    )
    return (state["plans"], state["announced"], state["changed"])


def cache_key(request: HttpRequest, parts: tuple) -> str:
    # The path, not the full address: the query string never reaches a cached page.
    raw = repr((request.path, getattr(request, "LANGUAGE_CODE", ""), *parts))
    return "public:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_response(
    request: HttpRequest,
    parts: tuple,
    build: Callable[[], HttpResponse],
    *,
    fresh: bool = False,
) -> HttpResponse:
    """The response ``build`` makes, from the cache when ``parts`` have not changed.

    ``fresh``: the request asks for a variant of the page (a filter, a search) that is
    built every time and never kept.
    """
    if fresh:
        return build()
    key = cache_key(request, parts)
    hit = cache.get(key)
    if hit is not None:
        content, headers = hit
        return HttpResponse(content, headers=headers)
    response = build()
    if response.status_code == 200:
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), PAGE_TIMEOUT)
    return response
