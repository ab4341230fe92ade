"""The citizens' new pages and the open data against every persona and another
organization: everyone gets the same public bytes, and nobody, not even the staff of the
organization that owns it, sees a plan that is not announced."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.support import add_project, announce, organization_url

SECRET = "โครงการลับหนองบัวแดง"
PERSONAS = ["staff", "member", "executive", "orgadmin", "outsider", "nobody", "superuser"]


@pytest.fixture
def setting(world, other_world):
    add_project(world, title="ก่อสร้างถนนคอนกรีตเสริมเหล็ก")
    announce(world["plan"])
    # The other organization's plan is a draft, with a project only its staff should know.
    add_project(other_world, title=SECRET)
    return world, other_world


def addresses(world, other_world):
    return [
        reverse("public:home"),
        reverse("public:home") + "?province=แพร่",
        reverse("public:home") + "?q=ดอนมูล",
        organization_url(world["org"]),
        organization_url(other_world["org"]),
        reverse("public:search") + "?q=ถนน",
        reverse("public:search") + "?q=หนองบัวแดง",
        reverse("public:api_index"),
        reverse("public:api_catalog"),
        reverse("public:api_dcat"),
        reverse("public:api_schema"),
        "/api/v1/plans/sungmen/2565/",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_every_persona_what_it_shows_an_anonymous_visitor(
    persona, client, setting, personas, login
):
    world, other_world = setting
    urls = addresses(world, other_world)
    anonymous = [client.get(url) for url in urls]
    user = (
        get_user_model().objects.create_superuser("root", password="x")
        if persona == "superuser"
        else personas[persona]
    )
    signed_in = login(user)
    for url, expected in zip(urls, anonymous, strict=True):
        response = signed_in.get(url)
        assert response.status_code == expected.status_code == 200, url
        assert response.content == expected.content, url
        assert SECRET not in response.content.decode(), url


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "superuser"])
def test_it_answers_404_for_a_draft_whoever_asks(persona, client, setting, personas, login):
    if persona == "outsider":  # planning staff of the organization whose draft it is
        login(personas["outsider"])
    elif persona == "superuser":
        login(get_user_model().objects.create_superuser("root", password="x"))
    response = client.get("/api/v1/plans/donmun/2565/")
    assert response.status_code == 404
    page = client.get(organization_url(setting[1]["org"]))
    assert page.context["years"] == []
    found = client.get(reverse("public:search"), {"q": "หนองบัวแดง", "org": "donmun"})
    assert found.context["results"] == []
