"""Every public page runs a fixed number of SQL queries, whatever the size of the plan.

The counts are for an anonymous visitor (no session, no user). Cached pages still check
the announced plans and load the plan, so a plan that stops being public 404s at once.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.test_public_support import announce, download_url, fill, plan_url, project_url

# generation, the plan (with its organization's other plans), its PDF document (notices),
# projects, their villages, the posting rule and the postings, demo-data banner
PLAN_PAGE = 8
# the same, and the ids of the projects that match the filters
FILTERED_PLAN_PAGE = 9
# generation, the plan and its document: the page itself comes from the cache
CACHED_PLAN_PAGE = 3
# generation and the plan: a project page or download comes from the cache
CACHED = 2
# generation only
CACHED_HOME = 1
# generation, announced plans with counts and totals, posting rules, postings, demo banner
HOME = 5
# generation, the plan, the project, its villages, its budget lines, demo-data banner
PROJECT_PAGE = 6
# generation, the plan, projects, villages (and budget lines for XLSX and JSON)
DOWNLOAD = {"csv": 4, "xlsx": 5, "json": 5}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture(params=[10, 100])
def plan(request, world):
    fill(world, request.param)
    return announce(world["plan"])


def test_it_shows_the_plan_page_in_a_constant_number_of_queries(
    client, plan, django_assert_num_queries
):
    with django_assert_num_queries(PLAN_PAGE):
        response = client.get(plan_url(plan))
    assert response.context["tables"].count == plan.projects.count()
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
        client.get(reverse("public:home"))
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
