"""Public pages come from the cache, and a newly announced plan shows at once."""

import pytest
from django.core.cache import cache

from projects.models import Project
from tests.support import (
    CACHED_PLAN_PAGE,
    FILTERED_PLAN_PAGE,
    add_plan,
    add_project,
    announce,
    download_url,
    fill,
    organization_url,
    plan_url,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_it_serves_a_page_again_from_the_cache(client, world):
    plan = announce(world["plan"])
    project = add_project(world, title="ถนนสายเดิม")
    first = client.get(plan_url(plan))
    # A change that does not go through an announcement (say, in the admin) is not seen
    # until the entry expires: the page really comes from the cache.
    Project.objects.filter(pk=project.pk).update(title="ถนนสายใหม่")
    second = client.get(plan_url(plan))
    assert second.content == first.content
    assert "ถนนสายเดิม" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]


def test_it_shows_a_newly_announced_plan_on_its_organization_and_beside_its_siblings(client, world):
    plan = announce(world["plan"])
    supplement = add_plan(world, 2565, supplement=1)
    home = organization_url(world["org"])
    assert "/p/sungmen/2565/s1/" not in client.get(home).content.decode()
    assert "/p/sungmen/2565/s1/" not in client.get(plan_url(plan)).content.decode()
    announce(supplement)
    assert "/p/sungmen/2565/s1/" in client.get(home).content.decode()
    assert "/p/sungmen/2565/s1/" in client.get(plan_url(plan)).content.decode()


def test_it_renders_filtered_and_searched_pages_afresh(client, world):
    plan = announce(world["plan"])
    project = add_project(world, title="ถนนสายเดิม")
    client.get(plan_url(plan), {"q": "ถนน"})
    Project.objects.filter(pk=project.pk).update(title="ถนนสายใหม่")
    assert "ถนนสายใหม่" in client.get(plan_url(plan), {"q": "ถนน"}).content.decode()


def test_it_serves_an_unknown_parameter_from_the_cache_but_not_a_search(
    client, world, django_assert_num_queries
):
    fill(world, 20)
    plan = announce(world["plan"])
    plain = client.get(plan_url(plan))
    with django_assert_num_queries(CACHED_PLAN_PAGE):
        tracked = client.get(plan_url(plan), {"x": "1"})
    assert tracked.content == plain.content
    with django_assert_num_queries(FILTERED_PLAN_PAGE):
        searched = client.get(plan_url(plan), {"q": "ถนน"})
    assert searched.context["filters"].is_filtered


def test_it_keeps_a_page_asked_with_an_unknown_parameter_as_the_plain_page(client, world):
    fill(world, 3)
    plan = announce(world["plan"])
    tracked = client.get(plan_url(plan), {"utm_source": "qr"})
    assert not tracked.context["filters"].is_bound
    Project.objects.filter(plan=plan).update(title="ถนนสายใหม่")
    plain = client.get(plan_url(plan))
    assert plain.context is None  # from the cache, filled by the request with the parameter
    assert plain.content == tracked.content


def test_it_renders_an_empty_search_afresh(client, world):
    plan = announce(world["plan"])
    project = add_project(world, title="ถนนสายเดิม")
    client.get(plan_url(plan))
    Project.objects.filter(pk=project.pk).update(title="ถนนสายใหม่")
    assert "ถนนสายใหม่" in client.get(plan_url(plan), {"q": ""}).content.decode()


def test_it_caches_downloads_with_their_headers(client, world):
    plan = announce(world["plan"])
    first = client.get(download_url(plan, "csv"))
    second = client.get(download_url(plan, "csv"))
    assert second.content == first.content
    assert second["Content-Disposition"] == 'attachment; filename="plan-sungmen-2565.csv"'
    assert second["Content-Type"] == "text/csv; charset=utf-8"
