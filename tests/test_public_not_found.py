"""The citizens' 404 page, as the site-wide handler404 renders it for an address under /p/.

That handler has nothing but the request: no plan, no organization. This module stands in
for the site's URLconf (``pytest.mark.urls``) with the public addresses and such a handler,
so the page is checked exactly as an unknown address gets it.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from tests.support import announce

pytestmark = pytest.mark.urls(__name__)

urlpatterns = [path("", include("notices.portal.urls"))]


def handler404(request, exception):
    return render(request, "public/404.html", status=404)


UNKNOWN = ["/p/nope/", "/p/sungmen/99999/", "/p/sungmen/2565/projects/nope/"]


@pytest.mark.parametrize("address", UNKNOWN)
def test_it_answers_an_unknown_address_in_thai_without_reading_any_plan(client, world, address):
    world["org"].is_demo = True
    world["org"].save()
    announce(world["plan"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert '<h1 class="h3">ไม่พบหน้าที่ต้องการ</h1>' in html
    assert 'href="/"' in html  # back to the announced plans
    assert 'class="demo-banner' in html
    assert not [q["sql"] for q in queries if "operationsplan" in q["sql"]]


def test_it_gives_an_unknown_address_the_same_page_as_an_unannounced_plan(client, world):
    # The plan exists but is not announced: the view's own 404 must not tell it apart.
    assert client.get("/p/nope/").content == client.get("/p/sungmen/2565/").content


def test_it_follows_the_chosen_language_and_leaves_out_the_banner_without_demo_data(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/p/nope/").content.decode()
    assert '<html lang="en">' in html
    assert "demo-banner" not in html
