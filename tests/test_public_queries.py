"""Every public page runs a fixed number of SQL queries, whatever the size of the plan.

The counts are for an anonymous visitor (no session, no user). Cached pages still check
the announced plans and load the plan, so a plan that stops being public 404s at once.
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
    CACHED_PLAN_PAGE,
    DOWNLOAD,
    FILTERED_PLAN_PAGE,
    HOME,
    PLAN_PAGE,
    PROJECT_PAGE,
    announce,
    download_url,
    fill,
    plan_url,
    post,
    project_url,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture(params=[10, 100])
def plan(request, world, other_world):
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
    with django_assert_num_queries(CACHED_PLAN_PAGE):
        assert client.get(plan_url(plan)).status_code == 200


def test_it_filters_and_searches_in_a_constant_number_of_queries(
    client, world, plan, django_assert_num_queries
):
    params = {"q": "ถนนคอนกรีต", "village": world["villages"][1].pk, "ownership": "own"}
    with django_assert_num_queries(FILTERED_PLAN_PAGE):
        response = client.get(plan_url(plan), params)
    assert 0 < response.context["tables"].count < plan.projects.count()


def test_it_shows_home_and_a_project_in_a_constant_number_of_queries(
    client, plan, django_assert_num_queries
):
    with django_assert_num_queries(HOME):
        home = client.get(reverse("public:home"))
    plans = [p for e in home.context["organizations"] for y in e["years"] for p in y["plans"]]
    assert len(plans) == 2
    assert all(p.posting for p in plans)
    with django_assert_num_queries(CACHED_HOME):
        client.get(reverse("public:home"))
    address = project_url(plan.projects.first())
    with django_assert_num_queries(PROJECT_PAGE):
        response = client.get(address)
    assert response.status_code == 200
    with django_assert_num_queries(CACHED):
        client.get(address)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_it_builds_each_download_in_a_constant_number_of_queries(
    client, plan, fmt, django_assert_num_queries
):
    with django_assert_num_queries(DOWNLOAD[fmt]):
        response = client.get(download_url(plan, fmt))
    assert response.status_code == 200
    with django_assert_num_queries(CACHED):
        client.get(download_url(plan, fmt))
