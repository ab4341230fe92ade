"""Every public page runs a fixed number of SQL queries, whatever the size of the plan and
however many organizations share the installation (1 or 50 here, 7,850 in the country).

The counts are for an anonymous visitor (no session, no user), and the same for a staff
member with a session: public pages are answered before the session is read. Cached pages
still load the plan, so a plan that stops being public 404s at once.
"""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from notices.models import PlanDocument
from projects.models import RuleSet
from tests.support import (
    CACHED,
    CACHED_HOME,
    CACHED_ORGANIZATION_PAGE,
    CACHED_PLAN_PAGE,
    DOWNLOAD,
    FILTERED_PLAN_PAGE,
    FRONT,
    HOME,
    ORGANIZATION_PAGE,
    PLAN_PAGE,
    PROJECT_PAGE,
    PROVINCE,
    SEARCH_PAGE,
    announce,
    download_url,
    fill,
    make_world,
    organization_url,
    plan_url,
    post,
    project_url,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture(params=[1, 50], ids=["1-organization", "50-organizations"])
def country(request, db):
    """Other organizations beside the one measured, each with an announced plan."""
    for n in range(request.param - 1):
        neighbour = make_world(f"org{n}", f"องค์การบริหารส่วนตำบลที่ {n}")
        fill(neighbour, 3)
        announce(neighbour["plan"])
    return request.param


@pytest.fixture(params=[10, 100])
def plan(request, country, world, other_world):
    """A plan with everything a page may show: its PDF, posted notices and a rule set;
    beside it another organization's plan, posted too, under the default rule."""
    fill(world, request.param)
    plan = announce(world["plan"])
    RuleSet.from_preset(world["org"], RuleSet.Preset.REGULATION_2561).save()
    PlanDocument.objects.create(
        plan=plan, status=PlanDocument.Status.READY, content=b"%PDF-1.7", sha256="0" * 64
    )
    post(plan, date(2021, 12, 16))
    post(announce(other_world["plan"]), date(2021, 12, 17))
    return plan


def test_it_shows_the_plan_page_in_a_constant_number_of_queries(
    client, plan, django_assert_num_queries
):
    with django_assert_num_queries(PLAN_PAGE):
        response = client.get(plan_url(plan))
    assert response.context["tables"].count == plan.projects.count()
    assert response.context["posting"] is not None
    assert 'data-testid="pdf"' in response.content.decode()
    with django_assert_num_queries(FRONT):
        assert client.get(plan_url(plan)).status_code == 200
    with django_assert_num_queries(CACHED_PLAN_PAGE):
        assert client.get(plan_url(plan), {"utm_source": "qr"}).status_code == 200


def test_it_filters_and_searches_in_a_constant_number_of_queries(
    client, world, plan, django_assert_num_queries
):
    params = {"q": "ถนนคอนกรีต", "village": world["villages"][1].pk, "ownership": "own"}
    with django_assert_num_queries(FILTERED_PLAN_PAGE):
        response = client.get(plan_url(plan), params)
    assert 0 < response.context["tables"].count < plan.projects.count()


def test_it_shows_home_a_province_and_an_organization_in_a_constant_number_of_queries(
    client, world, plan, django_assert_num_queries
):
    for params, budget in (({}, HOME), ({"province": "แพร่"}, PROVINCE)):
        with django_assert_num_queries(budget):
            response = client.get(reverse("public:home"), params)
        assert response.status_code == 200
        with django_assert_num_queries(CACHED_HOME):
            client.get(reverse("public:home"), params)
    assert "องค์การบริหารส่วนตำบลสูงเม่น" in response.content.decode()
    with django_assert_num_queries(ORGANIZATION_PAGE):
        page = client.get(organization_url(world["org"]))
    [plan_shown] = [p for y in page.context["years"] for p in y["plans"]]
    assert plan_shown.project_count == plan.projects.count()
    assert plan_shown.posting is not None
    with django_assert_num_queries(FRONT):
        client.get(organization_url(world["org"]))
    with django_assert_num_queries(CACHED_ORGANIZATION_PAGE):
        client.get(organization_url(world["org"]), {"utm_source": "qr"})


def test_it_shows_a_project_in_a_constant_number_of_queries(
    client, plan, django_assert_num_queries
):
    address = project_url(plan.projects.first())
    with django_assert_num_queries(PROJECT_PAGE):
        response = client.get(address)
    assert response.status_code == 200
    with django_assert_num_queries(FRONT):
        client.get(address)
    with django_assert_num_queries(CACHED):
        client.get(address, {"utm_source": "qr"})


def test_it_searches_across_plans_in_a_constant_number_of_queries(
    client, plan, country, django_assert_num_queries
):
    for params in ({"q": "ถนนคอนกรีต"}, {"q": "ถนน", "province": "แพร่", "min_total": "1,000"}):
        with django_assert_num_queries(SEARCH_PAGE):
            response = client.get(reverse("public:search"), params)
        results = response.context["results"]
        assert len(results) == min(20, plan.projects.count() + 3 * (country - 1))
        assert all(r.plan.organization.province == "แพร่" for r in results)


def test_it_reads_no_session_for_a_public_page(
    client, plan, personas, login, django_assert_num_queries
):
    login(personas["staff"])
    client.get(plan_url(plan))
    with django_assert_num_queries(FRONT):
        assert client.get(plan_url(plan)).status_code == 200
    with django_assert_num_queries(CACHED_PLAN_PAGE):
        assert client.get(plan_url(plan), {"utm_source": "qr"}).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_it_builds_each_download_in_a_constant_number_of_queries(
    client, plan, fmt, django_assert_num_queries
):
    with django_assert_num_queries(DOWNLOAD[fmt]):
        response = client.get(download_url(plan, fmt))
    assert response.status_code == 200
    with django_assert_num_queries(FRONT):
        client.get(download_url(plan, fmt))
    with django_assert_num_queries(CACHED):
        client.get(download_url(plan, fmt), {"utm_source": "qr"})
