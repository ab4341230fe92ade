"""The admin at national scale: organizations and plans chosen by autocomplete instead of a
link each, no second count of the whole table, and project search by words."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.support import add_project, make_world

CHANGELIST = reverse("admin:projects_project_changelist")


@pytest.fixture
def admin_client_(client, world):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    return client


@pytest.fixture
def many(world):
    return [make_world(f"org{n}", f"องค์การบริหารส่วนตำบลที่ {n}") for n in range(30)]


def test_it_filters_by_autocomplete_instead_of_a_link_per_organization(admin_client_, many):
    html = admin_client_.get(CHANGELIST).content.decode()
    assert "องค์การบริหารส่วนตำบลที่ 17" not in html
    assert 'data-ajax--url="/admin/autocomplete/"' in html
    assert "admin/autocomplete_filter.js" in html
    assert "ทั้งหมด)" not in html  # no "(n total)" beside the filtered count


def test_it_lists_only_the_chosen_organizations_projects(admin_client_, world, many):
    add_project(world, title="ถนนสายสูงเม่น")
    add_project(many[0], title="ถนนสายอื่น")
    chosen = {"plan__organization__id__exact": world["org"].pk}
    response = admin_client_.get(CHANGELIST, chosen)
    assert [p.title for p in response.context["cl"].result_list] == ["ถนนสายสูงเม่น"]
    # The chosen organization is drawn in the widget; the others are not loaded.
    assert "องค์การบริหารส่วนตำบลสูงเม่น" in response.content.decode()


def test_it_answers_the_autocomplete_of_the_filter(admin_client_, many):
    response = admin_client_.get(
        reverse("admin:autocomplete"),
        {
            "term": "ที่ 17",
            "app_label": "projects",
            "model_name": "operationsplan",
            "field_name": "organization",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["องค์การบริหารส่วนตำบลที่ 17"]


def test_it_searches_projects_by_words(admin_client_, world):
    add_project(world, title="ก่อสร้างถนนคอนกรีตเสริมเหล็ก")
    add_project(world, title="ประชุมนายกองค์การบริหารส่วนตำบล")
    titles = [
        p.title for p in admin_client_.get(CHANGELIST, {"q": "คอนกรีต"}).context["cl"].result_list
    ]
    assert titles == ["ก่อสร้างถนนคอนกรีตเสริมเหล็ก"]
    assert list(admin_client_.get(CHANGELIST, {"q": "นา"}).context["cl"].result_list) == []


def test_it_keeps_the_admin_from_planning_staff(client, personas):
    client.force_login(personas["staff"])
    assert client.get(CHANGELIST).status_code == 302


def test_it_counts_no_further_than_its_cap(admin_client_, world, monkeypatch):
    from projects.admin_filters import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "CAP", 3)
    for n in range(5):
        add_project(world, title=f"ถนนสายที่ {n}")
    cl = admin_client_.get(CHANGELIST).context["cl"]
    assert cl.result_count == 3
