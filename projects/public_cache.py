"""Caching of the citizens' pages and downloads, invalidated when a plan is announced.

A cached page is keyed by a *generation*: one cheap aggregate over the announced plans (how
many, the latest announcement, the latest change to any of them). Announcing a plan changes
the count and the latest announcement, so every key changes at once and no page shows the
old set of plans; nothing has to be deleted, the old entries simply expire.

What is still checked on every request, cached or not: the plan itself, loaded through
``OperationsPlan.objects.announced()``, so a plan that is not announced answers 404 before
any cache is consulted. Pages with a query string (filters, search) are not cached: there
are too many of them to be worth keeping, and they are rendered in a constant number of
queries anyway. Entries expire after PAGE_TIMEOUT, which bounds how long a correction made
through the admin after the announcement takes to show.
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
    raw = repr((request.path, getattr(request, "LANGUAGE_CODE", ""), *parts))
    return "public:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_response(
    request: HttpRequest, parts: tuple, build: Callable[[], HttpResponse]
) -> HttpResponse:
    """The response ``build`` makes, from the cache when ``parts`` have not changed."""
    if request.GET:
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
