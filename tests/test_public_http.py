"""Cached public pages are served like static files: stored compressed (brotli or gzip, as
the browser accepts), with validators that answer a revalidation with 304, and shared
caching allowed for a short while."""

import gzip

import brotli
import pytest

from notices.portal.cache import MAX_AGE
from tests.support import FRONT, announce, fill, plan_url


@pytest.fixture
def address(world):
    fill(world, 30)
    plan = announce(world["plan"])
    return plan_url(plan)


def test_it_sends_brotli_when_asked_and_gzip_otherwise(client, address):
    first = client.get(address)  # rendered and stored
    plain = client.get(address).content
    assert plain == first.content
    br = client.get(address, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain
    gz = client.get(address, HTTP_ACCEPT_ENCODING="gzip;q=1.0, br;q=0")
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain
    assert len(br.content) < len(gz.content) < len(plain) / 5
    assert br["Vary"] == "Accept-Encoding, Cookie"
    assert br["Content-Length"] == str(len(br.content))


def test_it_answers_a_revalidation_with_304_and_no_body(client, address, django_assert_num_queries):
    client.get(address)
    cached = client.get(address)
    assert cached["Cache-Control"] == f"public, max-age={MAX_AGE}"
    etag, modified = cached["ETag"], cached["Last-Modified"]
    with django_assert_num_queries(FRONT):
        again = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(address, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert client.get(address, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(address, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_it_sends_a_new_etag_when_the_page_changes(client, world, address):
    client.get(address)
    before = client.get(address)["ETag"]
    supplement = world["plan"].__class__.objects.create(
        organization=world["org"],
        period=world["period"],
        fiscal_year=2565,
        supplement_number=1,
        trigger_date="2022-01-10",
    )
    announce(supplement)  # the page lists its siblings: it changes
    after = client.get(address, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before


def test_it_keeps_the_frame_protection_and_language_of_other_pages(client, address):
    response = client.get(address)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Language"] == "th"
    english = client.get(address, HTTP_COOKIE="django_language=en")
    assert english["Content-Language"] == "en"
