"""Caching of the citizens' pages and downloads, kept compressed, keyed per plan.

A cached page is keyed by what it shows, never by the whole country's state:
- a plan's pages by the state of its organization's announced plans (``plans_state``: each
  plan's id, last change and announcement, read from the list the page loads anyway), so an
  announcement or a correction elsewhere leaves them alone, and a new supplement of the same
  organization shows beside its siblings at once;
- the home and province pages by a counter bumped when an organization is saved or deleted
  in the admin (projects.public_state), read from the cache: no query at all.

What is still checked on every request, cached or not: the plan itself, loaded through
``OperationsPlan.objects.announced()``, so a plan that is not announced answers 404 before
any cache is consulted. A filtered or searched page (the caller says so with ``fresh``) is
not cached. Any other query string changes nothing on the page, so it is served from, and
kept under, the key of the address without it.

Each entry is also kept for MAX_AGE under its address alone (``front_key``: path, language
and the organization's version from projects.public_state), for
sungmen_plan.middleware.PublicPagesFirst to serve with no query at all, as a proxy may keep
it that long anyway under Cache-Control: public, max-age=MAX_AGE. Announcing, issuing the
document and recording a posting change the organization's version, so those show at once;
a plan taken back out of the announced stage by hand (no service does it) is gone from these
copies within MAX_AGE, and from everything else at once.

An entry holds the page three times: as it is, gzip and brotli, compressed once when it is
stored; a hit only picks the encoding the browser accepts. Its ETag (the SHA-256 of the page)
and Last-Modified let a browser revalidate with a 304 and no body; ``Cache-Control: public``
with a short max-age lets it, and any proxy, keep the page that long without asking.
"""

import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import brotli
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from projects.public_state import organization_version

PAGE_TIMEOUT = 15 * 60
# How long a browser or proxy may reuse a page without asking: a correction made through the
# admin shows within this much after the entry is replaced.
MAX_AGE = 60
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
# Below this, compressing costs more than it saves (and gzip makes tiny bodies larger).
MIN_COMPRESSED = 200


def plans_state(plans) -> tuple:
    """What the pages of one organization's announced plans depend on."""
    return tuple((p.pk, p.updated_at, p.announcement.at) for p in plans)


@dataclass(frozen=True)
class Entry:
    """A response as it is kept: its bodies by encoding, its headers and validators."""

    bodies: dict[str, bytes]
    headers: dict[str, str]
    etag: str
    last_modified: float

    @classmethod
    def of(cls, response: HttpResponse, now: float) -> "Entry":
        content = response.content
        bodies = {"identity": content}
        if len(content) >= MIN_COMPRESSED:
            bodies["br"] = brotli.compress(content, quality=9)
            bodies["gzip"] = gzip.compress(content, compresslevel=9, mtime=0)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
        return cls(bodies, headers, etag, now)

    def respond(self, request: HttpRequest) -> HttpResponse:
        validators = {
            "ETag": self.etag,
            "Last-Modified": http_date(self.last_modified),
            "Cache-Control": f"public, max-age={MAX_AGE}",
            "Vary": "Accept-Encoding, Cookie",
        }
        if self._not_modified(request):
            response = HttpResponseNotModified()
            for name, value in validators.items():
                response[name] = value
            return response
        encoding = self._encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        body = self.bodies[encoding]
        response = HttpResponse(body, headers={**self.headers, **validators})
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        return response

    def _not_modified(self, request: HttpRequest) -> bool:
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            # Weak comparison (RFC 9110 13.1.2): a proxy may have weakened our tag.
            tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            return self.etag in tags or "*" in tags
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and int(self.last_modified) <= since

    def variant(self, encoding: str) -> "Entry":
        """The entry with one body only: what a front copy needs for that encoding."""
        chosen = encoding if encoding in self.bodies else "identity"
        return Entry({chosen: self.bodies[chosen]}, self.headers, self.etag, self.last_modified)

    def _encoding(self, accepted: str) -> str:
        return next((e for e in accepted_encodings(accepted) if e in self.bodies), "identity")


def accepted_encodings(accepted: str) -> list[str]:
    """Of brotli and gzip, those an Accept-Encoding header accepts, preferred first."""
    offered = {}
    for item in accepted.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        offered[name.strip().lower()] = quality
    return [e for e in ("br", "gzip") if offered.get(e, 0) > 0]


ENCODINGS = ("br", "gzip", "identity")


def front_key(path: str, language: str, org_slug: str | None, encoding: str) -> str:
    version = organization_version(org_slug) if org_slug else 0
    raw = repr(("front", path, language, org_slug, version, encoding))
    return "public-front:" + hashlib.sha256(raw.encode()).hexdigest()


def front_entry(request: HttpRequest, language: str, org_slug: str | None) -> "Entry | None":
    """The copy kept for this address in the browser's preferred encoding.

    One copy per encoding, so that a hit reads the few kilobytes it sends (a brotli page of
    300 projects is 6 KB; all three bodies together 270 KB).
    """
    accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    encoding = accepted[0] if accepted else "identity"
    return cache.get(front_key(request.path, language, org_slug, encoding))


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
    front: bool = True,
) -> HttpResponse:
    """The response ``build`` makes, from the cache when ``parts`` have not changed.

    ``fresh``: the request asks for a variant of the page (a filter, a search) that is
    built every time and never kept. ``front``: also keep it under its bare address for
    PublicPagesFirst (not for the open data, whose every request is counted).
    """
    if fresh:
        return build()
    key = cache_key(request, parts)
    entry = cache.get(key)
    if entry is None:
        response = build()
        if response.status_code != 200:
            return response
        entry = Entry.of(response, time.time())
        cache.set(key, entry, PAGE_TIMEOUT)
    if front and not request.META.get("QUERY_STRING"):
        match = request.resolver_match
        org_slug = match.kwargs.get("org_slug") if match else None
        language = getattr(request, "LANGUAGE_CODE", "")
        copies = {
            front_key(request.path, language, org_slug, encoding): entry.variant(encoding)
            for encoding in ENCODINGS
        }
        cache.set_many(copies, MAX_AGE)
    return entry.respond(request)
